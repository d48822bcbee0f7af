// Prior distributions (model/distribution.h) against Boost.Math, and the small
// model-side pieces that go with them: parameter names and ranges, the
// parameter space, the plan's baseline funding and the enum spellings.
#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <catch2/catch.hpp>

#include "model/distribution.h"
#include "model/parameters.h"
#include "model/plan.h"
#include "model/scenario.h"

namespace {

using namespace targetcast::model;

constexpr double kInf = std::numeric_limits<double>::infinity();

Distribution make(DistributionKind kind, double a, double b, double lower = -kInf, double upper = kInf) {
  Distribution d;
  d.kind = kind;
  d.a = a;
  d.b = b;
  d.lower = lower;
  d.upper = upper;
  return d;
}

// Composite Simpson rule on [lo, hi] with n (even) intervals.
template <class F>
double integrate(F f, double lo, double hi, int n = 20000) {
  const double h = (hi - lo) / n;
  double sum = f(lo) + f(hi);
  for (int i = 1; i < n; ++i) sum += f(lo + i * h) * (i % 2 == 1 ? 4.0 : 2.0);
  return sum * h / 3.0;
}

// Continuous distributions covering every kind, truncated and not.
std::vector<Distribution> continuous() {
  return {
      make(DistributionKind::uniform, 1500, 1650),
      make(DistributionKind::normal, 0.10, 0.04),
      make(DistributionKind::normal, 0.10, 0.04, 0.0),
      make(DistributionKind::normal, 4.2, 1.0, 0.5, 6.0),
      make(DistributionKind::lognormal, 700, 0.25),
      make(DistributionKind::lognormal, 1.0, 0.5, 0.5, 3.0),
      make(DistributionKind::beta, 3, 7),
      make(DistributionKind::beta, 1, 19),
      make(DistributionKind::gamma, 2.0, 1.5),
      make(DistributionKind::gamma, 2.0, 1.5, 1.0, 3.0),
      make(DistributionKind::normal, 0.0, 1.0, 8.0),  // far upper tail: survival arithmetic
  };
}

}  // namespace

TEST_CASE("the test distributions pass check()", "[distribution]") {
  for (const Distribution& d : continuous()) {
    INFO(describe(d));
    if (d.lower == 8.0) {
      // 6e-16 of probability is left: almost surely a mistake in a seed file,
      // though quantile() still copes (tested below).
      CHECK(check(d).rfind("lower and upper leave almost no probability", 0) == 0);
    } else {
      CHECK(check(d).empty());
    }
  }
}

TEST_CASE("quantile and cdf invert each other", "[distribution]") {
  const std::vector<double> us = {1e-9, 1e-6, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1 - 1e-6};
  for (const Distribution& d : continuous()) {
    double previous = -kInf;
    for (double u : us) {
      INFO(describe(d) << " at u = " << u);
      const double x = quantile(d, u);
      CHECK(std::isfinite(x));
      CHECK(x >= support_lower(d));
      CHECK(x <= support_upper(d));
      CHECK(x >= previous);
      previous = x;
      CHECK(cdf(d, x) == Approx(u).epsilon(1e-7).margin(1e-12));
    }
  }
}

TEST_CASE("untruncated quantiles and densities are Boost.Math's", "[distribution]") {
  const boost::math::normal_distribution<double> normal(0.1, 0.04);
  const boost::math::lognormal_distribution<double> lognormal(std::log(700.0), 0.25);
  const boost::math::gamma_distribution<double> gamma(2.0, 1.5);
  for (double u : {0.01, 0.3, 0.5, 0.8, 0.99}) {
    CHECK(quantile(make(DistributionKind::normal, 0.1, 0.04), u) ==
          Approx(boost::math::quantile(normal, u)).epsilon(1e-14));
    CHECK(quantile(make(DistributionKind::lognormal, 700, 0.25), u) ==
          Approx(boost::math::quantile(lognormal, u)).epsilon(1e-14));
    CHECK(quantile(make(DistributionKind::gamma, 2.0, 1.5), u) ==
          Approx(boost::math::quantile(gamma, u)).epsilon(1e-14));
  }
  for (double x : {0.0, 0.05, 0.1, 0.2}) {
    CHECK(density(make(DistributionKind::normal, 0.1, 0.04), x) == Approx(boost::math::pdf(normal, x)).epsilon(1e-14));
  }
  for (double x : {300.0, 700.0, 1200.0}) {
    CHECK(density(make(DistributionKind::lognormal, 700, 0.25), x) ==
          Approx(boost::math::pdf(lognormal, x)).epsilon(1e-14));
  }
  // Uniform: u maps linearly onto [min, max].
  CHECK(quantile(make(DistributionKind::uniform, 1500, 1650), 0.2) == Approx(1530));
}

TEST_CASE("truncation keeps draws inside the bounds and renormalises", "[distribution]") {
  SECTION("normal truncated at its mean: the half-normal") {
    const Distribution d = make(DistributionKind::normal, 0.0, 1.0, 0.0);
    // Median of the half-normal is Φ⁻¹(0.75).
    CHECK(quantile(d, 0.5) == Approx(0.6744897501960817).epsilon(1e-12));
    CHECK(cdf(d, 0.0) == 0.0);
    CHECK(cdf(d, -1.0) == 0.0);
    CHECK(density(d, -0.1) == 0.0);
    CHECK(density(d, 0.5) == Approx(2.0 * boost::math::pdf(boost::math::normal_distribution<double>(), 0.5)));
    CHECK(support_lower(d) == 0.0);
    CHECK(support_upper(d) == kInf);
    CHECK(mean(d) == Approx(std::sqrt(2.0 / std::numbers::pi)).epsilon(1e-12));
  }
  SECTION("a window in the far upper tail keeps its digits") {
    const Distribution d = make(DistributionKind::normal, 0.0, 1.0, 8.0);
    // Beyond a, the excess of a truncated normal is close to Exponential(a):
    // median ≈ a + ln 2 / a.
    const double median = quantile(d, 0.5);
    CHECK(median > 8.0);
    CHECK(median == Approx(8.0 + std::log(2.0) / 8.0).epsilon(2e-3));
    CHECK(quantile(d, 0.999) > quantile(d, 0.99));
    CHECK(mean(d) == Approx(8.0 + 1.0 / 8.0).epsilon(3e-3));
  }
  SECTION("bounds are reached at u → 0 and u → 1") {
    const Distribution d = make(DistributionKind::gamma, 2.0, 1.5, 1.0, 3.0);
    CHECK(quantile(d, 1e-15) == Approx(1.0).epsilon(1e-9));
    CHECK(quantile(d, 1 - 1e-15) == Approx(3.0).epsilon(1e-9));
    CHECK(quantile(d, 0.0) == 1.0);
    CHECK(quantile(d, 1.0) == 3.0);
    CHECK(cdf(d, 3.0) == 1.0);
    CHECK(cdf(d, 10.0) == 1.0);
    CHECK(density(d, 3.5) == 0.0);
  }
  SECTION("a lognormal's lower bound below 0 changes nothing") {
    const Distribution plain = make(DistributionKind::lognormal, 2.0, 0.5);
    const Distribution cut = make(DistributionKind::lognormal, 2.0, 0.5, -1.0);
    CHECK(check(cut).empty());
    CHECK(support_lower(cut) == 0.0);
    CHECK(quantile(cut, 0.3) == Approx(quantile(plain, 0.3)).epsilon(1e-14));
  }
}

TEST_CASE("densities integrate to 1", "[distribution]") {
  for (const Distribution& d : continuous()) {
    INFO(describe(d));
    // The outermost 1e-12 of probability on either side is left out.
    const double lo =
        std::isfinite(support_lower(d)) && density(d, support_lower(d)) < kInf ? support_lower(d) : quantile(d, 1e-12);
    const double hi = std::isfinite(support_upper(d)) ? support_upper(d) : quantile(d, 1 - 1e-12);
    const double total = integrate([&](double x) { return density(d, x); }, lo, hi);
    CHECK(total == Approx(1.0).epsilon(1e-6));
  }
}

TEST_CASE("means match their definitions", "[distribution]") {
  CHECK(mean(make(DistributionKind::uniform, 1500, 1650)) == Approx(1575));
  CHECK(mean(make(DistributionKind::normal, 0.1, 0.04)) == Approx(0.1));
  CHECK(mean(make(DistributionKind::lognormal, 700, 0.25)) == Approx(700 * std::exp(0.03125)));
  CHECK(mean(make(DistributionKind::beta, 3, 7)) == Approx(0.3));
  CHECK(mean(make(DistributionKind::gamma, 2, 1.5)) == Approx(3.0));
  CHECK(mean(Distribution::fixed(0.5)) == 0.5);
  // Truncated: against ∫ x f(x) dx.
  for (const Distribution& d : continuous()) {
    INFO(describe(d));
    const double lo = std::isfinite(support_lower(d)) ? support_lower(d) : quantile(d, 1e-13);
    const double hi = std::isfinite(support_upper(d)) ? support_upper(d) : quantile(d, 1 - 1e-13);
    const double numeric = integrate([&](double x) { return x * density(d, x); }, lo, hi);
    CHECK(mean(d) == Approx(numeric).epsilon(1e-6).margin(1e-9));
  }
}

TEST_CASE("a fixed distribution is a point mass", "[distribution]") {
  const Distribution d = Distribution::fixed(0.3);
  CHECK(check(d).empty());
  CHECK(quantile(d, 0.01) == 0.3);
  CHECK(quantile(d, 0.99) == 0.3);
  CHECK(cdf(d, 0.29) == 0.0);
  CHECK(cdf(d, 0.3) == 1.0);
  CHECK(density(d, 0.3) == 1.0);
  CHECK(density(d, 0.31) == 0.0);
  CHECK(support_lower(d) == 0.3);
  CHECK(support_upper(d) == 0.3);
  // nu_t = inf: normal firm shocks.
  const Distribution inf = Distribution::fixed(kInf);
  CHECK(check(inf).empty());
  CHECK(quantile(inf, 0.5) == kInf);
}

TEST_CASE("check() says what is wrong, naming the key first", "[distribution]") {
  CHECK(check(make(DistributionKind::normal, 0.1, -1)) == "sd must be a finite number > 0, got -1");
  CHECK(check(make(DistributionKind::normal, 0.1, 0)) == "sd must be a finite number > 0, got 0");
  CHECK(check(make(DistributionKind::uniform, 3, 1)) == "min must be < max, got min = 3 and max = 1");
  CHECK(check(make(DistributionKind::uniform, 2, 2)) ==
        "min must be < max, got min = 2 and max = 2 (use dist = \"fixed\" for a constant)");
  CHECK(check(make(DistributionKind::uniform, -kInf, 2)) == "min must be a finite number, got -inf");
  CHECK(check(make(DistributionKind::lognormal, -5, 0.2)) == "median must be a finite number > 0, got -5");
  CHECK(check(make(DistributionKind::lognormal, 5, 0)) == "sigma must be a finite number > 0, got 0");
  CHECK(check(make(DistributionKind::beta, 0, 1)) == "alpha must be a finite number > 0, got 0");
  CHECK(check(make(DistributionKind::beta, 1, -2)) == "beta must be a finite number > 0, got -2");
  CHECK(check(make(DistributionKind::gamma, 0, 1)) == "shape must be a finite number > 0, got 0");
  CHECK(check(make(DistributionKind::gamma, 1, 0)) == "scale must be a finite number > 0, got 0");
  CHECK(check(Distribution::fixed(std::nan(""))) == "value must be a number, got nan");
  CHECK(check(make(DistributionKind::normal, 0, 1, 2, 1)) == "lower must be < upper, got lower = 2 and upper = 1");
  CHECK(check(make(DistributionKind::beta, 2, 2, 0.1)) ==
        "lower (truncation) applies only to normal, lognormal and gamma, not to beta");
  CHECK(check(make(DistributionKind::gamma, 2, 1, -kInf, -1)) ==
        "upper must be > 0 for a gamma (it lives on (0, inf)), got -1");
  CHECK(check(make(DistributionKind::normal, 0.1, 0.04, 5)).rfind("lower and upper leave almost no probability", 0) ==
        0);
}

TEST_CASE("describe() writes a distribution as a planner reads it", "[distribution]") {
  CHECK(describe(make(DistributionKind::normal, 0.1, 0.04, 0)) == "Normal(0.1, 0.04) truncated to [0, inf)");
  CHECK(describe(make(DistributionKind::lognormal, 700, 0.25)) == "LogNormal(700, 0.25)");
  CHECK(describe(make(DistributionKind::gamma, 2, 1.5, 1, 3)) == "Gamma(2, 1.5) truncated to [1, 3]");
  CHECK(describe(Distribution::fixed(kInf)) == "Fixed(inf)");
  CHECK(describe(Distribution::uniform(1500, 1650)) == "Uniform(1500, 1650)");
  CHECK(to_string(DistributionKind::lognormal) == "lognormal");
}

TEST_CASE("engine parameters have names, ranges and meanings", "[parameters]") {
  for (std::size_t i = 0; i < kEngineParamCount; ++i) {
    const auto p = static_cast<Param>(i);
    const std::string_view name = param_name(p);
    INFO(name);
    REQUIRE(find_engine_param(name) == p);
    const ParamRange& range = param_range(p);
    CHECK(range.lower <= range.upper);
    CHECK(!range.meaning.empty());
    CHECK(!range.unit.empty());
  }
  CHECK(param_name(Param::mu_g) == "mu_g");
  CHECK(!find_engine_param("nu_s"));  // a counter rate: a region's own parameter
  CHECK(param_range(Param::p_scn).contains(0.0));
  CHECK(param_range(Param::p_scn).contains(1.0));
  CHECK(!param_range(Param::p_scn).contains(1.01));
  CHECK(!param_range(Param::k_e).contains(0.0));
  CHECK(!param_range(Param::c0).contains(0.0));
  CHECK(!param_range(Param::rho_ge).contains(1.0));
  CHECK(param_range(Param::rho_ge).contains(-0.99));
  CHECK(param_range(Param::nu_t).contains(kInf));
  CHECK(!param_range(Param::nu_t).contains(2.0));
  CHECK(param_range(Param::h_max).contains(1.0));
  CHECK(!param_range(Param::h_max).contains(0.0));
  CHECK(param_range(Param::c0).unit == "亿元");
  CHECK(!param_range(Param::mu_g).contains(std::nan("")));
}

TEST_CASE("a range admits a prior when every draw lies inside it", "[parameters]") {
  // Continuous supports may touch an open bound: the endpoint is never drawn.
  CHECK(admits(param_range(Param::c0), make(DistributionKind::lognormal, 700, 0.2)));
  CHECK(admits(param_range(Param::rho_ge), Distribution::uniform(0.0, 1.0)));
  CHECK(admits(param_range(Param::sigma_g), make(DistributionKind::normal, 0.3, 0.1, 0.0)));
  CHECK(!admits(param_range(Param::sigma_g), Distribution::normal(0.3, 0.1)));
  CHECK(!admits(param_range(Param::p_scn), Distribution::uniform(0.5, 1.5)));
  CHECK(admits(param_range(Param::p_scn), make(DistributionKind::beta, 3, 7)));
  // Fixed values must lie inside, open bounds included.
  CHECK(admits(param_range(Param::nu_t), Distribution::fixed(kInf)));
  CHECK(!admits(param_range(Param::nu_t), Distribution::fixed(2.0)));
  CHECK(!admits(param_range(Param::rho_ge), Distribution::fixed(1.0)));
}

TEST_CASE("a parameter space keeps engine parameters first", "[parameters]") {
  ParameterSpace space;
  space.set(Prior{"nu_s", Distribution::uniform(30, 55), {}, "seeds/priors.toml", 3});
  space.set(Prior{"mu_g", Distribution::normal(0.1, 0.04), {}, "seeds/priors.toml", 9});
  space.set(Prior{"n0", Distribution::uniform(1000, 1100), {}, "seeds/priors.toml", 15});
  space.set(Prior{"rho_a", Distribution::fixed(2), {}, "seeds/priors.toml", 20});
  // A region replaces n0: same index, new origin.
  space.set(Prior{"n0", Distribution::uniform(1500, 1650), {}, "seeds/gd.toml", 4});
  REQUIRE(space.size() == 4);
  CHECK(space.index_of("n0") == 2u);
  CHECK(space[2].origin == "seeds/gd.toml");
  CHECK(space[2].distribution.a == 1500);

  space.canonicalise();
  CHECK(space[0].name == "n0");
  CHECK(space[1].name == "mu_g");
  CHECK(space[2].name == "nu_s");  // region parameters keep their order
  CHECK(space[3].name == "rho_a");
  CHECK(space.has("rho_a"));
  CHECK(!space.has("rho_b"));
  const auto missing = space.missing_engine_params();
  CHECK(missing.size() == kEngineParamCount - 2);
  CHECK(missing.front() == "c0");
}

TEST_CASE("the baseline funding path averages the baseline programmes", "[plan]") {
  PlanSpec plan;
  CHECK(plan.baseline_funding_yi_per_year() == 0.0);
  FundingHistory ai;
  ai.first_year = 2018;
  ai.last_year = 2020;
  ai.provincial_yi = 5.4;
  ai.baseline = true;
  FundingHistory fiveg = ai;
  fiveg.provincial_yi = 6.76;
  fiveg.baseline = false;
  plan.funding_history = {ai, fiveg};
  CHECK(plan.baseline_funding_yi_per_year() == Approx(1.8));
  FundingHistory later = ai;
  later.first_year = 2021;
  later.last_year = 2021;
  later.provincial_yi = 2.6;
  plan.funding_history.push_back(later);
  CHECK(plan.baseline_funding_yi_per_year() == Approx(8.0 / 4.0));
}

TEST_CASE("enum spellings are the TOML ones", "[plan]") {
  CHECK(to_string(Basis::illustrative) == "illustrative");
  CHECK(to_string(IndicatorKind::investment_completion) == "investment_completion");
  CHECK(to_string(Comparison::at_least) == ">=");
  CHECK(to_string(Comparison::greater) == ">");
  for (auto kind : {LeverKind::funding_multiplier, LeverKind::funding_yi, LeverKind::lambda_soc, LeverKind::c_proj,
                    LeverKind::entry_multiplier, LeverKind::exit_multiplier, LeverKind::park_capacity_multiplier}) {
    CHECK(find_lever(to_string(kind)) == kind);
  }
  CHECK(!find_lever("funding"));
  for (auto rule : {ShockRule::growth, ShockRule::entry, ShockRule::exit, ShockRule::funding, ShockRule::counter}) {
    CHECK(find_shock_rule(to_string(rule)) == rule);
  }
  CHECK(!find_shock_rule("growht"));
}
