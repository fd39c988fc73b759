// The bureau settings as JSON, through Poco::JSON (this folder's
// configuration edge), stored like the other settings under "bureau".
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <set>

#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/stored_settings.hpp"
#include "cartero/proof/notice_clock.hpp"

namespace cartero::proof {

namespace {

std::int64_t read_whole(const Poco::Dynamic::Var& v, const std::string& where, std::int64_t low, std::int64_t high) {
  if (v.isEmpty() || !v.isNumeric()) throw InputError(where + " must be a whole number");
  const double d = v.convert<double>();
  if (d != static_cast<double>(static_cast<std::int64_t>(d)) || d < static_cast<double>(low) || d > static_cast<double>(high)) {
    throw InputError(where + " must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
  }
  return static_cast<std::int64_t>(d);
}

}  // namespace

BureauSettings bureau_settings_from_json(const std::string& json, const std::string& source) {
  Poco::Dynamic::Var parsed;
  try {
    parsed = Poco::JSON::Parser().parse(json);
  } catch (const Poco::Exception& e) {
    throw InputError(source + ": not valid JSON (" + e.displayText() + ")");
  }
  if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) throw InputError(source + ": the settings must be a JSON object");
  const auto o = parsed.extract<Poco::JSON::Object::Ptr>();
  static const std::set<std::string> k_known = {"bureau_notice_days", "small_debt_percent", "minimum_wage"};
  for (const auto& key : o->getNames()) {
    if (!k_known.count(key)) throw InputError(source + ": unknown setting \"" + key + "\"");
  }
  BureauSettings s;
  if (o->has("bureau_notice_days")) {
    s.notice_days = static_cast<int>(read_whole(o->get("bureau_notice_days"), source + ": \"bureau_notice_days\"", 1, 3650));
  }
  if (o->has("small_debt_percent")) {
    s.small_debt_percent = static_cast<int>(read_whole(o->get("small_debt_percent"), source + ": \"small_debt_percent\"", 0, 100));
  }
  if (o->has("minimum_wage")) {
    const auto wages = o->getObject("minimum_wage");
    if (!wages) throw InputError(source + ": \"minimum_wage\" must be an object of year -> pesos ({\"2026\": 1750905})");
    for (const auto& year : wages->getNames()) {
      int y = 0;
      try {
        std::size_t used = 0;
        y = std::stoi(year, &used);
        if (used != year.size()) y = 0;
      } catch (const std::exception&) {
        y = 0;
      }
      if (y < 1990 || y > 2200) throw InputError(source + ": \"minimum_wage\": '" + year + "' is not a year (1990-2200)");
      s.minimum_wage[y] = read_whole(wages->get(year), source + ": \"minimum_wage\" " + year, 1, 1'000'000'000);
    }
  }
  return s;
}

std::string bureau_settings_to_json(const BureauSettings& s) {
  JsonWriter j;
  j.begin_object().key("bureau_notice_days").value(s.notice_days).key("small_debt_percent").value(s.small_debt_percent);
  j.key("minimum_wage").begin_object();
  for (const auto& [year, pesos] : s.minimum_wage) j.key(std::to_string(year)).value(pesos);
  j.end_object().end_object();
  return j.str();
}

BureauSettings current_bureau_settings(Database& db) {
  const auto stored = stored_settings(db, k_bureau_settings_name);
  return stored ? bureau_settings_from_json(*stored, "stored bureau settings") : BureauSettings{};
}

}  // namespace cartero::proof
