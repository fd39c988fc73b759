// The API's imports routes: each handler parses the request, calls one service and renders.
#include "common.hpp"

#include <fstream>

#include "cartero/returns/courier_import.hpp"
#include "cartero/selection/claims.hpp"

namespace cartero::webui {

// A portfolio export (CSV or XLSX) uploaded by an analyst: imported like
// `cartero import`; `?accept_rejected=1`, `?replace_smaller=1` and
// `?sheet=NAME` as the command's options. An accounts file under half the
// portfolio is refused with 409 `smaller_portfolio` and both counts, for the
// page to ask. The courier's files (returns, deliveries) and the office's
// claims and contacts (replacing the ones in force) the same way.
Reply post_import(Request& r, Database& db, Services& services) {
  const auto& s = r.require({Role::analyst, Role::admin});
  r.require_csrf();
  const std::string kind_text = r.path[2];
  const bool courier = kind_text == "returns" || kind_text == "deliveries";
  const bool holds = selection::is_claims_kind(kind_text);  // claims, contacts
  const auto kind = courier || holds ? selection::ImportKind::accounts : selection::parse_import_kind(kind_text);
  const auto files = receive_files(r.raw, services.upload_dir + "/imports", {services.max_upload_bytes, false});
  // The export is read into the database, then removed, imported or not:
  // the server keeps no copy of a portfolio people uploaded.
  struct RemoveFiles {
    const std::vector<std::string>& files;
    ~RemoveFiles() {
      std::error_code ec;
      for (const auto& f : files) std::filesystem::remove(f, ec);
    }
  } remove_files{files};
  if (files.size() != 1) throw HttpError(400, "Envíe exactamente un archivo CSV o XLSX.");
  selection::ImportOptions options;
  options.accept_rejected = query_text(r, "accept_rejected") == "1";
  options.replace_smaller = query_text(r, "replace_smaller") == "1";
  if (const auto sheet = query_text(r, "sheet"); !sheet.empty()) options.sheet = sheet;
  const std::string name = std::filesystem::path(files.front()).filename().string();  // the name sent, not the server's folders
  if (courier) {
    const auto settings = returns::current_return_settings(db);
    std::optional<returns::CourierImportSummary> c;
    audited(db, s.user.name, "import." + kind_text, name, [&] {
      Change change{returns::register_counts(db), ""};
      c = kind_text == "returns"
              ? returns::import_returns(db, files.front(), settings.courier, s.user.name, settings.routing, options.sheet)
              : returns::import_deliveries(db, files.front(), s.user.name, options.sheet);
      change.after_json = returns::register_counts(db);
      return change;
    });
    c->file = name;
    for (auto* rows : {&c->rejected, &c->duplicates}) {
      for (auto& row : *rows) row.reason = selection::spanish_label(row);
    }
    return {200, c->to_json()};
  }
  selection::ImportSummary summary;
  if (holds) {  // the claims or contacts in force replaced, as `cartero import claims|contacts`
    audited(db, s.user.name, "import." + kind_text, name, [&] {
      Change change{selection::import_log_json(db, kind_text), ""};
      summary = kind_text == "claims" ? selection::import_claims(db, files.front(), options, Date::today())
                                      : selection::import_contacts(db, files.front(), options, Date::today());
      change.after_json = selection::import_log_json(db, kind_text);
      return change;
    });
    summary.file = name;
    for (auto& row : summary.rejected) row.reason = selection::spanish_label(row);
    return {200, summary.to_json()};
  }
  audited(db, s.user.name, "import." + kind_text, name, [&] {
    Change change{selection::last_import_json(db, kind), ""};
    summary = selection::import_file(db, kind, files.front(), options);
    change.after_json = selection::last_import_json(db, kind);
    return change;
  });
  if (kind == selection::ImportKind::accounts && services.account_words) services.account_words->accounts_changed();  // their words, in the background
  summary.file = name;
  for (auto& row : summary.rejected) row.reason = selection::spanish_label(row);
  return {200, summary.to_json()};
}

// Puts back the previous import of a kind (the page's "Restaurar" button):
// accounts, payments, letters, claims or contacts.
Reply post_import_undo(Request& r, Database& db, Services& services) {
  const auto& s = r.require({Role::analyst, Role::admin});
  r.require_csrf();
  const std::string& kind_text = r.path[2];
  const bool holds = selection::is_claims_kind(kind_text);
  const auto kind = holds ? selection::ImportKind::accounts : selection::parse_import_kind(kind_text);
  selection::UndoSummary undo;
  audited(db, s.user.name, "import.undo." + kind_text, kind_text, [&] {
    Change change{selection::import_log_json(db, kind_text), ""};
    undo = holds ? selection::undo_claims_import(db, kind_text) : selection::undo_import(db, kind);
    change.after_json = selection::import_log_json(db, kind_text);
    return change;
  });
  if (!holds && kind == selection::ImportKind::accounts && services.account_words) services.account_words->accounts_changed();
  return {200, undo.to_json()};
}

// The columns each kind of file needs (names, Spanish names, aliases).
Reply get_import_columns(Request& r, Database&, Services&) {
  r.require({Role::analyst, Role::admin});
  return {200, selection::expected_columns_json()};
}

// A template CSV for a kind of file, in Excel's Spanish dialect.
Reply get_import_template(Request& r, Database&, Services& services) {
  r.require({Role::analyst, Role::admin});
  const std::string kind = r.path[2];
  if (!selection::is_import_kind(kind)) throw HttpError(404, "No existe esa plantilla.");
  const std::string text = selection::template_csv(kind);
  return csv_download(services, "plantilla-" + kind + ".csv", [&](const std::string& path) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw InternalError("cannot write " + path);
  });
}

}  // namespace cartero::webui
