// Private: text keys (account ids, letter ids) to dense numbers, in one
// open-addressed table of 8-byte slots and one arena for the keys. A lookup
// of a key that is not there (most payments are of accounts outside the
// batch) touches one slot; std::unordered_map's node per key cost a third
// of the report's time in cache misses at 300,000 keys and 1,000,000 lookups.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cartero::campaign {

class FlatIndex {
 public:
  static constexpr std::uint32_t k_missing = UINT32_MAX;

  // The number of `key`, or k_missing.
  std::uint32_t find(std::string_view key) const {
    if (m_slots.empty()) return k_missing;
    const std::uint64_t h = hash(key);
    const auto fp = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t i = h & m_mask;; i = (i + 1) & m_mask) {
      const Slot s = m_slots[i];
      if (s.value == k_missing) return k_missing;
      if (s.fp == fp && key_of(s.value) == key) return s.value;
    }
  }
  // Adds `key` with the next number (size() before the call) unless it is
  // there; returns its number and whether it was added.
  std::pair<std::uint32_t, bool> add(std::string_view key) {
    if (const auto v = find(key); v != k_missing) return {v, false};
    if ((m_keys.size() + 1) * 2 > m_slots.size()) grow();
    const auto v = static_cast<std::uint32_t>(m_keys.size());
    m_keys.push_back({static_cast<std::uint32_t>(m_arena.size()), static_cast<std::uint32_t>(key.size())});
    m_arena.append(key);
    place(key, v);
    return {v, true};
  }
  std::size_t size() const { return m_keys.size(); }
  std::string_view key_of(std::uint32_t v) const {
    return std::string_view(m_arena).substr(m_keys[v].first, m_keys[v].second);
  }

 private:
  struct Slot {
    std::uint32_t fp = 0;
    std::uint32_t value = k_missing;
  };
  static std::uint64_t hash(std::string_view key) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : key) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    return h ^ (h >> 33);
  }
  void place(std::string_view key, std::uint32_t v) {
    const std::uint64_t h = hash(key);
    std::size_t i = h & m_mask;
    while (m_slots[i].value != k_missing) i = (i + 1) & m_mask;
    m_slots[i] = {static_cast<std::uint32_t>(h >> 32), v};
  }
  void grow() {
    const std::size_t n = m_slots.empty() ? 1024 : m_slots.size() * 2;
    m_slots.assign(n, Slot{});
    m_mask = n - 1;
    for (std::uint32_t v = 0; v < m_keys.size(); ++v) place(key_of(v), v);
  }
  std::vector<Slot> m_slots;
  std::size_t m_mask = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> m_keys;  // offset, length in m_arena
  std::string m_arena;
};

}  // namespace cartero::campaign
