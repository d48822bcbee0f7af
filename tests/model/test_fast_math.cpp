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
#include "model/samplers.h"

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

namespace {

double relative_error(double got, long double want) {
  return static_cast<double>(std::fabs((static_cast<long double>(got) - want) / want));
}

}  // namespace

TEST_CASE("log_fast_f is within 4e-7 relative of ln x, also next to x = 1", "[fast_math]") {
  CounterStream s(13, 0, Stream::parameter, 0, 3);
  double worst = 0.0;
  for (int i = 0; i < 200000; ++i) {
    // W of the polar method: (0, 1), most of it near 1, down to its smallest 2^-45.
    const auto x = static_cast<float>(i % 2 == 0 ? std::exp(point(s, -31.2, 0.0))
                                                 : 1.0 - std::exp(point(s, -16.5, -0.01)));
    if (x == 1.0f) continue;
    worst = std::max(worst, relative_error(log_fast_f(x), std::log(static_cast<long double>(x))));
  }
  for (float x : {0x1.0p-45f, 0.5f, 0.70710677f, 0.70710683f, 0.75f, 1.0f - 0x1.0p-24f, 1.0f - 0x1.0p-20f, 1.5f,
                  std::numeric_limits<float>::min()}) {
    worst = std::max(worst, relative_error(log_fast_f(x), std::log(static_cast<long double>(x))));
  }
  CHECK(worst < 4e-7);
  CHECK(log_fast_f(1.0f) == 0.0f);
}

TEST_CASE("expm1_fast_f is within 4e-7 relative of e^y - 1 for 0 < y <= 87", "[fast_math]") {
  CounterStream s(14, 0, Stream::parameter, 0, 4);
  double worst = 0.0;
  for (int i = 0; i < 200000; ++i) {
    const auto y = static_cast<float>(i % 2 == 0 ? point(s, 0.0, 87.0) : std::exp(point(s, -40.0, 0.0)));
    if (!(y > 0.0f)) continue;
    worst = std::max(worst, relative_error(expm1_fast_f(y), std::expm1(static_cast<long double>(y))));
  }
  for (float y : {1e-30f, 1e-7f, 0.3465f, 0.3466f, 0.5f, 1.0f, 20.0f, 43.6f, 87.0f}) {
    worst = std::max(worst, relative_error(expm1_fast_f(y), std::expm1(static_cast<long double>(y))));
  }
  CHECK(worst < 4e-7);
  CHECK(expm1_fast_f(0.0f) == 0.0f);
  CHECK(std::isfinite(expm1_fast_f(1e30f)));
}

TEST_CASE("The polar t step is within 1e-6 (1 + y) relative of its long double value", "[fast_math][samplers]") {
  // T = U·sqrt((ν − 2)(W^(−2/ν) − 1)/W): with W^(−2/ν) − 1 as expm1 of a
  // float log, the error stays relative even where W → 1 and T → 0 (a power
  // computed first and 1 subtracted after would lose every digit there).
  // Where y = −(2/ν) ln W is large (W small: the tail), e^y magnifies the
  // float error of y by y, so the bound is 1e-6 (1 + y); y < 32 for every W
  // the 23-bit uniforms can give (W ≥ 2^-45), so at most 3.3e-5 in the
  // farthest tail. The function of its float arguments is checked here; U
  // and W themselves are the rounded float values the sampler uses.
  CounterStream s(15, 0, Stream::parameter, 0, 5);
  double worst_body = 0.0, worst_tail = 0.0;
  for (const double nu : {2.05, 3.0, 5.0, 30.0, 1000.0}) {
    for (int i = 0; i < 40000; ++i) {
      const auto w = static_cast<float>(i % 2 == 0 ? std::exp(point(s, -31.2, 0.0))
                                                   : 1.0 - std::exp(point(s, -16.5, -0.01)));
      if (!(w < 1.0f)) continue;
      const auto u = static_cast<float>(std::sqrt(static_cast<double>(w)) * (2.0 * s.uniform() - 1.0));
      const long double wl = w, nul = nu;
      const long double y = -2.0L / nul * std::log(wl);
      const long double want = static_cast<long double>(u) * std::sqrt((nul - 2.0L) * std::expm1(y) / wl);
      if (want == 0.0L) continue;
      const double error = relative_error(student_t_from_disc(u, w, nu), want);
      if (y < 0.1L) worst_body = std::max(worst_body, error);
      worst_tail = std::max(worst_tail, error / (1.0 + static_cast<double>(y)));
    }
  }
  CHECK(worst_body < 1e-6);
  CHECK(worst_tail < 1e-6);
}

TEST_CASE("exp_fast_f is within 4e-7 relative of e^x on [-87, 87] and saturates outside", "[fast_math]") {
  CounterStream s(16, 0, Stream::parameter, 0, 6);
  double worst = 0.0;
  for (int i = 0; i < 200000; ++i) {
    const auto x = static_cast<float>(point(s, -87.0, 87.0));
    worst = std::max(worst, relative_error(exp_fast_f(x), std::exp(static_cast<long double>(x))));
  }
  for (float x : {0.0f, 1e-30f, -1e-30f, 0.3465f, -0.3466f, 1.0f, -1.0f, 87.0f, -87.0f}) {
    worst = std::max(worst, relative_error(exp_fast_f(x), std::exp(static_cast<long double>(x))));
  }
  CHECK(worst < 4e-7);
  CHECK(exp_fast_f(0.0f) == 1.0f);
  CHECK(exp_fast_f(1e30f) == exp_fast_f(87.0f));
  CHECK(exp_fast_f(-1e30f) == exp_fast_f(-87.0f));
  CHECK(exp_fast_f(-87.0f) > 0.0f);
  CHECK(std::isnan(exp_fast_f(std::numeric_limits<float>::quiet_NaN())));
}
