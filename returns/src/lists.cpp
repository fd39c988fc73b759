#include "cartero/returns/lists.hpp"

#include <filesystem>
#include <limits>
#include <map>

#include "cartero/core/csv.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/scanning/page.hpp"

namespace fs = std::filesystem;

namespace cartero::returns {

namespace {

// One query for the screen and the export; every filter is a parameter, so
// an empty one matches everything.
constexpr const char* k_returns_query =
    "SELECT r.return_id, r.letter_id, r.cause, r.observation, r.returned_on, r.registered_at, r.registered_by, r.source, "
    "l.account_id, l.holder_name, l.address, l.zone, r.scan_page_id "
    "FROM returns r JOIN letters l ON l.letter_id = r.letter_id "
    "WHERE (? = '' OR r.cause = ?) AND (? = '' OR l.zone = ?) AND (? = '' OR r.source = ?) "
    "AND (? = '' OR r.returned_on >= ?) AND (? = '' OR r.returned_on <= ?) "
    "AND (? = '' OR r.letter_id = ? OR l.account_id = ? OR LOWER(l.holder_name) LIKE LOWER(?)) "
    "AND r.return_id < ? ORDER BY r.return_id DESC";

std::vector<std::string> params_of(const ReturnFilter& f) {
  const std::string like = "%" + f.text + "%";
  return {f.cause, f.cause, f.zone,  f.zone,   f.source, f.source, f.from,
          f.from,  f.to,    f.to,    f.text,   f.text,   f.text,   like,
          std::to_string(f.before_id.value_or(std::numeric_limits<std::int64_t>::max()))};
}

// The page at most `width` pixels wide (box filter), for the screen.
scanning::PageImage shrink(const scanning::PageImage& in, int width) {
  if (in.width <= width) return in;
  const int f = (in.width + width - 1) / width;
  scanning::PageImage out;
  out.width = in.width / f;
  out.height = in.height / f;
  out.gray.resize(static_cast<std::size_t>(out.width) * out.height);
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      int sum = 0;
      for (int dy = 0; dy < f; ++dy) {
        const auto* row = &in.gray[static_cast<std::size_t>(y * f + dy) * in.width + x * f];
        for (int dx = 0; dx < f; ++dx) sum += row[dx];
      }
      out.gray[static_cast<std::size_t>(y) * out.width + x] = static_cast<std::uint8_t>(sum / (f * f));
    }
  }
  return out;
}

}  // namespace

void for_each_return(Database& db, const ReturnFilter& f, const std::function<void(const ReturnRow&)>& fn) {
  std::string query = k_returns_query;
  if (f.limit > 0) query += " LIMIT " + std::to_string(f.limit);
  std::vector<ReturnRow> rows;  // fn may query the database: read first
  sql::for_each_row(db, query, params_of(f), [&](const sql::Row& r) {
    ReturnRow row;
    row.return_id = r.int64(0);
    row.letter_id = r.text(1);
    row.cause = r.text(2);
    row.observation = r.text(3);
    row.returned_on = r.text(4);
    row.registered_at = r.text(5);
    row.registered_by = r.text(6);
    row.source = r.text(7);
    row.account_id = r.text(8);
    row.holder_name = r.text(9);
    row.address = r.text(10);
    row.zone = r.text(11);
    if (!r.is_null(12)) row.scan_page_id = r.int64(12);
    rows.push_back(std::move(row));
  });
  for (const auto& row : rows) fn(row);
}

namespace {

// The Spanish words for the codes people see in exported lists.
std::string source_label(std::string_view source) {
  if (source == "scan") return "Escáner";
  if (source == "courier_file") return "Archivo del courier";
  if (source == "hand" || source == "manual") return "Registro manual";
  if (source == "review") return "Revisión";
  return std::string(source);
}

std::string cause_label(std::string_view cause) {
  const auto c = parse_cause_code(cause);
  return c ? std::string(cause_info(*c).label) : std::string(cause);
}

std::string kind_label(CaseKind k) {
  switch (k) {
    case CaseKind::field_check: return "Verificación de terreno";
    case CaseKind::cleanup: return "Depuración (facturación)";
    case CaseKind::address_update: return "Actualización de dirección";
  }
  return "";
}

}  // namespace

void write_returns_csv(Database& db, const ReturnFilter& filter, const std::string& path, ExportFormat format) {
  auto out = open_export(path, format, "Devoluciones",
                         {{"return_id", "Devolución", CellKind::number}, {"letter_id", "Carta"}, {"account_id", "Cuenta"},
                          {"holder_name", "Suscriptor"}, {"address", "Dirección"}, {"zone", "Zona"}, {"cause", "Causal"},
                          {"observation", "Observación"}, {"returned_on", "Fecha de devolución", CellKind::date},
                          {"registered_at", "Registrada", CellKind::timestamp}, {"registered_by", "Registró"},
                          {"source", "Origen"}});
  ReturnFilter all = filter;
  all.limit = 0;
  std::vector<std::string> cells(12), labels(12);
  sql::for_each_row(db, k_returns_query, params_of(all), [&](const sql::Row& r) {
    cells = {std::to_string(r.int64(0)), std::string(r.text(1)), std::string(r.text(8)), std::string(r.text(9)),
             std::string(r.text(10)), std::string(r.text(11)), std::string(r.text(2)), std::string(r.text(3)),
             std::string(r.text(4)), std::string(r.text(5)), std::string(r.text(6)), std::string(r.text(7))};
    labels[6] = cause_label(cells[6]);
    labels[11] = source_label(cells[11]);
    out->row(cells, labels);
  });
  out->close();
}

void write_cases_csv(const std::string& path, const std::vector<Case>& cases, ExportFormat format) {
  auto out = open_export(path, format, "Casos",
                         {{"case_id", "Caso", CellKind::number}, {"kind", "Tipo"}, {"account_id", "Cuenta"},
                          {"holder_name", "Suscriptor"}, {"address", "Dirección"}, {"neighborhood", "Barrio"},
                          {"zone", "Zona"}, {"cause", "Causal"}, {"letter_id", "Carta"},
                          {"return_id", "Devolución", CellKind::number}, {"opened_at", "Abierto", CellKind::timestamp},
                          {"finding", "Hallazgo"}});
  std::vector<std::string> labels(12);
  for (const auto& c : cases) {
    const std::string ret = c.return_id ? std::to_string(*c.return_id) : "";
    labels[1] = kind_label(c.kind);
    labels[7] = cause_label(c.cause);
    out->row({std::to_string(c.id), std::string(code(c.kind)), c.account_id, c.holder_name, c.address, c.neighborhood, c.zone,
              c.cause, c.letter_id, ret, c.opened_at, ""},
             labels);
  }
  out->close();
}

std::vector<ZoneSummary> zones(Database& db) {
  std::map<std::string, ZoneSummary> by_zone;
  sql::for_each_row(db, "SELECT zone, COUNT(*) FROM accounts GROUP BY zone", {},
                    [&](const sql::Row& r) { by_zone[std::string(r.text(0))] = {std::string(r.text(0)), r.int64(1), 0}; });
  sql::for_each_row(db, "SELECT zone, COUNT(*) FROM cases WHERE kind = 'field_check' AND status = 'open' GROUP BY zone", {},
                    [&](const sql::Row& r) {
                      auto& z = by_zone[std::string(r.text(0))];
                      z.zone = r.text(0);
                      z.open_field_cases = r.int64(1);
                    });
  std::vector<ZoneSummary> out;
  for (auto& [name, z] : by_zone) {
    if (!name.empty()) out.push_back(std::move(z));
  }
  return out;
}

std::optional<std::string> page_image(Database& db, std::int64_t scan_page_id) {
  std::optional<std::pair<std::string, int>> source;
  sql::for_each_row(db,
                    "SELECT f.stored_path, p.page FROM scan_pages p JOIN scan_files f ON f.sha256 = p.file_sha256 WHERE p.id = ?",
                    {std::to_string(scan_page_id)},
                    [&](const sql::Row& r) { source = {std::string(r.text(0)), static_cast<int>(r.int64(1))}; });
  if (!source) return std::nullopt;
  const auto dir = db.files_dir().empty() ? std::string("cartero.files") : db.files_dir();
  const fs::path png = fs::path(dir) / "pages" / (std::to_string(scan_page_id) + ".png");
  std::error_code ec;
  if (fs::exists(png, ec)) return png.string();
  if (!fs::exists(source->first, ec)) return std::nullopt;
  auto reader = scanning::PageReader::open(source->first, 100);
  if (source->second < 1 || source->second > reader->page_count()) return std::nullopt;
  const auto page = reader->read(source->second);
  if (!page.image) return std::nullopt;
  fs::create_directories(png.parent_path(), ec);
  // Written under a temporary name: two requests at once never see half a file.
  // (the encoder goes by the name's extension, so it stays .png).
  const fs::path tmp = png.parent_path() / (std::to_string(scan_page_id) + ".tmp" +
                                            std::to_string(reinterpret_cast<std::uintptr_t>(&page) % 1000003) + ".png");
  if (!scanning::write_png(shrink(*page.image, 1100), tmp.string())) return std::nullopt;
  fs::rename(tmp, png, ec);
  return png.string();
}

std::optional<std::int64_t> return_scan_page(Database& db, std::int64_t return_id) {
  const auto page = sql::scalar(db, "SELECT scan_page_id FROM returns WHERE return_id = ?", {std::to_string(return_id)});
  if (!page) return std::nullopt;
  return std::stoll(*page);
}

std::optional<std::string> review_crop(Database& db, std::int64_t scan_page_id, bool codes) {
  const auto file = sql::scalar(db, codes ? "SELECT code_crop FROM scan_pages WHERE id = ?" : "SELECT panel_crop FROM scan_pages WHERE id = ?",
                                {std::to_string(scan_page_id)});
  if (!file || file->empty()) return std::nullopt;
  return file;
}

bool on_field_lists(Database& db, const std::string& account_id, const std::vector<std::string>& zones) {
  for (const auto& zone : zones) {
    if (sql::scalar(db, "SELECT id FROM cases WHERE account_id = ? AND zone = ? AND kind = 'field_check'", {account_id, zone})) return true;
  }
  return false;
}

std::optional<std::string> case_zone(Database& db, std::int64_t case_id) {
  return sql::scalar(db, "SELECT zone FROM cases WHERE id = ?", {std::to_string(case_id)});
}

}  // namespace cartero::returns
