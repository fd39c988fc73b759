// The API's batches routes: each handler parses the request, calls one service and renders.
#include "common.hpp"
#include "cartero/core/csv.hpp"
#include "cartero/proof/admissions.hpp"
#include "cartero/proof/bureau.hpp"
#include "cartero/proof/notice_clock.hpp"

namespace cartero::webui {
namespace {

// The files of a printed batch that can be downloaded (PDF parts, manifest, layout).
std::vector<std::string> batch_files(const Services& services, std::int64_t id) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(batch_dir(services, id), ec)) {
    const auto name = entry.path().filename().string();
    if (name.rfind("letters-", 0) == 0 && entry.path().extension() == ".pdf") files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  if (!files.empty()) {
    files.push_back("manifest.csv");
    files.push_back("layout.json");
  }
  return files;
}

// A batch's cutoff (default today), settings (default the saved ones) and
// cap from the request body.
selection::SelectOptions select_options(Database& db, const Poco::JSON::Object::Ptr& body) {
  selection::SelectOptions o;
  o.cutoff = Date::today();
  o.history = &returns::selection_history();
  if (const auto cutoff = optional_text(body, "cutoff"); cutoff && !cutoff->empty()) {
    const auto d = Date::parse_iso(*cutoff);
    if (!d) throw HttpError(400, "La fecha de corte no es válida (AAAA-MM-DD).");
    o.cutoff = *d;
  }
  if (const auto object = optional_object(body, "settings")) {
    std::ostringstream text;
    object->stringify(text);
    o.settings = selection::settings_from_json(text.str(), "ajustes del lote");
  } else {
    o.settings = selection::current_settings(db);
  }
  if (const auto max = optional_integer(body, "max")) {
    if (*max < 1) throw HttpError(400, "El campo " + field_label("max") + " debe ser un número entero positivo.");
    o.settings.max_letters = *max;
  }
  // The second notices small debts need (as `cartero select --second-notices`).
  if (optional_boolean(body, "second_notices").value_or(false)) {
    o.second_notice_accounts = proof::second_notices_due(db, o.cutoff);
    o.settings = selection::second_notice_settings(o.settings);
  }
  return o;
}

}  // namespace


Reply get_batches(Request& r, Database& db, Services&) {
  r.require({Role::analyst, Role::admin, Role::supervisor});
  return {200, batches_json(selection::list_batches(db))};
}

Reply get_batch(Request& r, Database& db, Services& services) {
  r.require({Role::analyst, Role::admin, Role::supervisor});
  const auto id = id_of(r.path[2]);
  const auto funnel = selection::stored_funnel_json(db, id);
  if (!funnel) throw HttpError(404, "No existe el lote " + std::to_string(id) + ".");
  std::vector<returns::BatchReport> report;
  for (const auto& b : *batch_reports(db, services)) {
    if (b.batch_id == id) report.push_back(b);
  }
  if (report.empty()) report = returns::batch_reports(db, returns::current_return_settings(db).report, id);
  JsonWriter j;
  j.begin_object().key("id").value(id).key("funnel").raw(*funnel).key("report").raw(returns::to_json(report));
  j.key("files").begin_array();
  for (const auto& f : batch_files(services, id)) j.value(f);
  j.end_array().end_object();
  return {200, j.str(), ""};
}

Reply post_batch(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::analyst, Role::admin});
  r.require_csrf();
  auto o = select_options(db, r.json());
  o.created_by = s.user.name;  // who selected: the approver must be someone else
  selection::BatchResult b;
  audited(db, s.user.name, "batch.create", "", [&] {
    b = selection::create_batch(db, o);
    JsonWriter after;
    after.begin_object().key("batch").value(b.batch_id).key("cutoff").value(b.cutoff.iso());
    after.key("settings").raw(selection::settings_to_json(o.settings)).key("selected").value(b.selected).end_object();
    return Change{"null", after.str()};
  });
  JsonWriter j;
  j.begin_object().key("batch").value(b.batch_id).key("funnel").raw(selection::funnel_json(b.total, b.funnel, b.selected));
  j.key("notice").value(o.second_notice_accounts ? 2 : 1).end_object();
  return {201, j.str(), ""};
}

// What a new batch would select (the funnel), before it is saved.
Reply post_batch_preview(Request& r, Database& db, Services&) {
  r.require({Role::analyst, Role::admin});
  r.require_csrf();
  const auto o = select_options(db, r.json());
  const auto b = selection::preview_batch(db, o);
  JsonWriter j;
  j.begin_object().key("cutoff").value(b.cutoff.iso()).key("settings").raw(selection::settings_to_json(o.settings));
  j.key("funnel").raw(selection::funnel_json(b.total, b.funnel, b.selected)).end_object();
  return {200, j.str()};
}

Reply post_batch_letters(Request& r, Database& db, Services& services) {
  const auto& s = r.require({Role::analyst, Role::admin});
  r.require_csrf();
  letters::GenerateOptions o;
  o.batch_id = id_of(r.path[2]);
  o.out_dir = batch_dir(services, o.batch_id);
  o.check_approval = true;  // as `cartero letters`: the batch's require_approval decides
  o.notice_days = proof::current_bureau_settings(db).notice_days;  // the letter's {{report_from}}
  o.guias = proof::guias_of_batch(db, o.batch_id);                 // manifest.csv's guía column
  std::filesystem::remove_all(o.out_dir);  // a new run gives the same letters (same ids, same content)
  const auto status = [&] {
    for (const auto& b : selection::list_batches(db)) {
      if (b.id == o.batch_id) return "{\"status\":" + json_quote(b.status) + "}";
    }
    return std::string("null");
  };
  const std::string before = status();
  // Numbering, rendering on every core and recording the parts are several
  // transactions (the parts are written by other connections): the line is
  // written once the letters are recorded.
  const auto g = letters::generate_letters(db, o);
  JsonWriter after;
  after.begin_object().key("status").value("generated").key("letters").value(g.letters).key("numbered_now").value(g.numbered_now);
  after.key("first_letter").value(g.first_letter).key("last_letter").value(g.last_letter).end_object();
  audit(db, s.user.name, "batch.letters", std::to_string(o.batch_id), before, after.str());
  JsonWriter j;
  j.begin_object().key("batch").value(g.batch_id).key("letters").value(g.letters).key("files").begin_array();
  for (const auto& p : g.parts) j.value(p.file);
  j.value("manifest.csv").value("layout.json").end_array().end_object();
  return {201, j.str()};
}

Reply get_batch_file(Request& r, Database& db, Services& services) {
  r.require({Role::analyst, Role::admin, Role::supervisor});
  const std::string name = r.path[4];
  const bool part = name.rfind("letters-", 0) == 0 && name.size() == 15 && name.substr(11) == ".pdf";
  if (!part && name != "manifest.csv" && name != "layout.json") throw HttpError(404, "No existe ese archivo del lote.");
  const auto id = id_of(r.path[2]);
  const std::string file = batch_dir(services, id) + "/" + name;
  // Once the courier's admissions gave the letters guías, the manifest
  // carries them (written again for this download).
  if (name == "manifest.csv" && std::filesystem::exists(file)) {
    if (const auto guias = proof::guias_of_batch(db, id); !guias.empty()) {
      Reply reply = temporary_file(services, name, false, [&](const std::string& path) {
        letters::write_batch_manifest(db, id, letters::GenerateOptions{}.part_size, guias, path);
      });
      return reply;
    }
  }
  return {200, "", "", file};
}

Reply post_batch_dispatch(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::analyst, Role::admin});
  r.require_csrf();
  const auto body = r.json();
  Date date = Date::today();
  if (body->has("date")) {
    const auto d = Date::parse_iso(text_of(body, "date"));
    if (!d) throw HttpError(400, "La fecha de despacho no es válida (AAAA-MM-DD).");
    date = *d;
  }
  const auto id = id_of(r.path[2]);
  letters::DispatchResult d;
  audited(db, s.user.name, "batch.dispatch", std::to_string(id), [&] {
    d = letters::dispatch_batch(db, id, date, s.user.name);
    return Change{"{\"status\":\"generated\"}", letters::to_json(d)};
  });
  return {200, letters::to_json(d)};
}

// A batch's selected accounts (rank order) or excluded ones (with every
// reason), as a CSV for people: Spanish headers and labels.
Reply get_batch_list(Request& r, Database& db, Services& services) {
  r.require({Role::analyst, Role::admin, Role::supervisor});
  const auto id = id_of(r.path[2]);
  const bool selected = r.path[3] == "selected";
  if (!selection::stored_funnel_json(db, id)) throw HttpError(404, "No existe el lote " + std::to_string(id) + ".");
  const auto name = std::string(selected ? "seleccionadas" : "excluidas") + "-lote-" + std::to_string(id) + ".csv";
  return csv_download(services, name, [&](const std::string& path) {
    CsvWriter w(path);
    if (selected) {
      static const char* const k_use[] = {"Residencial", "Comercial", "Industrial", "Oficial"};
      w.row({"Puesto", "Cuenta", "Titular", "Uso", "Facturación", "Saldo", "Días de mora"});
      selection::for_each_selected(db, id, [&](const selection::SelectedEntry& e) {
        const auto rank = std::to_string(e.rank), balance = std::to_string(e.balance), days = std::to_string(e.days_past_due);
        w.row({rank, e.account_id, e.holder_name, k_use[static_cast<int>(e.use_type)],
               e.billing_type == BillingType::joint ? "Conjunta" : "Directa", balance, days});
      });
    } else {
      w.row({"Cuenta", "Motivos"});
      selection::for_each_excluded(db, id, [&](std::string_view account, selection::Reasons reasons) {
        std::string text;
        for (int i = 0; i < selection::k_reason_count; ++i) {
          const auto reason = static_cast<selection::Reason>(i);
          if (reasons.has(reason)) text += (text.empty() ? "" : "; ") + std::string(selection::label(reason));
        }
        w.row({account, text});
      });
    }
    w.close();
  });
}

Reply post_batch_discard(Request& r, Database& db, Services&) {
  const auto& s = r.require({Role::analyst, Role::admin});
  r.require_csrf();
  const std::int64_t id = id_of(r.path[2]);
  audited(db, s.user.name, "batch.discard", std::to_string(id), [&] {
    letters::discard_batch(db, id, s.user.name);
    return Change{"null", "{\"status\":\"discarded\"}"};
  });
  return {200, "{\"batch\":" + std::to_string(id) + ",\"status\":\"discarded\"}"};
}

}  // namespace cartero::webui
