// The .xlsx side of core/table.hpp: a workbook's sheet read through Poco's
// Zip (the package) and XML SAX parser (its parts), streamed row by row.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cartero/core/table.hpp"

namespace cartero {

std::unique_ptr<TableReader> open_xlsx(const std::string& path, const std::optional<std::string>& sheet);

// Limits that keep a hostile workbook from filling memory or disk.
inline constexpr std::uint64_t k_xlsx_max_uncompressed = 1ull << 30;  // 1 GiB in all
inline constexpr std::uint64_t k_xlsx_max_ratio = 100;                // per part, past 1 MB
inline constexpr std::size_t k_xlsx_last_row = 1048576;               // Excel's last row

}  // namespace cartero
