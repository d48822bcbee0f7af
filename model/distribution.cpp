// Prior distributions through Boost.Math (docs/model.md §6).
//
// Truncation to [lo, hi] is done by inversion: quantile(u) = F⁻¹(F(lo) + u·(F(hi) − F(lo))).
// When lo lies in the upper half of the distribution the same is done on the
// survival function S = 1 − F, so that a prior truncated far in its upper tail
// does not lose every digit to 1 − F cancellation.
#include "model/distribution.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/uniform.hpp>

namespace targetcast::model {

namespace {

namespace bm = boost::math;

constexpr double kInf = std::numeric_limits<double>::infinity();

// Overflow (an infinite density at the edge of a beta or gamma with shape < 1)
// returns infinity instead of throwing; domain errors still throw, but check()
// rules them out before any call.
using Policy = bm::policies::policy<bm::policies::overflow_error<bm::policies::ignore_error>>;

// Below this much probability between lower and upper a truncation is an error:
// the inversion would have no digits left to work with.
constexpr double kMinTruncatedMass = 1e-9;

std::string number(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  std::array<char, 32> buf{};
  const auto result = std::to_chars(buf.data(), buf.data() + buf.size(), x);
  return std::string(buf.data(), result.ptr);
}

bool truncatable(DistributionKind kind) {
  return kind == DistributionKind::normal || kind == DistributionKind::lognormal || kind == DistributionKind::gamma;
}

bool truncated(const Distribution& d) {
  return d.lower != -kInf || d.upper != kInf;
}

// Support before truncation.
double natural_lower(const Distribution& d) {
  switch (d.kind) {
    case DistributionKind::fixed:
    case DistributionKind::uniform:
      return d.a;
    case DistributionKind::normal:
      return -kInf;
    case DistributionKind::lognormal:
    case DistributionKind::gamma:
    case DistributionKind::beta:
      return 0.0;
  }
  return -kInf;
}

double natural_upper(const Distribution& d) {
  switch (d.kind) {
    case DistributionKind::fixed:
      return d.a;
    case DistributionKind::uniform:
      return d.b;
    case DistributionKind::beta:
      return 1.0;
    case DistributionKind::normal:
    case DistributionKind::lognormal:
    case DistributionKind::gamma:
      return kInf;
  }
  return kInf;
}

// Calls fn with the Boost distribution of d (not for fixed).
template <class Fn>
double visit(const Distribution& d, Fn&& fn) {
  switch (d.kind) {
    case DistributionKind::uniform:
      return fn(bm::uniform_distribution<double, Policy>(d.a, d.b));
    case DistributionKind::normal:
      return fn(bm::normal_distribution<double, Policy>(d.a, d.b));
    case DistributionKind::lognormal:
      return fn(bm::lognormal_distribution<double, Policy>(std::log(d.a), d.b));
    case DistributionKind::beta:
      return fn(bm::beta_distribution<double, Policy>(d.a, d.b));
    case DistributionKind::gamma:
      return fn(bm::gamma_distribution<double, Policy>(d.a, d.b));
    case DistributionKind::fixed:
      break;
  }
  return d.a;
}

// F and S that accept any x, infinities included (Boost rejects x outside the support).
template <class D>
double cdf_of(const D& dist, double x) {
  const auto [s0, s1] = bm::support(dist);
  if (!(x > s0)) return 0.0;
  if (!(x < s1)) return 1.0;
  return bm::cdf(dist, x);
}

template <class D>
double ccdf_of(const D& dist, double x) {
  const auto [s0, s1] = bm::support(dist);
  if (!(x > s0)) return 1.0;
  if (!(x < s1)) return 0.0;
  return bm::cdf(bm::complement(dist, x));
}

// The truncation window [lo, hi] of a distribution and its probability, kept on
// the lower tail (F) or the upper tail (S) whichever loses fewer digits.
struct Window {
  double lo = -kInf;
  double hi = kInf;
  bool upper_tail = false;
  double start = 0.0;  // F(lo), or S(lo) on the upper tail
  double mass = 1.0;   // F(hi) − F(lo) = S(lo) − S(hi)
};

template <class D>
Window window_of(const D& dist, const Distribution& d) {
  Window w;
  w.lo = natural_lower(d);
  w.hi = natural_upper(d);
  if (truncatable(d.kind)) {
    w.lo = std::max(w.lo, d.lower);
    w.hi = std::min(w.hi, d.upper);
  }
  if (!(w.lo < w.hi)) {
    w.mass = 0.0;
    return w;
  }
  const double f_lo = cdf_of(dist, w.lo);
  if (f_lo <= 0.5) {
    w.start = f_lo;
    w.mass = cdf_of(dist, w.hi) - f_lo;
  } else {
    w.upper_tail = true;
    w.start = ccdf_of(dist, w.lo);
    w.mass = w.start - ccdf_of(dist, w.hi);
  }
  return w;
}

template <class D>
double quantile_in(const D& dist, const Window& w, double u) {
  if (!(u > 0.0)) return w.lo;
  if (!(u < 1.0)) return w.hi;
  double x = 0.0;
  if (!w.upper_tail) {
    const double p = w.start + u * w.mass;
    if (p <= 0.0) return w.lo;
    if (p >= 1.0) return w.hi;
    x = bm::quantile(dist, p);
  } else {
    const double q = w.start - u * w.mass;
    if (q >= 1.0) return w.lo;
    if (q <= 0.0) return w.hi;
    x = bm::quantile(bm::complement(dist, q));
  }
  return std::clamp(x, w.lo, w.hi);
}

// P(lo < X < hi) of a Boost distribution, on the tail that keeps the digits.
template <class D>
double interval_probability(const D& dist, double lo, double hi) {
  const double f_lo = cdf_of(dist, lo);
  if (f_lo <= 0.5) return cdf_of(dist, hi) - f_lo;
  return ccdf_of(dist, lo) - ccdf_of(dist, hi);
}

std::string_view title(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::fixed:
      return "Fixed";
    case DistributionKind::uniform:
      return "Uniform";
    case DistributionKind::normal:
      return "Normal";
    case DistributionKind::lognormal:
      return "LogNormal";
    case DistributionKind::beta:
      return "Beta";
    case DistributionKind::gamma:
      return "Gamma";
  }
  return "?";
}

// "<key> must be > 0, got <x>" for a finite positive parameter; empty when fine.
std::string check_positive(std::string_view key, double x) {
  if (std::isfinite(x) && x > 0.0) return {};
  return std::string(key) + " must be a finite number > 0, got " + number(x);
}

std::string check_finite(std::string_view key, double x) {
  if (std::isfinite(x)) return {};
  return std::string(key) + " must be a finite number, got " + number(x);
}

}  // namespace

std::string_view to_string(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::fixed:
      return "fixed";
    case DistributionKind::uniform:
      return "uniform";
    case DistributionKind::normal:
      return "normal";
    case DistributionKind::lognormal:
      return "lognormal";
    case DistributionKind::beta:
      return "beta";
    case DistributionKind::gamma:
      return "gamma";
  }
  return "?";
}

std::string check(const Distribution& d) {
  std::string problem;
  switch (d.kind) {
    case DistributionKind::fixed:
      // inf is allowed: nu_t = inf means normal firm shocks (docs/seed-format.md).
      if (std::isnan(d.a)) problem = "value must be a number, got nan";
      break;
    case DistributionKind::uniform:
      problem = check_finite("min", d.a);
      if (problem.empty()) problem = check_finite("max", d.b);
      if (problem.empty() && !(d.a < d.b)) {
        problem = "min must be < max, got min = " + number(d.a) + " and max = " + number(d.b) +
                  (d.a == d.b ? " (use dist = \"fixed\" for a constant)" : "");
      }
      break;
    case DistributionKind::normal:
      problem = check_finite("mean", d.a);
      if (problem.empty()) problem = check_positive("sd", d.b);
      break;
    case DistributionKind::lognormal:
      problem = check_positive("median", d.a);
      if (problem.empty()) problem = check_positive("sigma", d.b);
      break;
    case DistributionKind::beta:
      problem = check_positive("alpha", d.a);
      if (problem.empty()) problem = check_positive("beta", d.b);
      break;
    case DistributionKind::gamma:
      problem = check_positive("shape", d.a);
      if (problem.empty()) problem = check_positive("scale", d.b);
      break;
  }
  if (!problem.empty()) return problem;

  if (std::isnan(d.lower)) return "lower must be a number, got nan";
  if (std::isnan(d.upper)) return "upper must be a number, got nan";
  if (!truncated(d)) return {};
  if (!truncatable(d.kind)) {
    return std::string(d.lower != -kInf ? "lower" : "upper") +
           " (truncation) applies only to normal, lognormal and gamma, not to " + std::string(to_string(d.kind));
  }
  if (!(d.lower < d.upper)) {
    return "lower must be < upper, got lower = " + number(d.lower) + " and upper = " + number(d.upper);
  }
  if (d.upper <= natural_lower(d)) {
    return "upper must be > " + number(natural_lower(d)) + " for a " + std::string(to_string(d.kind)) +
           " (it lives on (0, inf)), got " + number(d.upper);
  }
  const double mass = visit(d, [&](const auto& dist) { return window_of(dist, d).mass; });
  if (!(mass >= kMinTruncatedMass)) {
    return "lower and upper leave almost no probability (" + number(mass) + ") between " + number(d.lower) + " and " +
           number(d.upper) + " for " + describe(Distribution{d.kind, d.a, d.b});
  }
  return {};
}

double quantile(const Distribution& d, double u) {
  if (d.kind == DistributionKind::fixed) return d.a;
  return visit(d, [&](const auto& dist) { return quantile_in(dist, window_of(dist, d), u); });
}

double cdf(const Distribution& d, double x) {
  if (d.kind == DistributionKind::fixed) return x >= d.a ? 1.0 : 0.0;
  return visit(d, [&](const auto& dist) {
    const Window w = window_of(dist, d);
    if (x <= w.lo) return 0.0;
    if (x >= w.hi) return 1.0;
    const double p = w.upper_tail ? w.start - ccdf_of(dist, x) : cdf_of(dist, x) - w.start;
    return std::clamp(p / w.mass, 0.0, 1.0);
  });
}

double density(const Distribution& d, double x) {
  if (d.kind == DistributionKind::fixed) return x == d.a ? 1.0 : 0.0;
  return visit(d, [&](const auto& dist) {
    const Window w = window_of(dist, d);
    if (!(x >= w.lo && x <= w.hi) || std::isinf(x)) return 0.0;
    return bm::pdf(dist, x) / w.mass;
  });
}

double support_lower(const Distribution& d) {
  const double lo = natural_lower(d);
  return truncatable(d.kind) ? std::max(lo, d.lower) : lo;
}

double support_upper(const Distribution& d) {
  const double hi = natural_upper(d);
  return truncatable(d.kind) ? std::min(hi, d.upper) : hi;
}

double mean(const Distribution& d) {
  switch (d.kind) {
    case DistributionKind::fixed:
      return d.a;
    case DistributionKind::uniform:
      return 0.5 * (d.a + d.b);
    case DistributionKind::beta:
      return d.a / (d.a + d.b);
    case DistributionKind::normal: {
      if (!truncated(d)) return d.a;
      // E[X | lo < X < hi] = μ + σ (φ(α) − φ(β)) / (Φ(β) − Φ(α)), α, β standardised.
      const bm::normal_distribution<double, Policy> z(0.0, 1.0);
      const double alpha = (d.lower - d.a) / d.b;
      const double beta = (d.upper - d.a) / d.b;
      const double phi_alpha = std::isinf(alpha) ? 0.0 : bm::pdf(z, alpha);
      const double phi_beta = std::isinf(beta) ? 0.0 : bm::pdf(z, beta);
      return d.a + d.b * (phi_alpha - phi_beta) / interval_probability(z, alpha, beta);
    }
    case DistributionKind::lognormal: {
      // E[X | lo < X < hi] = e^{μ+σ²/2} P(lo < Y < hi) / P(lo < X < hi), where
      // ln Y ~ Normal(μ + σ², σ) (the size-biased lognormal).
      const double mu = std::log(d.a);
      const double sigma = d.b;
      const double untruncated = std::exp(mu + 0.5 * sigma * sigma);
      if (!truncated(d)) return untruncated;
      const double lo = std::max(d.lower, 0.0);
      const bm::lognormal_distribution<double, Policy> x(mu, sigma);
      const bm::lognormal_distribution<double, Policy> y(mu + sigma * sigma, sigma);
      return untruncated * interval_probability(y, lo, d.upper) / interval_probability(x, lo, d.upper);
    }
    case DistributionKind::gamma: {
      // E[X | lo < X < hi] = kθ P_{k+1}(lo, hi) / P_k(lo, hi) (size-biased gamma).
      const double untruncated = d.a * d.b;
      if (!truncated(d)) return untruncated;
      const double lo = std::max(d.lower, 0.0);
      const bm::gamma_distribution<double, Policy> x(d.a, d.b);
      const bm::gamma_distribution<double, Policy> y(d.a + 1.0, d.b);
      return untruncated * interval_probability(y, lo, d.upper) / interval_probability(x, lo, d.upper);
    }
  }
  return d.a;
}

std::string describe(const Distribution& d) {
  std::string out(title(d.kind));
  out += "(" + number(d.a);
  if (d.kind != DistributionKind::fixed) out += ", " + number(d.b);
  out += ")";
  if (truncatable(d.kind) && truncated(d)) {
    out += " truncated to ";
    out += std::isinf(d.lower) ? "(" : "[";
    out += number(d.lower) + ", " + number(d.upper);
    out += std::isinf(d.upper) ? ")" : "]";
  }
  return out;
}

}  // namespace targetcast::model
