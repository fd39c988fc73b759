#include "cartero/core/sql.hpp"
#include "store.hpp"

namespace cartero::proof::store {

std::optional<AdmissionRow> admission_of_letter(Database& db, const std::string& letter_id) {
  std::optional<AdmissionRow> out;
  sql::for_each_row(db, "SELECT letter_id, guia, admitted_on FROM letter_admissions WHERE letter_id = ?", {letter_id},
                    [&](const sql::Row& r) {
                      if (const auto d = Date::parse_iso(r.text(2))) {
                        out = AdmissionRow{std::string(r.text(0)), std::string(r.text(1)), *d};
                      }
                    });
  return out;
}

std::optional<std::string> letter_of_guia(Database& db, const std::string& guia) {
  return sql::scalar(db, "SELECT letter_id FROM letter_admissions WHERE guia = ?", {guia});
}

void insert_admission(Database& db, const AdmissionRow& a, const std::string& recorded_at, const std::string& user) {
  sql::exec(db,
            "INSERT INTO letter_admissions (letter_id, guia, admitted_on, recorded_at, recorded_by) "
            "VALUES (?, ?, ?, ?, ?)",
            {a.letter_id, a.guia, a.admitted_on.iso(), recorded_at, user});
}

void for_each_admission(Database& db,
                        const std::function<void(std::string_view, std::string_view, Date)>& fn) {
  sql::for_each_row(db, "SELECT letter_id, guia, admitted_on FROM letter_admissions", {}, [&](const sql::Row& r) {
    if (const auto d = Date::parse_iso(r.text(2))) fn(r.text(0), r.text(1), *d);
  });
}

}  // namespace cartero::proof::store
