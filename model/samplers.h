#pragma once
// Random variate samplers over a counter-based micro-stream (STYLE.md point 3).
//
// Every sampler is a free function that takes the caller's CounterStream first:
// samplers never own a generator, so a draw stays a pure function of
// (master seed, run, stream, year, entity, draw index). Each algorithm is fixed
// and cited below; none uses std::*_distribution or <random>, whose algorithms
// differ between standard libraries. Changing any algorithm here changes stored
// results: bump kRngLayoutVersion in model/rng.h and re-record the known-answer
// pins in tests/model/test_samplers.cpp.
//
// Consumption of the stream is stated per sampler in 32-bit words; a Philox
// block is 4 words. CounterStream::uniform() takes 2 words. "Fixed" means the
// count does not depend on the values drawn, so two scenarios that pass
// different parameters to the same sampler stay aligned on later draws of the
// same micro-stream; rejection samplers consume a random number of words, so a
// caller that needs alignment after one should give the next draw its own
// micro-stream (entity or stream), as the engine does anyway.
//
// Parameter guards: no asserts and no exceptions. Parameters are validated at
// the boundary (model specs); for values that slip through, each sampler
// documents what it returns. Continuous samplers return quiet NaN for invalid
// parameters (so the error surfaces in outputs instead of biasing them);
// count samplers return 0 where the natural limit is 0.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

#include "model/fast_math.h"
#include "model/rng.h"

namespace targetcast::model {

// Standard normal N(0, 1) by the Box–Muller transform (Box & Muller, "A note on
// the generation of random normal deviates", Ann. Math. Statist. 29, 1958):
// z = sqrt(-2 ln u1) · cos(2π u2), u1 then u2 from uniform(). Only the cosine
// half is returned; the sine half is discarded on purpose, so that every call
// consumes exactly 4 words (one Philox block when the stream is block-aligned,
// e.g. fresh, or after other 4-word draws) and a draw never depends on a cached
// value from an earlier call. Since u1 ≥ 2^-53 (CounterStream::kUniformMin),
// |z| ≤ 8.58; the normal tail mass beyond is below 1e-17.
double standard_normal(CounterStream& rng);

// N(mean, sd²) = mean + sd · standard_normal(). Always consumes 4 words (even
// for sd = 0 or invalid sd, to keep later draws aligned). sd = 0 returns mean;
// sd < 0 or NaN returns NaN.
double normal(CounterStream& rng, double mean, double sd);

// LogNormal(meanlog, sdlog) = exp(normal(meanlog, sdlog)). 4 words. sdlog < 0 or
// NaN returns NaN.
double lognormal(CounterStream& rng, double meanlog, double sdlog);

// Gamma(shape, scale), density x^(shape-1) e^(-x/scale) / (Γ(shape) scale^shape),
// mean shape·scale.
// shape ≥ 1: Marsaglia & Tsang, "A simple method for generating gamma
//   variables", ACM TOMS 26(3), 2000: d = shape - 1/3, c = 1/sqrt(9d); repeat
//   x = standard_normal, v = (1 + c x)^3 until v > 0 and (u < 1 - 0.0331 x^4 or
//   ln u < x²/2 + d(1 - v + ln v)); return d v scale. Each try consumes 4 words
//   (x) plus 2 (u) when v > 0; the acceptance rate is ≥ 0.95: measured 6.05 words
//   per call at shape 3.7, 6.3 at shape 1.
// shape < 1: Gamma(shape + 1) · U^(1/shape) (Marsaglia & Tsang 2000, §6), the
//   gamma first, then one uniform (measured 8.2 words per call at shape 0.4);
//   computed in logs. For shape below ~0.01 the result underflows to 0 with
//   visible probability: that is the distribution.
// shape = 0 or scale = 0 returns 0 (the degenerate limit) with no draws. Shape
// or scale negative, NaN or infinite returns NaN with no draws.
double gamma(CounterStream& rng, double shape, double scale);

// Beta(a, b) = X / (X + Y) with X ~ Gamma(a, 1), Y ~ Gamma(b, 1) drawn in that
// order by gamma()'s algorithm (Devroye, "Non-Uniform Random Variate
// Generation", 1986, §IX.4). Evaluated as 1 / (1 + exp(ln Y - ln X)) so that
// small shapes, whose gammas underflow, still give a correct ratio. Random word
// count. a or b not positive finite returns NaN with no draws.
double beta(CounterStream& rng, double a, double b);

// Standard normal by Box–Muller on two 32-bit uniforms (uniform32(), 2 words):
// the starting revenue of a new firm (model/firm_batch.h, layout 3), whose
// four draws fit one Philox block this way. |z| ≤ 6.77 (u1 ≥ 2^-33), a
// truncation of probability 1.3e-11.
inline double standard_normal_32(CounterStream& rng) noexcept {
  const double u1 = rng.uniform32();
  const double u2 = rng.uniform32();
  return box_muller(u1, u2);
}

// Student-t with nu degrees of freedom scaled to unit variance (docs/model.md step
// 4, growth shocks), by Bailey's polar method (Math. Comp. 62 (1994) 779-781):
// pairs (U, V) of signed_unit() on the square until W = U² + V² < 1 (in
// single precision), then T = U·sqrt(nu (W^(-2/nu) - 1) / W) times
// sqrt((nu - 2) / nu). 2 words per try, π/4 acceptance (about 2.55 words on
// average). nu = +inf returns
// standard_normal() exactly (4 words). nu ≤ 2 or NaN (no finite variance to
// scale to) returns NaN with no draws.
double student_t_unit_variance(CounterStream& rng, double nu);

// The accepted step of Bailey's method for finite nu > 2: U and W = U² + V² < 1
// to the unit-variance t, U·sqrt((ν − 2)(W^(−2/ν) − 1)/W), in single precision
// (16 lanes an instruction). Shared by student_t_unit_variance and the
// batched growth shocks (model/firm_batch.h) so that both give the same bits.
// W^(−2/ν) − 1 = expm1(−(2/ν) ln W) (model/fast_math.h): relative error below
// 1e-6·(1 + y), y = −(2/ν) ln W, for every float W in (0, 1) — below 1e-6
// next to W = 1, where the difference goes to 0 (a power computed first and
// 1 subtracted after would lose every digit there), and below 3.3e-5 for the
// farthest tail draw (y < 32), which the growth rule's shock cap clips anyway
// (tests/model/test_fast_math.cpp checks it against a long double reference).
// U/√W (a cosine, in [−1, 1]) and √((ν − 2)(W^(−2/ν) − 1)) stay far inside
// float's range for every W ≥ 2^-45, where the ratio would not.
inline double student_t_from_disc(float u, float w, double nu) noexcept {
  const float y = static_cast<float>(-2.0 / nu) * log_fast_f(w);
  const float excess = expm1_fast_f(y);  // W^(−2/ν) − 1
  const float cosine = u / std::sqrt(w);
  return static_cast<double>(cosine * std::sqrt(static_cast<float>(nu - 2.0) * excess));
}

// Poisson(mean).
// mean < 10: inversion by sequential search from 0 (Devroye 1986, §X.3.3)
//   with one uniform: 2 words, fixed.
// mean ≥ 10: PTRS, transformed rejection with squeeze (Hörmann, "The
//   transformed rejection method for generating Poisson random variables",
//   Insurance: Mathematics and Economics 12, 1993): 4 words (one block) per
//   try; measured 1.12 tries per call at mean 1e7, 1.33 at mean 10. The
//   acceptance test uses log_poisson_pmf (Loader's saddle-point form, no
//   lgamma), so the method stays exact in distribution for means far beyond
//   1e7; exact up to 2^52 (where doubles stop resolving integers).
// mean ≤ 0 or NaN returns 0 with no draws. mean > 2^63 (including +inf) returns
// UINT64_MAX with no draws.
std::uint64_t poisson(CounterStream& rng, double mean);

// Negative binomial by its Poisson–gamma mixture (Greenwood & Yule 1920):
// Poisson(Gamma(k, mean / k)), the gamma first. Mean = mean, variance
// mean + mean²/k. dispersion_k = +inf returns poisson(mean) exactly (no gamma
// draw). Random word count. mean ≤ 0 or NaN returns 0 with no draws;
// dispersion_k ≤ 0 or NaN (infinite dispersion, whose limit in probability is
// 0) returns 0 with no draws.
std::uint64_t negative_binomial(CounterStream& rng, double mean, double dispersion_k);

// Bernoulli(p): uniform() < p. Always consumes 2 words, whatever p. p ≤ 0 or NaN
// gives false, p ≥ 1 gives true.
bool bernoulli(CounterStream& rng, double p);

// Index i with probability weights[i] / Σ weights, by inverse CDF over the
// unnormalised weights (one uniform, linear scan in index order): the first i
// whose running sum exceeds u · Σ weights. Zero weights are never chosen.
// Always consumes 2 words. Negative and NaN weights count as 0. Precondition:
// Σ weights > 0 and finite; if not (including an empty span), returns
// weights.size() (no category) after consuming the 2 words.
std::size_t categorical(CounterStream& rng, std::span<const double> weights);

// Binomial(n, p). For p > 1/2 returns n - binomial(n, 1 - p), so the methods
// below see p ≤ 1/2.
// n·p < 10: inversion by sequential search from 0 with one uniform
//   (Devroye 1986, §X.4.3; Kachitvichyanukul & Schmeiser 1988, BINV): 2 words,
//   fixed. This covers small n more cheaply than a sum of n Bernoullis.
// n·p ≥ 10: BTRS, transformed rejection with squeeze (Hörmann, "The
//   generation of binomial random variates", J. Statist. Comput. Simul. 46,
//   1993): 4 words (one block) per try; measured 1.13–1.23 tries per call
//   for n·p ≥ 50. The acceptance test uses log_binomial_pmf (Loader's form),
//   exact for n up to 2^53.
// n = 0, p ≤ 0 or NaN returns 0, p ≥ 1 returns n, all with no draws.
std::uint64_t binomial(CounterStream& rng, std::uint64_t n, double p);

// Internals shared with the tests: exact log-probabilities without lgamma
// (std::lgamma writes the global signgam on some C libraries, so it is not
// thread-safe). Catherine Loader, "Fast and accurate computation of binomial
// probabilities", 2000 (the method behind R's dpois/dbinom).
namespace detail {

// stirling_error(n) = ln n! - [(n + 1/2) ln n - n + ln sqrt(2π)] for an integer
// n ≥ 1 (table for n ≤ 15, Stirling series beyond); 0 for n = 0 by convention.
double stirling_error(double n);

// bd0(x, np) = x ln(x / np) + np - x, computed without cancellation when x ≈ np.
double bd0(double x, double np);

// ln P(X = k) for X ~ Poisson(mean), mean > 0.
double log_poisson_pmf(double k, double mean);

// ln P(X = k) for X ~ Binomial(n, p), 0 ≤ k ≤ n, 0 < p < 1.
double log_binomial_pmf(double k, double n, double p);

}  // namespace detail

}  // namespace targetcast::model
