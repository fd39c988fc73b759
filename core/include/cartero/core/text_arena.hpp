// Stable storage for many small strings: copies text into large blocks and
// hands out views that stay valid as long as the arena lives. One
// allocation per megabyte instead of one per string, for loading millions
// of names and ids. Not thread-safe; move-only.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

namespace cartero {

class TextArena {
 public:
  TextArena() = default;
  TextArena(TextArena&&) = default;
  TextArena& operator=(TextArena&&) = default;

  // A copy of `text` owned by the arena.
  std::string_view keep(std::string_view text) {
    if (text.empty()) return {};
    if (m_left < text.size()) grow(text.size());
    char* at = m_next;
    text.copy(at, text.size());
    m_next += text.size();
    m_left -= text.size();
    return {at, text.size()};
  }

 private:
  void grow(std::size_t at_least) {
    const std::size_t size = at_least > k_block ? at_least : k_block;
    m_blocks.push_back(std::make_unique<char[]>(size));
    m_next = m_blocks.back().get();
    m_left = size;
  }
  static constexpr std::size_t k_block = 1 << 20;
  std::vector<std::unique_ptr<char[]>> m_blocks;
  char* m_next = nullptr;
  std::size_t m_left = 0;
};

}  // namespace cartero
