#include "dist/distributed.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <vector>

#include "model/scenario_accumulator.h"
#include "model/summary.h"

#ifdef TARGETCAST_WITH_MPI
#include <mpi.h>
#endif

namespace targetcast::dist {
namespace {

#ifdef TARGETCAST_WITH_MPI
// Gathers each rank's `part` on rank 0, in rank order, into `whole` (root only).
template <class T>
void gather(const std::vector<T>& part, std::vector<T>& whole, MPI_Datatype type, const Session& s) {
  if (part.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw std::runtime_error("too many per-run values for one MPI message: use --no-per-run for runs this large");
  }
  const int count = static_cast<int>(part.size());
  std::vector<int> counts(static_cast<std::size_t>(s.size())), offsets(static_cast<std::size_t>(s.size()));
  MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::size_t total = 0;
  if (s.is_root()) {
    for (std::size_t r = 0; r < counts.size(); ++r) {
      if (total > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        throw std::runtime_error("too many per-run values for one MPI gather: use --no-per-run for runs this large");
      }
      offsets[r] = static_cast<int>(total);
      total += static_cast<std::size_t>(counts[r]);
    }
    whole.resize(total);
  }
  MPI_Gatherv(part.data(), count, type, whole.data(), counts.data(), offsets.data(), type, 0, MPI_COMM_WORLD);
}
#endif

}  // namespace

Session::Session([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
#ifdef TARGETCAST_WITH_MPI
  // Only under mpirun (or another launcher that sets its variables): a plain
  // `targetcast simulate` stays a single process without initialising MPI.
  if (std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr) {
    int provided = 0;
    // Funneled: only the main thread calls MPI; OpenMP threads only simulate.
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    initialised_ = true;
  }
#endif
}

Session::~Session() {
#ifdef TARGETCAST_WITH_MPI
  if (initialised_) MPI_Finalize();
#endif
}

void Session::abort(int code) const {
#ifdef TARGETCAST_WITH_MPI
  if (initialised_) MPI_Abort(MPI_COMM_WORLD, code);
#endif
  std::exit(code);
}

RunBlock block_of(std::uint32_t runs, int rank, int size) {
  const auto r = static_cast<std::uint32_t>(rank), n = static_cast<std::uint32_t>(size);
  const std::uint32_t base = runs / n, extra = runs % n;
  return RunBlock{r * base + std::min(r, extra), base + (r < extra ? 1u : 0u)};
}

model::ScenarioResults MpiExecutor::simulate(const model::CompiledModel& model, const model::MonteCarloOptions& options,
                                             const model::ProgressFn& progress, const std::atomic<bool>* stop,
                                             const model::RunSource& run_source) const {
  const Session* s = session_;
  if (s->size() == 1) return model::simulate(model, options, progress, stop, run_source);
#ifdef TARGETCAST_WITH_MPI
  const RunBlock block = block_of(options.runs, s->rank(), s->size());
  model::MonteCarloOptions mine = options;
  mine.first_run = options.first_run + block.first;
  mine.runs = block.count;
  // Progress on rank 0 only, scaled to the whole experiment (every rank runs
  // about as fast).
  const model::ProgressFn scaled =
      progress && s->is_root() ? model::ProgressFn([&](std::uint32_t done, std::uint32_t total) {
        progress(total > 0 ? static_cast<std::uint32_t>(static_cast<std::uint64_t>(done) * options.runs / total) : 0,
                 options.runs);
      })
                               : model::ProgressFn();
  model::ScenarioAccumulator accumulator(model, model.year_count());
  model::ScenarioResults part =
      model::simulate(model, mine, scaled, stop, run_source, options.record_runs ? nullptr : &accumulator);

  model::ScenarioResults whole;
  whole.scenario_id = part.scenario_id;
  whole.runs = options.runs;
  whole.years = part.years;
  whole.indicators = part.indicators;
  whole.parameters = part.parameters;
  whole.base_year = part.base_year;
  if (options.record_runs) {
    gather(part.theta, whole.theta, MPI_DOUBLE, *s);
    gather(part.values, whole.values, MPI_DOUBLE, *s);
    if (s->is_root()) model::summarise(model, whole);
  } else {
    gather(part.target_met, whole.target_met, MPI_UINT8_T, *s);
    gather(part.deadline_values, whole.deadline_values, MPI_DOUBLE, *s);
    std::vector<std::uint8_t> bytes = accumulator.serialise(), all;
    std::vector<int> sizes(static_cast<std::size_t>(s->size()));
    gather(bytes, all, MPI_UINT8_T, *s);
    const auto size = static_cast<int>(bytes.size());
    MPI_Gather(&size, 1, MPI_INT, sizes.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (s->is_root()) {
      // The root's own accumulator plus every other rank's, in rank order
      // (the order cannot change the result; model/value_sketch.h).
      model::ScenarioAccumulator merged(model, model.year_count());
      std::size_t at = 0;
      for (const int n : sizes) {
        merged.merge_serialised(std::span<const std::uint8_t>(all).subspan(at, static_cast<std::size_t>(n)));
        at += static_cast<std::size_t>(n);
      }
      merged.finish(whole);
    }
  }
  if (!s->is_root()) return model::ScenarioResults{};
  return whole;
#else
  return model::simulate(model, options, progress, stop, run_source);
#endif
}

void MpiExecutor::evaluate(std::size_t count, int threads, const std::function<void(std::size_t)>& item,
                           std::span<const model::BatchArray> arrays) const {
  const Session* s = session_;
  const model::Executor& local = model::thread_executor();
  std::size_t widest = 0;
  for (const model::BatchArray& a : arrays) widest = std::max(widest, a.width);
  // Every process takes the same branch (the same count and arrays).
  if (s->size() == 1 || count * widest > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    local.evaluate(count, threads, item, arrays);
    return;
  }
#ifdef TARGETCAST_WITH_MPI
  const RunBlock mine = block_of(static_cast<std::uint32_t>(count), s->rank(), s->size());
  local.evaluate(
      mine.count, threads, [&](std::size_t i) { item(mine.first + i); }, arrays);
  for (const model::BatchArray& a : arrays) {
    if (a.width == 0) continue;
    std::vector<int> counts(static_cast<std::size_t>(s->size())), offsets(static_cast<std::size_t>(s->size()));
    for (int r = 0; r < s->size(); ++r) {
      const RunBlock b = block_of(static_cast<std::uint32_t>(count), r, s->size());
      counts[static_cast<std::size_t>(r)] = static_cast<int>(b.count * a.width);
      offsets[static_cast<std::size_t>(r)] = static_cast<int>(b.first * a.width);
    }
    // Each process's rows already sit at their place in its own array.
    MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, a.data.data(), counts.data(), offsets.data(), MPI_DOUBLE,
                   MPI_COMM_WORLD);
  }
#endif
}

}  // namespace targetcast::dist
