// Private: the page of a letter as it was sent, taken from letters' archive
// with its SHA-256 checked, as an image for the certificate.
#pragma once

#include <optional>
#include <string>

#include "cartero/core/database.hpp"
#include "cartero/scanning/page.hpp"

namespace cartero::proof {

struct ArchivedPage {
  std::optional<scanning::PageImage> image;
  std::string sha256;     // the page's recorded SHA-256
  bool verified = false;  // the archived bytes match it
  std::string problem;    // Spanish, shown in red when the page cannot be shown or does not match
};

ArchivedPage archived_page(Database& db, const std::string& letter_id);

}  // namespace cartero::proof
