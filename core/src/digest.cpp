#include "cartero/core/digest.hpp"

#include <Poco/DigestStream.h>
#include <Poco/SHA2Engine.h>

#include <fstream>

#include "cartero/core/error.hpp"

namespace cartero {

std::string sha256_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read " + path);
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  Poco::DigestOutputStream digest(engine);
  digest << in.rdbuf();
  digest.close();
  return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string sha256_text(std::string_view bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

}  // namespace cartero
