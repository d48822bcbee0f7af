#include "model/samplers.h"

#include <array>
#include <cmath>
#include <limits>
#include <numbers>

namespace targetcast::model {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// False for NaN as well.
bool positive_finite(double x) {
  return x > 0.0 && x < kInf;
}

// Marsaglia & Tsang (2000) for shape ≥ 1, unit scale.
double standard_gamma_ge1(CounterStream& rng, double shape) {
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = standard_normal(rng);
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    const double u = rng.uniform();
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;  // squeeze
    if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) return d * v;
  }
}

// ln of a Gamma(shape, 1) variate, shape > 0; for shape < 1 the product
// Gamma(shape + 1) · U^(1/shape) is taken in logs so that it cannot underflow.
double log_standard_gamma(CounterStream& rng, double shape) {
  if (shape >= 1.0) return std::log(standard_gamma_ge1(rng, shape));
  const double g = standard_gamma_ge1(rng, shape + 1.0);
  const double u = rng.uniform();
  return std::log(g) + std::log(u) / shape;
}

// Inversion by sequential search from 0, one uniform (Devroye 1986, §X.3.3).
// The loop also stops when the running CDF stops increasing in floating point,
// so a u above the computed total mass (possible only through rounding, with
// probability ~1e-16) cannot loop forever.
std::uint64_t poisson_inversion(CounterStream& rng, double mean) {
  const double u = rng.uniform();
  double pk = std::exp(-mean);
  double cdf = pk;
  std::uint64_t k = 0;
  while (u > cdf) {
    ++k;
    pk *= mean / static_cast<double>(k);
    const double next = cdf + pk;
    if (next == cdf) break;
    cdf = next;
  }
  return k;
}

// PTRS (Hörmann 1993), mean ≥ 10. Constants are those of the paper.
std::uint64_t poisson_ptrs(CounterStream& rng, double mean) {
  const double smu = std::sqrt(mean);
  const double b = 0.931 + 2.53 * smu;
  const double a = -0.059 + 0.02483 * b;
  const double log_inv_alpha = std::log(1.1239 + 1.1328 / (b - 3.4));
  const double v_r = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = rng.uniform() - 0.5;
    const double v = rng.uniform();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (k < 0.0) continue;
    if (us >= 0.07 && v <= v_r) return static_cast<std::uint64_t>(k);
    if (us < 0.013 && v > us) continue;
    if (k >= 0x1.0p64) continue;  // astronomically far in the tail; keeps the cast defined
    if (std::log(v) + log_inv_alpha - std::log(a / (us * us) + b) <= detail::log_poisson_pmf(k, mean)) {
      return static_cast<std::uint64_t>(k);
    }
  }
}

// Binomial inversion (BINV), p ≤ 1/2 and n·p < 10: P(0) = q^n, then
// P(k+1) = P(k) · (n - k) / (k + 1) · p / q. Same floating-point stop as above.
std::uint64_t binomial_inversion(CounterStream& rng, std::uint64_t n, double p) {
  const double u = rng.uniform();
  const double nd = static_cast<double>(n);
  const double odds = p / (1.0 - p);
  double pk = std::exp(nd * std::log1p(-p));
  double cdf = pk;
  std::uint64_t k = 0;
  while (u > cdf && k < n) {
    pk *= (nd - static_cast<double>(k)) / static_cast<double>(k + 1) * odds;
    ++k;
    const double next = cdf + pk;
    if (next == cdf) break;
    cdf = next;
  }
  return k;
}

// BTRS (Hörmann 1993), p ≤ 1/2 and n·p ≥ 10. Constants are those of the paper;
// the exact acceptance test compares with f(k) / f(m), m the mode.
std::uint64_t binomial_btrs(CounterStream& rng, std::uint64_t n, double p) {
  const double nd = static_cast<double>(n);
  const double q = 1.0 - p;
  const double spq = std::sqrt(nd * p * q);
  const double b = 1.15 + 2.53 * spq;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = nd * p + 0.5;
  const double v_r = 0.92 - 4.2 / b;
  const double log_alpha = std::log((2.83 + 5.1 / b) * spq);
  const double m = std::floor((nd + 1.0) * p);
  const double log_f_mode = detail::log_binomial_pmf(m, nd, p);
  for (;;) {
    const double u = rng.uniform() - 0.5;
    const double v = rng.uniform();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + c);
    if (k < 0.0 || k > nd || k >= 0x1.0p64) continue;
    if (us >= 0.07 && v <= v_r) return static_cast<std::uint64_t>(k);
    if (std::log(v) + log_alpha - std::log(a / (us * us) + b) <= detail::log_binomial_pmf(k, nd, p) - log_f_mode) {
      return static_cast<std::uint64_t>(k);
    }
  }
}

}  // namespace

double standard_normal(CounterStream& rng) {
  const double u1 = rng.uniform();
  const double u2 = rng.uniform();
  return box_muller(u1, u2);
}

double normal(CounterStream& rng, double mean, double sd) {
  const double z = standard_normal(rng);
  if (!(sd >= 0.0)) return kNaN;
  if (sd == 0.0) return mean;
  return mean + sd * z;
}

double lognormal(CounterStream& rng, double meanlog, double sdlog) {
  return std::exp(normal(rng, meanlog, sdlog));
}

double gamma(CounterStream& rng, double shape, double scale) {
  if (!(shape >= 0.0 && shape < kInf && scale >= 0.0 && scale < kInf)) return kNaN;
  if (shape == 0.0 || scale == 0.0) return 0.0;
  if (shape >= 1.0) return scale * standard_gamma_ge1(rng, shape);
  return scale * std::exp(log_standard_gamma(rng, shape));
}

double beta(CounterStream& rng, double a, double b) {
  if (!positive_finite(a) || !positive_finite(b)) return kNaN;
  const double log_x = log_standard_gamma(rng, a);
  const double log_y = log_standard_gamma(rng, b);
  return 1.0 / (1.0 + std::exp(log_y - log_x));
}

double student_t_unit_variance(CounterStream& rng, double nu) {
  if (nu == kInf) return standard_normal(rng);
  if (!(nu > 2.0)) return kNaN;
  // Bailey's polar method (Math. Comp. 62 (1994) 779-781): (U, V) uniform on
  // the unit disc, W = U² + V², then T = U·sqrt(ν(W^(-2/ν) − 1)/W) is exactly
  // Student-t(ν). One uniform pair (two words) per try, accepted with
  // probability π/4, and a single power: about three times cheaper than a
  // normal over the square root of a gamma, and this is the engine's hottest
  // draw. U is never 0 (signed_unit() returns midpoints), so W > 0.
  for (;;) {
    const float u = rng.signed_unit();
    const float v = rng.signed_unit();
    const float w = u * u + v * v;
    if (w >= 1.0f) continue;
    return student_t_from_disc(u, w, nu);
  }
}

std::uint64_t poisson(CounterStream& rng, double mean) {
  if (!(mean > 0.0)) return 0;
  if (mean > 0x1.0p63) return std::numeric_limits<std::uint64_t>::max();
  if (mean < 10.0) return poisson_inversion(rng, mean);
  return poisson_ptrs(rng, mean);
}

std::uint64_t negative_binomial(CounterStream& rng, double mean, double dispersion_k) {
  if (!(mean > 0.0) || !(dispersion_k > 0.0)) return 0;
  if (dispersion_k == kInf) return poisson(rng, mean);
  return poisson(rng, gamma(rng, dispersion_k, mean / dispersion_k));
}

bool bernoulli(CounterStream& rng, double p) {
  return rng.uniform() < p;
}

std::size_t categorical(CounterStream& rng, std::span<const double> weights) {
  const double u = rng.uniform();
  // Negative and NaN weights count as zero; `w > 0` is false for both.
  double total = 0.0;
  for (const double w : weights) {
    if (w > 0.0) total += w;
  }
  if (!(total > 0.0 && total < kInf)) return weights.size();
  const double target = u * total;
  double running = 0.0;
  std::size_t last_positive = weights.size();
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (!(weights[i] > 0.0)) continue;
    running += weights[i];
    last_positive = i;
    if (target < running) return i;
  }
  // Reached only if u · total rounded up to total: the last positive weight.
  return last_positive;
}

std::uint64_t binomial(CounterStream& rng, std::uint64_t n, double p) {
  if (n == 0 || !(p > 0.0)) return 0;
  if (p >= 1.0) return n;
  if (p > 0.5) return n - binomial(rng, n, 1.0 - p);
  if (static_cast<double>(n) * p < 10.0) return binomial_inversion(rng, n, p);
  return binomial_btrs(rng, n, p);
}

namespace detail {

double stirling_error(double n) {
  // ln n! - [(n + 1/2) ln n - n + ln sqrt(2π)] for n = 0..15, computed in
  // 50-digit arithmetic (the same values as Loader 2000, table sferr_halves at
  // integers; tests/model/test_samplers.cpp checks them against Boost.Math).
  static constexpr std::array<double, 16> kTable = {0.0,  // n = 0: convention (ln 0 is not defined)
                                                    0.08106146679532725821967026,
                                                    0.04134069595540929409382208,
                                                    0.02767792568499833914878929,
                                                    0.02079067210376509311152277,
                                                    0.01664469118982119216319487,
                                                    0.01387612882307074799874573,
                                                    0.01189670994589177009505572,
                                                    0.01041126526197209649747857,
                                                    0.009255462182712732917728637,
                                                    0.008330563433362871256469319,
                                                    0.007573675487951840794972024,
                                                    0.006942840107209529865664153,
                                                    0.006408994188004207068439631,
                                                    0.005951370112758847735624416,
                                                    0.005554733551962801371038690};
  if (!(n > 0.0)) return 0.0;
  if (n <= 15.0) return kTable[static_cast<std::size_t>(n)];
  // Stirling series 1/(12n) - 1/(360n³) + 1/(1260n⁵) - 1/(1680n⁷) + 1/(1188n⁹),
  // truncated where the next term is below double precision (Loader 2000).
  constexpr double s0 = 1.0 / 12.0;
  constexpr double s1 = 1.0 / 360.0;
  constexpr double s2 = 1.0 / 1260.0;
  constexpr double s3 = 1.0 / 1680.0;
  constexpr double s4 = 1.0 / 1188.0;
  const double nn = n * n;
  if (n > 500.0) return (s0 - s1 / nn) / n;
  if (n > 80.0) return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35.0) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

double bd0(double x, double np) {
  if (std::fabs(x - np) < 0.1 * (x + np)) {
    // x ln(x/np) + np - x = (x - np)·v + 2x Σ_{j≥1} v^(2j+1) / (2j+1),
    // v = (x - np) / (x + np), |v| < 0.1: converges in a few terms.
    double v = (x - np) / (x + np);
    double s = (x - np) * v;
    double ej = 2.0 * x * v;
    v = v * v;
    for (int j = 1; j < 1000; ++j) {
      ej *= v;
      const double s1 = s + ej / (2 * j + 1);
      if (s1 == s) return s1;
      s = s1;
    }
    return s;
  }
  return x * std::log(x / np) + np - x;
}

double log_poisson_pmf(double k, double mean) {
  if (k == 0.0) return -mean;
  return -stirling_error(k) - bd0(k, mean) - 0.5 * std::log(2.0 * std::numbers::pi * k);
}

double log_binomial_pmf(double k, double n, double p) {
  const double q = 1.0 - p;
  if (k == 0.0) return n * std::log1p(-p);
  if (k == n) return n * std::log(p);
  const double lc = stirling_error(n) - stirling_error(k) - stirling_error(n - k) - bd0(k, n * p) - bd0(n - k, n * q);
  const double lf = std::log(2.0 * std::numbers::pi) + std::log(k) + std::log1p(-k / n);
  return lc - 0.5 * lf;
}

}  // namespace detail

}  // namespace targetcast::model
