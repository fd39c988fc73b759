#include "cartero/returns/lists.hpp"

#include <filesystem>
#include <limits>
#include <cctype>
#include <map>
#include <unordered_map>

#include "cartero/core/csv.hpp"
#include "cartero/letters/printed.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/scanning/page.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/text.hpp"
#include "return_search.hpp"
#include "store.hpp"

namespace fs = std::filesystem;

namespace cartero::returns {

namespace {

// Returns registered before the folded search columns (migration 28) get
// them once, from their letters, before a search reads them.
void index_unsearched(Database& db) {
  const auto missing = store::returns_without_search(db);
  if (missing.empty()) return;
  std::vector<std::string> ids;
  for (const auto& m : missing) ids.push_back(m.second);
  std::unordered_map<std::string, letters::LetterRecord> by_id;
  for (auto& l : letters::find_letters(db, ids)) by_id.emplace(l.letter_id, std::move(l));
  sql::Transaction tx(db);
  for (const auto& [return_id, letter_id] : missing) {
    const auto it = by_id.find(letter_id);
    if (it == by_id.end()) continue;
    store::set_return_search(db, return_id, detail::return_search_text(it->second), fold_search(it->second.zone));
  }
  tx.commit();
}

// The register's returns with their letters' facts, newest first: the
// filters in the register's store (the zone and the text through its folded
// search columns), a page at a time; the letters' facts from letters/ (one
// lookup per page).
void collect(Database& db, const ReturnFilter& f, const std::function<void(ReturnRow&&)>& fn) {
  constexpr std::int64_t k_page = 1000;
  if (!f.text.empty() || !f.zone.empty()) index_unsearched(db);
  std::int64_t below = f.before_id.value_or(std::numeric_limits<std::int64_t>::max());
  std::int64_t found = 0, offset = f.sort.is_default() ? 0 : std::max<std::int64_t>(f.offset, 0);
  for (;;) {
    const auto page = store::returns_page(db, f, below, k_page, offset);
    offset += static_cast<std::int64_t>(page.size());
    std::vector<std::string> ids;
    ids.reserve(page.size());
    for (const auto& r : page) ids.push_back(r.letter_id);
    std::unordered_map<std::string, letters::LetterRecord> by_id;
    for (auto& l : letters::find_letters(db, ids)) by_id.emplace(l.letter_id, std::move(l));
    for (const auto& r : page) {
      const auto it = by_id.find(r.letter_id);
      if (it == by_id.end()) continue;
      const auto& l = it->second;
      fn({r.return_id, r.letter_id, r.cause, r.observation, r.returned_on, r.registered_at, r.registered_by, r.source,
          l.account_id, l.holder_name, l.address, l.zone, r.scan_page_id, r.voided_at, r.voided_by, r.void_reason});
      if (f.limit > 0 && ++found == f.limit) return;
    }
    if (static_cast<std::int64_t>(page.size()) < k_page) return;
    below = page.back().return_id;
  }
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

std::int64_t count_returns(Database& db, const ReturnFilter& f) {
  if (!f.text.empty() || !f.zone.empty()) index_unsearched(db);
  return store::count_returns(db, f);
}

void for_each_return(Database& db, const ReturnFilter& f, const std::function<void(const ReturnRow&)>& fn) {
  std::vector<ReturnRow> rows;  // fn may query the database: read first
  collect(db, f, [&](ReturnRow&& row) { rows.push_back(std::move(row)); });
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
                          {"source", "Origen"}, {"voided_at", "Anulada", CellKind::timestamp}, {"voided_by", "Anuló"},
                          {"void_reason", "Motivo de la anulación"}});
  ReturnFilter all = filter;
  all.limit = 0;
  all.offset = 0;
  all.before_id.reset();
  std::vector<std::string> cells(15), labels(15);
  collect(db, all, [&](ReturnRow&& r) {
    cells = {std::to_string(r.return_id), r.letter_id, r.account_id, r.holder_name, r.address, r.zone, r.cause, r.observation,
             r.returned_on, r.registered_at, r.registered_by, r.source, r.voided_at, r.voided_by, r.void_reason};
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
                          {"finding", "Hallazgo"}, {"observation", "Observación"}});
  std::vector<std::string> labels(13);
  for (const auto& c : cases) {
    const std::string ret = c.return_id ? std::to_string(*c.return_id) : "";
    labels[1] = kind_label(c.kind);
    labels[7] = cause_label(c.cause);
    out->row({std::to_string(c.id), std::string(code(c.kind)), c.account_id, c.holder_name, c.address, c.neighborhood, c.zone,
              c.cause, c.letter_id, ret, c.opened_at, "", c.observation},
             labels);
  }
  out->close();
}

std::vector<ZoneSummary> zones(Database& db) {
  std::map<std::string, ZoneSummary> by_zone;
  for (const auto& [zone, n] : selection::accounts_per_zone(db)) by_zone[zone] = {zone, n, 0};
  for (const auto& [zone, n] : store::open_field_checks_per_zone(db)) {
    auto& z = by_zone[zone];
    z.zone = zone;
    z.open_field_cases = n;
  }
  std::vector<ZoneSummary> out;
  for (auto& [name, z] : by_zone) {
    if (!name.empty()) out.push_back(std::move(z));
  }
  return out;
}

std::optional<std::string> page_image(Database& db, std::int64_t scan_page_id) {
  const auto found = store::page_source(db, scan_page_id);
  if (!found) return std::nullopt;
  const std::pair<std::string, int> stored{found->stored_path, found->page};
  const auto* source = &stored;
  const auto dir = db.files_dir();
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

std::optional<std::string> return_observation(Database& db, std::int64_t return_id) {
  const auto file = store::return_observation_crop(db, return_id);
  if (!file || file->empty() || !fs::exists(*file)) return std::nullopt;
  return file;
}

std::optional<std::string> review_crop(Database& db, std::int64_t scan_page_id, bool codes) {
  const auto file = store::page_crop(db, scan_page_id, codes);
  if (!file || file->empty()) return std::nullopt;
  return file;
}

bool on_field_lists(Database& db, const std::string& account_id, const std::vector<std::string>& zones) {
  for (const auto& zone : zones) {
    if (store::has_field_check(db, account_id, zone)) return true;
  }
  return false;
}

std::optional<std::string> case_zone(Database& db, std::int64_t case_id) { return store::zone_of_case(db, case_id); }

}  // namespace cartero::returns
