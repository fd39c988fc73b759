// Returns settings from JSON through Poco::JSON.
#include "cartero/returns/settings.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <set>
#include <sstream>

#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/stored_settings.hpp"

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

int days(const Poco::JSON::Object& o, const std::string& key, const std::string& source) {
  const auto v = o.get(key);
  if (!v.isInteger() || v.convert<int>() < 1) throw InputError(ErrorCode::setting_not_days, source + ": \"" + key + "\" must be a whole number of days", {{"key", key}});
  return v.convert<int>();
}

}  // namespace

ReturnSettings return_settings_from_json(const std::string& json, const std::string& source) {
  Poco::JSON::Object::Ptr o;
  try {
    o = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception&) {
    throw InputError(ErrorCode::settings_not_object, source + ": not a JSON object of returns settings", {{"source", source}});
  }
  static const std::set<std::string> k_known = {"routing", "courier_causes", "notified_causes", "field_deadline_days",
                                                "billing_deadline_days"};
  for (const auto& key : o->getNames()) {
    if (!k_known.count(key)) throw InputError(ErrorCode::unknown_setting, source + ": unknown setting \"" + key + "\"", {{"key", key}});
  }
  ReturnSettings s;
  if (const auto routing = o->getObject("routing")) {
    for (const auto& code : routing->getNames()) {
      s.routing.overrides.emplace_back(cause_named(code, source + " routing"),
                                       route_named(routing->getValue<std::string>(code), source + " routing"));
    }
  }
  if (const auto names = o->getObject("courier_causes")) {
    CourierCauses extra;
    for (const auto& name : names->getNames()) {
      extra.names[name] = cause_named(names->getValue<std::string>(name), source + " courier_causes");
    }
    for (const auto& [name, cause] : extra.names) s.courier.add(name, cause);
    s.courier_names = extra.names;
  }
  if (const auto notified = o->getArray("notified_causes")) {
    for (std::size_t i = 0; i < notified->size(); ++i) {
      s.report.notified_causes.push_back(cause_named(notified->getElement<std::string>(static_cast<unsigned>(i)), source));
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
