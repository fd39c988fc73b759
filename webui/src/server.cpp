#include "cartero/webui/server.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/DeflatingStream.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "activity.hpp"
#include "connections.hpp"
#include "api.hpp"
#include "messages.hpp"
#include "cartero/returns/scan_jobs.hpp"
#include "tls.hpp"
#include "cartero/core/database.hpp"

namespace fs = std::filesystem;

namespace cartero::webui {

namespace {

// Connections handed to request threads one at a time (a Database is used
// by one thread at a time), at most `max` open at once, and handed over in
// the order the requests asked: under load a request waits its turn instead
// of losing the race for a free connection again and again (which left a
// few of 64 clients waiting seconds), and a hundred threads do not each open
// a connection with its own 32 MB of SQLite cache.
class DatabasePool {
 public:
  DatabasePool(std::string uri, std::size_t max) : m_uri(std::move(uri)), m_max(max) {}
  std::unique_ptr<Database> take() {
    std::unique_lock lock(m_mutex);
    if (m_waiting.empty() && !m_free.empty()) {
      auto db = std::move(m_free.back());
      m_free.pop_back();
      return db;
    }
    if (m_waiting.empty() && m_open < m_max) {
      ++m_open;
      lock.unlock();
      return open_new();
    }
    Waiter w;
    m_waiting.push_back(&w);
    w.ready.wait(lock, [&] { return w.db || w.may_open; });
    if (w.db) return std::move(w.db);
    lock.unlock();
    return open_new();  // counted in m_open for us by whoever failed to open one
  }
  void give_back(std::unique_ptr<Database> db) {
    std::lock_guard lock(m_mutex);
    if (!m_waiting.empty()) {
      Waiter* w = m_waiting.front();
      m_waiting.pop_front();
      w->db = std::move(db);
      w->ready.notify_one();
      return;
    }
    m_free.push_back(std::move(db));
  }

 private:
  struct Waiter {
    std::condition_variable ready;
    std::unique_ptr<Database> db;
    bool may_open = false;
  };
  std::unique_ptr<Database> open_new() {
    try {
      return Database::open(m_uri);
    } catch (...) {
      std::lock_guard lock(m_mutex);
      if (!m_waiting.empty()) {  // the next in line tries in its turn
        Waiter* w = m_waiting.front();
        m_waiting.pop_front();
        w->may_open = true;
        w->ready.notify_one();
      } else {
        --m_open;
      }
      throw;
    }
  }
  std::string m_uri;
  std::size_t m_max;
  std::size_t m_open = 0;
  std::mutex m_mutex;
  std::deque<Waiter*> m_waiting;
  std::vector<std::unique_ptr<Database>> m_free;
};

std::string content_type(const fs::path& p) {
  const auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".pdf") return "application/pdf";
  if (ext == ".csv") return "text/csv; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  return "application/octet-stream";
}

// On every answer, pages and API alike: scripts and styles only from files
// of this server (index.html has no inline script or handler), never shown
// inside another site's frame, no Referer to other sites, no type sniffing;
// over HTTPS, browsers are told to keep to it for a year.
void set_security_headers(Poco::Net::HTTPServerResponse& resp, bool tls) {
  resp.set("Content-Security-Policy",
           "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
           "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  resp.set("X-Frame-Options", "DENY");
  resp.set("X-Content-Type-Options", "nosniff");
  resp.set("Referrer-Policy", "no-referrer");
  if (tls) resp.set("Strict-Transport-Security", "max-age=31536000");
}

class Handler final : public Poco::Net::HTTPRequestHandler {
 public:
  Handler(DatabasePool& pool, const ServerOptions& options, Services& services, SessionActivity& activity,
          const std::string& version, Gate& logins)
      : m_pool(pool), m_options(options), m_services(services), m_activity(activity), m_version(version), m_logins(logins) {}

  void handleRequest(Poco::Net::HTTPServerRequest& raw, Poco::Net::HTTPServerResponse& resp) override {
    const auto start = std::chrono::steady_clock::now();
    int status = 500;
    set_security_headers(resp, !m_options.cert_file.empty());
    try {
      Request r = parse_request(raw);
      status = (!r.path.empty() && r.path[0] == "api") ? serve_api(r, resp) : serve_static(r, resp);
    } catch (const InputError& e) {
      const auto error = api_error(e);  // the code's status and Spanish text (HttpError: its own)
      status = fail(raw, resp, error.status, error_json(error));
    } catch (const std::exception& e) {
      status = fail(raw, resp, 500, error_json({500, "internal", std::string("Error interno del servidor: ") + e.what(), {}}));
    }
    if (m_options.log_requests) {
      const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(stderr, "%s %s %d %.1f ms\n", raw.getMethod().c_str(), raw.getURI().c_str(), status, ms);
    }
  }

 private:
  // A refused request's body may be unread (a 2 GB upload, a forged write):
  // the connection is closed after the answer instead of reading it.
  static int fail(Poco::Net::HTTPServerRequest& raw, Poco::Net::HTTPServerResponse& resp, int status, const std::string& json) {
    if (resp.sent()) return status;
    if (raw.hasContentLength() || raw.getChunkedTransferEncoding()) resp.setKeepAlive(false);
    send_error(resp, status, json);
    return status;
  }

  // A body the handler had no need to read (a POST answered without one,
  // like Aprobar's "{}") would be read as the next request on a kept-alive
  // connection: it is read and dropped, or past 1 MB the connection closes
  // after the answer.
  static void drain(Poco::Net::HTTPServerRequest& raw, Poco::Net::HTTPServerResponse& resp) {
    if (!raw.hasContentLength() && !raw.getChunkedTransferEncoding()) return;
    auto& in = raw.stream();
    char buf[4096];
    std::size_t total = 0;
    while (in.read(buf, sizeof buf), in.gcount() > 0) {
      total += static_cast<std::size_t>(in.gcount());
      if (total > (1u << 20)) {
        resp.setKeepAlive(false);
        return;
      }
    }
  }

  int serve_api(Request& r, Poco::Net::HTTPServerResponse& resp) {
    // A login costs a PBKDF2 hash: a few at a time, waiting before they take
    // a database connection, so a flood of them leaves the cores and the
    // connections to everyone else.
    const bool login = r.method == "POST" && r.path.size() == 2 && r.path[1] == "login";
    struct Turn {
      Gate* gate;
      ~Turn() {
        if (gate) gate->leave();
      }
    } turn{login ? &m_logins : nullptr};
    if (login) m_logins.enter();
    auto db = m_pool.take();
    try {
      Poco::Net::NameValueCollection cookies;
      r.raw.getCookies(cookies);
      const std::string token = cookies.get("cartero_session", "");
      r.session = access::find_session(*db, token);
      if (r.session && !m_activity.touch(token)) {  // idle too long: ended here and now
        access::logout(*db, token);
        r.session.reset();
      }
      r.stale_cookie = !token.empty() && !r.session;
      const Reply reply = handle_api(r, *db, m_services);
      drain(r.raw, resp);
      // Over HTTPS the browser must never send the session cookie in clear.
      if (!reply.set_cookie.empty()) resp.set("Set-Cookie", reply.set_cookie + (m_options.cert_file.empty() ? "" : "; Secure"));
      for (const auto& [name, value] : reply.headers) resp.set(name, value);
      if (!reply.file.empty()) {
        if (!reply.download_name.empty()) {
          resp.set("Content-Disposition", "attachment; filename=\"" + reply.download_name + "\"");
        }
        struct Remove {
          const Reply& reply;
          ~Remove() {
            std::error_code ec;
            if (reply.remove_file) fs::remove(reply.file, ec);
          }
        } remove{reply};
        send_file(r.raw, resp, reply.file, reply.remove_file ? "no-store" : "private, max-age=300");
      } else {
        send_json(resp, reply.status, reply.json);
      }
      m_pool.give_back(std::move(db));
      return reply.status;
    } catch (...) {
      m_pool.give_back(std::move(db));
      throw;
    }
  }

  // Text assets go gzip-compressed to browsers that accept it.
  static void send_file(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp, const fs::path& file,
                        const char* cache) {
    std::ifstream in(file, std::ios::binary);
    if (!in || fs::is_directory(file)) throw HttpError(404, "No existe ese archivo.");
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    send_body(req, resp, std::move(body), content_type(file), cache);
  }

  static void send_body(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp, std::string body,
                        const std::string& type, const char* cache) {
    resp.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    resp.setContentType(type);
    resp.set("Cache-Control", cache);
    const bool text = type.rfind("text/", 0) == 0 || type.find("json") != std::string::npos || type.find("svg") != std::string::npos;
    if (text && body.size() > 1024 && req.get("Accept-Encoding", "").find("gzip") != std::string::npos) {
      std::ostringstream packed;
      {
        Poco::DeflatingOutputStream gz(packed, Poco::DeflatingStreamBuf::STREAM_GZIP);
        gz << body;
        gz.close();
      }
      body = packed.str();
      resp.set("Content-Encoding", "gzip");
      resp.set("Vary", "Accept-Encoding");
    }
    resp.setContentLength(static_cast<std::streamsize>(body.size()));
    resp.send() << body;
  }

  // Files under the static folder only. The path's segments come decoded
  // (%2e%2e is "..", %2f a slash): no "..", no backslash or control byte,
  // and the resolved file must still lie inside the folder (symlinks too).
  // /v/VERSION/FILE is FILE of this release, cached for a year: the version
  // is a hash of the folder's files, so a new release has new URLs and a
  // browser never mixes it with a stale cache. The entry points (index.html,
  // sw.js) are never cached and name the version in place of {{version}}.
  int serve_static(Request& r, Poco::Net::HTTPServerResponse& resp) {
    if (r.method != "GET" && r.method != "HEAD") {
      resp.set("Allow", "GET, HEAD");
      throw HttpError(405, "Las páginas solo se leen (GET o HEAD).");
    }
    const char* cache = "public, max-age=3600";
    std::size_t first = 0;
    if (r.path.size() >= 3 && r.path[0] == "v") {
      first = 2;
      cache = r.path[1] == m_version ? "public, max-age=31536000, immutable" : "no-cache";
    }
    fs::path rel;
    for (std::size_t i = first; i < r.path.size(); ++i) {
      const auto& part = r.path[i];
      const bool control = std::any_of(part.begin(), part.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
      if (part == ".." || part == "." || control || part.find('\\') != std::string::npos) throw HttpError(400, "Ruta no válida.");
      rel /= part;
    }
    if (rel.empty()) rel = "index.html";
    const fs::path root = fs::weakly_canonical(m_options.static_dir);
    const fs::path file = fs::weakly_canonical(root / rel);
    const auto [end, ignored] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    if (end != root.end()) throw HttpError(404, "No existe ese archivo.");
    if (first == 0 && (rel == "index.html" || rel == "sw.js")) {
      std::ifstream in(file, std::ios::binary);
      if (!in) throw HttpError(404, "No existe ese archivo.");
      std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      static const std::string k_mark = "{{version}}";
      for (auto at = body.find(k_mark); at != std::string::npos; at = body.find(k_mark, at + m_version.size())) {
        body.replace(at, k_mark.size(), m_version);
      }
      send_body(r.raw, resp, std::move(body), content_type(file), "no-cache");
      return 200;
    }
    send_file(r.raw, resp, file, cache);
    return 200;
  }

  DatabasePool& m_pool;
  const ServerOptions& m_options;
  Services& m_services;
  SessionActivity& m_activity;
  const std::string& m_version;
  Gate& m_logins;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(DatabasePool& pool, const ServerOptions& options, Services& services, SessionActivity& activity,
          const std::string& version, Gate& logins)
      : m_pool(pool), m_options(options), m_services(services), m_activity(activity), m_version(version), m_logins(logins) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Handler(m_pool, m_options, m_services, m_activity, m_version, m_logins);
  }
  // What HTTPServer::stopAll(true) does: every open connection ends now.
  void end_connections() { serverStopped(this, true); }

 private:
  DatabasePool& m_pool;
  const ServerOptions& m_options;
  Services& m_services;
  SessionActivity& m_activity;
  const std::string& m_version;
  Gate& m_logins;
};

int login_slots(const ServerOptions& o) {
  if (o.login_slots > 0) return o.login_slots;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / 2);
}

// The release of the static folder: 64-bit FNV-1a over every file's path
// and bytes, in path order, as 12 hex digits ("0" without a folder).
std::string static_version(const std::string& dir) {
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) return "0";
  std::vector<fs::path> files;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) files.push_back(fs::relative(it->path(), dir, ec));
  }
  std::sort(files.begin(), files.end());
  std::uint64_t hash = 14695981039346656037ULL;
  const auto mix = [&hash](const std::string& bytes) {
    for (const unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ULL;
  };
  for (const auto& rel : files) {
    mix(rel.generic_string());
    std::ifstream in(fs::path(dir) / rel, std::ios::binary);
    mix(std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return std::string(text, 12);
}

}  // namespace

struct Server::Impl {
  // `files`: the folder next to the database where uploads and letters go.
  Impl(ServerOptions o, const std::string& files)
      : options(std::move(o)),
        pool(options.db_uri, static_cast<std::size_t>(std::max(2, std::min(options.threads, 16)))),
        threads(2, std::max(2, options.threads)),
        jobs(options.db_uri),
        words(options.db_uri),
        services{jobs, files + "/uploads", files + "/letters", options.max_upload_bytes},
        activity(std::chrono::seconds(options.idle_timeout_seconds), std::chrono::hours(8)),
        version(static_version(options.static_dir)),
        limits(new ConnectionLimits(std::max(1, options.max_connections_per_address))),
        logins(login_slots(options)) {
    services.account_words = &words;
  }
  ServerOptions options;
  DatabasePool pool;
  // A kept-alive connection holds its thread between requests, so there are
  // as many threads as connections served at once (Poco's default pool has 16).
  Poco::ThreadPool threads;
  returns::ScanJobs jobs;
  selection::AccountWordsWriter words;  // started at once: writes the words when accounts have none
  Services services;
  SessionActivity activity;
  std::string version;  // of the static files, in their URLs
  Poco::AutoPtr<ConnectionLimits> limits;  // shared with Poco's TCPServer
  Gate logins;
  Poco::Net::ServerSocket socket;
  Poco::SharedPtr<Factory> factory;  // shared with the connections
  std::unique_ptr<Poco::Net::TCPServer> server;
};

Server::Server(ServerOptions options) {
  const auto db = Database::open(options.db_uri);  // migrates once, before the threads start
  const std::string files = db->files_dir();
  auto impl = std::make_unique<Impl>(options, files);
  impl->socket = listening_socket(options.port, options.cert_file, options.key_file);
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(options.threads);
  params->setMaxQueued(std::max(1, options.max_queued));  // past it a new connection is closed at once
  params->setTimeout(Poco::Timespan(std::max(1, options.io_timeout_seconds), 0));  // each read or write of a request
  params->setKeepAliveTimeout(Poco::Timespan(5, 0));  // an idle kept-alive connection gives its thread back
  impl->factory = new Factory(impl->pool, impl->options, impl->services, impl->activity, impl->version, impl->logins);
  // Poco's HTTPServer, with our connections: capped per address and given
  // a deadline for their first header.
  impl->server = std::make_unique<Poco::Net::TCPServer>(
      new GuardedConnectionFactory(params, Poco::Net::HTTPRequestHandlerFactory::Ptr(impl->factory), *impl->limits, std::chrono::milliseconds(options.header_timeout_ms),
                                   !options.cert_file.empty()),
      impl->threads, impl->socket, params);
  impl->server->setConnectionFilter(impl->limits);
  m_impl = std::move(impl);
}

Server::~Server() { stop(); }

void Server::start() { m_impl->server->start(); }

void Server::stop() {
  if (!m_impl || !m_impl->server) return;
  m_impl->server->stop();
  m_impl->factory->end_connections();
  // The connections run on the pool's threads and use what Impl holds:
  // they must be gone before it is destroyed.
  m_impl->limits->wait_all_closed(std::chrono::seconds(30));
}

int Server::port() const { return m_impl->socket.address().port(); }

bool Server::secure() const { return !m_impl->options.cert_file.empty(); }

}  // namespace cartero::webui
