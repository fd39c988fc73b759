// The courier's spreadsheets: returned letters (`cartero import returns`)
// and delivered ones (`cartero import deliveries`), so every letter ends as
// delivered, returned or pending.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cartero/core/causes.hpp"
#include "cartero/core/database.hpp"
#include "cartero/returns/cases.hpp"
#include "cartero/selection/import.hpp"

namespace cartero::returns {

// The courier's own cause names mapped to ours (a setting). Names are
// compared without case, accents or punctuation; our codes and Spanish
// labels are always understood.
struct CourierCauses {
  std::map<std::string, ReturnCause> names;
  static CourierCauses defaults();
  // Adds (or replaces) a courier's name for a cause.
  void add(std::string_view name, ReturnCause cause);
  std::optional<ReturnCause> find(std::string_view name) const;
};

struct CourierImportSummary {
  std::string kind;  // "returns" or "deliveries"
  std::string file;
  std::int64_t read = 0;
  std::int64_t recorded = 0;
  std::vector<selection::RejectedRow> duplicates;  // already registered / recorded
  std::vector<selection::RejectedRow> rejected;
  std::string to_json() const;
};

// returns.csv: `barcode` or `letter_id`, `cause`, `returned_on`,
// `observation` (optional). Each good row is registered (next consecutive
// number, routed); all of them in one transaction. Rows are rejected for an
// unknown code or letter, a letter never dispatched, an unknown cause, a
// date that does not parse or comes before the letter was sent.
// CSV or XLSX (`sheet`: the workbook's sheet, default the first); headers by
// our names, the courier's (Guía, Número de guía, Código de barras, Causal,
// Motivo de devolución, Fecha, Fecha de devolución, Observación) or the
// import profile's; dates as the accounts' importer reads them. The
// courier's wording of the cause is kept verbatim with the return.
CourierImportSummary import_returns(Database& db, const std::string& path, const CourierCauses& causes,
                                    const std::string& user, const Routing& routing = {},
                                    const std::optional<std::string>& sheet = {});

// deliveries.csv: `barcode` or `letter_id`, `delivered_on`.
CourierImportSummary import_deliveries(Database& db, const std::string& path, const std::string& user,
                                       const std::optional<std::string>& sheet = {});

}  // namespace cartero::returns
