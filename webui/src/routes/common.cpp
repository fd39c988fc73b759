#include "common.hpp"

#include <atomic>
#include <ctime>

#include "cartero/core/text.hpp"

namespace cartero::webui {

std::string text_of(const Poco::JSON::Object::Ptr& o, const std::string& key) { return text_field(o, key); }

std::int64_t id_of(const std::string& segment) {
  try {
    std::size_t used = 0;
    const auto v = std::stoll(segment, &used);
    if (used == segment.size() && v > 0) return v;
  } catch (const std::exception&) {
  }
  throw HttpError(404, "No existe: " + segment);
}

// The crop of a page kept for review: its codes or its cause panel (PNG).
std::string batch_dir(const Services& services, std::int64_t id) { return services.letters_dir + "/batch-" + std::to_string(id); }

// Every batch's report, computed again only when the register, the
// deliveries or the batches changed.
// Keyed by the report settings in force, so a change of the notified causes
// is seen at once.
std::shared_ptr<const std::vector<returns::BatchReport>> batch_reports(Database& db, Services& services) {
  const auto state = returns::returns_state(db);
  const auto settings = returns::current_return_settings(db);
  return services.caches->batch_reports.get(returns::return_settings_to_json(settings), state,
                                            [&] { return returns::batch_reports(db, settings.report); });
}

std::optional<SortAsked> requested_sort(const Request& r, std::initializer_list<std::string_view> keys) {
  const auto key = query_text(r, "sort");
  const auto dir = query_text(r, "dir");
  if (dir != "" && dir != "asc" && dir != "desc") throw HttpError(400, "El orden es asc o desc (?dir=).");
  if (key.empty()) return std::nullopt;
  const auto it = std::find(keys.begin(), keys.end(), key);
  if (it == keys.end()) throw HttpError(400, "Esta lista no se ordena por «" + key + "».");
  return SortAsked{static_cast<std::size_t>(it - keys.begin()), dir == "desc"};
}

namespace {

// The cases of `all` the request's ?kind= and ?q= keep, in its ?sort= order.
std::vector<returns::Case> filtered_cases(const Request& r, const std::vector<returns::Case>& all) {
  const auto kind = query_text(r, "kind");
  const auto words = search_words(fold_search(query_text(r, "q")));
  const auto sort = requested_sort(r, {"opened", "account", "holder", "zone", "cause", "neighborhood"});
  std::vector<returns::Case> out;
  for (const auto& c : all) {
    if (!kind.empty() && code(c.kind) != kind) continue;
    if (!words.empty()) {
      const auto text = " " + fold_search(c.account_id + " " + c.holder_name + " " + c.address + " " + c.neighborhood + " " + c.zone +
                                          " " + c.letter_id + " " + bare_search(c.letter_id));
      if (!std::all_of(words.begin(), words.end(), [&](const std::string& w) { return text.find(" " + w) != std::string::npos; })) continue;
    }
    out.push_back(c);
  }
  if (sort) {
    const auto key = [&](const returns::Case& c) -> std::string {
      switch (sort->key) {
        case 0: return c.opened_at;
        case 1: return c.account_id;
        case 2: return fold_search(c.holder_name);
        case 3: return fold_search(c.zone);
        case 4: return returns::cause_label(c);
        default: return fold_search(c.neighborhood);
      }
    };
    std::stable_sort(out.begin(), out.end(), [&](const returns::Case& a, const returns::Case& b) {
      return sort->descending ? key(b) < key(a) : key(a) < key(b);
    });
  }
  return out;
}

}  // namespace

// A page of a work list: ?offset=N&limit=M (the first 200 by default, at
// most 1,000 at a time), the list's length in X-Total-Count.
Reply list_page(const Request& r, const std::vector<returns::Case>& all) {
  const bool narrowed = !query_text(r, "kind").empty() || !query_text(r, "q").empty() || !query_text(r, "sort").empty();
  std::vector<returns::Case> kept;
  if (narrowed) kept = filtered_cases(r, all);
  const auto& cases = narrowed ? kept : all;
  const auto offset = std::min<std::size_t>(static_cast<std::size_t>(query_number(r, "offset").value_or(0)), cases.size());
  const auto limit = std::min<std::size_t>(static_cast<std::size_t>(query_number(r, "limit").value_or(200)), 1000);
  const auto first = cases.begin() + static_cast<std::ptrdiff_t>(offset);
  const auto last = first + static_cast<std::ptrdiff_t>(std::min(limit, cases.size() - offset));
  Reply reply{200, cases_json({first, last})};
  reply.headers.emplace_back("X-Total-Count", std::to_string(cases.size()));
  return reply;
}

// The zone of ?zone=Z that the session may work: field staff only their own.
std::string requested_zone(const Request& r) {
  const auto& s = r.require({Role::field, Role::analyst, Role::admin});
  const auto zone = query_text(r, "zone");
  if (zone.empty()) throw HttpError(400, "Indique la zona (?zone=…).");
  if (s.user.role == Role::field && std::find(s.user.zones.begin(), s.user.zones.end(), zone) == s.user.zones.end()) {
    throw HttpError(403, "La zona " + zone + " no está asignada a usted.");
  }
  return zone;
}

ReturnCause cause_from(const Poco::JSON::Object::Ptr& body) {
  const auto cause = parse_cause_code(text_of(body, "cause"));
  if (!cause) throw HttpError(400, "Causal desconocida.");
  return *cause;
}

bool wants_csv(const Request& r) { return query_text(r, "format") == "csv"; }

std::optional<ExportFormat> wanted_export(const Request& r, Database& db) {
  const auto format = query_text(r, "format");
  if (format == "xlsx") return ExportFormat::xlsx;
  if (format != "csv") return std::nullopt;
  return selection::current_import_profile(db).machine_csv ? ExportFormat::csv_machine : ExportFormat::csv_excel;
}

Reply export_download(const Services& services, const std::string& name, ExportFormat format,
                      const std::function<void(const std::string&)>& write) {
  return temporary_file(services, name + (format == ExportFormat::xlsx ? ".xlsx" : ".csv"), true, write);
}

// A file made for one download, under the uploads folder.
Reply temporary_file(const Services& services, const std::string& name, bool attachment,
                     const std::function<void(const std::string&)>& write) {
  const std::string dir = services.upload_dir + "/exports";
  std::filesystem::create_directories(dir);
  static std::atomic<long> counter{0};  // two requests at once never share a file
  const std::string path = dir + "/" + std::to_string(std::time(nullptr)) + "-" + std::to_string(++counter) + "-" + name;
  write(path);
  Reply reply{200, "", "", path};
  if (attachment) reply.download_name = name;
  reply.remove_file = true;
  return reply;
}

Reply csv_download(const Services& services, const std::string& name, const std::function<void(const std::string&)>& write) {
  return temporary_file(services, name, true, write);
}

}  // namespace cartero::webui
