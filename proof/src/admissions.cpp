#include "cartero/proof/admissions.hpp"

#include <initializer_list>
#include <set>

#include "cartero/core/csv.hpp"
#include "cartero/core/table.hpp"
#include "cartero/selection/import_profile.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/holidays.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/text.hpp"
#include "cartero/core/values.hpp"
#include "cartero/letters/printed.hpp"
#include "cartero/letters/sent.hpp"
#include "cartero/returns/register.hpp"
#include "store.hpp"

namespace cartero::proof {

namespace {

// The column named by one of `names`, compared as the exports' importer
// compares them (case, accents, punctuation, "de/del"); -1 when absent.
int find_column(const TableReader& in, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    const std::string want = selection::fold_key(n);
    for (std::size_t i = 0; i < in.header().size(); ++i) {
      if (selection::fold_key(in.header()[i]) == want) return static_cast<int>(i);
    }
  }
  return -1;
}

std::string field_at(const std::vector<std::string_view>& fields, int column) {
  if (column < 0 || static_cast<std::size_t>(column) >= fields.size()) return {};
  return std::string(trim(fields[static_cast<std::size_t>(column)]));
}

}  // namespace

std::optional<Date> parse_office_date(const std::string& text) {
  // One reader of the office's dates for every import (core/values.hpp).
  return parse_date_text(text, DayOrder::day_first);
}

AdmissionImport import_admissions(Database& db, const std::string& path, const std::string& user, Date today) {
  // CSV or XLSX, through the exports' TableReader.
  const auto table = open_table(path);
  const TableReader& in = *table;
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
  table->read([&](std::size_t line, const std::vector<std::string_view>& fields) {
    if (is_blank_record(fields)) return true;
    ++out.read;
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
      return true;
    }
    const auto letter_id = returns::letter_id_from_typed(typed);
    if (!letter_id) {
      reject(letter_field, "'" + typed + "' is not a letter number (2026-000123) or a letter's barcode (2026-000123-7)");
      return true;
    }
    const auto letter = letters::find_letter(db, *letter_id);
    if (!letter) {
      reject(letter_field, "Cartero printed no letter " + *letter_id);
      return true;
    }
    if (!letter->sent_on) {
      reject(letter_field, "letter " + *letter_id + " was never dispatched: dispatch its batch before its admission");
      return true;
    }
    const std::string guia = field_at(fields, c_guia);
    if (guia.empty()) {
      reject("guia", "the guía number is empty");
      return true;
    }
    const std::string date_text = field_at(fields, c_date);
    const auto admitted = parse_office_date(date_text);
    if (!admitted) {
      reject("admitted_on", "'" + date_text + "' is not a date (2026-11-24 or 24/11/2026)");
      return true;
    }
    if (*admitted < *letter->sent_on) {
      reject("admitted_on", "admitted on " + admitted->iso() + ", before the letter was dispatched on " +
                                letter->sent_on->iso());
      return true;
    }
    if (*admitted > today) {
      reject("admitted_on", admitted->iso() + " is in the future");
      return true;
    }
    if (const auto why = non_contact_day_reason(*admitted); !why.empty()) {
      reject("admitted_on", admitted->iso() + " is a " + (why == "domingo" ? std::string("Sunday") : "public holiday (" + why + ")") +
                                ": no letter is admitted then (Ley 2300 de 2023); check the date");
      return true;
    }
    if (const auto existing = store::admission_of_letter(db, *letter_id)) {
      if (existing->guia == guia && existing->admitted_on == *admitted) {
        ++out.already;
      } else {
        reject("guia", "letter " + *letter_id + " was already admitted with guía " + existing->guia + " on " +
                           existing->admitted_on.iso());
      }
      return true;
    }
    if (const auto other = store::letter_of_guia(db, guia)) {
      reject("guia", "guía " + guia + " already belongs to letter " + *other);
      return true;
    }
    store::insert_admission(db, {*letter_id, guia, *admitted}, now, user);
    ++out.admitted;
    return true;
  });
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

std::map<std::string, std::string, std::less<>> guias_of_batch(Database& db, std::int64_t batch_id) {
  std::set<std::string, std::less<>> letters_of_batch;
  letters::for_each_batch_letter(db, batch_id, [&](const letters::BatchLetter& l) { letters_of_batch.emplace(l.letter_id); });
  std::map<std::string, std::string, std::less<>> out;
  if (letters_of_batch.empty()) return out;
  store::for_each_admission(db, [&](std::string_view letter_id, std::string_view guia, Date) {
    if (letters_of_batch.count(letter_id)) out.emplace(letter_id, guia);
  });
  return out;
}

}  // namespace cartero::proof
