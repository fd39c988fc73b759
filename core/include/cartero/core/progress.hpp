// Progress of a long command, shown on stderr only when it is a terminal
// (scripts and CI see nothing). Redraws at most ten times a second.
#pragma once

#include <chrono>
#include <string>

namespace cartero {

class Progress {
 public:
  explicit Progress(std::string label);
  ~Progress();  // clears the line
  // `fraction` in [0, 1]; `detail` is shown after the percentage.
  void update(double fraction, const std::string& detail = "");

 private:
  std::string m_label;
  bool m_enabled;
  bool m_drawn = false;
  std::chrono::steady_clock::time_point m_last{};
};

}  // namespace cartero
