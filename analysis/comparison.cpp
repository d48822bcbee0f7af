#include "analysis/comparison.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace targetcast::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

double normal_quantile(double alpha) {
  return boost::math::quantile(boost::math::normal_distribution<double>(), 1.0 - alpha / 2.0);
}

double share(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? kNaN : static_cast<double>(part) / static_cast<double>(whole);
}

// a² + b² − 2ψab, never below 0 through rounding (it is ≥ (a − b)² for ψ ≤ 1).
double combined(double a, double b, double psi) {
  return std::sqrt(std::max(0.0, a * a + b * b - 2.0 * psi * a * b));
}

// Newcombe's square-and-add of two Wilson intervals with correlation ψ.
DifferenceInterval square_and_add(double p1, const model::Interval& w1, double p2, const model::Interval& w2,
                                  double psi) {
  DifferenceInterval d;
  d.difference = p1 - p2;
  d.low = std::max(-1.0, d.difference - combined(p1 - w1.low, w2.high - p2, psi));
  d.high = std::min(1.0, d.difference + combined(p2 - w2.low, w1.high - p1, psi));
  return d;
}

// Sample mean and variance (n − 1), two passes in run order: deterministic.
struct Moments {
  double mean = kNaN;
  double variance = kNaN;
};

template <class Value>
Moments moments(std::size_t n, Value&& value) {
  Moments m;
  if (n == 0) return m;
  double sum = 0.0;
  for (std::size_t k = 0; k < n; ++k) sum += value(k);
  m.mean = sum / static_cast<double>(n);
  if (n < 2) return m;
  double squares = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    const double d = value(k) - m.mean;
    squares += d * d;
  }
  m.variance = squares / static_cast<double>(n - 1);
  return m;
}

// Ratio of variances; +inf when only the denominator is 0, NaN when both are.
double variance_ratio(double unpaired, double paired) {
  if (std::isnan(unpaired) || std::isnan(paired)) return kNaN;
  if (paired > 0.0) return unpaired / paired;
  return unpaired > 0.0 ? kInf : kNaN;
}

}  // namespace

ScenarioOutcomes outcomes_of(const model::CompiledModel& model, const model::ScenarioResults& results) {
  ScenarioOutcomes out;
  out.scenario_id = results.scenario_id.empty() ? model.scenario.id : results.scenario_id;
  const std::size_t n_targets = model.targets.size();
  for (std::size_t t = 0; t < n_targets; ++t) {
    const model::CompiledTarget& target = model.targets[t];
    TargetOutcomes o;
    o.target_id = target.spec.id;
    o.indicator_id = target.spec.indicator;
    o.met.resize(results.runs);
    o.value.resize(results.runs);
    const auto deadline = static_cast<std::size_t>(target.spec.deadline - results.base_year);
    for (std::size_t k = 0; k < results.runs; ++k) {
      o.met[k] = results.target_met[k * n_targets + t];
      o.value[k] = results.recorded_runs() ? results.value(k, deadline, target.indicator)
                                           : results.deadline_values[k * n_targets + t];
    }
    out.targets.push_back(std::move(o));
  }
  return out;
}

model::Interval wilson(std::uint64_t successes, std::uint64_t trials, double alpha) {
  if (trials == 0) return {0.0, 1.0};
  const double z = normal_quantile(alpha);
  const auto n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
  const double half = z * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / (1.0 + z2 / n);
  // At 0 and n successes one bound is exactly 0 or 1; say so despite rounding.
  return {successes == 0 ? 0.0 : std::max(0.0, centre - half),
          successes == trials ? 1.0 : std::min(1.0, centre + half)};
}

DifferenceInterval newcombe_paired(const PairedCounts& c, double alpha) {
  const std::uint64_t n = c.runs();
  if (n == 0) return {kNaN, kNaN, kNaN};
  const std::uint64_t scenario_met = c.both + c.scenario_only;
  const std::uint64_t reference_met = c.both + c.reference_only;
  const double p1 = share(scenario_met, n);
  const double p2 = share(reference_met, n);
  // ψ, the correlation of the two margins, with Newcombe's continuity
  // correction: (AD − BC − n/2)/√(margins) when AD − BC > n/2, 0 between 0 and
  // n/2, (AD − BC)/√(margins) below 0; 0 when a margin is empty.
  double psi = 0.0;
  const auto d = [](std::uint64_t x) { return static_cast<double>(x); };
  const double margins = d(scenario_met) * d(n - scenario_met) * d(reference_met) * d(n - reference_met);
  if (margins > 0.0) {
    const double a = d(c.both) * d(c.neither) - d(c.scenario_only) * d(c.reference_only);
    const double half_n = d(n) / 2.0;
    psi = a > half_n ? (a - half_n) / std::sqrt(margins) : a < 0.0 ? a / std::sqrt(margins) : 0.0;
  }
  return square_and_add(p1, wilson(scenario_met, n, alpha), p2, wilson(reference_met, n, alpha), psi);
}

DifferenceInterval newcombe_unpaired(std::uint64_t met1, std::uint64_t runs1, std::uint64_t met2, std::uint64_t runs2,
                                     double alpha) {
  if (runs1 == 0 || runs2 == 0) return {kNaN, kNaN, kNaN};
  return square_and_add(share(met1, runs1), wilson(met1, runs1, alpha), share(met2, runs2), wilson(met2, runs2, alpha),
                        0.0);
}

MeanDifference mean_difference(std::span<const double> scenario, std::span<const double> reference, double alpha) {
  if (scenario.size() != reference.size()) {
    throw std::invalid_argument("mean_difference: the two scenarios have different numbers of runs");
  }
  const std::size_t n = scenario.size();
  MeanDifference out{kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN};
  const Moments diff = moments(n, [&](std::size_t k) { return scenario[k] - reference[k]; });
  out.mean = diff.mean;
  std::vector<double> differences(n);
  for (std::size_t k = 0; k < n; ++k) differences[k] = scenario[k] - reference[k];
  if (std::none_of(differences.begin(), differences.end(), [](double d) { return std::isnan(d); })) {
    std::sort(differences.begin(), differences.end());
    out.median = model::quantile_sorted(differences, 0.5);
  }
  if (n < 2 || std::isnan(diff.variance)) return out;
  const Moments a = moments(n, [&](std::size_t k) { return scenario[k]; });
  const Moments b = moments(n, [&](std::size_t k) { return reference[k]; });
  const auto runs = static_cast<double>(n);
  const double t = boost::math::quantile(boost::math::students_t_distribution<double>(runs - 1.0), 1.0 - alpha / 2.0);
  const double paired_se = std::sqrt(diff.variance / runs);
  out.low = diff.mean - t * paired_se;
  out.high = diff.mean + t * paired_se;
  // Welch: two independent samples of n each, ν = (n − 1)(s₁² + s₂²)² / (s₁⁴ + s₂⁴).
  const double sum = a.variance + b.variance;
  const double squares = a.variance * a.variance + b.variance * b.variance;
  if (sum > 0.0) {
    const double nu = (runs - 1.0) * sum * sum / squares;
    const double t_welch = boost::math::quantile(boost::math::students_t_distribution<double>(nu), 1.0 - alpha / 2.0);
    const double se = std::sqrt(sum / runs);
    out.unpaired_low = diff.mean - t_welch * se;
    out.unpaired_high = diff.mean + t_welch * se;
  } else {
    out.unpaired_low = out.unpaired_high = diff.mean;
  }
  out.variance_reduction = variance_ratio(sum, diff.variance);
  return out;
}

ScenarioComparison compare(const ScenarioOutcomes& scenario, const ScenarioOutcomes& reference, double alpha) {
  if (scenario.targets.size() != reference.targets.size()) {
    throw std::invalid_argument("compare: scenarios '" + scenario.scenario_id + "' and '" + reference.scenario_id +
                                "' have different targets");
  }
  ScenarioComparison out;
  out.scenario_id = scenario.scenario_id;
  out.reference_id = reference.scenario_id;
  for (std::size_t t = 0; t < scenario.targets.size(); ++t) {
    const TargetOutcomes& s = scenario.targets[t];
    const TargetOutcomes& r = reference.targets[t];
    if (s.target_id != r.target_id || s.met.size() != r.met.size() || s.value.size() != s.met.size() ||
        r.value.size() != r.met.size()) {
      throw std::invalid_argument("compare: scenarios '" + scenario.scenario_id + "' and '" + reference.scenario_id +
                                  "' differ in target '" + s.target_id + "' or in their number of runs");
    }
    TargetComparison c;
    c.target_id = s.target_id;
    c.indicator_id = s.indicator_id;
    for (std::size_t k = 0; k < s.met.size(); ++k) {
      const bool in_s = s.met[k] != 0;
      const bool in_r = r.met[k] != 0;
      (in_s ? (in_r ? c.counts.both : c.counts.scenario_only) : (in_r ? c.counts.reference_only : c.counts.neither))++;
    }
    const std::uint64_t n = c.counts.runs();
    c.probability = share(c.counts.both + c.counts.scenario_only, n);
    c.reference_probability = share(c.counts.both + c.counts.reference_only, n);
    c.paired = newcombe_paired(c.counts, alpha);
    c.unpaired =
        newcombe_unpaired(c.counts.both + c.counts.scenario_only, n, c.counts.both + c.counts.reference_only, n, alpha);
    // Per-run variances (÷ n for all three, so n cancels in the ratio): the
    // difference D = met₁ − met₀ takes values −1, 0, 1, so
    // Var(D) = (discordant runs)/n − Δ².
    const double delta = c.probability - c.reference_probability;
    const double paired_variance =
        n == 0 ? kNaN : share(c.counts.scenario_only + c.counts.reference_only, n) - delta * delta;
    const double unpaired_variance =
        c.probability * (1.0 - c.probability) + c.reference_probability * (1.0 - c.reference_probability);
    c.variance_reduction = variance_ratio(unpaired_variance, std::max(0.0, paired_variance));
    c.indicator = mean_difference(s.value, r.value, alpha);
    c.indicator_mean = moments(s.value.size(), [&](std::size_t k) { return s.value[k]; }).mean;
    c.reference_indicator_mean = moments(r.value.size(), [&](std::size_t k) { return r.value[k]; }).mean;
    out.runs = n;
    out.targets.push_back(std::move(c));
  }
  return out;
}

std::vector<ScenarioComparison> compare_with_first(std::span<const ScenarioOutcomes> scenarios, double alpha) {
  std::vector<ScenarioComparison> out;
  for (std::size_t s = 1; s < scenarios.size(); ++s) out.push_back(compare(scenarios[s], scenarios[0], alpha));
  return out;
}

std::vector<ScenarioComparison> compare_with_first(std::span<const model::CompiledModel> models,
                                                   std::span<const model::ScenarioResults> results, double alpha) {
  if (models.size() != results.size()) {
    throw std::invalid_argument("compare_with_first: one model per scenario's results is needed");
  }
  std::vector<ScenarioOutcomes> outcomes;
  for (std::size_t s = 0; s < models.size(); ++s) outcomes.push_back(outcomes_of(models[s], results[s]));
  return compare_with_first(outcomes, alpha);
}

}  // namespace targetcast::analysis
