#pragma once
// Writes the per-run rows of a scenario on a thread of its own, block by
// block, while the caller simulates the next blocks (workflow/simulate.cpp):
// the database is written beside the simulation instead of after it.
//
// The queue holds at most `capacity` blocks; push() waits while it is full,
// so memory stays bounded whatever the number of runs. Only this thread uses
// the Store between begin_scenario_runs and finish(): the caller must not
// touch the Store meanwhile. A write error (a full disk, a locked database,
// Ctrl-C through `stop`) ends the writing; push() and finish() rethrow it.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "model/compiled_model.h"
#include "model/results.h"
#include "store/store.h"

namespace targetcast::store {

class RunBlockWriter {
 public:
  RunBlockWriter(Store& store, std::int64_t experiment_id, const model::CompiledModel& model,
                 const std::atomic<bool>* stop, std::size_t capacity = 2);
  // Without finish() (the caller failed or was interrupted): the blocks not
  // yet written are dropped and the thread is joined. The scenario then stays
  // not written, as an interrupted or failed experiment's does.
  ~RunBlockWriter();
  RunBlockWriter(const RunBlockWriter&) = delete;
  RunBlockWriter& operator=(const RunBlockWriter&) = delete;

  // Queues the rows of runs first_run .. first_run + block.runs − 1.
  void push(std::shared_ptr<const model::ScenarioResults> block, std::uint32_t first_run);
  // Waits until every queued block is written, then joins the thread.
  void finish();

 private:
  struct Block {
    std::shared_ptr<const model::ScenarioResults> rows;
    std::uint32_t first_run = 0;
  };
  void write_loop();
  void rethrow_error();  // with mutex_ held

  Store& store_;
  std::int64_t experiment_id_;
  const model::CompiledModel& model_;
  const std::atomic<bool>* stop_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Block> queue_;
  bool closing_ = false;
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace targetcast::store
