#pragma once
// A batch of independent simulations whose results go into rows of arrays —
// the proposals of one ABC-SMC round, say. Who evaluates which row is the
// evaluator's business: threads on one machine by default, or MPI processes
// (dist::evaluate_batch), which leave every array complete on every process.
// Rows depend only on their index, so the arrays are the same either way.
#include <cstddef>
#include <functional>
#include <span>

namespace targetcast::model {

struct BatchArray {
  std::span<double> data;  // count × width, row-major
  std::size_t width = 0;
};

// evaluate(count, threads, item, arrays): calls item(i) once for every i in
// [0, count), which fills row i of every array.
using BatchEvaluator = std::function<void(std::size_t count, int threads, const std::function<void(std::size_t)>& item,
                                          std::span<const BatchArray> arrays)>;

// The default: OpenMP threads on this machine.
void evaluate_on_threads(std::size_t count, int threads, const std::function<void(std::size_t)>& item,
                         std::span<const BatchArray> arrays);

}  // namespace targetcast::model
