// A queue of at most `capacity` items between producer and consumer
// threads, so a fast producer cannot fill memory. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace cartero {

// close() ends the queue normally (pop() drains it, then returns nullopt);
// abandon() tells producers to stop (push() returns false).
template <class T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : m_capacity(capacity) {}
  // False when the consumer abandoned the queue.
  bool push(T item) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_items.size() < m_capacity || m_abandoned; });
    if (m_abandoned) return false;
    m_items.push_back(std::move(item));
    m_changed.notify_all();
    return true;
  }
  // nullopt once the queue is closed and empty, or abandoned.
  std::optional<T> pop() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return !m_items.empty() || m_closed || m_abandoned; });
    if (m_items.empty() || m_abandoned) return std::nullopt;
    T item = std::move(m_items.front());
    m_items.pop_front();
    m_changed.notify_all();
    return item;
  }
  void close() {
    std::lock_guard lock(m_mutex);
    m_closed = true;
    m_changed.notify_all();
  }
  void abandon() {
    std::lock_guard lock(m_mutex);
    m_abandoned = true;
    m_changed.notify_all();
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<T> m_items;
  std::size_t m_capacity;
  bool m_closed = false;
  bool m_abandoned = false;
};

}  // namespace cartero
