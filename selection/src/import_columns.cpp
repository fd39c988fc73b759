// Which column of a file holds which field, and what the web page shows of it.
#include <algorithm>

#include "cartero/core/error.hpp"
#include "cartero/core/error_texts.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/text.hpp"
#include "cartero/selection/import_profile.hpp"

namespace cartero::selection {

namespace {

// How well a header name names a field: 0 the profile's column, 1 our
// field name, 2 the Spanish name, 3.. the aliases in order; -1 not at all.
int rank_of(const std::string& folded, const FieldSpec& f, const KindProfile& profile) {
  if (const auto it = profile.columns.find(folded); it != profile.columns.end()) return it->second == f.field ? 0 : -1;
  if (folded == fold_key(f.field)) return 1;
  if (folded == fold_key(f.spanish)) return 2;
  for (std::size_t i = 0; i < f.aliases.size(); ++i) {
    if (folded == fold_key(f.aliases[i])) return 3 + static_cast<int>(i);
  }
  return -1;
}

std::string names_expected(const FieldSpec& f) {
  std::string out = "'" + f.spanish + "' or '" + f.field + "'";
  for (std::size_t i = 0; i < f.aliases.size() && i < 3; ++i) out += ", '" + f.aliases[i] + "'";
  return out;
}

}  // namespace

ColumnMap map_header(const std::vector<std::string>& header, std::string_view kind, const KindProfile& profile,
                     const std::string& where) {
  // `where` is "path" or "path, sheet 'S'": the file's name for the web's message.
  const std::string file = file_name_of(where.substr(0, where.rfind(", sheet '") == std::string::npos ? where.size() : where.rfind(", sheet '")));
  const auto& fields = fields_of(kind);
  std::vector<std::string> folded;
  for (const auto& h : header) folded.push_back(fold_key(h));
  ColumnMap map;
  std::vector<bool> taken(header.size(), false);
  for (const auto& f : fields) {
    int best = -1, best_rank = 1 << 30;
    for (std::size_t c = 0; c < header.size(); ++c) {
      const int rank = taken[c] ? -1 : rank_of(folded[c], f, profile);
      if (rank < 0) continue;
      if (rank == best_rank) {
        throw InputError(where + ": columns '" + header[static_cast<std::size_t>(best)] + "' and '" + header[c] +
                         "' both name " + f.field + "; rename one or name the right one in the import profile");
      }
      if (rank < best_rank) best = static_cast<int>(c), best_rank = rank;
    }
    if (best >= 0) taken[static_cast<std::size_t>(best)] = true;
    map.positions.push_back(best);
  }
  // A profile column the file lacks, whose field was not found otherwise.
  for (const auto& [key, field] : profile.columns) {
    if (std::find(folded.begin(), folded.end(), key) != folded.end()) continue;
    const std::string& wanted = field;  // (a structured binding cannot be captured before C++20 in clang)
    const auto it = std::find_if(fields.begin(), fields.end(), [&](const FieldSpec& f) { return f.field == wanted; });
    if (map.positions[static_cast<std::size_t>(it - fields.begin())] < 0) {
      throw InputError(ErrorCode::profile_column_missing,
                       where + ": the import profile names column '" + profile.column_names.at(key) + "' for " + field +
                           ", which the file does not have; fix the profile or the export",
                       {{"file", file}, {"column", profile.column_names.at(key)}});
    }
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (map.positions[i] >= 0 || !fields[i].required) continue;
    std::string found;
    for (const auto& h : header) found += (found.empty() ? "" : ", ") + h;
    throw InputError(ErrorCode::missing_column,
                     where + ": required column '" + fields[i].field + "' is missing from the header (found: " + found +
                         "); name it " + names_expected(fields[i]) + ", or map it in the import profile",
                     {{"file", file}, {"column", fields[i].field}, {"found", found}});
  }
  for (const auto& extra : profile.extra_columns) {
    const auto at = std::find(folded.begin(), folded.end(), fold_key(extra));
    if (at == folded.end()) {
      throw InputError(ErrorCode::profile_column_missing,
                       where + ": the import profile keeps column '" + extra + "', which the file does not have; fix the profile or the export",
                       {{"file", file}, {"column", extra}});
    }
    map.extras.emplace_back(extra, static_cast<int>(at - folded.begin()));
  }
  return map;
}

std::string expected_columns_json() {
  JsonWriter j;
  j.begin_object();
  for (const char* kind : {"accounts", "payments", "letters", "returns", "deliveries", "claims", "contacts"}) {
    j.key(kind).begin_array();
    for (const auto& f : fields_of(kind)) {
      j.begin_object().key("field").value(f.field).key("name").value(f.spanish).key("required").value(f.required);
      j.key("aliases").begin_array();
      for (const auto& a : f.aliases) j.value(a);
      j.end_array().end_object();
    }
    j.end_array();
  }
  j.end_object();
  return j.str();
}

std::string template_csv(std::string_view kind) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> k_examples = {
      {"accounts", {"1002345", "MARÍA PEÑA GÓMEZ", "52123456", "Residencial", "CL 45 # 12-30 AP 201", "La Candelaria",
                    "Bogotá", "Z03", "Facturación directa", "$ 1.234.567", "95", "No", "", "11001", "111711", "No", "No",
                    "No", "C.C."}},
      {"claims", {"1002345", "RE-2026-0042", "10/02/2026", "350.000", "En trámite"}},
      {"contacts", {"1002345", "Llamada", "16/02/2026 10:30", ""}},
      {"payments", {"1002345", "15/02/2026", "109.500,50"}},
      {"letters", {"1002345", "03/01/2026"}},
      {"returns", {"2026-000123-7", "", "Dirección errada", "20/02/2026", "Nomenclatura no existe"}},
      {"deliveries", {"2026-000123-7", "", "18/02/2026"}},
  };
  const auto& fields = fields_of(kind);
  std::string out = "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? ";" : "") + fields[i].spanish;
  out += "\r\n";
  const auto& example = k_examples.find(kind)->second;
  for (std::size_t i = 0; i < example.size(); ++i) out += (i ? ";" : "") + example[i];
  out += "\r\n";
  return out;
}

}  // namespace cartero::selection
