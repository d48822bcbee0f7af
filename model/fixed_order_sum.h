#pragma once
// Σ f(x_i) in one fixed order: eight interleaved partial sums (the last few
// values into the first partials), then added in a fixed tree. The order does
// not depend on the vector width, so a function calling this inside
// TARGETCAST_VECTOR_CLONES gives the same bits in every clone, thread and run
// (model/vector_clones.h). Used for C_t (sum_exp, model/firm_batch.h) and the
// recipients' block sums (model/recipients.cpp).
#include <array>
#include <cstddef>

namespace targetcast::model {

template <typename F>
inline double fixed_order_sum(const double* x, std::size_t n, F f) {
  constexpr std::size_t kPartials = 8;
  std::array<double, kPartials> partial{};
  const std::size_t whole = n - n % kPartials;
  for (std::size_t i = 0; i < whole; i += kPartials) {
    for (std::size_t k = 0; k < kPartials; ++k) partial[k] += f(x[i + k]);
  }
  for (std::size_t i = whole; i < n; ++i) partial[i - whole] += f(x[i]);
  return ((partial[0] + partial[1]) + (partial[2] + partial[3])) +
         ((partial[4] + partial[5]) + (partial[6] + partial[7]));
}

}  // namespace targetcast::model
