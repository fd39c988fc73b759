// Runs the real `cartero` binary for end-to-end tests.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

#include "temp_dir.hpp"

namespace cartero::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `cartero ARGS` with the shell (quote arguments yourself), from `dir`.
inline RunResult run_cartero(const TempDir& dir, const std::string& args) {
  const std::string err_file = dir.path("stderr.txt");
  const std::string cmd = "cd '" + dir.dir().string() + "' && '" + CARTERO_BINARY + "' " + args + " 2>'" + err_file + "'";
  RunResult r;
  std::FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = TempDir::read(err_file);
  return r;
}

}  // namespace cartero::testing
