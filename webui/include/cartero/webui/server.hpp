// `cartero serve`: the JSON API under /api/ and the static pages, on a
// Poco::Net HTTP server with a thread pool. Handlers only parse the
// request, call one service and render JSON; permissions are checked on
// the server for every call (DESIGN "HTTP API").
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace cartero::webui {

struct ServerOptions {
  std::string db_uri;
  int port = 8080;            // 0: any free port (tests)
  std::string static_dir;     // the pages and assets
  int threads = 128;          // connections served at once (a kept-alive one holds its thread)
  bool log_requests = true;   // one line per request on stderr
  std::string cert_file{};    // with key_file (both PEM): HTTPS; both empty: plain HTTP
  std::string key_file{};
  std::int64_t max_upload_bytes = 512LL * 1024 * 1024;  // one upload (scans, an export): 413 past it
  int idle_timeout_seconds = 2 * 3600;  // a session unused this long ends (0: only its 8 hours)
  // Hostile clients (DESIGN "HTTP API"; README): connections open at once
  // from one address; time for a new connection's first request header
  // (plain HTTP); time for each read or write of a request afterwards; the
  // queue of accepted connections waiting for a thread; logins hashed at
  // once (0: half the cores, at least one).
  int max_connections_per_address = 32;
  int header_timeout_ms = 5000;
  int io_timeout_seconds = 15;
  int max_queued = 256;
  int login_slots = 0;
};

// Thread-safe; owns the listening socket and the worker threads.
class Server {
 public:
  // Listens at once. InputError when the port is taken, or naming the
  // certificate or key file that is missing, unreadable or not a PEM pair.
  explicit Server(ServerOptions options);
  ~Server();
  void start();
  void stop();
  int port() const;
  bool secure() const;  // HTTPS

  struct Impl;

 private:
  std::unique_ptr<Impl> m_impl;
};

}  // namespace cartero::webui
