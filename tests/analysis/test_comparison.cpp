// Paired comparison of scenarios (analysis/comparison.h): the intervals against
// published values, and the point of common random numbers: on a lever change
// the paired interval is narrower than the unpaired one.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "analysis/comparison.h"
#include "model/monte_carlo.h"
#include "tiny_model.h"

using namespace targetcast;
using namespace targetcast::model;
using namespace targetcast::analysis;

TEST_CASE("Wilson score interval: closed forms at 0 and n successes", "[model][comparison]") {
  // 0 of n: [0, z²/(n + z²)]; n of n: [n/(n + z²), 1].
  const double z2 = 1.959963984540054 * 1.959963984540054;
  const Interval none = wilson(0, 10);
  CHECK(none.low == 0.0);
  CHECK(none.high == Approx(z2 / (10.0 + z2)).epsilon(1e-12));
  const Interval all = wilson(10, 10);
  CHECK(all.low == Approx(10.0 / (10.0 + z2)).epsilon(1e-12));
  CHECK(all.high == 1.0);
  const Interval empty = wilson(0, 0);
  CHECK(empty.low == 0.0);
  CHECK(empty.high == 1.0);
}

TEST_CASE("Newcombe paired interval: the published example of Fagerland, Lydersen and Laake", "[model][comparison]") {
  // Cavo et al. (2012) as in Fagerland et al., Statistical Analysis of
  // Contingency Tables, ch. 8 (R package contingencytables, test-ch8.R):
  // table [[59, 6], [16, 80]] gives −0.0621 (95% CI −0.1186 to −0.0046).
  const PairedCounts counts{59, 6, 16, 80};
  const DifferenceInterval d = newcombe_paired(counts);
  CHECK(d.difference == Approx(-10.0 / 161.0).epsilon(1e-12));
  CHECK(d.low == Approx(-0.1186).margin(5e-5));
  CHECK(d.high == Approx(-0.0046).margin(5e-5));
}

TEST_CASE("Newcombe unpaired interval: the published example of Fagerland, Lydersen and Laake", "[model][comparison]") {
  // Perondi et al. (2004), ch. 4 (test-ch4.R): 7/34 vs 1/34 gives 0.1765
  // (95% CI 0.0189 to 0.3404).
  const DifferenceInterval d = newcombe_unpaired(7, 34, 1, 34);
  CHECK(d.difference == Approx(6.0 / 34.0).epsilon(1e-12));
  CHECK(d.low == Approx(0.0189).margin(5e-5));
  CHECK(d.high == Approx(0.3404).margin(5e-5));
}

TEST_CASE("Newcombe paired interval: no discordant run gives 0 with a short, not empty, interval",
          "[model][comparison]") {
  const DifferenceInterval d = newcombe_paired({500, 0, 0, 500});
  CHECK(d.difference == 0.0);
  CHECK(d.low < 0.0);
  CHECK(d.high > 0.0);
  // Much shorter than the unpaired interval of the same margins.
  const DifferenceInterval u = newcombe_unpaired(500, 1000, 500, 1000);
  CHECK(d.high - d.low < 0.2 * (u.high - u.low));
  // With uncorrelated outcomes (ψ = 0 after the correction) it is the unpaired one.
  const DifferenceInterval independent = newcombe_paired({250, 250, 250, 250});
  const DifferenceInterval unpaired = newcombe_unpaired(500, 1000, 500, 1000);
  CHECK(independent.low == Approx(unpaired.low).epsilon(1e-12));
  CHECK(independent.high == Approx(unpaired.high).epsilon(1e-12));
}

TEST_CASE("mean difference: Student-t interval of the paired differences, Welch for the unpaired",
          "[model][comparison]") {
  const std::vector<double> reference = {10, 20, 30, 40, 50};
  const std::vector<double> scenario = {11, 22, 33, 44, 55};  // differences 1..5
  const MeanDifference m = mean_difference(scenario, reference);
  // mean 3, s = √2.5, t(0.975, 4) = 2.7764451051977987.
  const double half = 2.7764451051977987 * std::sqrt(2.5 / 5.0);
  CHECK(m.mean == Approx(3.0));
  CHECK(m.low == Approx(3.0 - half).epsilon(1e-10));
  CHECK(m.high == Approx(3.0 + half).epsilon(1e-10));
  // Unpaired (Welch): s₁² = 302.5, s₂² = 250, se = √(552.5/5), ν = 4·552.5²/(302.5² + 250²) = 7.93,
  // so the half-width lies between t(0.975, 8)·se and t(0.975, 7)·se.
  const double se = std::sqrt(552.5 / 5.0);
  CHECK(m.unpaired_high - 3.0 == Approx(3.0 - m.unpaired_low));
  CHECK(m.unpaired_high - 3.0 > 2.306004135 * se);
  CHECK(m.unpaired_high - 3.0 < 2.364624252 * se);
  CHECK(m.variance_reduction == Approx(552.5 / 2.5));
  CHECK(m.median == Approx(3.0));
  // One runaway run moves the mean, not the median.
  const std::vector<double> ones = {1, 1, 1, 1, 1};
  const std::vector<double> runaway = {2, 2, 2, 2, 1000};
  const MeanDifference r = mean_difference(runaway, ones);
  CHECK(r.mean == Approx(999.0 / 5.0 + 4.0 / 5.0));
  CHECK(r.median == Approx(1.0));
  // A constant shift: the paired interval collapses, the reduction is infinite.
  const std::vector<double> shifted = {11, 21, 31, 41, 51};
  const MeanDifference c = mean_difference(shifted, reference);
  CHECK(c.low == Approx(1.0));
  CHECK(c.high == Approx(1.0));
  CHECK(std::isinf(c.variance_reduction));
}

TEST_CASE("compare: counts, probabilities and indicator means from per-run outcomes", "[model][comparison]") {
  ScenarioOutcomes ref{"baseline", {{"t", "x", {1, 1, 0, 0, 1}, {5, 6, 1, 2, 7}}}};
  ScenarioOutcomes lever{"lever", {{"t", "x", {1, 1, 1, 0, 1}, {6, 7, 4, 2, 8}}}};
  const auto comparisons = compare_with_first(std::vector<ScenarioOutcomes>{ref, lever});
  REQUIRE(comparisons.size() == 1);
  const ScenarioComparison& sc = comparisons.front();
  CHECK(sc.scenario_id == "lever");
  CHECK(sc.reference_id == "baseline");
  CHECK(sc.runs == 5);
  const TargetComparison& c = sc.targets.at(0);
  CHECK(c.counts.both == 3);
  CHECK(c.counts.scenario_only == 1);
  CHECK(c.counts.reference_only == 0);
  CHECK(c.counts.neither == 1);
  CHECK(c.probability == Approx(0.8));
  CHECK(c.reference_probability == Approx(0.6));
  CHECK(c.paired.difference == Approx(0.2));
  CHECK(c.indicator_mean == Approx(27.0 / 5.0));
  CHECK(c.reference_indicator_mean == Approx(21.0 / 5.0));
  CHECK(c.indicator.mean == Approx(6.0 / 5.0));
  // Var(D) = 1/5 − 0.04 = 0.16; unpaired 0.8·0.2 + 0.6·0.4 = 0.40.
  CHECK(c.variance_reduction == Approx(0.40 / 0.16));

  ScenarioOutcomes shorter = lever;
  shorter.targets[0].met.pop_back();
  shorter.targets[0].value.pop_back();
  CHECK_THROWS_AS(compare(shorter, ref), std::invalid_argument);
}

TEST_CASE("common random numbers: on a lever change the paired interval is narrower than the unpaired one",
          "[model][comparison][crn]") {
  // The tiny model with firm, entry, exit and common noise; entry support
  // +10% from 2021. Targets in the middle of their range, so that both
  // scenarios vary.
  auto base = test::tiny_model();
  base.fix("sigma_cg", 0.05).fix("sigma_ce", 0.2).fix("sigma_g", 0.3).fix("nu_t", 6).fix("h0", 0.05);
  base.fix("zeta", 0.2).fix("lambda0", 20).fix("k_e", 5);
  base.priors.set(Prior{"mu_g", Distribution::normal(0.1, 0.03), {}, "test", 0});
  base.priors.set(Prior{"c0", Distribution::uniform(40, 60), {}, "test", 0});
  TargetSpec firms;
  firms.id = "firms";
  firms.indicator = "firms";
  firms.threshold = 150;
  firms.deadline = 2024;
  TargetSpec core = firms;
  core.id = "core";
  core.indicator = "core_industry";
  core.threshold = 75;
  base.plan.targets = {firms, core};
  auto support = base;
  support.scenario.id = "entry-support";
  support.scenario.levers.push_back(Lever{0, LeverKind::entry_multiplier, 2021, 2025, 1.1});

  MonteCarloOptions opt;
  opt.runs = 1000;
  opt.master_seed = 2025;
  const std::vector<CompiledModel> models = {base.compile(), support.compile()};
  const std::vector<ScenarioResults> results = {simulate(models[0], opt), simulate(models[1], opt)};
  const auto comparisons = compare_with_first(models, results);
  REQUIRE(comparisons.size() == 1);
  for (const TargetComparison& c : comparisons.front().targets) {
    INFO(c.target_id << ": P " << c.reference_probability << " -> " << c.probability << ", paired [" << c.paired.low
                     << ", " << c.paired.high << "], unpaired [" << c.unpaired.low << ", " << c.unpaired.high
                     << "], variance reduction " << c.variance_reduction << ", indicator variance reduction "
                     << c.indicator.variance_reduction);
    // Both scenarios vary, so the check means something.
    CHECK(c.reference_probability > 0.1);
    CHECK(c.reference_probability < 0.9);
    CHECK(c.probability > c.reference_probability);  // more entry: more firms, more revenue
    const double paired_width = c.paired.high - c.paired.low;
    const double unpaired_width = c.unpaired.high - c.unpaired.low;
    CHECK(paired_width < 0.7 * unpaired_width);
    CHECK(c.variance_reduction > 2.0);
    CHECK(c.indicator.variance_reduction > 2.0);
    CHECK(c.indicator.high - c.indicator.low < c.indicator.unpaired_high - c.indicator.unpaired_low);
    // The paired interval excludes 0: the effect is resolved; the unpaired
    // one, from the same runs, need not.
    CHECK(c.paired.low > 0.0);
  }
}
