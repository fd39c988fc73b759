// Returns settings from JSON through Poco::JSON.
#include "cartero/returns/settings.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <set>
#include <sstream>

#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/stored_settings.hpp"
#include "cartero/core/text.hpp"

namespace cartero::returns {

namespace {

ReturnCause cause_named(const std::string& code, const std::string& where) {
  const auto c = parse_cause_code(code);
  if (!c) throw InputError(ErrorCode::unknown_cause, where + ": unknown cause \"" + code + "\"", {{"cause", code}});
  return *c;
}

Route route_named(const std::string& name, const std::string& where) {
  if (name == "field") return Route::field;
  if (name == "billing") return Route::billing;
  if (name == "none") return Route::none;
  throw InputError(ErrorCode::unknown_route, where + ": unknown route \"" + name + "\" (field, billing or none)", {{"route", name}});
}

constexpr int k_max_deadline_days = 3650;

// Deadlines in days, 1 to ten years: past that a value is a typo.
int days(const Poco::JSON::Object& o, const std::string& key, const std::string& source) {
  const auto v = o.get(key);
  const std::string what = source + ": \"" + key + "\" must be a whole number of days from 1 to " +
                           std::to_string(k_max_deadline_days);
  const ErrorArgs days_args{{"key", key}, {"max", std::to_string(k_max_deadline_days)}};
  if (v.isEmpty() || !v.isInteger()) throw InputError(ErrorCode::setting_not_days, what, days_args);
  long long n = 0;
  try {
    n = v.convert<long long>();
  } catch (const Poco::Exception&) {
    throw InputError(ErrorCode::setting_not_days, what, days_args);
  }
  if (n < 1 || n > k_max_deadline_days) throw InputError(ErrorCode::setting_not_days, what, days_args);
  return static_cast<int>(n);
}

// A text value, or InputError naming where it is (null, numbers, objects
// are not causes or routes).
std::string text(const Poco::Dynamic::Var& v, const std::string& where) {
  if (v.isEmpty() || !v.isString()) throw InputError(where + " must be a text in quotes");
  return v.convert<std::string>();
}

Poco::JSON::Object::Ptr object(const Poco::JSON::Object& o, const std::string& key, const std::string& source,
                               const char* example) {
  if (!o.isObject(key)) throw InputError(source + ": \"" + key + "\" must be an object like " + example);
  return o.getObject(key);
}

}  // namespace

ReturnSettings return_settings_from_json(const std::string& json, const std::string& source) {
  Poco::JSON::Object::Ptr o;
  try {
    o = Poco::JSON::Parser().parse(std::string(without_utf8_bom(json))).extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception&) {
    throw InputError(ErrorCode::settings_not_object, source + ": not a JSON object of returns settings", {{"source", source}});
  }
  static const std::set<std::string> k_known = {"routing", "courier_causes", "notified_causes", "field_deadline_days",
                                                "billing_deadline_days"};
  for (const auto& key : o->getNames()) {
    if (!k_known.count(key)) throw InputError(ErrorCode::unknown_setting, source + ": unknown setting \"" + key + "\"", {{"key", key}});
  }
  ReturnSettings s;
  if (o->has("routing")) {
    const auto routing = object(*o, "routing", source, "{\"moved\": \"field\"}");
    for (const auto& code : routing->getNames()) {
      const std::string where = source + " routing \"" + code + "\"";
      s.routing.overrides.emplace_back(cause_named(code, source + " routing"), route_named(text(routing->get(code), where), where));
    }
  }
  if (o->has("courier_causes")) {
    const auto names = object(*o, "courier_causes", source, "{\"DEVUELTO POR PORTERIA\": \"refused\"}");
    CourierCauses extra;
    for (const auto& name : names->getNames()) {
      const std::string where = source + " courier_causes \"" + name + "\"";
      extra.names[name] = cause_named(text(names->get(name), where), where);
    }
    for (const auto& [name, cause] : extra.names) s.courier.add(name, cause);
    s.courier_names = extra.names;
  }
  if (o->has("notified_causes")) {
    const auto notified = o->isArray("notified_causes") ? o->getArray("notified_causes") : nullptr;
    if (!notified) throw InputError(source + ": \"notified_causes\" must be a list like [\"refused\"]");
    for (std::size_t i = 0; i < notified->size(); ++i) {
      const std::string where = source + " notified_causes[" + std::to_string(i) + "]";
      s.report.notified_causes.push_back(cause_named(text(notified->get(static_cast<unsigned>(i)), where), where));
    }
  }
  if (o->has("field_deadline_days")) s.report.field_deadline_days = days(*o, "field_deadline_days", source);
  if (o->has("billing_deadline_days")) s.report.billing_deadline_days = days(*o, "billing_deadline_days", source);
  return s;
}

ReturnSettings load_return_settings(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot read the returns settings " + path);
  std::stringstream text;
  text << in.rdbuf();
  return return_settings_from_json(text.str(), path);
}

namespace {

const char* route_code(Route r) {
  switch (r) {
    case Route::field: return "field";
    case Route::billing: return "billing";
    case Route::none: return "none";
  }
  return "none";
}

}  // namespace

std::string return_settings_to_json(const ReturnSettings& s) {
  JsonWriter j;
  j.begin_object().key("routing").begin_object();
  for (const auto& info : all_causes()) j.key(info.code).value(route_code(s.routing.route_of(info.cause)));
  j.end_object().key("courier_causes").begin_object();
  for (const auto& [name, cause] : s.courier_names) j.key(name).value(cause_info(cause).code);
  j.end_object().key("notified_causes").begin_array();
  for (auto c : s.report.notified_causes) j.value(cause_info(c).code);
  j.end_array();
  j.key("field_deadline_days").value(s.report.field_deadline_days);
  j.key("billing_deadline_days").value(s.report.billing_deadline_days);
  j.end_object();
  return j.str();
}

ReturnSettings current_return_settings(Database& db) {
  const auto stored = stored_settings(db, k_return_settings_name);
  return stored ? return_settings_from_json(*stored, "stored returns settings") : ReturnSettings{};
}

ReturnSettings return_settings_for(Database& db, const std::optional<std::string>& config_path) {
  return config_path ? load_return_settings(*config_path) : current_return_settings(db);
}

}  // namespace cartero::returns
