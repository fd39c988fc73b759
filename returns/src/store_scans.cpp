// Store of the scanned files and pages (scan_files, scan_pages; returns
// owns them); see store.hpp.
#include "cartero/core/date.hpp"
#include "cartero/core/sql.hpp"
#include "store.hpp"

namespace cartero::returns::store {

void keep_scan_file(Database& db, const std::string& sha256, const std::string& original_name, const std::string& stored_path,
                    std::int64_t bytes) {
  sql::exec(db,
            "INSERT INTO scan_files (sha256, original_name, stored_path, bytes, first_seen) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (sha256) DO NOTHING",
            {sha256, original_name, stored_path, std::to_string(bytes), now_utc_iso()});
}

bool page_waits_for_review(Database& db, const std::string& file_sha256, int page) {
  return sql::scalar(db, "SELECT id FROM scan_pages WHERE file_sha256 = ? AND page = ? AND status = 'review'",
                     {file_sha256, std::to_string(page)})
      .has_value();
}

std::int64_t insert_page(Database& db, const NewPage& p) {
  std::int64_t id = 0;
  sql::for_each_row(db,
                    "INSERT INTO scan_pages (file_sha256, page, scanned_at, scanned_by, status, letter_id, barcode, cause, "
                    "cause_confidence, note, note_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    {p.file_sha256, std::to_string(p.page), now_utc_iso(), p.scanned_by, p.status, p.letter_id, p.barcode,
                     p.cause, std::to_string(p.cause_confidence), p.note, p.note_code},
                    [&](const sql::Row& r) { id = r.int64(0); });
  return id;
}

void set_page_outcome(Database& db, std::int64_t page_id, const std::string& status, std::int64_t return_id) {
  sql::exec(db, "UPDATE scan_pages SET status = ?, return_id = ? WHERE id = ?",
            {status, std::to_string(return_id), std::to_string(page_id)});
}

void set_page_crops(Database& db, std::int64_t page_id, const std::string& code_crop, const std::string& panel_crop) {
  sql::exec(db, "UPDATE scan_pages SET code_crop = ?, panel_crop = ? WHERE id = ?",
            {code_crop, panel_crop, std::to_string(page_id)});
}

std::optional<std::string> page_status(Database& db, std::int64_t page_id) {
  return sql::scalar(db, "SELECT status FROM scan_pages WHERE id = ?", {std::to_string(page_id)});
}

std::optional<std::int64_t> page_return(Database& db, std::int64_t page_id) {
  const auto v = sql::scalar(db, "SELECT return_id FROM scan_pages WHERE id = ? AND return_id IS NOT NULL", {std::to_string(page_id)});
  return v ? std::optional<std::int64_t>(std::stoll(*v)) : std::nullopt;
}

void page_back_to_review(Database& db, std::int64_t page_id) {
  sql::exec(db, "UPDATE scan_pages SET status = 'review', return_id = NULL WHERE id = ?", {std::to_string(page_id)});
}

void confirm_page(Database& db, std::int64_t page_id, const std::string& status, const std::string& letter_id,
                  const std::string& cause, std::int64_t return_id) {
  const std::string page = std::to_string(page_id), ret = std::to_string(return_id);
  sql::exec(db, "UPDATE scan_pages SET status = ?, letter_id = ?, cause = ?, return_id = ? WHERE id = ?",
            {status, letter_id, cause, ret, page});
  sql::exec(db, "UPDATE scan_pages SET status = 'duplicate', return_id = ? WHERE status = 'review' AND letter_id = ? AND id <> ?",
            {ret, letter_id, page});
}

std::vector<ReviewItem> pages_in_review(Database& db) {
  std::vector<ReviewItem> out;
  sql::for_each_row(db,
                    "SELECT id, file_sha256, page, scanned_at, scanned_by, note, letter_id, cause, code_crop, panel_crop, note_code "
                    "FROM scan_pages WHERE status = 'review' ORDER BY id",
                    {}, [&](const sql::Row& r) {
                      const auto text = [&](int i) {
                        return r.is_null(i) || r.text(i).empty() ? std::nullopt : std::optional<std::string>(r.text(i));
                      };
                      out.push_back({r.int64(0), std::string(r.text(1)), static_cast<int>(r.int64(2)), std::string(r.text(3)),
                                     std::string(r.text(4)), std::string(r.text(5)), text(6), text(7), text(8), text(9)});
                      if (!r.is_null(10)) out.back().note_code = parse_page_note(r.text(10)).value_or(PageNote::none);
                    });
  return out;
}

std::optional<PageSource> page_source(Database& db, std::int64_t page_id) {
  std::optional<PageSource> out;
  sql::for_each_row(db,
                    "SELECT f.stored_path, p.page FROM scan_pages p JOIN scan_files f ON f.sha256 = p.file_sha256 WHERE p.id = ?",
                    {std::to_string(page_id)},
                    [&](const sql::Row& r) { out = PageSource{std::string(r.text(0)), static_cast<int>(r.int64(1))}; });
  return out;
}

std::optional<std::string> page_crop(Database& db, std::int64_t page_id, bool codes) {
  return sql::scalar(db, codes ? "SELECT code_crop FROM scan_pages WHERE id = ?" : "SELECT panel_crop FROM scan_pages WHERE id = ?",
                     {std::to_string(page_id)});
}

void set_observation_crop(Database& db, std::int64_t page_id, const std::string& png) {
  sql::exec(db, "UPDATE scan_pages SET observation_crop = ? WHERE id = ?", {png, std::to_string(page_id)});
}

std::optional<std::string> return_observation_crop(Database& db, std::int64_t return_id) {
  return sql::scalar(db,
                     "SELECT p.observation_crop FROM returns r JOIN scan_pages p ON p.id = r.scan_page_id "
                     "WHERE r.return_id = ? AND p.observation_crop IS NOT NULL",
                     {std::to_string(return_id)});
}

}  // namespace cartero::returns::store
