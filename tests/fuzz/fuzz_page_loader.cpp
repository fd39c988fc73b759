// The page loader (PDF through poppler, TIFF/PNG/JPEG through OpenCV) on any
// bytes: a page image, an unreadable page or an InputError, never a crash.
#include <cstdint>

#include "cartero/core/error.hpp"
#include "cartero/scanning/page.hpp"
#include "fuzz_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    auto reader = cartero::scanning::PageReader::open(cartero::fuzz::write_input(data, size, ".scan"), 30);
    const int pages = reader->page_count();
    for (int n = 1; n <= pages && n <= 3; ++n) reader->read(n);
  } catch (const cartero::InputError&) {
  }
  return 0;
}
