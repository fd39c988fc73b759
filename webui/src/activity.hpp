// Private: the idle timeout of sessions. Sessions live in the database with
// their absolute end (expires_at, 8 hours after login); how long ago each was
// last used is kept here, in the server's memory, so that reads never write
// to the database. A server that restarts forgives the idle time before it.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace cartero::webui {

// Thread-safe.
class SessionActivity {
 public:
  using Clock = std::chrono::steady_clock;
  // `lifetime`: how long a session lives at most (login's hours); a session
  // unused for that long has ended in the database, so it can be forgotten.
  SessionActivity(std::chrono::seconds idle, std::chrono::seconds lifetime) : m_idle(idle), m_lifetime(lifetime) {}

  // Records a use of the session `token` now. False when it was idle longer
  // than the timeout since its last use (the caller ends it); always true
  // with a zero timeout.
  bool touch(const std::string& token, Clock::time_point now = Clock::now());

 private:
  void forget_ended(Clock::time_point now);  // with m_mutex held

  std::chrono::seconds m_idle;
  std::chrono::seconds m_lifetime;
  std::mutex m_mutex;
  std::unordered_map<std::string, Clock::time_point> m_last_use;
  std::size_t m_touches = 0;
};

}  // namespace cartero::webui
