#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <string>

#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/webui/server.hpp"
#include "commands.hpp"

namespace cartero::app {

int run_serve(const Context& ctx, Args& args) {
  webui::ServerOptions o;
  o.db_uri = ctx.db_uri;
  o.port = static_cast<int>(args.integer("--port").value_or(8080));
  o.static_dir = args.option("--static").value_or(CARTERO_STATIC_DIR);
  o.cert_file = args.option("--cert").value_or("");
  o.key_file = args.option("--key").value_or("");
  args.finish();
  // A browser that goes away mid-answer must cost one connection, not the
  // server: writes to a closed socket fail with EPIPE instead of a signal.
  std::signal(SIGPIPE, SIG_IGN);
  webui::Server server(o);
  server.start();
  std::printf("%s://127.0.0.1:%d/\n", server.secure() ? "https" : "http", server.port());
  std::fflush(stdout);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  int received = 0;
  sigwait(&signals, &received);
  server.stop();
  return 0;
}

}  // namespace cartero::app
