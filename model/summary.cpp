#include "model/summary.h"

#include <algorithm>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>

namespace targetcast::model {

Interval clopper_pearson(std::uint64_t successes, std::uint64_t trials, double alpha) {
  if (trials == 0) return {0.0, 1.0};
  const auto x = static_cast<double>(successes);
  const auto n = static_cast<double>(trials);
  Interval ci;
  ci.low = successes == 0 ? 0.0 : boost::math::ibeta_inv(x, n - x + 1.0, alpha / 2.0);
  ci.high = successes == trials ? 1.0 : boost::math::ibeta_inv(x + 1.0, n - x, 1.0 - alpha / 2.0);
  return ci;
}

double quantile_sorted(std::span<const double> sorted, double p) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

DistributionSummary summarise_values(std::span<double> values) {
  DistributionSummary s;
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  // Mean summed in sorted order: deterministic and slightly more accurate.
  double sum = 0.0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(values.size());
  s.p05 = quantile_sorted(values, 0.05);
  s.p25 = quantile_sorted(values, 0.25);
  s.p50 = quantile_sorted(values, 0.50);
  s.p75 = quantile_sorted(values, 0.75);
  s.p95 = quantile_sorted(values, 0.95);
  return s;
}

void summarise(const CompiledModel& model, ScenarioResults& r) {
  const std::size_t runs = r.runs;
  const std::size_t n_targets = model.targets.size();
  std::vector<double> column(runs);

  r.indicator_summaries.clear();
  for (std::size_t i = 0; i < r.indicators; ++i) {
    for (std::size_t y = 0; y < r.years; ++y) {
      for (std::size_t k = 0; k < runs; ++k) column[k] = r.value(k, y, i);
      r.indicator_summaries.push_back(IndicatorSummary{i, r.base_year + static_cast<int>(y), summarise_values(column)});
    }
  }

  r.target_met.assign(runs * n_targets, 0);
  r.targets.clear();
  for (std::size_t t = 0; t < n_targets; ++t) {
    const CompiledTarget& target = model.targets[t];
    const auto deadline = static_cast<std::size_t>(target.spec.deadline - r.base_year);
    TargetResult tr;
    tr.target = t;
    tr.runs = runs;
    tr.first_passage.years.resize(r.years);
    tr.first_passage.runs.assign(r.years, 0);
    for (std::size_t y = 0; y < r.years; ++y) tr.first_passage.years[y] = r.base_year + static_cast<int>(y);
    for (std::size_t k = 0; k < runs; ++k) {
      const double v = r.value(k, deadline, target.indicator);
      column[k] = v;
      if (meets(target.spec.comparison, v, target.spec.threshold)) {
        ++tr.met;
        r.target_met[k * n_targets + t] = 1;
      }
      std::size_t first = r.years;
      for (std::size_t y = 0; y < r.years; ++y) {
        if (meets(target.spec.comparison, r.value(k, y, target.indicator), target.spec.threshold)) {
          first = y;
          break;
        }
      }
      if (first < r.years) {
        ++tr.first_passage.runs[first];
      } else {
        ++tr.first_passage.never;
      }
    }
    tr.probability = runs > 0 ? static_cast<double>(tr.met) / static_cast<double>(runs) : 0.0;
    const Interval ci = clopper_pearson(tr.met, runs);
    tr.ci_low = ci.low;
    tr.ci_high = ci.high;
    tr.at_deadline = summarise_values(column);
    r.targets.push_back(std::move(tr));
  }

  r.joint = JointResult{};
  r.joint.runs = runs;
  for (std::size_t k = 0; k < runs; ++k) {
    bool all = n_targets > 0;
    for (std::size_t t = 0; t < n_targets && all; ++t) all = r.target_met[k * n_targets + t] != 0;
    r.joint.met += all ? 1u : 0u;
  }
  r.joint.probability = runs > 0 ? static_cast<double>(r.joint.met) / static_cast<double>(runs) : 0.0;
  const Interval ci = clopper_pearson(r.joint.met, runs);
  r.joint.ci_low = ci.low;
  r.joint.ci_high = ci.high;
}

}  // namespace targetcast::model
