// The fuzz input as a file, for readers that take a path (the CSV reader,
// the page loader): one file per process, rewritten on every run.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace cartero::fuzz {

inline std::string write_input(const std::uint8_t* data, std::size_t size, const char* extension) {
  static const std::string path = "/tmp/cartero-fuzz-" + std::to_string(::getpid()) + extension;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  if (size) std::fwrite(data, 1, size, f);
  std::fclose(f);
  return path;
}

}  // namespace cartero::fuzz
