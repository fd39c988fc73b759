// The commands of `cartero`, one function each. A command parses its own
// options from Args, does its work and prints to stdout; it throws
// InputError / InternalError to fail (main maps them to exit codes).
#pragma once

#include <optional>
#include <string>

#include "args.hpp"

namespace cartero::app {

// Global options given before the command.
struct Context {
  std::string db_uri = "./cartero.db";
  std::string user;  // --user NAME: who runs the command (default: the system user), for the audit log
};

using CommandFn = int (*)(const Context&, Args&);

// Who runs a write: the command's own `--user NAME` when given (scan,
// import, case, return, review accept it after the command too), else the
// global one.
std::string user_of(const Context& ctx, Args& args);

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
int run_manifest(const Context&, Args&);
int run_batch(const Context&, Args&);
int run_letter(const Context&, Args&);
int run_layout(const Context&, Args&);
int run_decode(const Context&, Args&);
int run_scan(const Context&, Args&);
int run_export(const Context&, Args&);
int run_case(const Context&, Args&);
int run_report(const Context&, Args&);
// `report effectiveness` (run_campaign.cpp).
int run_effectiveness_report(const Context& ctx, std::optional<long long> batch, const std::optional<std::string>& days,
                             const std::optional<std::string>& csv, const std::optional<std::string>& xlsx);
// `batch brief` and `batch approve` (run_campaign.cpp).
struct BatchCampaignOptions {
  std::optional<std::string> out, template_path, sender_path, print_on, dispatch_on;
};
int run_batch_campaign(const Context& ctx, const std::vector<std::string>& positionals, const std::string& user,
                       const BatchCampaignOptions& options);
int run_quality_report(const Context& ctx, std::optional<long long> batch, const std::optional<std::string>& csv,
                       const std::optional<std::string>& xlsx);
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
