// One row of a portfolio export turned into the values written to the
// database, or the reason it cannot be: the per-row half of import.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "cartero/core/sql.hpp"
#include "cartero/core/text_arena.hpp"
#include "cartero/core/values.hpp"
#include "cartero/selection/import.hpp"
#include "cartero/selection/import_profile.hpp"
#include "cartero/selection/import_log.hpp"

namespace cartero::selection::detail {

// Parsed rows waiting to be written, with their own copy of the text (an
// .xlsx reader's cells live only while their row is read). Lets the parser
// run on one core while the database writes on the other.
class RowBuffer {
 public:
  explicit RowBuffer(std::size_t columns) : m_columns(columns) { m_values.reserve(columns * k_rows); }
  RowBuffer& add(std::int64_t number) {
    m_values.push_back({number, {}, true});
    return *this;
  }
  RowBuffer& add(std::string_view text) {
    m_values.push_back({0, m_text.keep(text), false});
    return *this;
  }
  void end_row() { ++m_rows; }
  std::size_t rows() const { return m_rows; }
  // Writes every row to `out` (one row is `columns` values).
  void write_to(sql::BulkWriter& out) const;
  static constexpr std::size_t k_rows = 8192;

 private:
  struct Value {
    std::int64_t number;
    std::string_view text;
    bool is_number;
  };
  std::vector<Value> m_values;
  TextArena m_text;
  std::size_t m_rows = 0;
  std::size_t m_columns;
};

struct RowError {
  std::string field;
  std::string reason;
  std::string value;  // as written, for the likely cause
  RowProblem problem = RowProblem::no_account_id;
  std::string shown;  // what the Spanish label shows: the value quoted, the repeated id, the count of fields
};

// One record's values by the fields of its kind (fields_of(kind) order).
class RowView {
 public:
  RowView(const std::vector<std::string_view>& fields, const std::vector<int>& positions,
          const std::vector<FieldSpec>& specs)
      : m_fields(fields), m_positions(positions), m_specs(specs) {}
  std::string_view get(std::size_t i) const;
  std::string_view at(int position) const;
  const std::string& name(std::size_t i) const { return m_specs[i].field; }
  // A required field that the record is too short to have.
  std::optional<std::size_t> missing_field() const;

 private:
  const std::vector<std::string_view>& m_fields;
  const std::vector<int>& m_positions;
  const std::vector<FieldSpec>& m_specs;
};

// What the rows of one file share: the profile, how its dates read, the
// ids already seen, what was rounded.
struct RowContext {
  const KindProfile& profile;
  DayOrder order = DayOrder::day_first;
  std::vector<std::pair<std::string, int>> extras;
  std::int64_t rounded = 0;
  std::int64_t unknown_document_types = 0;  // rows whose document type is kept as written
  std::string unknown_document_type;        // the first such value
  TextArena ids;
  std::unordered_set<std::string_view> seen;

  // map_value(field, text, profile), remembered: an export writes a handful
  // of spellings of a use or a yes/no a million times.
  std::optional<std::string> mapped(const std::string& field, std::string_view text);

  struct Remembered {
    std::string field;
    std::unordered_map<std::string, std::optional<std::string>> values;
  };
  std::vector<Remembered> remembered;
  // Rows that repeated an account id, with their values (line set by the caller).
  std::vector<RepeatedAccount> repeated;
};

std::optional<RowError> write_account(const RowView& r, RowBuffer& out, RowContext& ctx);
std::optional<RowError> write_dated(const RowView& r, RowBuffer& out, RowContext& ctx, bool with_amount);

}  // namespace cartero::selection::detail
