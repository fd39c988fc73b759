// `cartero serve`: the JSON API under /api/ and the static pages, on a
// Poco::Net HTTP server with a thread pool. Handlers only parse the
// request, call one service and render JSON; permissions are checked on
// the server for every call (DESIGN "HTTP API").
#pragma once

#include <memory>
#include <string>

namespace cartero::webui {

struct ServerOptions {
  std::string db_uri;
  int port = 8080;            // 0: any free port (tests)
  std::string static_dir;     // the pages and assets
  int threads = 128;          // connections served at once (a kept-alive one holds its thread)
  bool log_requests = true;   // one line per request on stderr
};

// Thread-safe; owns the listening socket and the worker threads.
class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  void start();
  void stop();
  int port() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> m_impl;
};

}  // namespace cartero::webui
