#include "cartero/selection/import.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <charconv>
#include <functional>
#include <exception>
#include <filesystem>
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
#include "cartero/core/table.hpp"
#include "store_portfolio.hpp"
#include "cartero/core/text.hpp"
#include "cartero/core/text_arena.hpp"
#include "cartero/core/values.hpp"
#include "import_rows.hpp"
#include "store_imports.hpp"

namespace cartero::selection {

namespace {

using detail::RowBuffer;
using detail::RowContext;
using detail::RowError;
using detail::RowView;

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

const char* history_of(ImportKind kind) {
  switch (kind) {
    case ImportKind::accounts: return "The portfolio was left as it was.";
    case ImportKind::payments: return "The payment history was left as it was.";
    case ImportKind::letters: return "The letter history was left as it was.";
  }
  return "";
}

std::vector<std::string> db_columns(ImportKind kind) {
  std::vector<std::string> names;
  for (const auto& f : fields_of(kind_name(kind))) names.push_back(f.field);
  if (kind == ImportKind::accounts) {
    names.emplace_back("address_verdict");  // computed, not read
    names.emplace_back("extra");
    names.emplace_back("search_key");  // folded for search (migration 28)
    names.emplace_back("search_text");
  }
  return names;
}

// Where a written date is slashed ("15/02/2026", "15-02-2026"), not ISO.
bool is_slashed_date(std::string_view text) {
  text = trim(text);
  if (text.size() < 8 || Date::parse_iso(text.substr(0, 10))) return false;
  const auto sep = text.find_first_of("/-.");
  return sep != std::string_view::npos && sep <= 2 && parse_date_text(text, DayOrder::day_first).has_value();
}

// How the file writes day and month: decided by the first date whose day
// or month is over 12; else by the profile; else dd/mm/yyyy. Reads the
// date column only, and stops once decided (or after 10,000 dates with no
// slashed one: an ISO file).
DayOrder decide_day_order(const std::string& path, const std::optional<std::string>& sheet, int column,
                          const KindProfile& profile, std::string& format, std::string& from) {
  auto table = open_table(path, sheet);
  DayOrder decided = DayOrder::unknown;
  bool slashed = false;
  std::size_t seen = 0;
  table->read([&](std::size_t, const std::vector<std::string_view>& fields) {
    if (column < 0 || static_cast<std::size_t>(column) >= fields.size()) return true;
    const auto text = fields[static_cast<std::size_t>(column)];
    if (trim(text).empty()) return true;
    slashed = slashed || is_slashed_date(text);
    decided = day_order_of(text);
    return decided == DayOrder::unknown && (slashed || ++seen < 10000);
  });
  if (decided != DayOrder::unknown) {
    format = day_order_name(decided);
    from = "file";
    return decided;
  }
  const DayOrder order = profile.date_format.value_or(DayOrder::day_first);
  if (slashed) {
    format = day_order_name(order);
    from = profile.date_format ? "profile" : "default";
  }
  return order;
}

// Per field: how many rows it rejected and the first value it rejected.
struct FieldFailures {
  std::int64_t count = 0;
  std::string first_value;
  std::string first_reason;
};

// A record that is the header again (a second header row, or two sheets
// pasted one under the other).
bool repeats_header(const std::vector<std::string_view>& fields, const std::vector<std::string>& folded_header) {
  std::size_t named = 0;
  for (std::size_t i = 0; i < folded_header.size(); ++i) {
    if (folded_header[i].empty()) continue;
    ++named;
    if (i >= fields.size() || fold_key(fields[i]) != folded_header[i]) return false;
  }
  return named >= 2;
}

struct Parse {
  TableReader& table;
  const std::vector<int>& positions;
  const std::vector<FieldSpec>& specs;
  ImportKind kind;
  RowContext& ctx;
  ImportSummary& summary;
  std::map<std::string, FieldFailures>& failures;
};

// Reads every record, records rejections in the summary, and hands the
// good rows to the queue in batches.
void parse_rows(Parse& p, BoundedQueue<RowBuffer>& queue) {
  Progress progress(std::string("import ") + p.summary.kind);
  std::vector<std::string> folded_header;
  for (const auto& h : p.table.header()) folded_header.push_back(fold_key(h));
  const std::size_t width = p.specs.size() + (p.kind == ImportKind::accounts ? 4 : 0);  // address_verdict, extra, search_key, search_text
  RowBuffer batch(width);
  bool open = true;
  p.table.read([&](std::size_t line, const std::vector<std::string_view>& fields) {
    const std::string& unreadable = p.table.error();  // an unclosed quote: its fields are incomplete
    if (unreadable.empty() && is_blank_record(fields)) {
      ++p.summary.blank;
      return true;
    }
    if (unreadable.empty() && repeats_header(fields, folded_header)) {
      throw InputError(ErrorCode::header_repeated,
                       p.table.where() + ", " + (p.table.sheet().empty() ? "line " : "row ") + std::to_string(line) +
                           ": the header row appears again (a second header row?); delete it and import again",
                       {{"file", file_name_of(p.table.path())}, {"row", std::to_string(line)}});
    }
    ++p.summary.read;
    const RowView row(fields, p.positions, p.specs);
    std::optional<RowError> error;
    if (!unreadable.empty()) {
      error = RowError{"", unreadable, "", RowProblem::unclosed_quote, ""};
    } else if (const auto missing = row.missing_field()) {
      error = RowError{p.specs[*missing].field, "the row has " + std::to_string(fields.size()) + " fields; column '" +
                                                    p.specs[*missing].field + "' is missing", "",
                       RowProblem::missing_field, std::to_string(fields.size())};
    } else if (p.kind == ImportKind::accounts) {
      error = detail::write_account(row, batch, p.ctx);
    } else {
      error = detail::write_dated(row, batch, p.ctx, p.kind == ImportKind::payments);
    }
    if (error) {
      if (error->problem == RowProblem::repeated_account && !p.ctx.repeated.empty()) {
        p.ctx.repeated.back().line = static_cast<std::int64_t>(line);
      }
      if (!error->field.empty()) {
        auto& f = p.failures[error->field];
        if (f.count++ == 0) f.first_value = error->value, f.first_reason = error->reason;
      }
      p.summary.rejected.push_back({line, std::move(error->field), std::move(error->reason), error->problem, std::move(error->shown)});
    } else {
      ++p.summary.imported;
    }
    if (batch.rows() == RowBuffer::k_rows) {
      if (!queue.push(std::exchange(batch, RowBuffer(width)))) return open = false;
      progress.update(p.table.progress(), std::to_string(p.summary.read) + " rows");
    }
    return true;
  });
  if (open) queue.push(std::move(batch));
  p.summary.lines = static_cast<std::int64_t>(p.table.lines());
  p.summary.blank += static_cast<std::int64_t>(p.table.blank_lines());
}

// What probably made a column fail, in words the analyst can act on.
std::string likely_cause(const std::string& field, const FieldFailures& f, DayOrder order) {
  if (field == "paid_on" || field == "sent_on") {
    const DayOrder says = day_order_of(f.first_value);
    if (says != DayOrder::unknown && says != order) {
      return std::string("the dates look like ") + day_order_name(says) + ": set the profile's date format";
    }
    if (Date::parse_iso(f.first_value).has_value() == false && f.first_value.size() == 10 && f.first_value[4] == '-') {
      return "the dates name days that do not exist (like '" + f.first_value + "'): check how the file was exported";
    }
    return "the dates are not written as YYYY-MM-DD, dd/mm/yyyy or Excel dates: check the column";
  }
  if (field == "balance" || field == "amount") {
    return "the amounts are not pesos as Cartero reads them (1.234.567, $ 1.234.567,50, 1234567.00): check the column or set the profile's decimal mark";
  }
  if (field == "use_type" || field == "billing_type" || field == "sanitation" || field == "legal_collection" ||
      field == "payment_agreement" || field == "deceased_holder" || field == "insolvency") {
    return "values like '" + f.first_value + "' are not known: map them in the import profile (values." + field + ")";
  }
  if (field == "account_id") {
    return f.first_reason.find("earlier row") != std::string::npos
               ? "the file repeats account numbers: is it the right kind of file?"
               : "rows have no account number: check the column";
  }
  if (f.first_reason.rfind("the row has", 0) == 0) return "rows have fewer fields than the header: check the delimiter and quotes";
  return "check the column '" + field + "'";
}

// The same, in Spanish for the web page (ends with a space; "" when unknown).
std::string likely_cause_spanish(const std::string& field, const FieldFailures& f, DayOrder order) {
  if (field == "paid_on" || field == "sent_on") {
    const DayOrder says = day_order_of(f.first_value);
    if (says != DayOrder::unknown && says != order) {
      return std::string("Las fechas parecen ") + day_order_name(says) + ": ajuste el formato de fecha del perfil de importación. ";
    }
    return "Las fechas no están escritas como AAAA-MM-DD, dd/mm/aaaa o fechas de Excel: revise la columna. ";
  }
  if (field == "balance" || field == "amount") {
    return "Los valores no son pesos como Cartero los lee (1.234.567, $ 1.234.567,50, 1234567.00): revise la columna o el separador decimal del perfil. ";
  }
  if (field == "use_type" || field == "billing_type" || field == "sanitation" || field == "legal_collection") {
    return "Valores como '" + f.first_value + "' no se conocen: asígnelos en el perfil de importación (values." + field + "). ";
  }
  if (field == "account_id") {
    return f.first_reason.find("earlier row") != std::string::npos ? "El archivo repite números de cuenta: ¿es el archivo correcto? "
                                                                   : "Hay filas sin número de cuenta: revise la columna. ";
  }
  return "";
}

// The first rejections in Spanish, for the web page.
std::string first_errors_spanish(const ImportSummary& s) {
  std::string out;
  for (std::size_t i = 0; i < s.rejected.size() && i < 3; ++i) {
    const auto& r = s.rejected[i];
    out += (out.empty() ? "" : "; ") + ("línea " + std::to_string(r.line) + (r.field.empty() ? "" : " " + r.field) + ": " + spanish_label(r));
  }
  return out;
}

// "49.970": a count the Spanish way.
std::string spanish_count(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return (n < 0 ? "-" : "") + out;
}

std::string first_errors(const ImportSummary& s) {
  std::string out;
  for (std::size_t i = 0; i < s.rejected.size() && i < 3; ++i) {
    const auto& r = s.rejected[i];
    out += "; line " + std::to_string(r.line) + (r.field.empty() ? "" : " " + r.field) + ": " + r.reason;
  }
  return out;
}

// Refuses (throws, so the transaction rolls back) an import that would
// make things worse: no row read; too many rejections or one column failing
// on most rows (unless accepted); an accounts snapshot under half the one
// in force (unless told to replace it).
void refuse_if_worse(const ImportSummary& s, const std::map<std::string, FieldFailures>& failures, ImportKind kind,
                     const ImportProfile& profile, const ImportOptions& options, DayOrder order, std::int64_t current,
                     const std::string& where, const std::string& file_name) {
  const std::string* worst = nullptr;
  std::int64_t worst_count = 0;
  for (const auto& [field, f] : failures) {
    if (f.count > worst_count) worst = &field, worst_count = f.count;
  }
  const std::string cause = worst ? " Likely cause: " + likely_cause(*worst, failures.at(*worst), order) + "." : "";
  const std::string cause_es = worst ? likely_cause_spanish(*worst, failures.at(*worst), order) : "";
  const bool portfolio = kind == ImportKind::accounts;
  if (s.imported == 0) {
    const std::string why = s.read == 0 ? "it has no data rows" : "no row could be read" + first_errors(s);
    const std::string message = where + ": " + why + "." + cause + " " + history_of(kind);
    if (s.read == 0) {
      throw InputError(portfolio ? ErrorCode::no_data_rows : ErrorCode::no_data_rows_history, message, {{"file", file_name}});
    }
    throw InputError(portfolio ? ErrorCode::no_row_readable : ErrorCode::no_row_readable_history, message,
                     {{"file", file_name}, {"detail", first_errors_spanish(s)}});
  }
  const double percent = 100.0 * static_cast<double>(s.rejected.size()) / static_cast<double>(s.read);
  const bool column_fails = worst && worst_count * 2 > s.read;
  if (!options.accept_rejected && (percent > profile.max_rejected_percent || column_fails)) {
    char share[32];
    std::snprintf(share, sizeof share, "%.1f", percent);
    const std::string what = column_fails
        ? "column '" + *worst + "' fails on " + std::to_string(worst_count) + " of " + std::to_string(s.read) + " rows"
        : std::to_string(s.rejected.size()) + " of " + std::to_string(s.read) + " rows would be rejected (" + share +
              " %, more than the " + std::to_string(static_cast<int>(profile.max_rejected_percent)) + " % allowed)";
    const std::string message = where + ": " + what + "; nothing was imported. First errors" + first_errors(s).substr(1) + "." +
                                cause + " Fix the file or the import profile, or import it anyway with --accept-rejected.";
    if (column_fails) {
      throw InputError(ErrorCode::column_fails, message,
                       {{"file", file_name}, {"column", *worst}, {"failed", std::to_string(worst_count)},
                        {"read", std::to_string(s.read)}, {"cause", cause_es}, {"first", first_errors_spanish(s)}});
    }
    throw InputError(ErrorCode::too_many_rejected, message,
                     {{"file", file_name}, {"rejected", std::to_string(s.rejected.size())}, {"read", std::to_string(s.read)},
                      {"percent", share}, {"max", std::to_string(static_cast<int>(profile.max_rejected_percent))},
                      {"cause", cause_es}, {"first", first_errors_spanish(s)}});
  }
  if (kind == ImportKind::accounts && !options.replace_smaller && s.imported * 2 < current) {
    throw SmallerSnapshotError(where + ": would replace the portfolio of " + std::to_string(current) + " accounts with " +
                                   std::to_string(s.imported) + " (less than half); nothing was imported. If that is right, "
                                   "import it again with --replace-smaller.",
                               current, s.imported, spanish_count(current), spanish_count(s.imported));
  }
}

}  // namespace

DayOrder detect_day_order(const std::string& path, const std::optional<std::string>& sheet, int column,
                          const KindProfile& profile, std::string& format, std::string& from) {
  return decide_day_order(path, sheet, column, profile, format, from);
}

namespace {

struct ProblemText {
  RowProblem problem;
  const char* code;
  const char* spanish;  // {value}: the value as it came; {field}: the column
};

// In the enum's order.
constexpr ProblemText k_problems[] = {
    {RowProblem::no_account_id, "no_account_id", "falta el número de cuenta (account_id)"},
    {RowProblem::not_a_use_type, "not_a_use_type", "{value} no es un tipo de uso (residencial, comercial, industrial, oficial) o uno del perfil de importación"},
    {RowProblem::not_a_billing_type, "not_a_billing_type", "{value} no es un tipo de facturación (directa, conjunta)"},
    {RowProblem::not_an_amount, "not_an_amount", "{value} no es un valor en pesos (1234567, 1.234.567, $ 1.234.567 o 1.234.567,50)"},
    {RowProblem::not_whole_days, "not_whole_days", "{value} no es un número entero de días"},
    {RowProblem::not_yes_no, "not_yes_no", "{value} no es sí/no (1/0, true/false, si/no)"},
    {RowProblem::not_a_sanitation_flag, "not_a_sanitation_flag",
     "{value} no es una marca de saneamiento (demolido, lote, doble facturación o vacío)"},
    {RowProblem::not_a_date, "not_a_date", "{value} no es una fecha (AAAA-MM-DD, dd/mm/aaaa o una fecha de Excel)"},
    {RowProblem::repeated_account, "repeated_account", "la cuenta {value} ya aparece en una fila anterior del archivo"},
    {RowProblem::missing_field, "missing_field", "la fila tiene {value} campos: le falta la columna «{field}»"},
    {RowProblem::unclosed_quote, "unclosed_quote", "un campo abre comillas y no las cierra: la fila se omitió"},
    {RowProblem::not_a_letter_code, "not_a_letter_code", "{value} no es el código de barras de una carta de Cartero"},
    {RowProblem::no_letter_reference, "no_letter_reference", "la fila no trae código de barras ni número de carta"},
    {RowProblem::no_such_letter, "no_such_letter", "la carta {value} no existe: Cartero no la imprimió"},
    {RowProblem::letter_not_dispatched, "letter_not_dispatched", "la carta {value} es de un lote que nunca se despachó"},
    {RowProblem::date_before_sending, "date_before_sending", "la fecha {value} es anterior al envío de la carta"},
    {RowProblem::unknown_courier_cause, "unknown_courier_cause",
     "{value} no es una causal conocida: agréguela a los nombres de causales del mensajero en Ajustes"},
    {RowProblem::letter_already_returned, "letter_already_returned", "la carta {value} ya está registrada como devuelta"},
    {RowProblem::letter_already_delivered, "letter_already_delivered", "la carta {value} ya está registrada como entregada"},
    {RowProblem::account_not_in_portfolio, "account_not_in_portfolio",
     "la cuenta {value} no está en la cartera (importe primero las cuentas, o revise el número)"},
    {RowProblem::no_claim_id, "no_claim_id", "falta el número de reclamo (claim_id)"},
    {RowProblem::repeated_claim, "repeated_claim", "el reclamo {value} ya aparece en una fila anterior del archivo"},
    {RowProblem::date_in_future, "date_in_future", "la fecha {value} es posterior a hoy: revise la fecha"},
    {RowProblem::not_a_claim_status, "not_a_claim_status",
     "{value} no es un estado de reclamo (abierto, en trámite, recurso; cerrado, resuelto)"},
    {RowProblem::not_a_channel, "not_a_channel",
     "{value} no es un medio de contacto (llamada, sms, correo electrónico, whatsapp, visita, carta)"},
    {RowProblem::not_a_time, "not_a_time", "{value} no es una hora (HH:MM)"},
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
  j.begin_object().key("kind").value(kind).key("file").value(file).key("format").value(format);
  if (!sheet.empty()) j.key("sheet").value(sheet);
  j.key("encoding").value(encoding);
  if (format == "csv") j.key("delimiter").value(delimiter == '\t' ? std::string("\\t") : std::string(1, delimiter));
  if (!date_format.empty()) j.key("date_format").value(date_format).key("date_format_from").value(date_format_from);
  j.key("lines").value(lines).key("blank").value(blank);
  j.key("read").value(read).key("imported").value(imported).key("rounded").value(rounded);
  j.key("replaced").value(replaced);
  if (unknown_document_types > 0) {
    j.key("unknown_document_types").value(unknown_document_types).key("unknown_document_type").value(unknown_document_type);
  }
  j.key("rejected").begin_array();
  for (const auto& r : rejected) {
    j.begin_object().key("line").value(r.line).key("field").value(r.field).key("reason").value(r.reason);
    j.key("code").value(code(r.problem)).end_object();
  }
  j.end_array().end_object();
  return j.str();
}

std::string UndoSummary::to_json() const {
  JsonWriter j;
  j.begin_object().key("kind").value(kind).key("restored_file").value(restored_file).key("restored").value(restored);
  j.key("replaced").value(replaced).end_object();
  return j.str();
}

ImportSummary import_file(Database& db, ImportKind kind, const std::string& path, const ImportOptions& options) {
  const ImportProfile profile = options.profile ? *options.profile : current_import_profile(db);
  const char* name = kind_name(kind);
  const KindProfile& kp = profile.of(name);
  auto table = open_table(path, options.sheet);
  const auto& specs = fields_of(name);
  const ColumnMap columns = map_header(table->header(), name, kp, table->where());
  ImportSummary summary{name, path, table->encoding(), table->delimiter()};
  summary.format = table->format();
  summary.sheet = table->sheet();
  RowContext ctx{kp};
  ctx.extras = columns.extras;
  if (kind == ImportKind::accounts) {
    // Sized once for the rows the file may hold (a portfolio row is 80 bytes or more), not grown a million times.
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(path, ec);
    if (!ec) ctx.seen.reserve(static_cast<std::size_t>(std::min<std::uintmax_t>(bytes / 80, 20'000'000)));
  }
  if (kind != ImportKind::accounts) {
    ctx.order = decide_day_order(path, options.sheet, columns.positions[1], kp, summary.date_format, summary.date_format_from);
  }
  std::map<std::string, FieldFailures> failures;

  sql::Transaction tx(db);
  const std::int64_t current = store::count_rows(db, table_of(kind));
  store::keep_previous(db, table_of(kind), name);
  if (kind == ImportKind::accounts) store::copy_to_previous(db, "accounts_repeated");
  sql::clear_table(db, table_of(kind));
  sql::BulkWriter out(db, table_of(kind), db_columns(kind));
  // This thread writes what the parser thread hands over, batch by batch.
  BoundedQueue<RowBuffer> queue(4);
  std::exception_ptr parse_error;
  Parse parse{*table, columns.positions, specs, kind, ctx, summary, failures};
  std::thread parser([&] {
    try {
      parse_rows(parse, queue);
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
  if (kind == ImportKind::accounts) store::replace_repeated_accounts(db, ctx.repeated);
  summary.rounded = ctx.rounded;
  summary.unknown_document_types = ctx.unknown_document_types;
  summary.unknown_document_type = ctx.unknown_document_type;
  summary.replaced = current;
  refuse_if_worse(summary, failures, kind, profile, options, ctx.order, current, table->where(), file_name_of(path));
  if (kind == ImportKind::accounts) store::forget_account_words(db);  // rebuilt by the next search
  store::log_import(db, summary.kind, path, static_cast<std::int64_t>(summary.read),
                    static_cast<std::int64_t>(summary.imported), static_cast<std::int64_t>(summary.rejected.size()));
  tx.commit();
  return summary;
}

UndoSummary undo_import(Database& db, ImportKind kind) {
  const char* name = kind_name(kind);
  sql::Transaction tx(db);
  const auto previous = store::previous_import(db, name);
  if (!previous) {
    throw InputError(ErrorCode::nothing_to_undo, std::string("import undo: there is no previous ") + name + " import to put back",
                     {{"kind", name}});
  }
  UndoSummary s{name, previous->file, 0, store::count_rows(db, table_of(kind))};
  s.restored = store::swap_with_previous(db, table_of(kind), name);
  if (kind == ImportKind::accounts) store::swap_tables(db, "accounts_repeated");
  if (kind == ImportKind::accounts) store::forget_account_words(db);  // rebuilt by the next search
  tx.commit();
  return s;
}

}  // namespace cartero::selection
