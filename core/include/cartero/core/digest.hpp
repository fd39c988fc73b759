// Content hashes: letter parts and scanned files are kept and proven by
// their SHA-256.
#pragma once

#include <string>

namespace cartero {

// The SHA-256 of a file's bytes as 64 lowercase hex digits. Throws
// InputError when the file cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace cartero
