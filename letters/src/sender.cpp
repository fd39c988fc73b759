// Sender settings <-> JSON through Poco::JSON.
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cartero/core/account.hpp"
#include "cartero/core/digest.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/letters/letter.hpp"
#include "defaults.hpp"
#include "pdf_writer.hpp"

namespace cartero::letters {

void check_logo(const std::string& png, const std::string& source) {
  if (png.size() > k_max_logo_bytes) {
    throw InputError(source + ": the logo is " + std::to_string(png.size() / (1024 * 1024)) +
                     " MB; a logo of at most 2 MB is accepted (a few hundred pixels wide is plenty)");
  }
  static const std::string k_signature = "\x89PNG\r\n\x1a\n";
  if (png.size() < 33 || png.compare(0, 8, k_signature) != 0 || png.compare(12, 4, "IHDR") != 0) {
    throw InputError(source + ": the logo is not a PNG image; save it as PNG");
  }
  const auto color_type = static_cast<unsigned char>(png[25]);
  if (color_type == 4 || color_type == 6 || png.find("tRNS") != std::string::npos) {
    throw InputError(source + ": the logo has transparency, which PDF/A-1 letters cannot carry; save it as a PNG "
                     "without an alpha channel (on a white background)");
  }
}

Sender sender_from_json(const std::string& json, const std::string& source, const std::string& base_dir) {
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
  const std::pair<const char*, std::string*> optional[] = {{"legal_notice", &s.legal_notice}, {"logo", &s.logo}};
  for (const auto& name : o->getNames()) {
    bool known = name == "logo_sha256";
    for (const auto& f : fields) known = known || name == f.first;
    for (const auto& f : optional) known = known || name == f.first;
    if (!known) throw InputError(source + ": unknown sender setting \"" + name + "\"");
  }
  for (const auto& [name, target] : fields) {
    if (!o->has(name) || !o->get(name).isString()) {
      throw InputError(source + ": sender setting \"" + std::string(name) + "\" is missing or not text");
    }
    *target = o->getValue<std::string>(name);
  }
  for (const auto& [name, target] : optional) {
    if (!o->has(name) || o->isNull(name)) continue;
    if (!o->get(name).isString()) throw InputError(source + ": sender setting \"" + std::string(name) + "\" is not text");
    *target = o->getValue<std::string>(name);
  }
  if (!s.logo.empty()) {
    const std::filesystem::path path = std::filesystem::path(s.logo).is_absolute()
                                           ? std::filesystem::path(s.logo)
                                           : std::filesystem::path(base_dir) / s.logo;
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw InputError(source + ": the logo " + path.string() + " cannot be read; check the \"logo\" path");
    if (size > k_max_logo_bytes) check_logo(std::string(size, '\0'), source);  // refused before it is read
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    s.logo_png = bytes.str();
    check_logo(s.logo_png, source + " (logo " + path.string() + ")");
  }
  return s;
}

std::string sender_to_json(const Sender& s) {
  JsonWriter j;
  j.begin_object();
  const std::pair<const char*, const std::string*> fields[] = {
      {"company_name", &s.company_name}, {"company_nit", &s.company_nit},     {"company_address", &s.company_address},
      {"company_city", &s.company_city}, {"company_phone", &s.company_phone}, {"company_web", &s.company_web},
      {"signer_name", &s.signer_name},   {"signer_title", &s.signer_title},   {"legal_notice", &s.legal_notice}};
  for (const auto& [name, value] : fields) j.key(name).value(*value);
  if (!s.logo_png.empty()) j.key("logo_sha256").value(sha256_text(s.logo_png));
  j.end_object();
  return j.str();
}

Sender load_sender(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot read the sender settings " + path);
  std::stringstream text;
  text << in.rdbuf();
  return sender_from_json(text.str(), path, std::filesystem::path(path).parent_path().string());
}

Sender default_sender() { return sender_from_json(k_default_sender_json, "letters/templates/sender.json"); }

std::string salutation(const LetterContent& l) {
  return holder_is_business(l.document_type, l.document_id) ? "Señores" : "Señor(a)";
}

}  // namespace cartero::letters
