// The courier's manifest.csv of a numbered batch.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "cartero/core/database.hpp"
#include "cartero/selection/settings.hpp"

namespace cartero::letters {

// The file of part `number` ("letters-001.pdf").
std::string part_file(int number);

// Writes `path`: letter_id, barcode, account_id, holder_name, address,
// neighborhood, city, zone, balance, file, page (the columns scripts read, in
// place), then municipality_code, municipality, postal_code. Rows in rank
// order, or by postal code and zone (letters without one last) when the
// settings ask; `file` and `page` say where each letter is in the parts of
// `part_size` letters; then `guia` when any of the batch's letters has one in
// `guias` (the courier's, by letter id). InternalError when the file cannot
// be written.
void write_manifest(Database& db, std::int64_t batch_id, int part_size, selection::Settings::ManifestOrder order,
                    const std::string& path, const std::map<std::string, std::string, std::less<>>& guias = {});

}  // namespace cartero::letters
