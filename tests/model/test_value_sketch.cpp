// The fixed-memory summaries of summary-only experiments (model/value_sketch.h,
// model/scenario_accumulator.h): quantiles within the documented 0.4%, sums
// exact whatever the order, merges that give the same bits in any grouping,
// and a summary-only Monte Carlo that agrees with the recorded one.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <vector>

#include "model/monte_carlo.h"
#include "model/rng.h"
#include "model/samplers.h"
#include "model/summary.h"
#include "model/value_sketch.h"
#include "tiny_model.h"

using namespace targetcast;
using namespace targetcast::model;

namespace {

std::vector<double> lognormal_sample(std::size_t n, std::uint64_t seed) {
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    CounterStream s(seed, 0, Stream::parameter, 0, static_cast<std::uint32_t>(i));
    x[i] = lognormal(s, 5.0, 1.2);
  }
  return x;
}

bool same_bits(const DistributionSummary& a, const DistributionSummary& b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

}  // namespace

TEST_CASE("ExactSum gives the same bits in any order and is exact", "[value_sketch]") {
  std::vector<double> x = lognormal_sample(5000, 3);
  x.push_back(1e-30);
  x.push_back(-17.25);
  x.push_back(3e20);
  ExactSum forward, backward, split_a, split_b;
  for (double v : x) forward.add(v);
  for (auto it = x.rbegin(); it != x.rend(); ++it) backward.add(*it);
  for (std::size_t i = 0; i < x.size(); ++i) (i % 3 == 0 ? split_a : split_b).add(x[i]);
  split_b.merge(split_a);
  CHECK(forward.value() == backward.value());
  CHECK(forward.value() == split_b.value());
  long double reference = 0.0L;
  for (double v : x) reference += static_cast<long double>(v);
  CHECK(forward.value() == Approx(static_cast<double>(reference)).epsilon(1e-15));
  // 0.1 + 0.2 + 0.3 − 0.6 is not 0 in floating point; exactly it is the sum of
  // the four doubles' exact values, below one ulp of 0.6.
  ExactSum tenths;
  for (double v : {0.1, 0.2, 0.3, -0.6}) tenths.add(v);
  CHECK(std::abs(tenths.value()) < 1.2e-16);
}

TEST_CASE("ValueSketch quantiles are within 0.4% of the exact type-7 quantiles", "[value_sketch]") {
  std::vector<double> x = lognormal_sample(20000, 5);
  ValueSketch sketch;
  for (double v : x) sketch.add(v);
  std::vector<double> sorted = x;
  std::sort(sorted.begin(), sorted.end());
  for (double p : {0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0}) {
    const double exact = quantile_sorted(sorted, p);
    INFO("p = " << p);
    CHECK(std::abs(sketch.quantile(p) - exact) <= 0.004 * exact);
  }
  // Bucket width 0.78%: the estimate is not simply exact (the check above can fail).
  CHECK(sketch.quantile(0.5) != quantile_sorted(sorted, 0.5));
  const DistributionSummary s = sketch.summary();
  CHECK(s.mean == Approx(std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size())).epsilon(1e-14));
}

TEST_CASE("ValueSketch gives exact quantiles of small integers", "[value_sketch]") {
  ValueSketch sketch;
  std::vector<double> x;
  for (int i = 0; i < 1000; ++i) x.push_back(static_cast<double>((i * 37) % 101));
  for (double v : x) sketch.add(v);
  std::sort(x.begin(), x.end());
  for (double p : {0.05, 0.25, 0.5, 0.75, 0.95}) CHECK(sketch.quantile(p) == quantile_sorted(x, p));
}

TEST_CASE("ValueSketch merges and byte forms give the same bits in any grouping", "[value_sketch]") {
  const std::vector<double> x = lognormal_sample(3000, 8);
  ValueSketch whole, a, b, c;
  for (std::size_t i = 0; i < x.size(); ++i) {
    whole.add(x[i]);
    (i < 1000 ? a : i < 1700 ? b : c).add(x[i]);
  }
  ValueSketch left = a;
  left.merge(b);
  left.merge(c);
  ValueSketch right = c;
  right.merge(a);
  right.merge(b);
  CHECK(same_bits(whole.summary(), left.summary()));
  CHECK(same_bits(whole.summary(), right.summary()));
  std::vector<std::uint8_t> bytes;
  whole.write(bytes);
  std::span<const std::uint8_t> in(bytes);
  const ValueSketch back = ValueSketch::read(in);
  CHECK(in.empty());
  CHECK(same_bits(whole.summary(), back.summary()));
  std::span<const std::uint8_t> truncated(bytes.data(), bytes.size() - 3);
  CHECK_THROWS(ValueSketch::read(truncated));
}

TEST_CASE("A summary-only Monte Carlo agrees with the recorded one and is bit-identical across threads",
          "[model][monte_carlo][value_sketch]") {
  auto tiny = test::tiny_model();
  tiny.fix("sigma_g", 0.3).fix("h0", 0.05).fix("lambda0", 20).fix("sigma_ce", 0.2).fix("nu_t", 6);
  tiny.priors.set(Prior{"mu_g", Distribution::normal(0.1, 0.03), {}, "test", 0});
  TargetSpec t;
  t.id = "core";
  t.indicator = "core_industry";
  t.comparison = Comparison::greater;
  t.threshold = 70;
  t.deadline = 2024;
  tiny.plan.targets.push_back(t);
  const CompiledModel m = tiny.compile();
  MonteCarloOptions opt;
  opt.runs = 400;
  opt.master_seed = 17;
  opt.threads = 2;
  const ScenarioResults recorded = simulate(m, opt);
  opt.record_runs = false;
  const ScenarioResults summary = simulate(m, opt);
  opt.threads = 1;
  const ScenarioResults summary_one = simulate(m, opt);

  CHECK(summary.values.empty());
  CHECK(summary.theta.empty());
  REQUIRE(summary.targets.size() == recorded.targets.size());
  for (std::size_t k = 0; k < recorded.targets.size(); ++k) {
    CHECK(summary.targets[k].met == recorded.targets[k].met);
    CHECK(summary.targets[k].first_passage.runs == recorded.targets[k].first_passage.runs);
    CHECK(summary.targets[k].first_passage.never == recorded.targets[k].first_passage.never);
    CHECK(summary.targets[k].at_deadline.mean == Approx(recorded.targets[k].at_deadline.mean).epsilon(1e-12));
    CHECK(std::abs(summary.targets[k].at_deadline.p50 - recorded.targets[k].at_deadline.p50) <=
          0.004 * std::abs(recorded.targets[k].at_deadline.p50));
  }
  CHECK(summary.target_met == recorded.target_met);
  CHECK(summary.joint.met == recorded.joint.met);
  REQUIRE(summary.indicator_summaries.size() == recorded.indicator_summaries.size());
  for (std::size_t k = 0; k < summary.indicator_summaries.size(); ++k) {
    const DistributionSummary& a = summary.indicator_summaries[k].value;
    const DistributionSummary& b = recorded.indicator_summaries[k].value;
    CHECK(a.mean == Approx(b.mean).epsilon(1e-12));
    CHECK(std::abs(a.p95 - b.p95) <= 0.004 * std::abs(b.p95) + 1e-12);
    CHECK(same_bits(a, summary_one.indicator_summaries[k].value));
  }
}
