// cartero: the command line. Maps errors to exit codes in one place:
// 0 success, 1 bad input or usage, 2 internal failure.
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cartero/access/audit.hpp"
#include "cartero/core/error.hpp"
#include "commands.hpp"

namespace {

void print_usage(std::FILE* out) {
  std::fprintf(out, "usage: cartero [--db PATH|postgresql://…] [--user NAME] COMMAND …\n\ncommands:\n");
  for (const auto& c : cartero::app::all_commands()) std::fprintf(out, "  %s\n", c.usage);
  std::fprintf(out, "\n--db defaults to ./cartero.db (a SQLite file, created when missing).\n"
                    "--user names who runs the command in the audit log (default: the system user).\n");
}

int dispatch(std::vector<std::string> args) {
  cartero::app::Context ctx;
  while (!args.empty() && args.front().rfind("--", 0) == 0) {
    if (args.front() == "--help") {
      print_usage(stdout);
      return 0;
    }
    if (args.front() == "--db" && args.size() > 1) {
      ctx.db_uri = args[1];
      args.erase(args.begin(), args.begin() + 2);
    } else if (args.front().rfind("--db=", 0) == 0) {
      ctx.db_uri = args.front().substr(5);
      args.erase(args.begin());
    } else if (args.front() == "--user" && args.size() > 1) {
      ctx.user = args[1];
      args.erase(args.begin(), args.begin() + 2);
    } else if (args.front().rfind("--user=", 0) == 0) {
      ctx.user = args.front().substr(7);
      args.erase(args.begin());
    } else {
      throw cartero::InputError("unknown option " + args.front() + " (see cartero help)");
    }
  }
  if (ctx.user.empty()) ctx.user = cartero::access::system_user();
  if (args.empty() || args.front() == "help") {
    print_usage(args.empty() ? stderr : stdout);
    return args.empty() ? 1 : 0;
  }
  const std::string name = args.front();
  args.erase(args.begin());
  for (const auto& c : cartero::app::all_commands()) {
    if (name == c.name) {
      cartero::app::Args parsed(name, std::move(args));
      return c.run(ctx, parsed);
    }
  }
  throw cartero::InputError("unknown command '" + name + "' (see cartero help)");
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  try {
    return dispatch(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const cartero::InputError& e) {
    std::fprintf(stderr, "cartero: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cartero: internal error: %s\n", e.what());
    return 2;
  }
}
