#include "cartero/returns/courier_import.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>
#include <variant>

#include "cartero/core/csv.hpp"
#include "cartero/core/table.hpp"
#include "cartero/core/values.hpp"
#include "cartero/selection/import_profile.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/error_texts.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/text.hpp"
#include "cartero/letters/letter_code.hpp"
#include "cartero/letters/printed.hpp"
#include "cartero/returns/register.hpp"
#include "store.hpp"
#include "store_courier.hpp"

namespace cartero::returns {

namespace {

using selection::RowProblem;

// A row of the courier's file that is not taken, with its code for the web.
selection::RejectedRow rejected(std::size_t line, std::string field, std::string reason, RowProblem problem, std::string value) {
  selection::RejectedRow r;
  r.line = line;
  r.field = std::move(field);
  r.reason = std::move(reason);
  r.problem = problem;
  r.value = std::move(value);
  return r;
}

// Letters, upper case and digits only: "Dir. Inexistente" -> "DIRINEXISTENTE".
std::string squash(std::string_view name) {
  std::string out;
  for (char c : fold_code(name)) {
    if (std::isalnum(static_cast<unsigned char>(c))) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

struct LetterInfo {
  std::string letter_id;
  std::optional<Date> sent_on;
};

struct Columns {
  int barcode = -1, letter_id = -1, cause = -1, date = -1, observation = -1;
};

// The courier's columns by our names, their Spanish names (Guía, Código de
// barras, Causal, Motivo de devolución, Fecha de devolución, Observación…)
// or the import profile's.
Columns columns_of(const TableReader& table, const char* kind, const selection::KindProfile& profile) {
  const auto map = selection::map_header(table.header(), kind, profile, table.where());
  const auto& specs = selection::fields_of(kind);
  Columns c;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const auto& f = specs[i].field;
    const int pos = map.positions[i];
    if (f == "barcode") c.barcode = pos;
    else if (f == "letter_id") c.letter_id = pos;
    else if (f == "cause") c.cause = pos;
    else if (f == "observation") c.observation = pos;
    else c.date = pos;
  }
  if (c.barcode < 0 && c.letter_id < 0) {
    throw InputError(ErrorCode::needs_letter_column,
                     table.where() + ": needs a 'barcode' or a 'letter_id' column (Código de barras, Número de guía, Guía)",
                     {{"file", file_name_of(table.path())}});
  }
  return c;
}

std::string_view field(const std::vector<std::string_view>& f, int i) {
  return i >= 0 && static_cast<std::size_t>(i) < f.size() ? trim(f[static_cast<std::size_t>(i)]) : std::string_view();
}

// The letter a row names, or why not.
std::variant<LetterInfo, selection::RejectedRow> letter_of(Database& db, const std::vector<std::string_view>& f,
                                                           const Columns& c, std::size_t line) {
  std::string id;
  if (!field(f, c.barcode).empty()) {
    const auto from_code = letters::letter_id_from_payload(field(f, c.barcode));
    if (!from_code) {
      return rejected(line, "barcode", "'" + std::string(field(f, c.barcode)) + "' is not a code of a Cartero letter",
                      RowProblem::not_a_letter_code, quoted(field(f, c.barcode)));
    }
    id = *from_code;
  } else {
    id = field(f, c.letter_id);
    if (id.empty()) return rejected(line, "letter_id", "no barcode and no letter_id", RowProblem::no_letter_reference, "");
    // The guía column may carry the code's text ("2026-000123-7").
    if (const auto from_code = letters::letter_id_from_payload(id)) id = *from_code;
  }
  std::optional<LetterInfo> info;
  if (const auto letter = letters::find_letter(db, id)) info = LetterInfo{letter->letter_id, letter->sent_on};
  if (!info) return rejected(line, c.barcode >= 0 ? "barcode" : "letter_id", "letter " + id + " does not exist", RowProblem::no_such_letter, id);
  if (!info->sent_on) {
    return rejected(line, "letter_id", "letter " + id + " belongs to a batch never dispatched", RowProblem::letter_not_dispatched, id);
  }
  return *info;
}

std::variant<Date, selection::RejectedRow> date_of(std::string_view text, const char* column, const LetterInfo& l, std::size_t line,
                                                   DayOrder order) {
  const auto d = parse_date_text(text, order);
  if (!d) {
    return rejected(line, column, "'" + std::string(text) + "' is not a date (YYYY-MM-DD, dd/mm/yyyy or an Excel date)",
                    RowProblem::not_a_date, quoted(text));
  }
  if (*d < *l.sent_on) {
    return rejected(line, column, std::string(column) + " " + d->iso() + " is before the letter was sent (" + l.sent_on->iso() + ")",
                    RowProblem::date_before_sending, d->iso());
  }
  return *d;
}

void rows_json(JsonWriter& j, const std::vector<selection::RejectedRow>& rows) {
  j.begin_array();
  for (const auto& r : rows) {
    j.begin_object().key("line").value(r.line).key("field").value(r.field).key("reason").value(r.reason);
    j.key("code").value(selection::code(r.problem)).end_object();
  }
  j.end_array();
}


}  // namespace

CourierCauses CourierCauses::defaults() {
  CourierCauses c;
  for (const auto& info : all_causes()) {
    c.names[squash(info.code)] = info.cause;
    c.names[squash(info.label)] = info.cause;
  }
  const std::pair<const char*, ReturnCause> usual[] = {
      {"DIR INEXISTENTE", ReturnCause::nonexistent_address}, {"NO EXISTE", ReturnCause::nonexistent_address},
      {"DIRECCION ERRADA", ReturnCause::nonexistent_address}, {"DIRECCION DEFICIENTE", ReturnCause::deficient_address},
      {"DIRECCION INCOMPLETA", ReturnCause::deficient_address}, {"DIR INCOMPLETA", ReturnCause::deficient_address},
      {"DIR DEFICIENTE", ReturnCause::deficient_address},
      {"DEMOLIDO", ReturnCause::demolished}, {"LOTE BALDIO", ReturnCause::vacant_lot}, {"REHUSADA", ReturnCause::refused},
      {"DESCONOCIDO", ReturnCause::unknown_addressee}, {"NO RESIDE", ReturnCause::moved}, {"CAMBIO DE DOMICILIO", ReturnCause::moved},
      {"TRASLADADO", ReturnCause::moved}, {"FALLECIDO", ReturnCause::deceased}, {"CERRADO", ReturnCause::closed},
      // 4-72's written causes, and the utility's own.
      {"REHUSADO", ReturnCause::refused}, {"DESCONOCIDO", ReturnCause::unknown_addressee},
      {"DESTINATARIO DESCONOCIDO", ReturnCause::unknown_addressee}, {"APARTADO CLAUSURADO", ReturnCause::nonexistent_address},
      {"LOTE", ReturnCause::vacant_lot}, {"PREDIO DEMOLIDO", ReturnCause::demolished}};
  for (const auto& [name, cause] : usual) c.names[squash(name)] = cause;
  // The causes 4-72 writes that have codes of their own once the cause
  // table has them; "other" (with the wording kept) until then.
  const std::pair<const char*, const char*> own[] = {
      {"NO RECLAMADO", "unclaimed"}, {"NO CONTACTADO", "not_contacted"}, {"FUERZA MAYOR", "force_majeure"}};
  for (const auto& [name, code] : own) c.names[squash(name)] = parse_cause_code(code).value_or(ReturnCause::other);
  return c;
}

void CourierCauses::add(std::string_view name, ReturnCause cause) { names[squash(name)] = cause; }

std::optional<ReturnCause> CourierCauses::find(std::string_view name) const {
  const auto it = names.find(squash(name));
  return it == names.end() ? std::nullopt : std::optional<ReturnCause>(it->second);
}

std::string CourierImportSummary::to_json() const {
  JsonWriter j;
  j.begin_object().key("kind").value(kind).key("file").value(file).key("read").value(read).key("recorded").value(recorded);
  j.key("duplicates");
  rows_json(j, duplicates);
  j.key("rejected");
  rows_json(j, rejected);
  j.end_object();
  return j.str();
}

namespace {

// Why a row whose letter and date are right was still not recorded: a
// duplicate or a rejection, with the field, the reason and the value.
struct Refused {
  bool duplicate = false;
  std::string field;
  std::string reason;
  RowProblem problem;
  std::string value;
};
// What such a row says: recorded (nothing) or refused (why).
using RowResult = std::optional<Refused>;

using RowFn = std::function<RowResult(const LetterInfo&, Date, const std::vector<std::string_view>&, const Columns&,
                                      const selection::KindProfile&)>;

// The loop both courier files share: one transaction; each row's letter and
// date checked, then handed to `fn`.
CourierImportSummary import_rows(Database& db, const std::string& path, const char* kind, const char* date_column,
                                 const std::optional<std::string>& sheet, const RowFn& fn) {
  const auto profile = selection::current_import_profile(db);
  const auto& kp = profile.of(kind);
  auto table = open_table(path, sheet);
  const Columns c = columns_of(*table, kind, kp);
  std::string format, from;
  const DayOrder order = selection::detect_day_order(path, sheet, c.date, kp, format, from);
  CourierImportSummary s{kind, path, 0, 0, {}, {}};
  sql::Transaction tx(db);
  table->read([&](std::size_t line, const std::vector<std::string_view>& f) {
    if (table->error().empty() && is_blank_record(f)) return true;
    ++s.read;
    if (!table->error().empty()) {
      s.rejected.push_back(rejected(line, "", table->error(), RowProblem::unclosed_quote, ""));
      return true;
    }
    const auto letter = letter_of(db, f, c, line);
    if (auto* bad = std::get_if<selection::RejectedRow>(&letter)) {
      s.rejected.push_back(*bad);
      return true;
    }
    const auto& l = std::get<LetterInfo>(letter);
    const auto date = date_of(field(f, c.date), date_column, l, line, order);
    if (auto* bad = std::get_if<selection::RejectedRow>(&date)) {
      s.rejected.push_back(*bad);
      return true;
    }
    const RowResult r = fn(l, std::get<Date>(date), f, c, kp);
    if (!r) ++s.recorded;
    else (r->duplicate ? s.duplicates : s.rejected).push_back(rejected(line, r->field, r->reason, r->problem, r->value));
    return true;
  });
  tx.commit();
  return s;
}

}  // namespace

CourierImportSummary import_returns(Database& db, const std::string& path, const CourierCauses& causes, const std::string& user,
                                    const Routing& routing, const std::optional<std::string>& sheet) {
  return import_rows(db, path, "returns", "returned_on", sheet,
                     [&](const LetterInfo& l, Date on, const std::vector<std::string_view>& f, const Columns& c,
                         const selection::KindProfile& kp) -> RowResult {
    const auto wording = field(f, c.cause);
    std::optional<ReturnCause> cause;
    if (const auto mapped = selection::map_value("cause", wording, kp)) cause = parse_cause_code(*mapped);
    if (!cause) cause = causes.find(wording);
    if (!cause) {
      return Refused{false, "cause",
                       "'" + std::string(field(f, c.cause)) + "' is not a known cause; add it to the courier's cause names",
                       RowProblem::unknown_courier_cause, quoted(field(f, c.cause))};
    }
    const auto reg = register_within(db, {l.letter_id, *cause, std::string(field(f, c.observation)), on, user, "courier_file",
                                          std::nullopt, std::nullopt}, routing);
    if (!reg.duplicate) {
      store::keep_courier_wording(db, reg.return_id, std::string(wording));
      return RowResult{};
    }
    return Refused{true, "letter_id", "letter " + l.letter_id + " is already return " + std::to_string(reg.return_id),
                     RowProblem::letter_already_returned, l.letter_id};
  });
}

CourierImportSummary import_deliveries(Database& db, const std::string& path, const std::string& user,
                                       const std::optional<std::string>& sheet) {
  return import_rows(db, path, "deliveries", "delivered_on", sheet,
                     [&](const LetterInfo& l, Date on, const std::vector<std::string_view>&, const Columns&,
                         const selection::KindProfile&) -> RowResult {
    if (store::return_of_letter(db, l.letter_id)) {
      return Refused{false, "letter_id", "letter " + l.letter_id + " was registered as returned",
                       RowProblem::letter_already_returned, l.letter_id};
    }
    if (store::delivered_on(db, l.letter_id)) {
      return Refused{true, "letter_id", "letter " + l.letter_id + " is already recorded as delivered",
                       RowProblem::letter_already_delivered, l.letter_id};
    }
    store::insert_delivery(db, l.letter_id, on, "courier_file:" + user);
    return RowResult{};
  });
}

}  // namespace cartero::returns
