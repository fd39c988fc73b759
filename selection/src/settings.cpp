// Settings <-> JSON, through Poco::JSON (the adapter for this folder's
// configuration edge).
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <set>
#include <sstream>

#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/stored_settings.hpp"
#include "cartero/selection/settings.hpp"

namespace cartero::selection {

namespace {

constexpr UseType k_use_types[] = {UseType::residential, UseType::commercial, UseType::industrial,
                                   UseType::official};

long long read_number(const Poco::JSON::Object& o, const std::string& key, const std::string& where) {
  const auto v = o.get(key);
  if (!v.isInteger()) throw InputError(ErrorCode::setting_not_whole, where + ": \"" + key + "\" must be a whole number", {{"key", key}});
  const long long n = v.convert<long long>();
  if (n < 0) throw InputError(ErrorCode::setting_negative, where + ": \"" + key + "\" must not be negative", {{"key", key}});
  return n;
}

bool read_bool(const Poco::JSON::Object& o, const std::string& key, const std::string& where) {
  const auto v = o.get(key);
  if (!v.isBoolean()) throw InputError(ErrorCode::setting_not_boolean, where + ": \"" + key + "\" must be true or false", {{"key", key}});
  return v.convert<bool>();
}

void read_thresholds(const Poco::JSON::Object& o, Settings& s, const std::string& where) {
  const auto t = o.getObject("thresholds");
  if (!t) throw InputError(ErrorCode::thresholds_not_object, where + ": \"thresholds\" must be an object like {\"residential\": 100000}");
  for (const auto& name : t->getNames()) {
    const auto use = parse_use_type(name);
    if (!use || code(*use) != name) {
      throw InputError(ErrorCode::unknown_use_type, where + ": unknown use type \"" + name +
                       "\" in thresholds (residential, commercial, industrial, official)", {{"use_type", name}});
    }
    s.thresholds[static_cast<std::size_t>(*use)] =
        t->isNull(name) ? std::nullopt : std::optional<Pesos>(read_number(*t, name, where + " thresholds"));
  }
}

}  // namespace

Settings settings_from_json(const std::string& json, const std::string& source) {
  Poco::JSON::Object::Ptr o;
  try {
    o = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    throw InputError(ErrorCode::settings_not_json, source + ": not valid JSON (" + e.displayText() + ")", {{"source", source}, {"detail", e.displayText()}});
  } catch (const std::exception&) {
    throw InputError(ErrorCode::settings_not_object, source + ": the settings must be a JSON object", {{"source", source}});
  }
  Settings s;
  static const std::set<std::string> k_known = {
      "thresholds", "min_days_past_due", "payment_window_days", "letter_window_days",
      "pending_address_check", "pending_billing_check", "max_letters"};
  for (const auto& key : o->getNames()) {
    if (!k_known.count(key)) throw InputError(ErrorCode::unknown_setting, source + ": unknown setting \"" + key + "\"", {{"key", key}});
  }
  if (o->has("thresholds")) read_thresholds(*o, s, source);
  if (o->has("min_days_past_due")) s.min_days_past_due = static_cast<int>(read_number(*o, "min_days_past_due", source));
  if (o->has("payment_window_days")) s.payment_window_days = static_cast<int>(read_number(*o, "payment_window_days", source));
  if (o->has("letter_window_days")) s.letter_window_days = static_cast<int>(read_number(*o, "letter_window_days", source));
  if (o->has("pending_address_check")) s.pending_address_check = read_bool(*o, "pending_address_check", source);
  if (o->has("pending_billing_check")) s.pending_billing_check = read_bool(*o, "pending_billing_check", source);
  if (o->has("max_letters") && !o->isNull("max_letters")) s.max_letters = read_number(*o, "max_letters", source);
  return s;
}

Settings load_settings(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open the settings file");
  std::stringstream text;
  text << in.rdbuf();
  return settings_from_json(text.str(), path);
}

std::string settings_to_json(const Settings& s) {
  JsonWriter j;
  j.begin_object().key("thresholds").begin_object();
  for (auto use : k_use_types) j.key(code(use)).value(s.threshold(use));
  j.end_object();
  j.key("min_days_past_due").value(s.min_days_past_due);
  j.key("payment_window_days").value(s.payment_window_days);
  j.key("letter_window_days").value(s.letter_window_days);
  j.key("pending_address_check").value(s.pending_address_check);
  j.key("pending_billing_check").value(s.pending_billing_check);
  j.key("max_letters").value(s.max_letters);
  j.end_object();
  return j.str();
}

Settings current_settings(Database& db) {
  const auto stored = stored_settings(db, k_settings_name);
  return stored ? settings_from_json(*stored, "stored selection settings") : Settings{};
}

}  // namespace cartero::selection
