#pragma once
// Who runs the simulations: the one Executor a program builds (app/main.cpp)
// and hands down to every use case. Threads on this machine by default
// (ThreadExecutor); Open MPI processes (dist::MpiExecutor), each with its own
// threads, under mpirun. Runs and rows depend only on their index, never on
// the thread or process that computed them, so every executor gives the same
// bits (tests/dist/). Nothing above model/ but dist/ and app/main.cpp knows
// which executor it has.
#include <atomic>
#include <cstddef>
#include <functional>
#include <span>

#include "model/monte_carlo.h"

namespace targetcast::model {

// One array a batch fills: row i holds item i's values.
struct BatchArray {
  std::span<double> data;  // count × width, row-major
  std::size_t width = 0;
};

class Executor {
 public:
  virtual ~Executor() = default;

  // The runs [options.first_run, options.first_run + options.runs) of one
  // model, summarised (model::simulate). On the writing process the whole
  // block's results, as one process would have produced them; an empty
  // ScenarioResults elsewhere. Every process must call it, in the same order.
  virtual ScenarioResults simulate(const CompiledModel& model, const MonteCarloOptions& options,
                                   const ProgressFn& progress, const std::atomic<bool>* stop,
                                   const RunSource& run_source) const = 0;

  // A batch of independent simulations whose results go into rows of arrays
  // (the proposals of one ABC-SMC round, the points of a Saltelli design):
  // calls item(i) once for every i in [0, count), which fills row i of every
  // array, with `threads` threads per process. On return every array is
  // complete on every process.
  virtual void evaluate(std::size_t count, int threads, const std::function<void(std::size_t)>& item,
                        std::span<const BatchArray> arrays) const = 0;

  // True on the one process that opens the database, writes and prints
  // (rank 0; the only one without MPI). The others only compute their share.
  virtual bool writes() const = 0;

  // How many processes share the work (1: this one alone).
  virtual int processes() const = 0;
};

// OpenMP threads on this machine: one process, which writes.
class ThreadExecutor final : public Executor {
 public:
  ScenarioResults simulate(const CompiledModel& model, const MonteCarloOptions& options, const ProgressFn& progress,
                           const std::atomic<bool>* stop, const RunSource& run_source) const override;
  void evaluate(std::size_t count, int threads, const std::function<void(std::size_t)>& item,
                std::span<const BatchArray> arrays) const override;
  bool writes() const override { return true; }
  int processes() const override { return 1; }
};

// A ThreadExecutor for callers handed none (tests, library defaults).
const Executor& thread_executor();

}  // namespace targetcast::model
