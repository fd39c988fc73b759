#include "archived_page.hpp"

#include <filesystem>
#include <unistd.h>

#include "cartero/core/error.hpp"
#include "cartero/letters/generate.hpp"

namespace fs = std::filesystem;

namespace cartero::proof {

// The page comes from letters' archive through show_letter, which checks the
// archived part's and the page's SHA-256 before writing the page alone as a
// PDF; it is rendered to an image for the certificate. A letter printed
// before the archive existed, or whose archived bytes no longer match their
// hash, is said so (in red on the certificate), never hidden.
ArchivedPage archived_page(Database& db, const std::string& letter_id) {
  ArchivedPage p;
  const fs::path tmp = fs::temp_directory_path() /
                       ("cartero-cert-" + std::to_string(::getpid()) + "-" + letter_id + ".pdf");
  std::error_code ec;
  fs::remove(tmp, ec);
  try {
    const auto shown = letters::show_letter(db, letter_id, tmp.string());
    p.sha256 = shown.page_sha256;
    p.verified = true;
    const auto reader = scanning::PageReader::open(tmp.string(), 100);
    if (reader && reader->page_count() >= 1) p.image = reader->read(1).image;
  } catch (const InternalError& e) {
    p.problem = std::string("¡la página archivada de la carta NO coincide con su huella SHA-256: la evidencia fue "
                            "alterada! (") + e.what() + ")";
  } catch (const InputError& e) {
    p.problem = std::string("la página de la carta no está en el archivo de cartas enviadas (") + e.what() + ")";
  }
  fs::remove(tmp, ec);
  return p;
}

}  // namespace cartero::proof
