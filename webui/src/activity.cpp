#include "activity.hpp"

namespace cartero::webui {

bool SessionActivity::touch(const std::string& token, Clock::time_point now) {
  if (m_idle.count() == 0) return true;
  std::lock_guard lock(m_mutex);
  // Now and then, drop the sessions that have ended anyway (closed browsers),
  // so that the table stays as small as the live sessions. An idle session
  // must stay here until then: forgotten, its next use would look like a first.
  if (++m_touches % 1024 == 0) forget_ended(now);
  const auto [it, first_use] = m_last_use.try_emplace(token, now);
  if (first_use) return true;
  if (now - it->second > m_idle) {
    m_last_use.erase(it);
    return false;
  }
  it->second = now;
  return true;
}

void SessionActivity::forget_ended(Clock::time_point now) {
  std::erase_if(m_last_use, [&](const auto& entry) { return now - entry.second > m_lifetime; });
}

}  // namespace cartero::webui
