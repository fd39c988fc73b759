// Private: what the reports and work lists computed, kept while the
// database's state text (returns::returns_state) stays the same, so a page
// that 64 people load at once costs each of them a few index lookups instead
// of reading 100,000 returns. Thread-safe; one computation per key at a time,
// the other requests for that key wait for it and share its result.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

namespace cartero::webui {

template <class T>
class StateCache {
 public:
  // The value kept for `key` if it was computed at `state`, or compute() now.
  // Read `state` before computing: then a value is never staler than its key.
  // Requests that find the value current share a reader's lock: a thread
  // preempted while holding it (64 of them on 2 cores) holds up no other.
  template <class F>
  std::shared_ptr<const T> get(const std::string& key, const std::string& state, F&& compute) {
    std::shared_ptr<Entry> entry;
    {
      std::shared_lock lock(m_mutex);
      const auto it = m_entries.find(key);
      if (it != m_entries.end()) entry = it->second;
    }
    if (!entry) {
      std::unique_lock lock(m_mutex);
      if (m_entries.size() >= k_max_keys && !m_entries.count(key)) m_entries.clear();  // keys come from requests
      auto& slot = m_entries[key];
      if (!slot) slot = std::make_shared<Entry>();
      entry = slot;
    }
    {
      std::shared_lock lock(entry->mutex);
      if (entry->value && entry->state == state) return entry->value;
    }
    std::unique_lock lock(entry->mutex);  // one computation at a time; the others then find it done
    if (!entry->value || entry->state != state) {
      entry->value = std::make_shared<const T>(compute());
      entry->state = state;
    }
    return entry->value;
  }

 private:
  static constexpr std::size_t k_max_keys = 256;
  struct Entry {
    std::shared_mutex mutex;
    std::string state;
    std::shared_ptr<const T> value;
  };
  std::shared_mutex m_mutex;
  std::map<std::string, std::shared_ptr<Entry>> m_entries;
};

}  // namespace cartero::webui
