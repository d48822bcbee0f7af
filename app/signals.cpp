// SIGINT and SIGTERM → the stop flag every long use case polls between runs.
#include <atomic>
#include <csignal>

#include "app/commands.h"

namespace targetcast::app {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) {
  g_stop.store(true);
}

}  // namespace

const std::atomic<bool>* stop_on_signals() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  return &g_stop;
}

}  // namespace targetcast::app
