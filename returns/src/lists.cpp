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
#include "store.hpp"

namespace fs = std::filesystem;

namespace cartero::returns {

namespace {

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whether a return's letter passes the filter's letter fields (zone, and the
// text: the letter id, the account id or a part of the holder's name).
bool letter_matches(const ReturnFilter& f, const std::string& text_lower, const store::StoredReturn& r,
                    const letters::LetterRecord& l) {
  if (!f.zone.empty() && l.zone != f.zone) return false;
  if (f.text.empty()) return true;
  return r.letter_id == f.text || l.account_id == f.text || lower_ascii(l.holder_name).find(text_lower) != std::string::npos;
}

// The register's returns with their letters' facts, newest first: the
// register's own filters in its store, a page at a time; the letters' from
// letters/ (one lookup per page), the letter filters here.
void collect(Database& db, const ReturnFilter& f, const std::function<void(ReturnRow&&)>& fn) {
  constexpr std::int64_t k_page = 1000;
  const std::string text_lower = lower_ascii(f.text);
  std::int64_t below = f.before_id.value_or(std::numeric_limits<std::int64_t>::max());
  std::int64_t found = 0;
  for (;;) {
    const auto page = store::returns_page(db, f, below, k_page);
    std::vector<std::string> ids;
    ids.reserve(page.size());
    for (const auto& r : page) ids.push_back(r.letter_id);
    std::unordered_map<std::string, letters::LetterRecord> by_id;
    for (auto& l : letters::find_letters(db, ids)) by_id.emplace(l.letter_id, std::move(l));
    for (const auto& r : page) {
      const auto it = by_id.find(r.letter_id);
      if (it == by_id.end() || !letter_matches(f, text_lower, r, it->second)) continue;
      const auto& l = it->second;
      fn({r.return_id, r.letter_id, r.cause, r.observation, r.returned_on, r.registered_at, r.registered_by, r.source,
          l.account_id, l.holder_name, l.address, l.zone, r.scan_page_id});
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

void for_each_return(Database& db, const ReturnFilter& f, const std::function<void(const ReturnRow&)>& fn) {
  std::vector<ReturnRow> rows;  // fn may query the database: read first
  collect(db, f, [&](ReturnRow&& row) { rows.push_back(std::move(row)); });
  for (const auto& row : rows) fn(row);
}

void write_returns_csv(Database& db, const ReturnFilter& filter, const std::string& path) {
  CsvWriter out(path);
  out.row({"return_id", "letter_id", "account_id", "holder_name", "address", "zone", "cause", "observation", "returned_on",
           "registered_at", "registered_by", "source"});
  ReturnFilter all = filter;
  all.limit = 0;
  collect(db, all, [&](ReturnRow&& r) {
    out.row({std::to_string(r.return_id), r.letter_id, r.account_id, r.holder_name, r.address, r.zone, r.cause, r.observation,
             r.returned_on, r.registered_at, r.registered_by, r.source});
  });
  out.close();
}

void write_cases_csv(const std::string& path, const std::vector<Case>& cases) {
  CsvWriter out(path);
  out.row({"case_id", "kind", "account_id", "holder_name", "address", "neighborhood", "zone", "cause", "letter_id",
           "return_id", "opened_at", "finding"});
  for (const auto& c : cases) {
    const std::string id = std::to_string(c.id), ret = c.return_id ? std::to_string(*c.return_id) : "";
    out.row({id, code(c.kind), c.account_id, c.holder_name, c.address, c.neighborhood, c.zone, c.cause, c.letter_id, ret,
             c.opened_at, ""});
  }
  out.close();
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
