// Tests of model/samplers.h (STYLE.md point 5): for every sampler a known-answer
// pin of its first draws, its stream consumption where that is fixed, and a
// chi-square goodness-of-fit test against the exact Boost.Math distribution,
// plus mean and variance within 5 standard errors.
//
// Seeds and coordinates are fixed, so every test is deterministic. The stream
// of each check is keyed by a hash of its label, not tuned: if a check fails,
// the sampler is wrong. With ~60 goodness-of-fit checks at p > 1e-4, a correct
// sampler set fails one by chance with probability ~0.6% per choice of seed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/math/distributions/bernoulli.hpp>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/negative_binomial.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include "model/rng.h"
#include "model/samplers.h"

namespace {

namespace tcm = targetcast::model;
using tcm::CounterStream;
using tcm::Stream;

constexpr std::uint64_t kSeed = 0x7a26e7ca5700c0deULL;
constexpr std::size_t kDraws = 60000;
constexpr double kMinPValue = 1e-4;
constexpr double kInf = std::numeric_limits<double>::infinity();

// Discrete Boost distributions with a real-valued quantile, used only to place
// bin edges (the edges are then floored to integers).
using RealQuantile =
    boost::math::policies::policy<boost::math::policies::discrete_quantile<boost::math::policies::real>>;

// How draws are taken from the counter-based generator.
enum class Pattern {
  one_stream,         // n consecutive draws from one micro-stream
  stream_per_entity,  // one fresh micro-stream per draw, entity = i (as the engine does)
};

std::uint32_t label_hash(std::string_view label) {
  return tcm::name_hash(label.data(), label.size());
}

template <class T, class Sample>
std::vector<T> draw(std::string_view label, Pattern pattern, std::size_t n, Sample sample) {
  std::vector<T> out;
  out.reserve(n);
  const std::uint32_t run = label_hash(label);
  if (pattern == Pattern::one_stream) {
    CounterStream s(kSeed, run, Stream::firm_growth, 2030, 0);
    for (std::size_t i = 0; i < n; ++i) out.push_back(static_cast<T>(sample(s)));
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      CounterStream s(kSeed, run, Stream::firm_growth, 2030, static_cast<std::uint32_t>(i));
      out.push_back(static_cast<T>(sample(s)));
    }
  }
  return out;
}

const char* pattern_name(Pattern p) {
  return p == Pattern::one_stream ? "one stream" : "stream per entity";
}

constexpr std::array<Pattern, 2> kPatterns = {Pattern::one_stream, Pattern::stream_per_entity};

double chi_square_p_value(const std::vector<double>& observed, const std::vector<double>& expected) {
  double stat = 0.0;
  for (std::size_t j = 0; j < observed.size(); ++j) {
    const double d = observed[j] - expected[j];
    stat += d * d / expected[j];
  }
  const boost::math::chi_squared chi2(static_cast<double>(observed.size() - 1));
  return boost::math::cdf(boost::math::complement(chi2, stat));
}

// Chi-square goodness of fit against `bins` equiprobable bins whose edges are
// the exact quantiles j / bins of `dist`.
template <class Dist>
double gof_continuous(const std::vector<double>& xs, const Dist& dist, std::size_t bins = 40) {
  std::vector<double> edges;
  for (std::size_t j = 1; j < bins; ++j) {
    edges.push_back(quantile(dist, static_cast<double>(j) / static_cast<double>(bins)));
  }
  std::vector<double> observed(bins, 0.0);
  for (const double x : xs) {
    const auto bin = std::upper_bound(edges.begin(), edges.end(), x) - edges.begin();
    observed[static_cast<std::size_t>(bin)] += 1.0;
  }
  const std::vector<double> expected(bins, static_cast<double>(xs.size()) / static_cast<double>(bins));
  return chi_square_p_value(observed, expected);
}

// Chi-square goodness of fit for an integer distribution: candidate edges at
// the floored quantiles j / bins, bin j = (edge[j-1], edge[j]] with exact
// probabilities from the CDF, tails open-ended, then adjacent bins merged until
// every expected count is at least 5.
template <class Dist>
double gof_discrete(const std::vector<std::uint64_t>& ks, const Dist& dist, std::size_t bins = 40) {
  const double n = static_cast<double>(ks.size());
  const double support_max = support(dist).second;
  std::vector<double> edges;
  for (std::size_t j = 1; j < bins; ++j) {
    double e = std::floor(quantile(dist, static_cast<double>(j) / static_cast<double>(bins)));
    e = std::clamp(e, 0.0, support_max);
    if (edges.empty() || e > edges.back()) edges.push_back(e);
  }
  std::vector<double> prob;
  double below = 0.0;
  for (const double e : edges) {
    const double c = cdf(dist, e);
    prob.push_back(c - below);
    below = c;
  }
  prob.push_back(cdf(complement(dist, edges.back())));

  std::vector<double> counts(prob.size(), 0.0);
  for (const std::uint64_t k : ks) {
    const auto bin = std::lower_bound(edges.begin(), edges.end(), static_cast<double>(k)) - edges.begin();
    counts[static_cast<std::size_t>(bin)] += 1.0;
  }

  std::vector<double> observed;
  std::vector<double> expected;
  double acc_o = 0.0;
  double acc_e = 0.0;
  for (std::size_t j = 0; j < prob.size(); ++j) {
    acc_o += counts[j];
    acc_e += prob[j] * n;
    if (acc_e >= 5.0) {
      observed.push_back(acc_o);
      expected.push_back(acc_e);
      acc_o = acc_e = 0.0;
    }
  }
  if (acc_e > 0.0 || acc_o > 0.0) {
    if (expected.empty()) {
      observed.push_back(acc_o);
      expected.push_back(acc_e);
    } else {
      observed.back() += acc_o;
      expected.back() += acc_e;
    }
  }
  REQUIRE(expected.size() >= 2);
  return chi_square_p_value(observed, expected);
}

struct Moments {
  double mean;
  double variance;
};

template <class T>
Moments sample_moments(const std::vector<T>& xs) {
  const double n = static_cast<double>(xs.size());
  double mean = 0.0;
  for (const T x : xs) mean += static_cast<double>(x);
  mean /= n;
  double ss = 0.0;
  for (const T x : xs) ss += (static_cast<double>(x) - mean) * (static_cast<double>(x) - mean);
  return {mean, ss / (n - 1.0)};
}

// Mean within 5 standard errors; variance too when the fourth moment is finite
// (Var(s²) ≈ σ⁴ (excess kurtosis + 2) / n).
template <class T>
void check_moments(const std::vector<T>& xs, double mean, double variance, double excess_kurtosis) {
  const double n = static_cast<double>(xs.size());
  const Moments m = sample_moments(xs);
  CAPTURE(m.mean, mean, m.variance, variance);
  CHECK(std::abs(m.mean - mean) < 5.0 * std::sqrt(variance / n));
  if (std::isfinite(excess_kurtosis)) {
    CHECK(std::abs(m.variance - variance) < 5.0 * variance * std::sqrt((excess_kurtosis + 2.0) / n));
  }
}

template <class Dist, class Sample>
void check_continuous(std::string_view label, const Dist& dist, Sample sample) {
  for (const Pattern pattern : kPatterns) {
    INFO(label << ", " << pattern_name(pattern));
    const auto xs = draw<double>(label, pattern, kDraws, sample);
    REQUIRE(std::all_of(xs.begin(), xs.end(), [](double x) { return std::isfinite(x); }));
    const double p = gof_continuous(xs, dist);
    CAPTURE(p);
    CHECK(p > kMinPValue);
    check_moments(xs, boost::math::mean(dist), boost::math::variance(dist), boost::math::kurtosis_excess(dist));
  }
}

template <class Dist, class Sample>
void check_discrete(std::string_view label, const Dist& dist, Sample sample) {
  for (const Pattern pattern : kPatterns) {
    INFO(label << ", " << pattern_name(pattern));
    const auto ks = draw<std::uint64_t>(label, pattern, kDraws, sample);
    const double p = gof_discrete(ks, dist);
    CAPTURE(p);
    CHECK(p > kMinPValue);
    check_moments(ks, boost::math::mean(dist), boost::math::variance(dist), boost::math::kurtosis_excess(dist));
  }
}

// Words of the stream a sampler consumes: run it, then find where the stream
// stands by matching its next two words against a fresh copy of the sequence.
template <class Sample>
std::size_t words_consumed(Sample sample) {
  const CounterStream fresh(kSeed, 99, Stream::project, 2040, 17);
  CounterStream s = fresh;
  sample(s);
  const std::uint32_t next0 = s.next_u32();
  const std::uint32_t next1 = s.next_u32();
  CounterStream ref = fresh;
  std::vector<std::uint32_t> seq(258);
  for (auto& w : seq) w = ref.next_u32();
  for (std::size_t i = 0; i + 1 < seq.size(); ++i) {
    if (seq[i] == next0 && seq[i + 1] == next1) return i;
  }
  return std::numeric_limits<std::size_t>::max();
}

// The coordinate of every known-answer pin below.
CounterStream pinned_stream() {
  return CounterStream(0x5eed5eed1234abcdULL, 1, Stream::firm_growth, 2031, 4242);
}

// Floating-point pins allow 1e-13 relative: an algorithm, layout or stream
// change moves draws by O(1), while a different libm may move the last bit.
template <class Sample>
void check_pins(Sample sample, const std::vector<double>& expected) {
  CounterStream s = pinned_stream();
  for (const double e : expected) {
    CHECK(sample(s) == Approx(e).epsilon(1e-13).margin(0.0));
  }
}

template <class Sample>
void check_count_pins(Sample sample, const std::vector<std::uint64_t>& expected) {
  CounterStream s = pinned_stream();
  std::vector<std::uint64_t> got;
  for (std::size_t i = 0; i < expected.size(); ++i) got.push_back(static_cast<std::uint64_t>(sample(s)));
  CHECK(got == expected);
}

}  // namespace

// ---------------------------------------------------------------------------
// Known-answer pins (recorded from this implementation, kRngLayoutVersion 1; version 2 moved the Student-t draws by at
// most a few ulp, well inside the tolerance; version 3 re-recorded the Student-t pins: 23-bit signed uniforms, two
// words a try, all in single precision, so every t draw moved).

TEST_CASE("Sampler known-answer pins", "[samplers][kat]") {
  REQUIRE(tcm::kRngLayoutVersion == 3);
  check_pins(
      [](CounterStream& s) { return tcm::standard_normal(s); },
      {0.49196398252534784, -1.3558243574174682, -0.77701486513357643, -0.38988476860011717, -0.15768247226281315});
  check_pins([](CounterStream& s) { return tcm::normal(s, 3.0, 2.0); },
             {3.9839279650506958, 0.28835128516506359, 1.4459702697328471, 2.2202304627997655, 2.6846350554743736});
  check_pins([](CounterStream& s) { return tcm::lognormal(s, 0.5, 0.75); },
             {2.3844607231682304, 0.59638534545621535, 0.92057100040492212, 1.2307040740591135, 1.4648284634274806});
  check_pins([](CounterStream& s) { return tcm::student_t_unit_variance(s, 3.5); },
             {0.74250048398971558, -0.51089990139007568, 0.0070673162117600441, 0.05837644636631012, 1.2980425357818604});
  check_pins([](CounterStream& s) { return tcm::student_t_unit_variance(s, 8.0); },
             {0.93316149711608887, -0.65059077739715576, 0.0084229269996285439, 0.076395727694034576, 1.4861721992492676});
  check_pins(
      [](CounterStream& s) { return tcm::gamma(s, 0.4, 2.0); },
      {0.91048666085194629, 0.25479883962762684, 0.00025045785668990987, 5.7293313909539068, 1.3658516475358835});
  check_pins([](CounterStream& s) { return tcm::gamma(s, 3.7, 0.5); },
             {2.1762126845661265, 1.5449394439331074, 1.3503805822276969, 1.1519091695865258, 3.1082342417499675});
  check_pins([](CounterStream& s) { return tcm::beta(s, 2.0, 5.0); },
             {0.35476342371545883, 0.26330226268912488, 0.4370334865676001, 0.57382510053807134, 0.10199933861046141});
  check_count_pins([](CounterStream& s) { return tcm::poisson(s, 4.2); }, {6, 2, 3, 5, 5});
  check_count_pins([](CounterStream& s) { return tcm::poisson(s, 57.0); }, {64, 51, 62, 68, 54});
  check_count_pins([](CounterStream& s) { return tcm::poisson(s, 1e7); },
                   {10002692, 9997688, 10002132, 10004434, 9998617});
  check_count_pins([](CounterStream& s) { return tcm::negative_binomial(s, 200.0, 10.0); }, {230, 251, 304, 218, 140});
  check_count_pins([](CounterStream& s) { return tcm::bernoulli(s, 0.3); }, {0, 1, 1, 0, 0});
  check_count_pins(
      [](CounterStream& s) {
        static constexpr std::array<double, 5> w = {1.0, 0.0, 2.5, 0.5, 4.0};
        return tcm::categorical(s, w);
      },
      {4, 2, 2, 4, 4});
  check_count_pins([](CounterStream& s) { return tcm::binomial(s, 20, 0.3); }, {8, 4, 5, 6, 7});
  check_count_pins([](CounterStream& s) { return tcm::binomial(s, 1000000, 0.4); },
                   {400417, 399642, 400330, 400687, 399786});
  check_count_pins([](CounterStream& s) { return tcm::binomial(s, 5000, 0.99); }, {4944, 4955, 4945, 4940, 4953});
}

TEST_CASE("Sampler checksums over many micro-streams are pinned", "[samplers][kat]") {
  // The first five draws above rarely reach the rare branches of the rejection
  // samplers (PTRS and BTRS squeezes, Marsaglia–Tsang's second test): the sum of
  // the second draw of 2000 micro-streams does, so a change of any constant
  // that moves even one draw in 2000 fails here. Recorded from this
  // implementation, kRngLayoutVersion 1.
  const auto sum = [](auto sample) {
    double total = 0.0;
    for (std::uint32_t e = 0; e < 2000; ++e) {
      CounterStream s(0x5eed5eed1234abcdULL, 2, Stream::counter, 2035, e);
      (void)sample(s);
      total += static_cast<double>(sample(s));
    }
    return total;
  };
  const auto approx = [](double x) { return Approx(x).epsilon(1e-12).margin(1e-10); };
  CHECK(sum([](CounterStream& s) { return tcm::standard_normal(s); }) == approx(-15.446267335311383));
  CHECK(sum([](CounterStream& s) { return tcm::lognormal(s, 0.5, 0.75); }) == approx(4301.3321025041478));
  // Student-t re-recorded with kRngLayoutVersion 3.
  CHECK(sum([](CounterStream& s) { return tcm::student_t_unit_variance(s, 3.5); }) == approx(-11.531518151052296));
  CHECK(sum([](CounterStream& s) { return tcm::gamma(s, 0.4, 2.0); }) == approx(1630.2094832481548));
  CHECK(sum([](CounterStream& s) { return tcm::gamma(s, 3.7, 0.5); }) == approx(3694.333220839716));
  CHECK(sum([](CounterStream& s) { return tcm::beta(s, 0.3, 0.6); }) == approx(665.23530466420436));
  // Integer sums below 2^53 are exact in double.
  CHECK(sum([](CounterStream& s) { return tcm::poisson(s, 4.2); }) == 8252.0);
  CHECK(sum([](CounterStream& s) { return tcm::poisson(s, 57.0); }) == 114455.0);
  CHECK(sum([](CounterStream& s) { return tcm::poisson(s, 1e7); }) == 20000311278.0);
  CHECK(sum([](CounterStream& s) { return tcm::negative_binomial(s, 200.0, 10.0); }) == 400737.0);
  CHECK(sum([](CounterStream& s) { return tcm::bernoulli(s, 0.3); }) == 630.0);
  CHECK(sum([](CounterStream& s) {
          static constexpr std::array<double, 5> w = {1.0, 0.0, 2.5, 0.5, 4.0};
          return tcm::categorical(s, w);
        }) == 5549.0);
  CHECK(sum([](CounterStream& s) { return tcm::binomial(s, 20, 0.3); }) == 11827.0);
  CHECK(sum([](CounterStream& s) { return tcm::binomial(s, 5000, 0.01); }) == 100394.0);
  CHECK(sum([](CounterStream& s) { return tcm::binomial(s, 1000000, 0.4); }) == 800046193.0);
}

TEST_CASE("Samplers with a fixed cost consume the documented number of words", "[samplers]") {
  CHECK(words_consumed([](CounterStream& s) { return tcm::standard_normal(s); }) == 4);
  CHECK(words_consumed([](CounterStream& s) { return tcm::normal(s, 1.0, 2.0); }) == 4);
  CHECK(words_consumed([](CounterStream& s) { return tcm::normal(s, 1.0, 0.0); }) == 4);
  CHECK(words_consumed([](CounterStream& s) { return tcm::normal(s, 1.0, -1.0); }) == 4);
  CHECK(words_consumed([](CounterStream& s) { return tcm::lognormal(s, 1.0, 2.0); }) == 4);
  CHECK(words_consumed([](CounterStream& s) { return tcm::student_t_unit_variance(s, kInf); }) == 4);
  CHECK(words_consumed([](CounterStream& s) { return tcm::bernoulli(s, 0.5); }) == 2);
  CHECK(words_consumed([](CounterStream& s) { return tcm::bernoulli(s, 0.0); }) == 2);
  CHECK(words_consumed([](CounterStream& s) { return tcm::bernoulli(s, 1.0); }) == 2);
  CHECK(words_consumed([](CounterStream& s) {
          static constexpr std::array<double, 3> w = {1.0, 2.0, 3.0};
          return tcm::categorical(s, w);
        }) == 2);
  CHECK(words_consumed([](CounterStream& s) { return tcm::categorical(s, std::span<const double>{}); }) == 2);
  CHECK(words_consumed([](CounterStream& s) { return tcm::poisson(s, 9.99); }) == 2);
  CHECK(words_consumed([](CounterStream& s) { return tcm::binomial(s, 100000, 5e-5); }) == 2);
  CHECK(words_consumed([](CounterStream& s) { return tcm::binomial(s, 20, 0.3); }) == 2);
  // Degenerate parameters draw nothing.
  CHECK(words_consumed([](CounterStream& s) { return tcm::poisson(s, 0.0); }) == 0);
  CHECK(words_consumed([](CounterStream& s) { return tcm::binomial(s, 20, 1.0); }) == 0);
  CHECK(words_consumed([](CounterStream& s) { return tcm::gamma(s, 0.0, 1.0); }) == 0);
  CHECK(words_consumed([](CounterStream& s) { return tcm::negative_binomial(s, 0.0, 3.0); }) == 0);
  // Rejection samplers use whole blocks per try.
  for (const double mean : {10.0, 57.0, 1e7}) {
    CHECK(words_consumed([mean](CounterStream& s) { return tcm::poisson(s, mean); }) % 4 == 0);
  }
  CHECK(words_consumed([](CounterStream& s) { return tcm::binomial(s, 5000, 0.01); }) % 4 == 0);

  // Box–Muller discards the sine half: ten normals use exactly ten blocks.
  CounterStream s = pinned_stream();
  for (int i = 0; i < 10; ++i) (void)tcm::standard_normal(s);
  CHECK(s.blocks_used() == 10);
}

TEST_CASE("Samplers that reduce to another give identical draws", "[samplers]") {
  for (std::uint32_t e = 0; e < 200; ++e) {
    CounterStream a(kSeed, 3, Stream::firm_growth, 2030, e);
    CounterStream b = a;
    CHECK(tcm::student_t_unit_variance(a, kInf) == tcm::standard_normal(b));
    CounterStream c(kSeed, 3, Stream::entry_count, 2030, e);
    CounterStream d = c;
    CHECK(tcm::negative_binomial(c, 42.5, kInf) == tcm::poisson(d, 42.5));
    CounterStream f(kSeed, 3, Stream::counter, 2030, e);
    CounterStream g = f;
    CHECK(tcm::binomial(f, 5000, 0.7) == 5000 - tcm::binomial(g, 5000, 0.3));
    CounterStream h(kSeed, 3, Stream::entrant, 2030, e);
    CounterStream i = h;
    CHECK(tcm::lognormal(h, 0.3, 1.1) == std::exp(tcm::normal(i, 0.3, 1.1)));
  }
}

TEST_CASE("Samplers return the documented values for degenerate or invalid parameters", "[samplers]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CounterStream s = pinned_stream();
  CHECK(tcm::normal(s, 2.5, 0.0) == 2.5);
  CHECK(std::isnan(tcm::normal(s, 2.5, -1.0)));
  CHECK(std::isnan(tcm::normal(s, 2.5, nan)));
  CHECK(std::isnan(tcm::lognormal(s, 0.0, -1.0)));
  CHECK(tcm::gamma(s, 0.0, 2.0) == 0.0);
  CHECK(tcm::gamma(s, 2.0, 0.0) == 0.0);
  CHECK(std::isnan(tcm::gamma(s, -1.0, 1.0)));
  CHECK(std::isnan(tcm::gamma(s, 1.0, -1.0)));
  CHECK(std::isnan(tcm::gamma(s, nan, 1.0)));
  CHECK(std::isnan(tcm::gamma(s, kInf, 1.0)));
  CHECK(std::isnan(tcm::beta(s, 0.0, 1.0)));
  CHECK(std::isnan(tcm::beta(s, 1.0, nan)));
  CHECK(std::isnan(tcm::student_t_unit_variance(s, 2.0)));
  CHECK(std::isnan(tcm::student_t_unit_variance(s, nan)));
  CHECK(tcm::poisson(s, 0.0) == 0);
  CHECK(tcm::poisson(s, -3.0) == 0);
  CHECK(tcm::poisson(s, nan) == 0);
  CHECK(tcm::poisson(s, kInf) == std::numeric_limits<std::uint64_t>::max());
  CHECK(tcm::negative_binomial(s, 0.0, 2.0) == 0);
  CHECK(tcm::negative_binomial(s, nan, 2.0) == 0);
  CHECK(tcm::negative_binomial(s, 5.0, 0.0) == 0);
  CHECK(tcm::negative_binomial(s, 5.0, nan) == 0);
  CHECK_FALSE(tcm::bernoulli(s, 0.0));
  CHECK_FALSE(tcm::bernoulli(s, nan));
  CHECK(tcm::bernoulli(s, 1.0));
  CHECK(tcm::binomial(s, 0, 0.5) == 0);
  CHECK(tcm::binomial(s, 77, 0.0) == 0);
  CHECK(tcm::binomial(s, 77, nan) == 0);
  CHECK(tcm::binomial(s, 77, 1.0) == 77);
  CHECK(tcm::binomial(s, 77, 2.0) == 77);
  const std::array<double, 3> zeros = {0.0, 0.0, 0.0};
  const std::array<double, 3> negative = {-1.0, nan, -2.0};
  const std::array<double, 2> infinite = {1.0, kInf};
  CHECK(tcm::categorical(s, zeros) == zeros.size());
  CHECK(tcm::categorical(s, negative) == negative.size());
  CHECK(tcm::categorical(s, infinite) == infinite.size());
  CHECK(tcm::categorical(s, std::span<const double>{}) == 0);
  // A single positive weight among invalid ones is always chosen.
  const std::array<double, 4> one = {-1.0, 0.0, 3.0, nan};
  for (int i = 0; i < 100; ++i) CHECK(tcm::categorical(s, one) == 2);
}

// ---------------------------------------------------------------------------
// Exact log-probabilities (Loader 2000) against Boost.Math.

TEST_CASE("Stirling error and log-factorial match Boost.Math lgamma", "[samplers][special]") {
  const long double half_log_2pi = 0.5L * std::log(2.0L * boost::math::constants::pi<long double>());
  // Direct check for n ≤ 100, where long double lgamma leaves ~1e-14 relative
  // error in the difference: covers the table (n ≤ 15) and every series branch
  // boundary up to 80/81.
  for (int n = 1; n <= 100; ++n) {
    const long double nl = n;
    const long double ref = boost::math::lgamma(nl + 1.0L) - (nl + 0.5L) * std::log(nl) + nl - half_log_2pi;
    CAPTURE(n);
    CHECK(tcm::detail::stirling_error(n) == Approx(static_cast<double>(ref)).epsilon(1e-12).margin(0.0));
  }
  // Beyond, the log-factorial built from it.
  for (const double n : {101.0, 499.0, 500.0, 501.0, 1e4, 123456.0, 1e7, 3e9, 1e13}) {
    const double log_factorial =
        tcm::detail::stirling_error(n) + (n + 0.5) * std::log(n) - n + static_cast<double>(half_log_2pi);
    CAPTURE(n);
    CHECK(log_factorial == Approx(boost::math::lgamma(n + 1.0)).epsilon(1e-14).margin(0.0));
  }
  CHECK(tcm::detail::stirling_error(0.0) == 0.0);
}

TEST_CASE("log_poisson_pmf and log_binomial_pmf match Boost.Math", "[samplers][special]") {
  for (const double mean : {0.3, 4.2, 10.0, 57.0, 1e4, 1e7, 1e12}) {
    const boost::math::poisson dist(mean);
    const double sd = std::sqrt(mean);
    for (int step = -32; step <= 32; ++step) {
      const double z = 0.25 * step;
      const double k = std::max(0.0, std::floor(mean + z * sd));
      const double ref = std::log(pdf(dist, k));
      if (!(ref > -700.0)) continue;
      CAPTURE(mean, k);
      CHECK(tcm::detail::log_poisson_pmf(k, mean) == Approx(ref).epsilon(1e-11).margin(1e-11));
    }
  }
  struct Case {
    double n;
    double p;
  };
  for (const Case c : {Case{20, 0.3}, Case{5000, 0.01}, Case{1e6, 0.4}, Case{1e9, 0.5}, Case{1e5, 5e-5}}) {
    const boost::math::binomial dist(c.n, c.p);
    const double sd = std::sqrt(c.n * c.p * (1 - c.p));
    for (int step = -32; step <= 32; ++step) {
      const double z = 0.25 * step;
      const double k = std::clamp(std::floor(c.n * c.p + z * sd), 0.0, c.n);
      const double ref = std::log(pdf(dist, k));
      if (!(ref > -700.0)) continue;
      CAPTURE(c.n, c.p, k);
      CHECK(tcm::detail::log_binomial_pmf(k, c.n, c.p) == Approx(ref).epsilon(1e-11).margin(1e-11));
    }
    CHECK(tcm::detail::log_binomial_pmf(0, c.n, c.p) == Approx(c.n * std::log1p(-c.p)));
  }
}

// ---------------------------------------------------------------------------
// Goodness of fit against the exact distributions (both draw patterns).

TEST_CASE("normal and lognormal fit their distributions", "[samplers][gof]") {
  check_continuous("standard_normal", boost::math::normal(0.0, 1.0),
                   [](CounterStream& s) { return tcm::standard_normal(s); });
  check_continuous("normal", boost::math::normal(-3.0, 2.5),
                   [](CounterStream& s) { return tcm::normal(s, -3.0, 2.5); });
  check_continuous("lognormal", boost::math::lognormal(0.5, 0.75),
                   [](CounterStream& s) { return tcm::lognormal(s, 0.5, 0.75); });
  check_continuous("standard_normal_32", boost::math::normal(0.0, 1.0),
                   [](CounterStream& s) { return tcm::standard_normal_32(s); });
}

TEST_CASE("student_t_unit_variance fits a scaled Student-t", "[samplers][gof]") {
  for (const double nu : {3.5, 8.0}) {
    // t_unit · sqrt(nu / (nu - 2)) ~ Student-t(nu).
    const double to_t = std::sqrt(nu / (nu - 2.0));
    CAPTURE(nu);
    for (const Pattern pattern : kPatterns) {
      INFO(pattern_name(pattern));
      const auto xs = draw<double>(nu == 3.5 ? "student_t 3.5" : "student_t 8", pattern, kDraws,
                                   [nu](CounterStream& s) { return tcm::student_t_unit_variance(s, nu); });
      std::vector<double> ts(xs.size());
      std::transform(xs.begin(), xs.end(), ts.begin(), [to_t](double x) { return x * to_t; });
      const double p = gof_continuous(ts, boost::math::students_t(nu));
      CAPTURE(p);
      CHECK(p > kMinPValue);
      // Unit variance; its sampling error is only finite for nu > 4.
      const double excess_kurtosis = nu > 4.0 ? 6.0 / (nu - 4.0) : kInf;
      check_moments(xs, 0.0, 1.0, excess_kurtosis);
    }
  }
  check_continuous("student_t inf", boost::math::normal(0.0, 1.0),
                   [](CounterStream& s) { return tcm::student_t_unit_variance(s, kInf); });
}

TEST_CASE("gamma and beta fit their distributions", "[samplers][gof]") {
  check_continuous("gamma 0.4", boost::math::gamma_distribution<>(0.4, 2.0),
                   [](CounterStream& s) { return tcm::gamma(s, 0.4, 2.0); });
  check_continuous("gamma 1", boost::math::gamma_distribution<>(1.0, 0.7),
                   [](CounterStream& s) { return tcm::gamma(s, 1.0, 0.7); });
  check_continuous("gamma 3.7", boost::math::gamma_distribution<>(3.7, 1.5),
                   [](CounterStream& s) { return tcm::gamma(s, 3.7, 1.5); });
  check_continuous("beta 2 5", boost::math::beta_distribution<>(2.0, 5.0),
                   [](CounterStream& s) { return tcm::beta(s, 2.0, 5.0); });
  // Small shapes, where the log-space evaluation matters.
  check_continuous("beta 0.3 0.6", boost::math::beta_distribution<>(0.3, 0.6),
                   [](CounterStream& s) { return tcm::beta(s, 0.3, 0.6); });
}

TEST_CASE("poisson fits its distribution on both sides of the method switch", "[samplers][gof]") {
  for (const double mean : {0.3, 4.2, 9.9, 10.0, 57.0, 1e4, 1e7}) {
    CAPTURE(mean);
    const std::string label = "poisson " + std::to_string(mean);
    check_discrete(label, boost::math::poisson_distribution<double, RealQuantile>(mean),
                   [mean](CounterStream& s) { return tcm::poisson(s, mean); });
  }
}

TEST_CASE("negative_binomial fits its distribution", "[samplers][gof]") {
  // Boost's NegativeBinomial(r, p) counts failures before r successes:
  // r = k, p = k / (k + mean) gives mean `mean` and variance mean + mean²/k.
  const double mean = 200.0;
  const double k = 10.0;
  const boost::math::negative_binomial_distribution<double, RealQuantile> dist(k, k / (k + mean));
  REQUIRE(boost::math::variance(dist) == Approx(mean + mean * mean / k));
  check_discrete("negative_binomial 200 10", dist,
                 [](CounterStream& s) { return tcm::negative_binomial(s, 200.0, 10.0); });
  check_discrete("negative_binomial 3 0.5",
                 boost::math::negative_binomial_distribution<double, RealQuantile>(0.5, 0.5 / 3.5),
                 [](CounterStream& s) { return tcm::negative_binomial(s, 3.0, 0.5); });
}

TEST_CASE("binomial fits its distribution for every method", "[samplers][gof]") {
  struct Case {
    const char* label;
    std::uint64_t n;
    double p;
  };
  for (const Case c : {Case{"binomial 20 0.3", 20, 0.3},         // inversion
                       Case{"binomial 1e5 5e-5", 100000, 5e-5},  // inversion, large n
                       Case{"binomial 5000 0.01", 5000, 0.01},   // BTRS
                       Case{"binomial 1e6 0.4", 1000000, 0.4},   // BTRS
                       Case{"binomial 60 0.85", 60, 0.85}}) {    // p > 1/2, BTRS on 1 - p
    CAPTURE(c.label);
    check_discrete(c.label, boost::math::binomial_distribution<double, RealQuantile>(static_cast<double>(c.n), c.p),
                   [c](CounterStream& s) { return tcm::binomial(s, c.n, c.p); });
  }
}

TEST_CASE("bernoulli and categorical fit their distributions", "[samplers][gof]") {
  for (const Pattern pattern : kPatterns) {
    INFO(pattern_name(pattern));
    const auto bs =
        draw<std::uint64_t>("bernoulli 0.3", pattern, kDraws, [](CounterStream& s) { return tcm::bernoulli(s, 0.3); });
    const double ones = static_cast<double>(std::count(bs.begin(), bs.end(), 1u));
    const double n = static_cast<double>(bs.size());
    const double p = chi_square_p_value({n - ones, ones}, {0.7 * n, 0.3 * n});
    CAPTURE(p);
    CHECK(p > kMinPValue);
    check_moments(bs, 0.3, 0.21, boost::math::kurtosis_excess(boost::math::bernoulli(0.3)));

    // Unnormalised weights with zeros (never chosen) and a wide range of sizes.
    static constexpr std::array<double, 12> w = {2.0, 0.0, 0.5, 7.25, 1.0, 0.0, 3.0, 0.125, 4.0, 9.0, 0.0, 1.5};
    const double total = std::accumulate(w.begin(), w.end(), 0.0);
    const auto cs =
        draw<std::uint64_t>("categorical", pattern, kDraws, [](CounterStream& s) { return tcm::categorical(s, w); });
    std::vector<double> observed;
    std::vector<double> expected;
    for (std::size_t i = 0; i < w.size(); ++i) {
      const double count = static_cast<double>(std::count(cs.begin(), cs.end(), i));
      if (w[i] == 0.0) {
        CHECK(count == 0.0);
      } else {
        observed.push_back(count);
        expected.push_back(n * w[i] / total);
      }
    }
    const double pc = chi_square_p_value(observed, expected);
    CAPTURE(pc);
    CHECK(pc > kMinPValue);
  }
}
