// Private: what the reports and work lists computed, kept while the
// database's state text (returns::returns_state) stays the same, so a page
// that 64 people load at once costs each of them a few index lookups instead
// of reading 100,000 returns. Thread-safe; one computation per key at a time,
// the other requests for that key wait for it and share its result.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace cartero::webui {

template <class T>
class StateCache {
 public:
  // The value kept for `key` if it was computed at `state`, or compute() now.
  // Read `state` before computing: then a value is never staler than its key.
  template <class F>
  std::shared_ptr<const T> get(const std::string& key, const std::string& state, F&& compute) {
    std::shared_ptr<Entry> entry;
    {
      std::lock_guard lock(m_mutex);
      if (m_entries.size() >= k_max_keys && !m_entries.count(key)) m_entries.clear();  // keys come from requests
      auto& slot = m_entries[key];
      if (!slot) slot = std::make_shared<Entry>();
      entry = slot;
    }
    std::lock_guard lock(entry->mutex);
    if (!entry->value || entry->state != state) {
      entry->value = std::make_shared<const T>(compute());
      entry->state = state;
    }
    return entry->value;
  }

 private:
  static constexpr std::size_t k_max_keys = 256;
  struct Entry {
    std::mutex mutex;
    std::string state;
    std::shared_ptr<const T> value;
  };
  std::mutex m_mutex;
  std::map<std::string, std::shared_ptr<Entry>> m_entries;
};

}  // namespace cartero::webui
