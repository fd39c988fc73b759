// Content hashes: letter parts and scanned files are kept and proven by
// their SHA-256.
#pragma once

#include <string>
#include <string_view>

namespace cartero {

// The SHA-256 of a file's bytes as 64 lowercase hex digits. Throws
// InputError when the file cannot be read.
std::string sha256_file(const std::string& path);
// The SHA-256 of bytes in memory, as 64 lowercase hex digits.
std::string sha256_text(std::string_view bytes);

}  // namespace cartero
