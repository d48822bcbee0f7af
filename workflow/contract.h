#pragma once
// The one contract of every use case that writes a result (simulate, compare,
// calibrate, backtest, sensitivity, solve):
//
//   validate every input (model::SpecError, nothing written)
//   → open the store (StoreError, nothing simulated)
//   → begin: a row with status 'running', its input files with SHA-256, the
//     command line and the seed
//   → run through the executor (model/executor.h)
//   → finish: 'complete' with its results, in one transaction;
//     or 'failed' (any error) / 'interrupted' (a signal) with why.
//
// A crash between begin and finish leaves the row 'running', never 'complete'
// with partial rows. Only the writing process (Executor::writes()) begins and
// finishes; the others compute their share and record nothing.
#include <atomic>
#include <exception>
#include <functional>
#include <string>
#include <utility>

#include "model/monte_carlo.h"
#include "store/store.h"

namespace targetcast::workflow {

// Whether a use case may run spread over processes (mpirun -np N): it then
// calls the executor in the same order on every process and writes only
// where Executor::writes(). A use case that cannot is refused under mpirun.
enum class Spread { one_process, processes };

// Records how a begun row ended when its use case did not finish it.
using MarkFn = std::function<void(store::ExperimentStatus status, const std::string& message)>;

// Throws model::Interrupted when `stop` is raised: a signal that came while the
// last rows were written still stops the run before it is marked complete.
inline void throw_if_stopped(const std::atomic<bool>* stop) {
  if (stop != nullptr && stop->load()) throw model::Interrupted();
}

// Runs `body` (the use case from its first simulation to its finish) and,
// when it throws, marks the begun row 'interrupted' (model::Interrupted, with
// `interrupted_message`) or 'failed' (the error's message), then rethrows.
// An empty `mark` (a process that writes nothing) records nothing. The
// original error matters more than a failure to record it: then the row
// stays 'running', never 'complete'.
template <class Body>
decltype(auto) run_begun(const MarkFn& mark, const std::string& interrupted_message, Body&& body) {
  const auto mark_quietly = [&](store::ExperimentStatus status, const std::string& message) noexcept {
    if (!mark) return;
    try {
      mark(status, message);
    } catch (...) {
    }
  };
  try {
    return std::forward<Body>(body)();
  } catch (const model::Interrupted&) {
    mark_quietly(store::ExperimentStatus::interrupted, interrupted_message);
    throw;
  } catch (const std::exception& e) {
    mark_quietly(store::ExperimentStatus::failed, e.what());
    throw;
  }
}

}  // namespace targetcast::workflow
