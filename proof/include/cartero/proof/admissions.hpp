// The courier's admission of the letters (4-72's "admisión"): which guía
// number each letter got and the day the courier took it. The admission date
// is when a notice was sent for the Ley 1266 clock. proof/ owns
// `letter_admissions`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"

namespace cartero::proof {

struct AdmissionRejected {
  std::size_t line = 0;
  std::string field;
  std::string reason;
};

struct AdmissionImport {
  std::string file;
  std::size_t read = 0;
  std::size_t admitted = 0;
  std::size_t already = 0;  // the same letter, guía and date again: nothing to do
  std::vector<AdmissionRejected> rejected;
};

// Reads the courier's admission file (CSV: `barcode` or `letter_id`,
// `guia`, `admitted_on`; or the courier's Spanish headers: Código de barras,
// Carta, Guía / Número de guía, Fecha de admisión / Fecha; dates ISO or
// dd/mm/yyyy) and records each letter's guía in one transaction. A row is
// rejected with its line, field and reason when its letter is unknown or was
// never dispatched, already has another guía, its guía belongs to another
// letter, or its date does not parse, precedes the dispatch, lies after today
// or falls on a Sunday or a public holiday. Throws InputError (nothing
// written) when the file cannot be read or lacks the columns.
AdmissionImport import_admissions(Database& db, const std::string& path, const std::string& user, Date today);

std::string to_json(const AdmissionImport& summary);

struct Admission {
  std::string guia;
  Date admitted_on;
};
// A letter's admission, if the courier's file gave it one.
std::optional<Admission> admission_of(Database& db, const std::string& letter_id);
// The guías of a batch's letters (letter id -> guía), for its manifest
// (letters::GenerateOptions::guias); empty when the courier gave none.
std::map<std::string, std::string, std::less<>> guias_of_batch(Database& db, std::int64_t batch_id);

// A date as offices write it: ISO "2026-11-24", "24/11/2026" ("d/m/yyyy",
// "24-11-2026") or an Excel serial; the exports' reader (core/values.hpp),
// day first.
std::optional<Date> parse_office_date(const std::string& text);

}  // namespace cartero::proof
