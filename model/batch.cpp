#include "model/batch.h"

#include <cstdint>

namespace targetcast::model {

void evaluate_on_threads(std::size_t count, int threads, const std::function<void(std::size_t)>& item,
                         std::span<const BatchArray> /*arrays*/) {
  const auto n = static_cast<std::int64_t>(count);
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
  for (std::int64_t b = 0; b < n; ++b) item(static_cast<std::size_t>(b));
}

}  // namespace targetcast::model
