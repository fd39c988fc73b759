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

// Copies the file `from` to `to` (replacing it) and returns the SHA-256 of
// the bytes copied: one read of the source for both. Throws InputError
// naming the file that cannot be read or written.
std::string copy_file_sha256(const std::string& from, const std::string& to);

}  // namespace cartero
