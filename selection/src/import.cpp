#include "cartero/selection/import.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <exception>
#include <thread>
#include <unordered_set>
#include <utility>

#include "cartero/core/account.hpp"
#include "cartero/core/bounded_queue.hpp"
#include "cartero/core/csv.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/error_texts.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/progress.hpp"
#include "cartero/core/sql.hpp"
#include "store_portfolio.hpp"
#include "cartero/core/text.hpp"

namespace cartero::selection {

namespace {

struct Column {
  const char* name;
  bool required;
};

const std::vector<Column>& columns_of(ImportKind kind) {
  static const std::vector<Column> k_accounts = {
      {"account_id", true},   {"holder_name", true},  {"document_id", false},
      {"use_type", true},     {"address", true},      {"neighborhood", false},
      {"city", false},        {"zone", false},        {"billing_type", true},
      {"balance", true},      {"days_past_due", true}, {"legal_collection", false},
      {"sanitation", false}};
  static const std::vector<Column> k_payments = {{"account_id", true}, {"paid_on", true}, {"amount", true}};
  static const std::vector<Column> k_letters = {{"account_id", true}, {"sent_on", true}};
  switch (kind) {
    case ImportKind::accounts: return k_accounts;
    case ImportKind::payments: return k_payments;
    case ImportKind::letters: return k_letters;
  }
  return k_letters;
}

const char* kind_name(ImportKind kind) {
  switch (kind) {
    case ImportKind::accounts: return "accounts";
    case ImportKind::payments: return "payments";
    case ImportKind::letters: return "letters";
  }
  return "";
}

const char* table_of(ImportKind kind) {
  switch (kind) {
    case ImportKind::accounts: return "accounts";
    case ImportKind::payments: return "payments";
    case ImportKind::letters: return "prior_letters";
  }
  return "";
}

// Positions of the expected columns in the file; -1 for an absent optional
// one. InputError when a required column is missing.
std::vector<int> map_columns(const CsvReader& csv, ImportKind kind) {
  std::vector<int> positions;
  for (const auto& c : columns_of(kind)) {
    const int pos = csv.column(c.name);
    if (pos < 0 && c.required) {
      std::string found;
      for (const auto& h : csv.header()) found += (found.empty() ? "" : ", ") + h;
      throw InputError(ErrorCode::missing_column,
                       csv.path() + ": required column '" + c.name + "' is missing from the header (found: " + found +
                           "); see the column list in the README",
                       {{"file", file_name_of(csv.path())}, {"column", c.name}, {"found", found}});
    }
    positions.push_back(pos);
  }
  return positions;
}

// One row's values by expected column, with the reason it cannot be read.
class RowView {
 public:
  RowView(const std::vector<std::string_view>& fields, const std::vector<int>& positions,
          const std::vector<Column>& columns)
      : m_fields(fields), m_positions(positions), m_columns(columns) {}

  std::string_view get(std::size_t i) const {
    const int pos = m_positions[i];
    if (pos < 0 || static_cast<std::size_t>(pos) >= m_fields.size()) return {};
    return trim(m_fields[static_cast<std::size_t>(pos)]);
  }
  const char* name(std::size_t i) const { return m_columns[i].name; }
  // A required column that the row is too short to have.
  std::optional<std::size_t> missing_field() const {
    for (std::size_t i = 0; i < m_positions.size(); ++i) {
      if (m_columns[i].required && static_cast<std::size_t>(m_positions[i]) >= m_fields.size()) return i;
    }
    return std::nullopt;
  }

 private:
  const std::vector<std::string_view>& m_fields;
  const std::vector<int>& m_positions;
  const std::vector<Column>& m_columns;
};

// Parsed rows waiting to be written: numbers, and text as views into the
// CSV reader's buffer (which lives until the import ends). Lets the parser
// run on one core while the database writes on the other.
class RowBuffer {
 public:
  RowBuffer& add(std::int64_t number) {
    m_values.push_back({number, {}, true});
    return *this;
  }
  RowBuffer& add(std::string_view text) {
    m_values.push_back({0, text, false});
    return *this;
  }
  void end_row() { ++m_rows; }
  std::size_t rows() const { return m_rows; }
  // Writes every row to `out` (one row is `columns` values).
  void write_to(sql::BulkWriter& out) const {
    for (const auto& v : m_values) {
      if (v.is_number) out.add(v.number); else out.add(v.text);
      if (++m_column == m_columns) {
        out.end_row();
        m_column = 0;
      }
    }
  }
  explicit RowBuffer(std::size_t columns) : m_columns(columns) { m_values.reserve(columns * k_rows); }
  static constexpr std::size_t k_rows = 8192;

 private:
  struct Value {
    std::int64_t number;
    std::string_view text;
    bool is_number;
  };
  std::vector<Value> m_values;
  std::size_t m_rows = 0;
  std::size_t m_columns;
  mutable std::size_t m_column = 0;
};

struct RowError {
  std::string field;
  std::string reason;
  RowProblem problem = RowProblem::no_account_id;
  std::string value;  // the value as it came, quoted
};

std::optional<int> parse_int(std::string_view s) {
  int v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string quoted(std::string_view s) {
  std::string out(1, '\'');
  out.append(s.substr(0, 60)).push_back('\'');
  return out;
}

// Writes one row of the given kind, or returns why it cannot be read.
using RowWriter = std::function<std::optional<RowError>(const RowView&, RowBuffer&)>;

std::optional<RowError> write_account(const RowView& r, RowBuffer& out,
                                      std::unordered_set<std::string_view>& seen) {
  // Column order as in columns_of(accounts).
  const auto id = r.get(0);
  if (id.empty()) return RowError{"account_id", "no account_id", RowProblem::no_account_id, ""};
  const auto use = parse_use_type(r.get(3));
  if (!use) return RowError{"use_type", quoted(r.get(3)) + " is not a use type (residential/residencial, commercial/comercial, industrial, official/oficial)", RowProblem::not_a_use_type, quoted(r.get(3))};
  const auto billing = parse_billing_type(r.get(8));
  if (!billing) return RowError{"billing_type", quoted(r.get(8)) + " is not a billing type (direct/directa, joint/conjunta)", RowProblem::not_a_billing_type, quoted(r.get(8))};
  const auto balance = parse_pesos(r.get(9));
  if (!balance) return RowError{"balance", quoted(r.get(9)) + " is not an amount in whole pesos (1234567, 1.234.567 or $ 1.234.567)", RowProblem::not_an_amount, quoted(r.get(9))};
  const auto days = parse_int(r.get(10));
  if (!days || *days < 0) return RowError{"days_past_due", quoted(r.get(10)) + " is not a whole number of days", RowProblem::not_whole_days, quoted(r.get(10))};
  const auto legal = parse_flag(r.get(11));
  if (!legal) return RowError{"legal_collection", quoted(r.get(11)) + " is not yes/no (1/0, true/false, si/no)", RowProblem::not_yes_no, quoted(r.get(11))};
  const auto sanitation = parse_sanitation(r.get(12));
  if (!sanitation) return RowError{"sanitation", quoted(r.get(12)) + " is not a sanitation flag (demolished/demolido, vacant_lot/lote, double_billing/doble_facturacion or empty)", RowProblem::not_a_sanitation_flag, quoted(r.get(12))};
  if (!seen.emplace(id).second) return RowError{"account_id", "account " + std::string(id) + " appears on an earlier row", RowProblem::repeated_account, std::string(id)};
  out.add(id).add(r.get(1)).add(r.get(2)).add(code(*use)).add(r.get(4)).add(r.get(5)).add(r.get(6));
  out.add(r.get(7)).add(code(*billing)).add(*balance).add(static_cast<std::int64_t>(*days));
  out.add(static_cast<std::int64_t>(*legal ? 1 : 0)).add(code(*sanitation));
  out.end_row();
  return std::nullopt;
}

std::optional<RowError> write_dated(const RowView& r, RowBuffer& out, bool with_amount) {
  const auto id = r.get(0);
  if (id.empty()) return RowError{"account_id", "no account_id", RowProblem::no_account_id, ""};
  const auto date = Date::parse_iso(r.get(1));
  if (!date) return RowError{r.name(1), quoted(r.get(1)) + " is not a date (YYYY-MM-DD)", RowProblem::not_a_date, quoted(r.get(1))};
  std::optional<Pesos> amount;
  if (with_amount) {
    amount = parse_pesos(r.get(2));
    if (!amount) return RowError{"amount", quoted(r.get(2)) + " is not an amount in whole pesos", RowProblem::not_an_amount, quoted(r.get(2))};
  }
  out.add(id).add(r.get(1));  // parse_iso accepted it: already canonical
  if (with_amount) out.add(*amount);
  out.end_row();
  return std::nullopt;
}

std::vector<std::string> db_columns(ImportKind kind) {
  std::vector<std::string> names;
  for (const auto& c : columns_of(kind)) names.emplace_back(c.name);
  return names;
}


// Reads every row, records rejections in `summary`, and hands the good rows
// to the queue in batches.
void parse_rows(CsvReader& csv, const std::vector<int>& positions, const std::vector<Column>& columns,
                const RowWriter& write_row, ImportSummary& summary, BoundedQueue<RowBuffer>& queue) {
  Progress progress(std::string("import ") + summary.kind);
  RowBuffer batch(columns.size());
  std::vector<std::string_view> fields;
  while (csv.next(fields)) {
    if (csv.error().empty() && is_blank_record(fields)) {
      ++summary.blank;
      continue;
    }
    ++summary.read;
    const RowView row(fields, positions, columns);
    std::optional<RowError> error;
    if (!csv.error().empty()) {
      error = RowError{"", csv.error(), RowProblem::unclosed_quote, ""};
    } else if (const auto missing = row.missing_field()) {
      error = RowError{columns[*missing].name,
                       "the row has " + std::to_string(fields.size()) + " fields; column '" + columns[*missing].name + "' is missing",
                       RowProblem::missing_field, std::to_string(fields.size())};
    } else {
      error = write_row(row, batch);
    }
    if (error) {
      summary.rejected.push_back({csv.line(), std::move(error->field), std::move(error->reason), error->problem, std::move(error->value)});
    } else {
      ++summary.imported;
    }
    if (batch.rows() == RowBuffer::k_rows) {
      if (!queue.push(std::exchange(batch, RowBuffer(columns.size())))) return;
      progress.update(csv.progress(), std::to_string(summary.read) + " rows");
    }
  }
  queue.push(std::move(batch));
  summary.lines = static_cast<std::int64_t>(csv.lines());
  summary.blank += static_cast<std::int64_t>(csv.blank_lines());
}

}  // namespace

namespace {

struct ProblemText {
  RowProblem problem;
  const char* code;
  const char* spanish;  // {value}: the value as it came; {field}: the column
};

// In the enum's order.
constexpr ProblemText k_problems[] = {
    {RowProblem::no_account_id, "no_account_id", "falta el número de cuenta (account_id)"},
    {RowProblem::not_a_use_type, "not_a_use_type", "{value} no es un tipo de uso (residencial, comercial, industrial, oficial)"},
    {RowProblem::not_a_billing_type, "not_a_billing_type", "{value} no es un tipo de facturación (directa, conjunta)"},
    {RowProblem::not_an_amount, "not_an_amount", "{value} no es un valor en pesos enteros (1234567, 1.234.567 o $ 1.234.567)"},
    {RowProblem::not_whole_days, "not_whole_days", "{value} no es un número entero de días"},
    {RowProblem::not_yes_no, "not_yes_no", "{value} no es sí/no (1/0, true/false, si/no)"},
    {RowProblem::not_a_sanitation_flag, "not_a_sanitation_flag",
     "{value} no es una marca de saneamiento (demolido, lote, doble_facturacion o vacío)"},
    {RowProblem::not_a_date, "not_a_date", "{value} no es una fecha (AAAA-MM-DD)"},
    {RowProblem::repeated_account, "repeated_account", "la cuenta {value} ya aparece en una fila anterior del archivo"},
    {RowProblem::missing_field, "missing_field", "la fila tiene {value} campos: le falta la columna «{field}»"},
    {RowProblem::unclosed_quote, "unclosed_quote", "un campo abre comillas y no las cierra: la fila se omitió"},
};
static_assert(std::size(k_problems) == k_row_problem_count);

const ProblemText& text_of(RowProblem p) { return k_problems[static_cast<std::size_t>(p)]; }

}  // namespace

std::string_view code(RowProblem p) { return text_of(p).code; }

std::string spanish_template(RowProblem p) { return text_of(p).spanish; }

std::string spanish_label(const RejectedRow& row) {
  const std::string_view text = text_of(row.problem).spanish;
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 7) == "{value}") {
      out += row.value;
      i += 6;
    } else if (text.substr(i, 7) == "{field}") {
      out += row.field;
      i += 6;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

ImportKind parse_import_kind(const std::string& text) {
  if (text == "accounts") return ImportKind::accounts;
  if (text == "payments") return ImportKind::payments;
  if (text == "letters") return ImportKind::letters;
  throw InputError(ErrorCode::unknown_import_kind, "import: unknown kind '" + text + "' (accounts, payments or letters)", {{"kind", text}});
}

std::string ImportSummary::to_json() const {
  JsonWriter j;
  j.begin_object().key("kind").value(kind).key("file").value(file).key("encoding").value(encoding);
  j.key("delimiter").value(delimiter == '\t' ? std::string("\\t") : std::string(1, delimiter));
  j.key("lines").value(lines).key("blank").value(blank);
  j.key("read").value(read).key("imported").value(imported);
  j.key("rejected").begin_array();
  for (const auto& r : rejected) {
    j.begin_object().key("line").value(r.line).key("field").value(r.field).key("reason").value(r.reason);
    j.key("code").value(code(r.problem)).end_object();
  }
  j.end_array().end_object();
  return j.str();
}

ImportSummary import_file(Database& db, ImportKind kind, const std::string& path) {
  CsvReader csv(path);
  const auto positions = map_columns(csv, kind);
  const auto& columns = columns_of(kind);
  ImportSummary summary{kind_name(kind), path, csv.encoding(), csv.delimiter()};
  std::unordered_set<std::string_view> seen;
  RowWriter write_row = [&](const RowView& r, RowBuffer& out) -> std::optional<RowError> {
    switch (kind) {
      case ImportKind::accounts: return write_account(r, out, seen);
      case ImportKind::payments: return write_dated(r, out, true);
      case ImportKind::letters: return write_dated(r, out, false);
    }
    return std::nullopt;
  };

  sql::Transaction tx(db);
  sql::clear_table(db, table_of(kind));
  sql::BulkWriter out(db, table_of(kind), db_columns(kind));
  // This thread writes what the parser thread hands over, batch by batch.
  BoundedQueue<RowBuffer> queue(4);
  std::exception_ptr parse_error;
  std::thread parser([&] {
    try {
      parse_rows(csv, positions, columns, write_row, summary, queue);
    } catch (...) {
      parse_error = std::current_exception();
    }
    queue.close();
  });
  try {
    while (auto batch = queue.pop()) batch->write_to(out);
  } catch (...) {
    queue.abandon();
    parser.join();
    throw;
  }
  parser.join();
  if (parse_error) std::rethrow_exception(parse_error);
  out.finish();
  if (kind == ImportKind::accounts && summary.imported == 0) {
    if (summary.read == 0) {
      throw InputError(ErrorCode::no_data_rows, path + ": it has no data rows. The portfolio was left as it was.",
                       {{"file", file_name_of(path)}});
    }
    std::string why = "no row could be read", detail;
    for (std::size_t i = 0; i < summary.rejected.size() && i < 3; ++i) {
      const auto& r = summary.rejected[i];
      why += "; line " + std::to_string(r.line) + " " + r.field + ": " + r.reason;
      detail += (detail.empty() ? "" : "; ") + ("línea " + std::to_string(r.line) + " " + r.field + ": " + spanish_label(r));
    }
    throw InputError(ErrorCode::no_row_readable, path + ": " + why + ". The portfolio was left as it was.",
                     {{"file", file_name_of(path)}, {"detail", detail}});
  }
  store::log_import(db, summary.kind, path, static_cast<std::int64_t>(summary.read),
                    static_cast<std::int64_t>(summary.imported), static_cast<std::int64_t>(summary.rejected.size()));
  tx.commit();
  return summary;
}

}  // namespace cartero::selection
