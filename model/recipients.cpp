#include "model/recipients.h"

#include <algorithm>
#include <array>

#include "model/fast_math.h"
#include "model/fixed_order_sum.h"
#include "model/vector_clones.h"

namespace targetcast::model {
namespace {

// out_i = e^(α (x_i − shift)) in single precision (exp_fast_f: 10^-7
// relative; an exponent below −87 counts as −87): a millionth of a weight
// moves nothing the model resolves (RNG layout 3).
TARGETCAST_VECTOR_CLONES
void exp_scaled_f(std::span<const double> x, double alpha, double shift, std::span<double> out) {
  for (std::size_t i = 0; i < x.size(); ++i) {
    out[i] = static_cast<double>(exp_fast_f(static_cast<float>(alpha * (x[i] - shift))));
  }
}

// The largest x_i (x not empty, no NaN), in vector lanes: max is exact, so
// the order does not matter.
TARGETCAST_VECTOR_CLONES
double max_value(std::span<const double> x) {
  constexpr std::size_t kPartials = 8;
  std::array<double, kPartials> partial;
  partial.fill(x[0]);
  const std::size_t whole = x.size() - x.size() % kPartials;
  for (std::size_t i = 0; i < whole; i += kPartials) {
    for (std::size_t k = 0; k < kPartials; ++k) partial[k] = x[i + k] > partial[k] ? x[i + k] : partial[k];
  }
  double m = partial[0];
  for (std::size_t k = 1; k < kPartials; ++k) m = partial[k] > m ? partial[k] : m;
  for (std::size_t i = whole; i < x.size(); ++i) m = x[i] > m ? x[i] : m;
  return m;
}

// out_b = Σ x_i over block b, each in fixed_order_sum's order
// (model/fixed_order_sum.h), which does not depend on the vector width.
TARGETCAST_VECTOR_CLONES
void block_sums(std::span<const double> x, std::size_t block, std::span<double> out) {
  for (std::size_t b = 0; b < out.size(); ++b) {
    const std::size_t first = b * block;
    out[b] = fixed_order_sum(x.data() + first, std::min(block, x.size() - first), [](double v) { return v; });
  }
}

}  // namespace

void RecipientWeights::assign(std::span<const double> log_revenue, double alpha) {
  const std::size_t n = log_revenue.size();
  weight_.resize(n);
  block_end_.resize((n + kBlock - 1) / kBlock);
  if (n == 0) return;
  exp_scaled_f(log_revenue, alpha, max_value(log_revenue), weight_);
  block_sums(weight_, kBlock, block_end_);
  double running = 0.0;
  for (double& b : block_end_) b = running += b;
}

std::size_t RecipientWeights::pick(double target) const {
  const auto block_it = std::upper_bound(block_end_.begin(), block_end_.end(), target);
  const std::size_t block =
      block_it == block_end_.end() ? block_end_.size() - 1 : static_cast<std::size_t>(block_it - block_end_.begin());
  const std::size_t first = block * kBlock;
  const std::size_t last = std::min(weight_.size(), first + kBlock) - 1;
  double running = block == 0 ? 0.0 : block_end_[block - 1];
  for (std::size_t i = first; i < last; ++i) {
    running += weight_[i];
    if (running > target) return i;
  }
  return last;
}

}  // namespace targetcast::model
