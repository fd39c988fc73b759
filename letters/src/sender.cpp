// Sender settings <-> JSON through Poco::JSON.
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>

#include "cartero/core/error.hpp"
#include "cartero/letters/letter.hpp"
#include "defaults.hpp"

namespace cartero::letters {

Sender sender_from_json(const std::string& json, const std::string& source) {
  Poco::JSON::Object::Ptr o;
  try {
    o = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception& e) {
    throw InputError(source + ": not a JSON object of sender settings");
  }
  Sender s;
  const std::pair<const char*, std::string*> fields[] = {
      {"company_name", &s.company_name}, {"company_nit", &s.company_nit},     {"company_address", &s.company_address},
      {"company_city", &s.company_city}, {"company_phone", &s.company_phone}, {"company_web", &s.company_web},
      {"signer_name", &s.signer_name},   {"signer_title", &s.signer_title}};
  for (const auto& name : o->getNames()) {
    bool known = false;
    for (const auto& f : fields) known = known || name == f.first;
    if (!known) throw InputError(source + ": unknown sender setting \"" + name + "\"");
  }
  for (const auto& [name, target] : fields) {
    if (!o->has(name) || !o->get(name).isString()) {
      throw InputError(source + ": sender setting \"" + std::string(name) + "\" is missing or not text");
    }
    *target = o->getValue<std::string>(name);
  }
  return s;
}

Sender load_sender(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot read the sender settings " + path);
  std::stringstream text;
  text << in.rdbuf();
  return sender_from_json(text.str(), path);
}

Sender default_sender() { return sender_from_json(k_default_sender_json, "letters/templates/sender.json"); }

}  // namespace cartero::letters
