#include "manifest.hpp"

#include <cstdio>

#include "cartero/core/csv.hpp"
#include "cartero/core/sql.hpp"

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
  // The courier distributes by postal code, then zone; rank keeps it stable.
  const std::string order_by = order == selection::Settings::ManifestOrder::rank
                                   ? "rank"
                                   : "CASE WHEN COALESCE(postal_code, '') = '' THEN 1 ELSE 0 END, postal_code, zone, rank";
  sql::for_each_row(db,
                    "SELECT letter_id, barcode, account_id, holder_name, address, neighborhood, city, zone, balance, rank, "
                    "COALESCE(municipality_code, ''), COALESCE(municipality, ''), COALESCE(postal_code, '') "
                    "FROM letters WHERE batch_id = ? ORDER BY " + order_by,
                    {std::to_string(batch_id)}, [&](const sql::Row& r) {
                      const std::int64_t rank = r.int64(9);
                      const std::string balance = std::to_string(r.int64(8)),
                                        file = part_file(static_cast<int>((rank - 1) / part_size + 1)),
                                        page = std::to_string((rank - 1) % part_size + 1);
                      m.row({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7), balance,
                             file, page, r.text(10), r.text(11), r.text(12)});
                    });
  m.close();
}

}  // namespace cartero::letters
