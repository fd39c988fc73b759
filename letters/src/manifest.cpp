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
                    const std::string& path, const std::map<std::string, std::string, std::less<>>& guias) {
  // The guía column only when the courier gave this batch's letters guías
  // (the map may hold other batches' letters too).
  bool with_guia = false;
  if (!guias.empty()) {
    store::for_each_manifest_row(db, batch_id, false, [&](const store::ManifestRow& r) {
      with_guia = with_guia || guias.find(r.letter_id) != guias.end();
    });
  }
  CsvWriter m(path);
  std::vector<std::string_view> header = {"letter_id", "barcode", "account_id", "holder_name", "address", "neighborhood", "city", "zone",
                                          "balance", "file", "page", "municipality_code", "municipality", "postal_code"};
  if (with_guia) header.push_back("guia");
  m.row(header);
  store::for_each_manifest_row(db, batch_id, order == selection::Settings::ManifestOrder::postal_code,
                               [&](const store::ManifestRow& r) {
                                 const std::string balance = std::to_string(r.balance),
                                                   file = part_file(static_cast<int>((r.rank - 1) / part_size + 1)),
                                                   page = std::to_string((r.rank - 1) % part_size + 1);
                                 std::vector<std::string_view> cells = {r.letter_id, r.barcode, r.account_id, r.holder_name, r.address,
                                                                         r.neighborhood, r.city, r.zone, balance, file, page,
                                                                         r.municipality_code, r.municipality, r.postal_code};
                                 if (with_guia) {
                                   const auto g = guias.find(r.letter_id);
                                   cells.push_back(g == guias.end() ? std::string_view() : std::string_view(g->second));
                                 }
                                 m.row(cells);
                               });
  m.close();
}

}  // namespace cartero::letters
