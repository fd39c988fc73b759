#include "manifest.hpp"

#include <cstdio>

#include "cartero/core/csv.hpp"
#include "store_letters.hpp"

namespace cartero::letters {

std::string part_file(int number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "letters-%03d.pdf", number);
  return buf;
}

void write_manifest(Database& db, std::int64_t batch_id, int part_size, selection::Settings::ManifestOrder order,
                    const std::string& path) {
  CsvWriter m(path);
  m.row({"letter_id", "barcode", "account_id", "holder_name", "address", "neighborhood", "city", "zone", "balance", "file",
         "page", "municipality_code", "municipality", "postal_code"});
  store::for_each_manifest_row(db, batch_id, order == selection::Settings::ManifestOrder::postal_code,
                               [&](const store::ManifestRow& r) {
                                 const std::string balance = std::to_string(r.balance),
                                                   file = part_file(static_cast<int>((r.rank - 1) / part_size + 1)),
                                                   page = std::to_string((r.rank - 1) % part_size + 1);
                                 m.row({r.letter_id, r.barcode, r.account_id, r.holder_name, r.address, r.neighborhood,
                                        r.city, r.zone, balance, file, page, r.municipality_code, r.municipality,
                                        r.postal_code});
                               });
  m.close();
}

}  // namespace cartero::letters
