// Command-line arguments of one command: options are taken by name, what is
// left are positionals; anything unknown is a usage error (exit 1).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cartero::app {

class Args {
 public:
  Args(std::string command, std::vector<std::string> args)
      : m_command(std::move(command)), m_args(std::move(args)) {}

  const std::string& command() const { return m_command; }
  // "--name VALUE" or "--name=VALUE"; removed from the list when found.
  std::optional<std::string> option(const std::string& name);
  // Like option() but throws InputError when absent.
  std::string required(const std::string& name);
  // "--name"; removed when found.
  bool flag(const std::string& name);
  // Parses an option as a non-negative integer; throws InputError otherwise.
  std::optional<long long> integer(const std::string& name);
  // What is left; throws InputError on a leftover "--option".
  std::vector<std::string> positionals();
  // Throws InputError when anything is left.
  void finish();

 private:
  std::string m_command;
  std::vector<std::string> m_args;
};

}  // namespace cartero::app
