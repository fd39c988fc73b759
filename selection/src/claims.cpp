// Claims and contacts imports (claims.hpp): read through the TableReader
// with the import profile's names, every row checked before anything is
// written, then the table replaced in one transaction.
#include "cartero/selection/claims.hpp"

#include <unordered_set>

#include "cartero/core/csv.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/error_texts.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/table.hpp"
#include "cartero/core/text.hpp"
#include "cartero/core/values.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/selection/import_profile.hpp"
#include "store_claims.hpp"
#include "store_imports.hpp"
#include "store_portfolio.hpp"

namespace cartero::selection {

namespace {


std::string_view cell(const std::vector<std::string_view>& fields, int pos) {
  if (pos < 0 || static_cast<std::size_t>(pos) >= fields.size()) return {};
  return trim(fields[static_cast<std::size_t>(pos)]);
}

// "10:30", "10:30:15" or an Excel fraction of a day ("46068,4375"): "HH:MM";
// "" when there is no time.
std::string time_of(std::string_view text) {
  text = trim(text);
  if (const auto sp = text.find_first_of(" T"); sp != std::string_view::npos && sp >= 8) text = trim(text.substr(sp + 1));
  const auto colon = text.find(':');
  if (colon != std::string_view::npos && colon >= 1 && colon <= 2 && text.size() >= colon + 3) {
    const int h = std::atoi(std::string(text.substr(0, colon)).c_str());
    const int m = std::atoi(std::string(text.substr(colon + 1, 2)).c_str());
    if (h >= 0 && h < 24 && m >= 0 && m < 60) {
      char out[6];
      std::snprintf(out, sizeof out, "%02d:%02d", h, m);
      return out;
    }
    return "invalid";
  }
  const auto dot = text.find_first_of(".,");
  if (dot == 5 && text.size() > 6) {
    const double fraction = std::atof(("0." + std::string(text.substr(6))).c_str());
    const int minutes = static_cast<int>(fraction * 24 * 60 + 0.5);
    char out[6];
    std::snprintf(out, sizeof out, "%02d:%02d", (minutes / 60) % 24, minutes % 60);
    return out;
  }
  return {};
}

// Reads every row of a claims or contacts file: `row` returns an error
// (field, reason) or "" for a good row.
struct Reading {
  std::unique_ptr<TableReader> table;
  ColumnMap columns;
  DayOrder order = DayOrder::day_first;
  ImportSummary summary;
};

Reading open_reading(Database& db, const char* kind, const std::string& path, const ImportOptions& options,
                     int date_field) {
  const ImportProfile profile = options.profile ? *options.profile : current_import_profile(db);
  const KindProfile& kp = profile.of(kind);
  Reading r{open_table(path, options.sheet), {}, DayOrder::day_first, {}};
  r.columns = map_header(r.table->header(), kind, kp, r.table->where());
  r.summary.kind = kind;
  r.summary.file = path;
  r.summary.encoding = r.table->encoding();
  r.summary.delimiter = r.table->delimiter();
  r.summary.format = r.table->format();
  r.summary.sheet = r.table->sheet();
  r.order = detect_day_order(path, options.sheet, r.columns.positions[static_cast<std::size_t>(date_field)], kp,
                             r.summary.date_format, r.summary.date_format_from);
  return r;
}

using RowCheck = std::function<std::optional<RejectedRow>(std::size_t line, const std::vector<std::string_view>&)>;

void read_rows(Reading& r, const RowCheck& check) {
  r.table->read([&](std::size_t line, const std::vector<std::string_view>& fields) {
    const std::string& unreadable = r.table->error();
    if (unreadable.empty() && is_blank_record(fields)) {
      ++r.summary.blank;
      return true;
    }
    ++r.summary.read;
    if (!unreadable.empty()) {
      r.summary.rejected.push_back({line, "", unreadable, RowProblem::unclosed_quote, ""});
      return true;
    }
    if (auto rejected = check(line, fields)) {
      r.summary.rejected.push_back(std::move(*rejected));
    } else {
      ++r.summary.imported;
    }
    return true;
  });
  r.summary.lines = static_cast<std::int64_t>(r.table->lines());
  r.summary.blank += static_cast<std::int64_t>(r.table->blank_lines());
}

// "«Número de cuenta» (account_id)": a column as the web page names it.
std::string column_name(std::string_view kind, const std::string& field) {
  for (const auto& f : fields_of(kind)) {
    if (f.field == field) return "«" + std::string(f.spanish) + "» (" + field + ")";
  }
  return field;
}

// Refuses the file (nothing written) when no row was read, or when a row
// was rejected and the user did not accept rejections. `what` names the
// rows in force: "claims" or "contacts" (the Spanish text says it too).
void refuse_if_rejected(const Reading& r, const ImportOptions& options, const char* what) {
  const std::string where = r.table->where();
  const std::string lo_que = std::string_view(what) == "claims" ? "los reclamos" : "las gestiones de contacto";
  const std::string file = file_name_of(r.table->path());
  if (r.summary.read == 0) {
    throw InputError(ErrorCode::claims_no_rows, where + ": the file has no rows; the " + what + " in force were kept",
                     {{"file", file}, {"what", lo_que}});
  }
  if (r.summary.rejected.empty() || (options.accept_rejected && r.summary.imported > 0)) return;
  std::string msg = where + ": " + std::to_string(r.summary.rejected.size()) + " of " + std::to_string(r.summary.read) +
                    " rows cannot be imported, so nothing was imported and the " + what + " in force were kept";
  std::string rows;  // "Línea 3, columna account_id: la cuenta 9999 no está en la cartera (…); línea 4, …"
  for (std::size_t i = 0; i < r.summary.rejected.size() && i < 10; ++i) {
    const auto& x = r.summary.rejected[i];
    msg += "; line " + std::to_string(x.line) + (x.field.empty() ? "" : " " + x.field) + ": " + x.reason;
    rows += std::string(i == 0 ? "Línea " : "; línea ") + std::to_string(x.line) +
            (x.field.empty() ? "" : ", columna " + column_name(what, x.field)) + ": " + spanish_label(x);
  }
  if (r.summary.rejected.size() > 10) msg += "; …", rows += "; …";
  msg += ". Correct the rows and import again, or add --accept-rejected to import the other rows";
  throw InputError(ErrorCode::claims_rows_rejected, msg,
                   {{"file", file},
                    {"rejected", std::to_string(r.summary.rejected.size())},
                    {"read", std::to_string(r.summary.read)},
                    {"what", lo_que},
                    {"rows", rows}});
}

// What both imports end with: a file with rejected rows refused (unless
// accepted), then in one transaction the rows in force kept for `import
// undo`, replaced by `replace` (which returns the rows replaced), logged.
ImportSummary replace_in_force(Database& db, Reading& r, const ImportOptions& options, const char* kind,
                               const std::function<std::int64_t()>& replace) {
  refuse_if_rejected(r, options, kind);
  sql::Transaction tx(db);
  store::keep_previous(db, kind, kind);
  r.summary.replaced = replace();
  store::log_import(db, kind, r.summary.file, r.summary.read, r.summary.imported,
                    static_cast<std::int64_t>(r.summary.rejected.size()));
  tx.commit();
  return r.summary;
}

}  // namespace

ImportSummary import_claims(Database& db, const std::string& path, const ImportOptions& options, Date today) {
  const ImportProfile profile = options.profile ? *options.profile : current_import_profile(db);
  const KindProfile& kp = profile.of("claims");
  Reading r = open_reading(db, "claims", path, options, 2);
  const auto& pos = r.columns.positions;  // account_id, claim_id, filed_on, disputed_amount, status
  std::vector<store::ClaimRow> rows;
  std::unordered_set<std::string> seen;
  read_rows(r, [&](std::size_t line, const std::vector<std::string_view>& f) -> std::optional<RejectedRow> {
    const auto account = cell(f, pos[0]);
    if (account.empty()) return RejectedRow{line, "account_id", "no account number", RowProblem::no_account_id, ""};
    const auto claim = cell(f, pos[1]);
    if (claim.empty()) return RejectedRow{line, "claim_id", "no claim number", RowProblem::no_claim_id, ""};
    const auto filed = parse_date_text(cell(f, pos[2]), r.order);
    if (!filed) return RejectedRow{line, "filed_on", quoted(cell(f, pos[2])) + " is not a date (dd/mm/yyyy, YYYY-MM-DD or an Excel date)", RowProblem::not_a_date, quoted(cell(f, pos[2]))};
    if (*filed > today) return RejectedRow{line, "filed_on", filed->iso() + " is in the future", RowProblem::date_in_future, quoted(cell(f, pos[2]))};
    const auto amount = parse_amount(cell(f, pos[3]), kp.decimal_mark);
    if (!amount || amount->pesos < 0) {
      return RejectedRow{line, "disputed_amount", quoted(cell(f, pos[3])) + " is not an amount in pesos (350000, 350.000 or $ 350.000,50)", RowProblem::not_an_amount, quoted(cell(f, pos[3]))};
    }
    const auto status = map_value("status", cell(f, pos[4]), kp);
    if (!status) {
      return RejectedRow{line, "status", quoted(cell(f, pos[4])) + " is not a claim status (open/abierto/en trámite, closed/cerrado/resuelto)", RowProblem::not_a_claim_status, quoted(cell(f, pos[4]))};
    }
    if (!seen.insert(std::string(claim)).second) {
      return RejectedRow{line, "claim_id", "claim " + std::string(claim) + " appears on an earlier row", RowProblem::repeated_claim, std::string(claim)};
    }
    if (!in_snapshot(db, std::string(account))) {
      return RejectedRow{line, "account_id", "account " + std::string(account) + " is not in the portfolio (import the accounts first, or check the number)", RowProblem::account_not_in_portfolio, std::string(account)};
    }
    rows.push_back({std::string(claim), std::string(account), *filed, amount->pesos, *status == "open"});
    return std::nullopt;
  });
  return replace_in_force(db, r, options, "claims", [&] { return store::replace_claims(db, rows); });
}

ImportSummary import_contacts(Database& db, const std::string& path, const ImportOptions& options, Date today) {
  const ImportProfile profile = options.profile ? *options.profile : current_import_profile(db);
  const KindProfile& kp = profile.of("contacts");
  Reading r = open_reading(db, "contacts", path, options, 2);
  const auto& pos = r.columns.positions;  // account_id, channel, contacted_at, time
  std::vector<store::ContactRow> rows;
  read_rows(r, [&](std::size_t line, const std::vector<std::string_view>& f) -> std::optional<RejectedRow> {
    const auto account = cell(f, pos[0]);
    if (account.empty()) return RejectedRow{line, "account_id", "no account number", RowProblem::no_account_id, ""};
    const auto channel = map_value("channel", cell(f, pos[1]), kp);
    if (!channel) {
      return RejectedRow{line, "channel", quoted(cell(f, pos[1])) + " is not a channel (call/llamada, sms, email/correo electrónico, whatsapp, visit/visita, letter/carta)", RowProblem::not_a_channel, quoted(cell(f, pos[1]))};
    }
    const auto when = cell(f, pos[2]);
    const auto on = parse_date_text(when, r.order);
    if (!on) return RejectedRow{line, "contacted_at", quoted(when) + " is not a date and time (16/02/2026 10:30, YYYY-MM-DD or an Excel date)", RowProblem::not_a_date, quoted(when)};
    if (*on > today) {
      return RejectedRow{line, "contacted_at", on->iso() + " is in the future: a contact cannot have been made yet; check the date", RowProblem::date_in_future, quoted(when)};
    }
    std::string time = time_of(pos[3] >= 0 && !cell(f, pos[3]).empty() ? cell(f, pos[3]) : when);
    if (time == "invalid") return RejectedRow{line, pos[3] >= 0 ? "time" : "contacted_at", quoted(pos[3] >= 0 ? cell(f, pos[3]) : when) + " is not a time (HH:MM)", RowProblem::not_a_time, quoted(pos[3] >= 0 ? cell(f, pos[3]) : when)};
    rows.push_back({std::string(account), *channel, *on, time.empty() ? on->iso() : on->iso() + "T" + time});
    return std::nullopt;
  });
  return replace_in_force(db, r, options, "contacts", [&] { return store::replace_contacts(db, rows); });
}

bool is_claims_kind(std::string_view kind) { return kind == "claims" || kind == "contacts"; }

UndoSummary undo_claims_import(Database& db, std::string_view kind) {
  if (!is_claims_kind(kind)) {
    throw InputError(ErrorCode::unknown_import_kind, "import undo: unknown kind '" + std::string(kind) + "' (claims or contacts)",
                     {{"kind", std::string(kind)}});
  }
  const std::string name(kind);
  sql::Transaction tx(db);
  const auto previous = store::previous_import(db, name);
  if (!previous) {
    throw InputError(ErrorCode::nothing_to_undo, "import undo: there is no previous " + name + " import to put back",
                     {{"kind", name}});
  }
  UndoSummary s{name, previous->file, 0, store::count_rows(db, name)};
  s.restored = store::swap_with_previous(db, name, name);
  tx.commit();
  return s;
}

void for_each_open_claim(Database& db, const std::function<void(std::string_view, Pesos)>& fn) {
  store::for_each_open_claim(db, fn);
}

}  // namespace cartero::selection
