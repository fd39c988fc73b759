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
#include "cartero/core/text.hpp"
#include "cartero/selection/settings.hpp"

namespace cartero::selection {

namespace {

constexpr UseType k_use_types[] = {UseType::residential, UseType::commercial, UseType::industrial,
                                   UseType::official};

// The largest values that still mean something (a century of days, a
// balance of a thousand trillion pesos, letters a courier could carry):
// anything past them is a typo, and stays far from overflowing an int.
constexpr long long k_max_days = 36500;
constexpr long long k_max_pesos = 1'000'000'000'000'000LL;
constexpr long long k_max_letters = 100'000'000;

long long read_number(const Poco::JSON::Object& o, const std::string& key, const std::string& where, long long min,
                      long long max) {
  const auto v = o.get(key);
  const std::string range = " (from " + std::to_string(min) + " to " + std::to_string(max) + ")";
  const ErrorArgs args{{"key", key}, {"min", std::to_string(min)}, {"max", std::to_string(max)}};
  if (v.isEmpty() || !v.isInteger()) {
    throw InputError(ErrorCode::setting_not_whole, where + ": \"" + key + "\" must be a whole number" + range, args);
  }
  long long n = 0;
  try {
    n = v.convert<long long>();
  } catch (const Poco::Exception&) {
    throw InputError(ErrorCode::setting_out_of_range, where + ": \"" + key + "\" is too large" + range, args);
  }
  if (n < min || n > max) throw InputError(ErrorCode::setting_out_of_range, where + ": \"" + key + "\" must be" + range, args);
  return n;
}

int read_days(const Poco::JSON::Object& o, const std::string& key, const std::string& where) {
  return static_cast<int>(read_number(o, key, where, 0, k_max_days));
}

bool read_bool(const Poco::JSON::Object& o, const std::string& key, const std::string& where) {
  const auto v = o.get(key);
  if (v.isEmpty() || !v.isBoolean()) {
    throw InputError(ErrorCode::setting_not_boolean, where + ": \"" + key + "\" must be true or false", {{"key", key}});
  }
  return v.convert<bool>();
}

void read_thresholds(const Poco::JSON::Object& o, Settings& s, const std::string& where) {
  const auto t = o.isObject("thresholds") ? o.getObject("thresholds") : nullptr;
  if (!t) throw InputError(ErrorCode::thresholds_not_object, where + ": \"thresholds\" must be an object like {\"residential\": 100000}");
  for (const auto& name : t->getNames()) {
    const auto use = parse_use_type(name);
    if (!use || code(*use) != name) {
      throw InputError(ErrorCode::unknown_use_type, where + ": unknown use type \"" + name +
                       "\" in thresholds (residential, commercial, industrial, official)", {{"use_type", name}});
    }
    s.thresholds[static_cast<std::size_t>(*use)] =
        t->isNull(name) ? std::nullopt : std::optional<Pesos>(read_number(*t, name, where + " thresholds", 0, k_max_pesos));
  }
}

bool digits(const std::string& s, std::size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string read_text(const Poco::JSON::Object& o, const std::string& key, const std::string& where) {
  const auto v = o.get(key);
  if (!v.isString()) throw InputError(where + ": \"" + key + "\" must be text");
  return v.convert<std::string>();
}

void read_municipalities(const Poco::JSON::Object& o, Settings& s, const std::string& where) {
  const auto m = o.getObject("municipalities");
  if (!m) {
    throw InputError(where + ": \"municipalities\" must be an object like {\"Bogotá D.C.\": {\"code\": \"11001\", "
                             "\"name\": \"Bogotá, D.C.\", \"postal_code\": \"110111\"}}");
  }
  for (const auto& city : m->getNames()) {
    const auto entry = m->getObject(city);
    const std::string at = where + " municipalities \"" + city + "\"";
    if (!entry) throw InputError(at + ": must be an object with \"code\", \"name\" and \"postal_code\"");
    Settings::Municipality mu{city, "", "", ""};
    for (const auto& key : entry->getNames()) {
      if (key == "code") mu.code = read_text(*entry, key, at);
      else if (key == "name") mu.name = read_text(*entry, key, at);
      else if (key == "postal_code") mu.postal_code = read_text(*entry, key, at);
      else throw InputError(at + ": unknown key \"" + key + "\" (code, name, postal_code)");
    }
    if (!digits(mu.code, 5)) throw InputError(at + ": \"code\" must be the 5-digit DIVIPOLA code, like \"11001\"");
    if (!mu.postal_code.empty() && !digits(mu.postal_code, 6)) {
      throw InputError(at + ": \"postal_code\" must have 6 digits, like \"110111\"");
    }
    s.municipalities.push_back(std::move(mu));
  }
}

}  // namespace

namespace {
// "BOGOTA D.C" and "Bogotá, D.C." are one city.
std::string city_key(std::string_view city) {
  std::string out;
  for (const char c : fold_code(city)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}
}  // namespace

const Settings::Municipality* Settings::municipality_of(std::string_view city) const {
  const std::string key = city_key(city);
  for (const auto& m : municipalities) {
    if (city_key(m.city) == key) return &m;
  }
  return nullptr;
}

Settings settings_from_json(const std::string& json, const std::string& source) {
  Poco::Dynamic::Var parsed;
  try {
    parsed = Poco::JSON::Parser().parse(std::string(without_utf8_bom(json)));
  } catch (const Poco::Exception& e) {
    throw InputError(ErrorCode::settings_not_json, source + ": not valid JSON (" + e.displayText() + ")",
                     {{"source", source}, {"detail", e.displayText()}});
  }
  if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) {
    throw InputError(ErrorCode::settings_not_object, source + ": the settings must be a JSON object", {{"source", source}});
  }
  const auto o = parsed.extract<Poco::JSON::Object::Ptr>();
  Settings s;
  static const std::set<std::string> k_known = {
      "thresholds", "min_days_past_due", "payment_window_days", "letter_window_days",
      "pending_address_check", "pending_billing_check", "max_letters", "draft_max_age_days", "address_incomplete",
      "manifest_order", "municipalities", "missing_holder_name", "control_group_percent", "letter_tariff",
      "recheck_payments_at_dispatch", "require_approval", "claims_net_disputed", "recent_contact_days"};
  for (const auto& key : o->getNames()) {
    if (!k_known.count(key)) throw InputError(ErrorCode::unknown_setting, source + ": unknown setting \"" + key + "\"", {{"key", key}});
  }
  if (o->has("thresholds")) read_thresholds(*o, s, source);
  if (o->has("min_days_past_due")) s.min_days_past_due = read_days(*o, "min_days_past_due", source);
  if (o->has("payment_window_days")) s.payment_window_days = read_days(*o, "payment_window_days", source);
  if (o->has("letter_window_days")) s.letter_window_days = read_days(*o, "letter_window_days", source);
  if (o->has("pending_address_check")) s.pending_address_check = read_bool(*o, "pending_address_check", source);
  if (o->has("pending_billing_check")) s.pending_billing_check = read_bool(*o, "pending_billing_check", source);
  if (o->has("draft_max_age_days")) s.draft_max_age_days = static_cast<int>(read_number(*o, "draft_max_age_days", source, 1, k_max_days));
  if (o->has("max_letters") && !o->isNull("max_letters")) s.max_letters = read_number(*o, "max_letters", source, 1, k_max_letters);
  if (o->has("address_incomplete")) s.address_incomplete = read_bool(*o, "address_incomplete", source);
  if (o->has("missing_holder_name")) s.missing_holder_name = read_bool(*o, "missing_holder_name", source);
  if (o->has("control_group_percent")) {
    s.control_group_percent = static_cast<int>(read_number(*o, "control_group_percent", source, 0, 99));
  }
  if (o->has("letter_tariff") && !o->isNull("letter_tariff")) {
    s.letter_tariff = read_number(*o, "letter_tariff", source, 0, 10'000'000);
  }
  if (o->has("recheck_payments_at_dispatch")) {
    s.recheck_payments_at_dispatch = read_bool(*o, "recheck_payments_at_dispatch", source);
  }
  if (o->has("require_approval")) s.require_approval = read_bool(*o, "require_approval", source);
  if (o->has("claims_net_disputed")) s.claims_net_disputed = read_bool(*o, "claims_net_disputed", source);
  if (o->has("recent_contact_days")) s.recent_contact_days = read_days(*o, "recent_contact_days", source);
  if (o->has("manifest_order")) {
    const auto order = read_text(*o, "manifest_order", source);
    if (order == "rank") s.manifest_order = Settings::ManifestOrder::rank;
    else if (order == "postal_code") s.manifest_order = Settings::ManifestOrder::postal_code;
    else throw InputError(source + ": \"manifest_order\" must be \"rank\" or \"postal_code\"");
  }
  if (o->has("municipalities")) read_municipalities(*o, s, source);
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
  j.key("draft_max_age_days").value(s.draft_max_age_days);
  j.key("address_incomplete").value(s.address_incomplete);
  j.key("missing_holder_name").value(s.missing_holder_name);
  j.key("control_group_percent").value(s.control_group_percent);
  j.key("letter_tariff").value(s.letter_tariff);
  j.key("recheck_payments_at_dispatch").value(s.recheck_payments_at_dispatch);
  j.key("require_approval").value(s.require_approval);
  j.key("claims_net_disputed").value(s.claims_net_disputed);
  j.key("recent_contact_days").value(s.recent_contact_days);
  j.key("manifest_order").value(s.manifest_order == Settings::ManifestOrder::rank ? "rank" : "postal_code");
  j.key("municipalities").begin_object();
  for (const auto& m : s.municipalities) {
    j.key(m.city).begin_object().key("code").value(m.code).key("name").value(m.name);
    j.key("postal_code").value(m.postal_code).end_object();
  }
  j.end_object();
  j.end_object();
  return j.str();
}

Settings current_settings(Database& db) {
  const auto stored = stored_settings(db, k_settings_name);
  return stored ? settings_from_json(*stored, "stored selection settings") : Settings{};
}

}  // namespace cartero::selection
