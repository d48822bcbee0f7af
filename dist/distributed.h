#pragma once
// Monte Carlo runs spread over processes with Open MPI (`mpirun -np N
// targetcast simulate ...`): each process simulates a contiguous block of run
// indices with its own threads, and rank 0 gathers them, summarises and
// writes the database. Runs are pure functions of (seed, run index), and
// merging summaries is exact (model/value_sketch.h), so the result is
// bit-identical to one process with the same seed (tests/dist/).
//
// Built without MPI (TARGETCAST_WITH_MPI=OFF) this is a single process: size 1,
// rank 0, and MpiExecutor is model::ThreadExecutor.
#include <atomic>
#include <cstdint>

#include "model/executor.h"

namespace targetcast::dist {

// MPI_Init at construction and MPI_Finalize at destruction; one per program.
class Session {
 public:
  Session(int& argc, char**& argv);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }
  // Ends every process at once with `code` (an error on one rank must not leave
  // the others waiting in a collective).
  [[noreturn]] void abort(int code) const;

 private:
  int rank_ = 0;
  int size_ = 1;
  bool initialised_ = false;
};

// Rank `rank`'s block of `runs` runs out of `size`: [first, first + count),
// contiguous, sizes differing by at most one, in rank order.
struct RunBlock {
  std::uint32_t first = 0;
  std::uint32_t count = 0;
};
RunBlock block_of(std::uint32_t runs, int rank, int size);

// model/executor.h over the session's processes. simulate: each process runs
// its contiguous block of the runs with its own threads, and rank 0 gathers
// and summarises them (the others return an empty ScenarioResults). evaluate:
// each process fills its block of rows, then every array is gathered on every
// process (MPI_Allgatherv), so all continue from the same complete batch.
// One process: the threads alone (model::ThreadExecutor).
class MpiExecutor final : public model::Executor {
 public:
  explicit MpiExecutor(const Session& session) : session_(&session) {}
  model::ScenarioResults simulate(const model::CompiledModel& model, const model::MonteCarloOptions& options,
                                  const model::ProgressFn& progress, const std::atomic<bool>* stop,
                                  const model::RunSource& run_source) const override;
  void evaluate(std::size_t count, int threads, const std::function<void(std::size_t)>& item,
                std::span<const model::BatchArray> arrays) const override;
  bool writes() const override { return session_->is_root(); }
  int processes() const override { return session_->size(); }

 private:
  const Session* session_;
};

}  // namespace targetcast::dist
