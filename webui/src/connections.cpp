#include "connections.hpp"

#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/NetException.h>

#include <cstring>
#include <thread>

namespace cartero::webui {

bool ConnectionLimits::accept(const Poco::Net::StreamSocket& socket) {
  try {
    return open(socket.peerAddress().host().toString()) < m_per_address;
  } catch (const Poco::Exception&) {
    return false;  // already gone
  }
}

void ConnectionLimits::opened(const std::string& host) {
  std::lock_guard lock(m_mutex);
  ++m_open[host];
  ++m_total;
}

void ConnectionLimits::closed(const std::string& host) {
  std::lock_guard lock(m_mutex);
  const auto it = m_open.find(host);
  if (it != m_open.end() && --it->second <= 0) m_open.erase(it);
  if (--m_total == 0) m_all_closed.notify_all();
}

bool ConnectionLimits::wait_all_closed(std::chrono::milliseconds timeout) {
  std::unique_lock lock(m_mutex);
  return m_all_closed.wait_for(lock, timeout, [&] { return m_total == 0; });
}

int ConnectionLimits::open(const std::string& host) const {
  std::lock_guard lock(m_mutex);
  const auto it = m_open.find(host);
  return it == m_open.end() ? 0 : it->second;
}

namespace {

// True once the bytes waiting on `socket` hold a whole request header (or
// more than a header may be: Poco then answers 400), false when the client
// closes or the deadline passes first. Peeks only: Poco reads the request.
bool header_arrives(Poco::Net::StreamSocket& socket, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  char buf[16384];
  int seen = -1;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::microseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    try {
      if (!socket.poll(Poco::Timespan(left.count()), Poco::Net::Socket::SELECT_READ)) return false;
      const int n = socket.receiveBytes(buf, sizeof buf, MSG_PEEK);
      if (n <= 0) return false;
      if (n == static_cast<int>(sizeof buf) || std::string_view(buf, static_cast<std::size_t>(n)).find("\r\n\r\n") != std::string_view::npos) {
        return true;
      }
      // Nothing new since the last look: the socket stays readable, so wait
      // a little instead of spinning.
      if (n == seen) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      seen = n;
    } catch (const Poco::Exception&) {
      return false;
    }
  }
}

class GuardedConnection final : public Poco::Net::HTTPServerConnection {
 public:
  GuardedConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                    Poco::Net::HTTPRequestHandlerFactory::Ptr factory, ConnectionLimits& limits,
                    std::chrono::milliseconds deadline, bool tls)
      : HTTPServerConnection(socket, std::move(params), std::move(factory)), m_limits(limits), m_deadline(deadline), m_tls(tls) {
    try {
      m_host = socket.peerAddress().host().toString();
    } catch (const Poco::Exception&) {
    }
    m_limits.opened(m_host);
  }
  ~GuardedConnection() override { m_limits.closed(m_host); }

  void run() override {
    if (!m_tls && !header_arrives(socket(), m_deadline)) return;  // an idle or slow client: closed
    HTTPServerConnection::run();
  }

 private:
  ConnectionLimits& m_limits;
  std::chrono::milliseconds m_deadline;
  bool m_tls;
  std::string m_host;
};

}  // namespace

Poco::Net::TCPServerConnection* GuardedConnectionFactory::createConnection(const Poco::Net::StreamSocket& socket) {
  return new GuardedConnection(socket, m_params, m_factory, m_limits, m_deadline, m_tls);
}

void Gate::enter() {
  std::unique_lock lock(m_mutex);
  m_turn.wait(lock, [&] { return m_free > 0; });
  --m_free;
}

void Gate::leave() {
  {
    std::lock_guard lock(m_mutex);
    ++m_free;
  }
  m_turn.notify_one();
}

}  // namespace cartero::webui
