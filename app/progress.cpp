#include "app/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace targetcast::app {

ProgressBar::ProgressBar() : enabled_(isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()) {}

void ProgressBar::update(std::uint32_t done, std::uint32_t total) {
  if (!enabled_ || total == 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && done < total && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0.0 ? done / elapsed : 0.0;
  const double left = rate > 0.0 ? (total - done) / rate : 0.0;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(kWidth * static_cast<double>(done) / total);
  fmt::print(stderr, "\r[{:<{}}] {}/{} runs  {:.0f} runs/s  {:.0f} s left ", std::string(static_cast<std::size_t>(filled), '#'),
             kWidth, done, total, rate, left);
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (enabled_ && drawn_) fmt::print(stderr, "\r{:80}\r", "");
}

}  // namespace targetcast::app
