#include "cartero/proof/admissions.hpp"

#include <initializer_list>

#include "cartero/core/csv.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/holidays.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/text.hpp"
#include "cartero/letters/printed.hpp"
#include "cartero/returns/register.hpp"
#include "store.hpp"

namespace cartero::proof {

namespace {

int find_column(const CsvReader& in, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    if (const int c = in.column(n); c >= 0) return c;
  }
  return -1;
}

std::string field_at(const std::vector<std::string_view>& fields, int column) {
  if (column < 0 || static_cast<std::size_t>(column) >= fields.size()) return {};
  return std::string(trim(fields[static_cast<std::size_t>(column)]));
}

}  // namespace

std::optional<Date> parse_office_date(const std::string& text) {
  if (auto iso = Date::parse_iso(text)) return iso;
  const auto t = trim(text);
  int part[3] = {0, 0, 0};
  int digits[3] = {0, 0, 0};
  int i = 0;
  for (char c : t) {
    if (c >= '0' && c <= '9') {
      if (digits[i] == 4) return std::nullopt;
      part[i] = part[i] * 10 + (c - '0');
      ++digits[i];
    } else if (c == '/' && i < 2 && digits[i] > 0) {
      ++i;
    } else {
      return std::nullopt;
    }
  }
  if (i != 2 || digits[0] > 2 || digits[1] > 2 || digits[2] != 4) return std::nullopt;
  return Date::from_ymd(part[2], part[1], part[0]);
}

AdmissionImport import_admissions(Database& db, const std::string& path, const std::string& user, Date today) {
  CsvReader in(path);
  AdmissionImport out;
  out.file = path;
  const int c_barcode = find_column(in, {"barcode", "codigo de barras", "codigo_barras", "codigo"});
  const int c_letter = find_column(in, {"letter_id", "carta", "numero de carta", "no carta"});
  const int c_guia = find_column(in, {"guia", "numero de guia", "no guia", "guia no", "numero guia"});
  const int c_date = find_column(in, {"admitted_on", "fecha de admision", "fecha admision", "fecha"});
  if (c_barcode < 0 && c_letter < 0) {
    throw InputError(path + ": no column names the letter: add 'barcode' (Código de barras) or 'letter_id' (Carta)");
  }
  if (c_guia < 0) throw InputError(path + ": required column 'guia' (Guía, Número de guía) is missing");
  if (c_date < 0) throw InputError(path + ": required column 'admitted_on' (Fecha de admisión) is missing");

  sql::Transaction tx(db);
  const std::string now = now_utc_iso();
  std::vector<std::string_view> fields;
  while (in.next(fields)) {
    if (is_blank_record(fields)) continue;
    ++out.read;
    const std::size_t line = in.line();
    auto reject = [&](const char* field, std::string reason) {
      out.rejected.push_back({line, field, std::move(reason)});
    };
    std::string typed = field_at(fields, c_barcode);
    const char* letter_field = "barcode";
    if (typed.empty()) {
      typed = field_at(fields, c_letter);
      letter_field = "letter_id";
    }
    if (typed.empty()) {
      reject("letter_id", "no barcode or letter number on the row");
      continue;
    }
    const auto letter_id = returns::letter_id_from_typed(typed);
    if (!letter_id) {
      reject(letter_field, "'" + typed + "' is not a letter number (2026-000123) or a letter's barcode (2026-000123-7)");
      continue;
    }
    const auto letter = letters::find_letter(db, *letter_id);
    if (!letter) {
      reject(letter_field, "Cartero printed no letter " + *letter_id);
      continue;
    }
    if (!letter->sent_on) {
      reject(letter_field, "letter " + *letter_id + " was never dispatched: dispatch its batch before its admission");
      continue;
    }
    const std::string guia = field_at(fields, c_guia);
    if (guia.empty()) {
      reject("guia", "the guía number is empty");
      continue;
    }
    const std::string date_text = field_at(fields, c_date);
    const auto admitted = parse_office_date(date_text);
    if (!admitted) {
      reject("admitted_on", "'" + date_text + "' is not a date (2026-11-24 or 24/11/2026)");
      continue;
    }
    if (*admitted < *letter->sent_on) {
      reject("admitted_on", "admitted on " + admitted->iso() + ", before the letter was dispatched on " +
                                letter->sent_on->iso());
      continue;
    }
    if (*admitted > today) {
      reject("admitted_on", admitted->iso() + " is in the future");
      continue;
    }
    if (const auto why = non_contact_day_reason(*admitted); !why.empty()) {
      reject("admitted_on", admitted->iso() + " is a " + (why == "domingo" ? std::string("Sunday") : "public holiday (" + why + ")") +
                                ": no letter is admitted then (Ley 2300 de 2023); check the date");
      continue;
    }
    if (const auto existing = store::admission_of_letter(db, *letter_id)) {
      if (existing->guia == guia && existing->admitted_on == *admitted) {
        ++out.already;
      } else {
        reject("guia", "letter " + *letter_id + " was already admitted with guía " + existing->guia + " on " +
                           existing->admitted_on.iso());
      }
      continue;
    }
    if (const auto other = store::letter_of_guia(db, guia)) {
      reject("guia", "guía " + guia + " already belongs to letter " + *other);
      continue;
    }
    store::insert_admission(db, {*letter_id, guia, *admitted}, now, user);
    ++out.admitted;
  }
  if (out.read == 0) throw InputError(path + ": the file has no rows");
  tx.commit();
  return out;
}

std::string to_json(const AdmissionImport& s) {
  JsonWriter w;
  w.begin_object().key("kind").value("admissions").key("file").value(s.file);
  w.key("read").value(s.read).key("admitted").value(s.admitted).key("already").value(s.already);
  w.key("rejected").begin_array();
  for (const auto& r : s.rejected) {
    w.begin_object().key("line").value(r.line).key("field").value(r.field).key("reason").value(r.reason).end_object();
  }
  w.end_array().end_object();
  return w.str();
}

std::optional<Admission> admission_of(Database& db, const std::string& letter_id) {
  const auto row = store::admission_of_letter(db, letter_id);
  if (!row) return std::nullopt;
  return Admission{row->guia, row->admitted_on};
}

}  // namespace cartero::proof
