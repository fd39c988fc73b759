// Private: what keeps hostile clients from taking the request threads
// (Poco 1.11 gives one thread per connection, and by itself waits 60 s for
// a request that never comes). Connections are capped per client address;
// a plain-HTTP connection must deliver its first request's header within a
// deadline before Poco reads it; logins, which cost a PBKDF2 hash, are let
// through a few at a time, before they take a database connection.
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/Net/TCPServer.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>

namespace cartero::webui {

// Open connections per client address. Thread-safe.
class ConnectionLimits final : public Poco::Net::TCPServerConnectionFilter {
 public:
  explicit ConnectionLimits(int per_address) : m_per_address(per_address) {}
  // Called by the accepting thread: false closes the connection at once.
  bool accept(const Poco::Net::StreamSocket& socket) override;
  void opened(const std::string& host);
  void closed(const std::string& host);
  int open(const std::string& host) const;
  // Waits until every connection has ended, at most `timeout`; true if so.
  bool wait_all_closed(std::chrono::milliseconds timeout);

 private:
  int m_per_address;
  mutable std::mutex m_mutex;
  std::condition_variable m_all_closed;
  std::map<std::string, int> m_open;
  int m_total = 0;
};

// Makes Poco's HTTP connections, each counted in `limits` while it lives and,
// unless `tls`, closed when its first header is not complete within
// `header_deadline`.
class GuardedConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
 public:
  GuardedConnectionFactory(Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                           ConnectionLimits& limits, std::chrono::milliseconds header_deadline, bool tls)
      : m_params(std::move(params)), m_factory(std::move(factory)), m_limits(limits), m_deadline(header_deadline), m_tls(tls) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override;

 private:
  Poco::Net::HTTPServerParams::Ptr m_params;
  Poco::Net::HTTPRequestHandlerFactory::Ptr m_factory;
  ConnectionLimits& m_limits;
  std::chrono::milliseconds m_deadline;
  bool m_tls;
};

// At most `slots` holders at once; the others wait in turn. Thread-safe.
class Gate {
 public:
  explicit Gate(int slots) : m_free(slots) {}
  void enter();
  void leave();

 private:
  std::mutex m_mutex;
  std::condition_variable m_turn;
  int m_free;
};

}  // namespace cartero::webui
