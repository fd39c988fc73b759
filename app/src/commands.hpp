// The commands of `cartero`, one function each. A command parses its own
// options from Args, does its work and prints to stdout; it throws
// InputError / InternalError to fail (main maps them to exit codes).
#pragma once

#include <string>

#include "args.hpp"

namespace cartero::app {

// Global options given before the command.
struct Context {
  std::string db_uri = "./cartero.db";
};

using CommandFn = int (*)(const Context&, Args&);

// Who ran a command-line write, for the audit log ("cli:" and the system user).
std::string cli_user();

struct Command {
  const char* name;
  CommandFn run;
  const char* usage;
};

// Every command, in the order `cartero help` lists them (commands.cpp).
const std::vector<Command>& all_commands();

int run_address(const Context&, Args&);
int run_import(const Context&, Args&);
int run_select(const Context&, Args&);
int run_letters(const Context&, Args&);
int run_dispatch(const Context&, Args&);
int run_batch(const Context&, Args&);
int run_letter(const Context&, Args&);
int run_layout(const Context&, Args&);
int run_decode(const Context&, Args&);
int run_scan(const Context&, Args&);
int run_export(const Context&, Args&);
int run_case(const Context&, Args&);
int run_report(const Context&, Args&);
int run_return(const Context&, Args&);
int run_review(const Context&, Args&);
int run_user(const Context&, Args&);
int run_serve(const Context&, Args&);
int run_settings(const Context&, Args&);
int run_holidays(const Context&, Args&);
int run_certificate(const Context&, Args&);
int run_backup(const Context&, Args&);
int run_restore(const Context&, Args&);

}  // namespace cartero::app
