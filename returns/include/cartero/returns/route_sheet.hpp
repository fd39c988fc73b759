// The field verification list of a zone as a printable route sheet (PDF):
// one row per open case in walking order, with blank space to write the
// finding.
#pragma once

#include <string>
#include <vector>

#include "cartero/returns/cases.hpp"

namespace cartero::returns {

// Writes the sheet to `path` (temporary name, renamed when complete).
// InternalError when the file cannot be written; InputError when the font
// is missing.
void write_route_sheet(const std::string& path, const std::string& zone, const std::vector<Case>& cases);

}  // namespace cartero::returns
