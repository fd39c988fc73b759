#include <cstdio>

#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/scanning/barcodes.hpp"
#include "cartero/scanning/page.hpp"
#include "commands.hpp"

namespace cartero::app {

// Every barcode on every page, one JSON line per page, for diagnosis.
int run_decode(const Context&, Args& args) {
  const auto files = args.positionals();
  if (files.empty()) throw InputError("usage: cartero decode FILE…");
  for (const auto& file : files) {
    auto reader = scanning::PageReader::open(file, 300);
    for (int n = 1; n <= reader->page_count(); ++n) {
      JsonWriter j;
      j.begin_object().key("file").value(file).key("page").value(n);
      const auto page = reader->read(n);
      const auto found = page.image ? scanning::find_barcodes(*page.image) : std::nullopt;
      if (!page.image) j.key("error").value(page.error);
      else if (!found) j.key("error").value("the barcode decoder failed on this page");
      j.key("barcodes").begin_array();
      for (const auto& b : found.value_or(std::vector<scanning::FoundBarcode>{})) {
        j.begin_object().key("format").value(b.format).key("text").value(b.text).key("position").begin_array();
        for (const auto& p : b.position) j.begin_array().value(p[0]).value(p[1]).end_array();
        j.end_array().end_object();
      }
      j.end_array().end_object();
      std::printf("%s\n", j.str().c_str());
      std::fflush(stdout);
    }
  }
  return 0;
}

}  // namespace cartero::app
