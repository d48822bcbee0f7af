#pragma once
// A progress bar on stderr when it is a terminal; silent otherwise.
#include <chrono>
#include <cstdint>

namespace targetcast::app {

class ProgressBar {
 public:
  ProgressBar();
  // Redraws at most ten times a second: runs done, runs/s, time left.
  void update(std::uint32_t done, std::uint32_t total);
  // Clears the line.
  void finish();
  bool enabled() const { return enabled_; }

 private:
  bool enabled_ = false;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace targetcast::app
