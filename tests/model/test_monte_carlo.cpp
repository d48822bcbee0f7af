// Whole runs: closed forms, exact probabilities, reproducibility across thread
// counts and common random numbers across scenarios (docs/model.md §1, §7).
#include <boost/math/distributions/poisson.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <map>

#include "model/monte_carlo.h"
#include "model/run_context.h"
#include "model/step.h"
#include "model/summary.h"
#include "tiny_model.h"

using namespace targetcast;
using namespace targetcast::model;

namespace {

TargetSpec target(const std::string& id, const std::string& indicator, Comparison c, double threshold, int deadline) {
  TargetSpec t;
  t.id = id;
  t.indicator = indicator;
  t.comparison = c;
  t.threshold = threshold;
  t.deadline = deadline;
  return t;
}

// The tiny model with every noise source switched on.
test::TinyModel noisy_model() {
  auto tiny = test::tiny_model();
  tiny.fix("sigma_cg", 0.05).fix("sigma_ce", 0.2).fix("sigma_cq", 0.1).fix("rho_ge", 0.3);
  tiny.fix("sigma_g", 0.3).fix("kappa", 0.1).fix("nu_t", 6).fix("h0", 0.05).fix("zeta", 0.2);
  tiny.fix("lambda0", 20).fix("roi", 1.0).fix("p_scn", 0.3).fix("gamma_park", 0.02).fix("beta_park", 0.3);
  tiny.fix("w_lag1", 0.3).fix("w_lag2", 0.5).fix("w_lag3", 0.2);
  tiny.priors.set(Prior{"mu_g", Distribution::normal(0.1, 0.03), {}, "test", 0});
  tiny.priors.set(Prior{"c0", Distribution::uniform(40, 60), {}, "test", 0});
  tiny.plan.indicators[5].per_project_parameter = "p_scn";
  tiny.plan.targets.push_back(target("core", "core_industry", Comparison::greater, 70, 2024));
  tiny.plan.targets.push_back(target("events", "events", Comparison::at_least, 12, 2024));
  return tiny;
}

}  // namespace

TEST_CASE("without noise the core industry follows C0 exp(mu_g t) exactly", "[model][monte_carlo]") {
  const CompiledModel m = test::tiny_model().compile();
  MonteCarloOptions opt;
  opt.runs = 50;
  opt.threads = 2;
  const ScenarioResults r = simulate(m, opt);
  const std::size_t core = m.indicator_index("core_industry");
  const std::size_t related = m.indicator_index("related_industry");
  for (std::size_t k = 0; k < r.runs; ++k) {
    for (std::size_t y = 0; y < r.years; ++y) {
      const double expected = 50.0 * std::exp(0.1 * static_cast<double>(y));
      CHECK(r.value(k, y, core) == Approx(expected).epsilon(1e-12));
      CHECK(r.value(k, y, related) == Approx(5 * expected).epsilon(1e-12));
      CHECK(r.value(k, y, m.indicator_index("firms")) == 100.0);
    }
  }
}

TEST_CASE("a pure Poisson counter meets its target with the Poisson probability", "[model][monte_carlo]") {
  // events += Poisson(3) a year from 0: by 2023 (3 steps) events ~ Poisson(9).
  auto tiny = test::tiny_model();
  tiny.plan.targets.push_back(target("events-10", "events", Comparison::at_least, 10, 2023));
  tiny.plan.targets.push_back(target("events-gt-6", "events", Comparison::greater, 6, 2023));
  const CompiledModel m = tiny.compile();
  MonteCarloOptions opt;
  opt.runs = 20000;
  opt.master_seed = 2024;
  const ScenarioResults r = simulate(m, opt);
  const boost::math::poisson_distribution<double> events(9.0);
  const double exact_at_least_10 = 1.0 - boost::math::cdf(events, 9.0);
  const double exact_greater_6 = 1.0 - boost::math::cdf(events, 6.0);
  // 99.9% Clopper–Pearson intervals: a correct engine fails one seed in a thousand.
  const Interval a = clopper_pearson(r.targets[0].met, r.runs, 0.001);
  const Interval b = clopper_pearson(r.targets[1].met, r.runs, 0.001);
  CHECK(a.low <= exact_at_least_10);
  CHECK(exact_at_least_10 <= a.high);
  CHECK(b.low <= exact_greater_6);
  CHECK(exact_greater_6 <= b.high);
  // The reported 95% interval is the Clopper–Pearson one of the same counts.
  const Interval ci = clopper_pearson(r.targets[0].met, r.runs);
  CHECK(r.targets[0].ci_low == ci.low);
  CHECK(r.targets[0].ci_high == ci.high);
  // Its first-passage distribution is the Poisson process's: P(first ≤ 2022) = P(Poisson(6) ≥ 10).
  const auto& fp = r.targets[0].first_passage;
  std::uint64_t by_2022 = 0;
  for (std::size_t y = 0; y < fp.years.size(); ++y) by_2022 += fp.years[y] <= 2022 ? fp.runs[y] : 0;
  const double exact_by_2022 = 1.0 - boost::math::cdf(boost::math::poisson_distribution<double>(6.0), 9.0);
  const Interval c = clopper_pearson(by_2022, r.runs, 0.001);
  CHECK(c.low <= exact_by_2022);
  CHECK(exact_by_2022 <= c.high);
}

TEST_CASE("the same seed gives bit-identical runs with 1 thread and with 2", "[model][monte_carlo][reproducible]") {
  const CompiledModel m = noisy_model().compile();
  MonteCarloOptions opt;
  opt.runs = 300;
  opt.master_seed = 99;
  opt.threads = 1;
  const ScenarioResults one = simulate(m, opt);
  opt.threads = 2;
  const ScenarioResults two = simulate(m, opt);
  REQUIRE(one.values.size() == two.values.size());
  CHECK(std::memcmp(one.values.data(), two.values.data(), one.values.size() * sizeof(double)) == 0);
  CHECK(std::memcmp(one.theta.data(), two.theta.data(), one.theta.size() * sizeof(double)) == 0);
  CHECK(one.targets[0].met == two.targets[0].met);
  CHECK(one.joint.met == two.joint.met);
  // A different seed gives different results (the test above is not vacuous).
  opt.master_seed = 100;
  const ScenarioResults other = simulate(m, opt);
  CHECK(std::memcmp(one.values.data(), other.values.data(), one.values.size() * sizeof(double)) != 0);
}

TEST_CASE("a run split off to another process gives the same result as in one process", "[model][monte_carlo][reproducible]") {
  const CompiledModel m = noisy_model().compile();
  MonteCarloOptions all;
  all.runs = 40;
  const ScenarioResults whole = simulate(m, all);
  MonteCarloOptions tail = all;
  tail.first_run = 25;
  tail.runs = 15;
  const ScenarioResults part = simulate(m, tail);
  const std::size_t stride = whole.years * whole.indicators;
  CHECK(std::memcmp(whole.values.data() + 25 * stride, part.values.data(), 15 * stride * sizeof(double)) == 0);
}

TEST_CASE("common random numbers: scenarios differing in a lever share every draw of every firm in both",
          "[model][monte_carlo][crn]") {
  // Entry support changes how many firms enter each year; with no exit, ROI or
  // common shock feedback on firms, every base firm and every (entry year,
  // rank) entrant present in both scenarios must have the same revenue path.
  auto base = noisy_model();
  base.fix("h0", 0.0).fix("roi", 0.0).fix("gamma_park", 0.0).fix("lambda0", 40);
  auto support = base;
  support.scenario.levers.push_back(Lever{0, LeverKind::entry_multiplier, 2021, 2025, 1.6});
  const CompiledModel ma = base.compile();
  const CompiledModel mb = support.compile();
  std::uint64_t shared_firms = 0, extra_firms = 0;
  for (std::uint32_t run = 0; run < 5; ++run) {
    const Theta ta = draw_theta(ma, 11, run);
    const Theta tb = draw_theta(mb, 11, run);
    REQUIRE(ta.values == tb.values);
    RunContext ca = make_context(ma, 11, run, ta), cb = make_context(mb, 11, run, tb);
    RunState sa, sb;
    initialise(ca, sa);
    initialise(cb, sb);
    for (int y = 0; y < 5; ++y) {
      step(ca, sa);
      step(cb, sb);
    }
    std::map<std::uint32_t, double> by_key;
    for (std::size_t i = 0; i < sa.firms.size(); ++i) by_key[sa.firms.key[i]] = sa.firms.log_revenue[i];
    for (std::size_t i = 0; i < sb.firms.size(); ++i) {
      auto it = by_key.find(sb.firms.key[i]);
      if (it == by_key.end()) {
        ++extra_firms;
        continue;
      }
      ++shared_firms;
      CHECK(it->second == sb.firms.log_revenue[i]);
    }
    CHECK(sb.next_firm_id > sa.next_firm_id);  // the lever did change the population
  }
  CHECK(shared_firms > 500);
  CHECK(extra_firms > 50);
}

TEST_CASE("a scenario identical to the baseline gives identical results", "[model][monte_carlo][crn]") {
  auto a = noisy_model();
  auto b = a;
  b.scenario.id = "copy";
  b.scenario.levers.push_back(Lever{0, LeverKind::funding_multiplier, 2021, 2025, 1.0});
  MonteCarloOptions opt;
  opt.runs = 100;
  const ScenarioResults ra = simulate(a.compile(), opt);
  const ScenarioResults rb = simulate(b.compile(), opt);
  CHECK(ra.values == rb.values);
}

TEST_CASE("summaries: type-7 quantiles and Clopper–Pearson bounds", "[model][summary]") {
  std::vector<double> v{5, 1, 4, 2, 3};
  const DistributionSummary s = summarise_values(v);
  CHECK(s.mean == 3.0);
  CHECK(s.p50 == 3.0);
  CHECK(s.p25 == 2.0);
  CHECK(s.p05 == Approx(1.2));
  CHECK(s.p95 == Approx(4.8));
  // Known values: x = 0 of 10 → [0, 0.3085]; x = 10 of 10 → [0.6915, 1]; 5 of 10 → [0.1871, 0.8129].
  CHECK(clopper_pearson(0, 10).low == 0.0);
  CHECK(clopper_pearson(0, 10).high == Approx(0.30850).epsilon(1e-4));
  CHECK(clopper_pearson(10, 10).low == Approx(0.69150).epsilon(1e-4));
  CHECK(clopper_pearson(5, 10).low == Approx(0.18709).epsilon(1e-4));
  CHECK(clopper_pearson(5, 10).high == Approx(0.81291).epsilon(1e-4));
}

TEST_CASE("joint probability counts runs meeting every target", "[model][summary]") {
  const CompiledModel m = noisy_model().compile();
  MonteCarloOptions opt;
  opt.runs = 500;
  const ScenarioResults r = simulate(m, opt);
  std::uint64_t both = 0;
  for (std::size_t k = 0; k < r.runs; ++k) both += (r.target_met[2 * k] && r.target_met[2 * k + 1]) ? 1u : 0u;
  CHECK(r.joint.met == both);
  CHECK(r.joint.met <= std::min(r.targets[0].met, r.targets[1].met));
  CHECK(r.targets[0].met > 0);
  CHECK(r.targets[0].met < r.runs);
}

TEST_CASE("extreme parameters never put NaN or inf in the results", "[model][robustness]") {
  auto tiny = noisy_model();
  tiny.fix("mu_g", 3.0).fix("sigma_g", 3.0).fix("kappa", 1.0).fix("lambda0", 5000).fix("gbar_q", 4.0);
  tiny.fix("phi_q", 0.99).fix("roi", 1e6).fix("alpha_alloc", 5.0);
  auto dying = noisy_model();
  dying.fix("h0", 1.0).fix("h_max", 1.0).fix("lambda0", 0.0);  // every firm exits
  for (const auto* t : {&tiny, &dying}) {
    MonteCarloOptions opt;
    opt.runs = 20;
    const ScenarioResults r = simulate(t->compile(), opt);
    for (double v : r.values) REQUIRE(std::isfinite(v));
  }
  MonteCarloOptions opt;
  opt.runs = 5;
  const CompiledModel dm = dying.compile();
  const ScenarioResults r = simulate(dm, opt);
  CHECK(r.value(0, r.years - 1, dm.indicator_index("firms")) == 0.0);
  CHECK(r.value(0, r.years - 1, dm.indicator_index("core_industry")) == 0.0);
}
