// exp_fast, log_fast and cos_2pi_fast (model/fast_math.h) against glibc over
// the ranges the engine uses: the batched firm kernels depend on them, and a
// bad coefficient would bias every run by the same amount, which no
// statistical test of the output would notice.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>

#include "model/fast_math.h"
#include "model/rng.h"

namespace {

using namespace targetcast::model;

std::uint64_t ulp_distance(double a, double b) {
  const auto x = std::bit_cast<std::int64_t>(a), y = std::bit_cast<std::int64_t>(b);
  return static_cast<std::uint64_t>(x > y ? x - y : y - x);
}

// Uniform points from a counter stream (reproducible, no std::random).
double point(CounterStream& s, double lo, double hi) { return lo + (hi - lo) * s.uniform(); }

}  // namespace

TEST_CASE("exp_fast is within 1 ulp of std::exp on [-700, 700]", "[fast_math]") {
  CounterStream s(11, 0, Stream::parameter, 0, 1);
  std::uint64_t worst = 0;
  for (int i = 0; i < 200000; ++i) {
    const double x = point(s, -700.0, 700.0);
    worst = std::max(worst, ulp_distance(exp_fast(x), std::exp(x)));
  }
  // Near 0 and at the integers the reduction is exact.
  for (double x : {0.0, 1.0, -1.0, 1e-300, -1e-300, 40.0, -40.0, 0.5, 0.34657359027997264}) {
    worst = std::max(worst, ulp_distance(exp_fast(x), std::exp(x)));
  }
  CHECK(worst <= 1);
  CHECK(exp_fast(0.0) == 1.0);
}

TEST_CASE("exp_fast saturates instead of overflowing and passes NaN through", "[fast_math]") {
  CHECK(std::isfinite(exp_fast(1e6)));
  CHECK(exp_fast(1e6) == exp_fast(709.0));
  CHECK(exp_fast(-1e6) > 0.0);
  CHECK(exp_fast(-1e6) == exp_fast(-708.0));
  CHECK(std::isfinite(exp_fast(std::numeric_limits<double>::infinity())));
  CHECK(std::isnan(exp_fast(std::numeric_limits<double>::quiet_NaN())));
}

TEST_CASE("log_fast is within 1 ulp of std::log on positive normal numbers", "[fast_math]") {
  CounterStream s(12, 0, Stream::parameter, 0, 2);
  std::uint64_t worst = 0;
  for (int i = 0; i < 200000; ++i) {
    const double x = std::exp(point(s, -700.0, 700.0));
    worst = std::max(worst, ulp_distance(log_fast(x), std::log(x)));
  }
  // The uniforms the samplers feed it: the smallest and largest possible.
  for (double x : {CounterStream::kUniformMin, CounterStream::kUniformMax, 1.0, 2.0, 0.5, std::numbers::sqrt2,
                   1.0 / std::numbers::sqrt2, std::numeric_limits<double>::min(), std::numeric_limits<double>::max()}) {
    worst = std::max(worst, ulp_distance(log_fast(x), std::log(x)));
  }
  CHECK(worst <= 1);
  CHECK(log_fast(1.0) == 0.0);
}

TEST_CASE("cos_2pi_fast is within 1e-15 of cos(2 pi u) on (0, 1)", "[fast_math]") {
  double worst = 0.0;
  for (int k = 0; k < 200000; ++k) {
    const double u = (k + 0.5) / 200000.0;
    worst = std::max(worst, std::abs(cos_2pi_fast(u) - std::cos(2.0 * std::numbers::pi * u)));
  }
  for (double u : {CounterStream::kUniformMin, CounterStream::kUniformMax, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75}) {
    worst = std::max(worst, std::abs(cos_2pi_fast(u) - std::cos(2.0 * std::numbers::pi * u)));
  }
  CHECK(worst < 1e-15);
  // Exact where the octant reduction lands on 0.
  CHECK(cos_2pi_fast(0.5) == -1.0);
  CHECK(cos_2pi_fast(0.25) == 0.0);
}
