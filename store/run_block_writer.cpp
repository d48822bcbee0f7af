#include "store/run_block_writer.h"

#include <utility>

namespace targetcast::store {

RunBlockWriter::RunBlockWriter(Store& store, std::int64_t experiment_id, const model::CompiledModel& model,
                               const std::atomic<bool>* stop, std::size_t capacity)
    : store_(store), experiment_id_(experiment_id), model_(model), stop_(stop), capacity_(capacity > 0 ? capacity : 1) {
  thread_ = std::thread([this] { write_loop(); });
}

RunBlockWriter::~RunBlockWriter() {
  {
    const std::lock_guard lock(mutex_);
    closing_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RunBlockWriter::rethrow_error() {
  if (error_) std::rethrow_exception(error_);
}

void RunBlockWriter::push(std::shared_ptr<const model::ScenarioResults> block, std::uint32_t first_run) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return queue_.size() < capacity_ || error_ != nullptr; });
  rethrow_error();
  queue_.push_back(Block{std::move(block), first_run});
  lock.unlock();
  changed_.notify_all();
}

void RunBlockWriter::finish() {
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.empty() || error_ != nullptr; });
    closing_ = true;
  }
  changed_.notify_all();
  thread_.join();
  const std::lock_guard lock(mutex_);
  rethrow_error();
}

void RunBlockWriter::write_loop() {
  for (;;) {
    Block block;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return !queue_.empty() || closing_; });
      if (queue_.empty()) return;  // closing, and nothing left to write
      block = queue_.front();  // stays queued until written: finish() waits for an empty queue
    }
    try {
      store_.write_run_block(experiment_id_, model_, *block.rows, block.first_run, stop_);
    } catch (...) {
      const std::lock_guard lock(mutex_);
      error_ = std::current_exception();
      queue_.clear();
      changed_.notify_all();
      return;
    }
    {
      const std::lock_guard lock(mutex_);
      if (!queue_.empty()) queue_.pop_front();
    }
    changed_.notify_all();
  }
}

}  // namespace targetcast::store
