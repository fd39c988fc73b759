#include "archived_page.hpp"

namespace cartero::proof {

// Letters printed before Cartero kept the files it sent have no archived
// page: the certificate says so instead of showing one.
ArchivedPage archived_page(Database&, const std::string&) {
  ArchivedPage p;
  p.problem = "la página de la carta no está en el archivo de cartas enviadas (impresa antes de que Cartero las guardara)";
  return p;
}

}  // namespace cartero::proof
