// Project recipients drawn ∝ r^α through block sums (model/recipients.h):
// the same firm as a running sum over every firm in firm order, wherever
// rounding does not put the two on different sides of a draw.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "model/fast_math.h"
#include "model/recipients.h"
#include "model/rng.h"

namespace {

using namespace targetcast::model;

// The firm the plain running sum over all firms picks, in long double, of
// the same single-precision weights.
std::size_t reference_pick(const std::vector<double>& log_revenue, double alpha, long double target) {
  double top = log_revenue[0];
  for (double lr : log_revenue) top = std::max(top, lr);
  long double running = 0.0L;
  for (std::size_t i = 0; i < log_revenue.size(); ++i) {
    running += exp_fast_f(static_cast<float>(alpha * (log_revenue[i] - top)));
    if (running > target) return i;
  }
  return log_revenue.size() - 1;
}

}  // namespace

TEST_CASE("recipients: blocks pick the firm of the running sum over every firm", "[model][funding]") {
  CounterStream s(21, 0, Stream::parameter, 0, 9);
  for (const std::size_t n : {std::size_t{1}, std::size_t{7}, std::size_t{64}, std::size_t{65}, std::size_t{1500},
                              std::size_t{4099}}) {
    std::vector<double> lr(n);
    for (double& x : lr) x = 4.0 * (s.uniform() - 0.5);
    for (const double alpha : {0.0, 0.5, 1.0, 2.0}) {
      RecipientWeights w;
      w.assign(lr, alpha);
      std::size_t differ = 0;
      for (int k = 0; k < 2000; ++k) {
        const double target = s.uniform() * w.total();
        const std::size_t got = w.pick(target);
        REQUIRE(got < n);
        differ += got == reference_pick(lr, alpha, target) ? 0u : 1u;
      }
      INFO("firms " << n << " alpha " << alpha);
      // A draw within rounding (1e-13 of the total) of a firm boundary may
      // land on the neighbour: about 2000·n·1e-16 such draws, far below 1.
      CHECK(differ == 0);
    }
  }
}

TEST_CASE("recipients: each firm takes its share of the total, the last one past it", "[model][funding]") {
  // Weights relative to the largest firm (ln 3): 1/3, 1/3 · 1/2, 1.
  const std::vector<double> lr = {0.0, std::log(0.5), std::log(3.0)};
  RecipientWeights w;
  w.assign(lr, 1.0);
  CHECK(w.total() == Approx(1.0 / 3.0 + 1.0 / 6.0 + 1.0).epsilon(1e-6));
  CHECK(w.pick(0.0) == 0);
  CHECK(w.pick(1.0 / 3.0 - 1e-6) == 0);  // weights are single precision: 1e-7 relative
  CHECK(w.pick(1.0 / 3.0 + 1e-6) == 1);
  CHECK(w.pick(0.5 + 1e-6) == 2);
  CHECK(w.pick(w.total()) == 2);  // at or past the total (rounding): the last firm
  RecipientWeights none;
  none.assign(std::vector<double>{}, 1.0);
  CHECK(none.total() == 0.0);
}
