// How the office's own exports are read: the column names and values each
// kind of file may use (Spanish names built in, compared without case,
// accents, punctuation or "de/del/la"), and the import profile an admin
// saves on top of them (DESIGN "Input files"): per kind of file, column ->
// field, value -> code, date format, decimal mark and the extra columns kept
// with each account. Stored like the settings (core/stored_settings.hpp)
// under "import"; `cartero settings set import FILE.json`.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/core/values.hpp"

namespace cartero::selection {

// One field a kind of file carries, with the names it may have.
struct FieldSpec {
  std::string field;                  // our name: "account_id"
  bool required = false;
  std::string spanish;                // the name the template writes: "Número de cuenta"
  std::vector<std::string> aliases;   // other names understood (besides field and spanish)
};

// The kinds of file: "accounts", "payments", "letters", "returns",
// "deliveries". InputError for another.
const std::vector<FieldSpec>& fields_of(std::string_view kind);
bool is_import_kind(std::string_view kind);

// What the admin said about one kind of file.
struct KindProfile {
  std::map<std::string, std::string> columns;  // folded column name -> field
  std::map<std::string, std::string> column_names;  // folded -> as written (for messages)
  // field -> folded value -> code ("use_type" -> {"especial" -> "official"}).
  std::map<std::string, std::map<std::string, std::string>> values;
  std::optional<DayOrder> date_format;
  DecimalMark decimal_mark = DecimalMark::automatic;
  std::vector<std::string> extra_columns;  // as written; kept with the account
};

struct ImportProfile {
  std::map<std::string, KindProfile> kinds;
  // An import rejecting more than this share of its rows is refused
  // unless the user accepts the rejections.
  double max_rejected_percent = 2.0;
  // The lists people export as CSV keep the machine dialect (',', English
  // codes, ISO dates) instead of Excel's Spanish one: "csv_dialect": "machine".
  bool machine_csv = false;
  const KindProfile& of(std::string_view kind) const;
};

// Parses and checks a profile: unknown keys, kinds, fields or codes, a
// column or a value named twice for different things ("maps two ways") are
// InputErrors naming `source` and what is wrong; nothing is half-read.
ImportProfile import_profile_from_json(const std::string& json, const std::string& source);
std::string import_profile_to_json(const ImportProfile& p);
inline constexpr const char* k_import_profile_name = "import";
// The saved profile, or the empty one (built-in names only).
ImportProfile current_import_profile(Database& db);

// Folded form used to compare names and values: lower-case ASCII letters and
// digits only, accents dropped, the words de/del/la/el/los/las left out
// ("Número de cuenta" -> "numerocuenta").
std::string fold_key(std::string_view text);

// Where each field of `kind` is in a header row: one position per
// fields_of(kind) entry (-1 when absent), and the extra columns' positions.
struct ColumnMap {
  std::vector<int> positions;
  std::vector<std::pair<std::string, int>> extras;  // name as written, position
};
// InputError naming `where` when a required field has no column (listing the
// names expected), when a profile column or extra column is not in the file
// and its field was not found under another name, or when two columns of the
// file name one field.
ColumnMap map_header(const std::vector<std::string>& header, std::string_view kind, const KindProfile& profile,
                     const std::string& where);

// The code a written value stands for in `field` ("use_type",
// "billing_type", "sanitation", "legal_collection" -> "1"/"0", "cause",
// "document_type" -> "CC", "NIT"…):
// the profile's values first, then the built-in names. nullopt when unknown.
std::optional<std::string> map_value(std::string_view field, std::string_view text, const KindProfile& profile);

// {"accounts": [{"field", "name", "required", "aliases": [...]}], ...} for
// the web page that says which columns a file needs.
std::string expected_columns_json();
// A template for `kind`: the Spanish header row and one example row, in
// Excel's Spanish dialect (UTF-8 with BOM, ';', CRLF).
std::string template_csv(std::string_view kind);

}  // namespace cartero::selection
