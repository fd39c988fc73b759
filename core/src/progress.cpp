#include "cartero/core/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace cartero {

Progress::Progress(std::string label) : m_label(std::move(label)), m_enabled(isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() {
  if (m_drawn) std::fprintf(stderr, "\r\033[K");
}

void Progress::update(double fraction, const std::string& detail) {
  if (!m_enabled) return;
  const auto now = std::chrono::steady_clock::now();
  if (m_drawn && now - m_last < std::chrono::milliseconds(100) && fraction < 1.0) return;
  m_last = now;
  m_drawn = true;
  std::fprintf(stderr, "\r\033[K%s %3d%%%s%s", m_label.c_str(), static_cast<int>(fraction * 100),
               detail.empty() ? "" : "  ", detail.c_str());
  std::fflush(stderr);
}

}  // namespace cartero
