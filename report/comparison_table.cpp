#include "report/comparison_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "report/text_table.h"

namespace targetcast::report {
namespace {

// Percentage points with a sign: "+5.1".
std::string points(double difference) {
  if (std::isnan(difference)) return "–";
  const double pp = 100.0 * difference;
  return fmt::format("{:+.1f}", pp == 0.0 ? 0.0 : pp);  // no "-0.0"
}

std::string percent(double p) {
  return std::isnan(p) ? "–" : fmt::format("{:.1f}%", 100.0 * p);
}

std::string interval_points(double low, double high) {
  return fmt::format("[{}, {}]", points(low), points(high));
}

// An indicator difference in its own unit, with a sign and 3-4 significant digits.
std::string signed_value(double v) {
  if (std::isnan(v)) return "–";
  if (v == 0.0) return "0";
  const double a = std::abs(v);
  if (a >= 100.0) return fmt::format("{:+.0f}", v);
  if (a >= 10.0) return fmt::format("{:+.1f}", v);
  if (a >= 0.1) return fmt::format("{:+.2f}", v);
  return fmt::format("{:+.2g}", v);
}

std::string factor(double f) {
  if (std::isnan(f)) return "–";
  if (std::isinf(f)) return "∞";
  if (f >= 1e4) return fmt::format("{:.1e}", f);
  return f >= 100.0 ? fmt::format("{:.0f}", f) : fmt::format("{:.1f}", f);
}

// "median m (range a–b, n pairs)" of the finite factors.
std::string factor_summary(std::vector<double> factors, std::string_view lang) {
  std::erase_if(factors, [](double f) { return !std::isfinite(f); });
  if (factors.empty()) return lang == "zh" ? "无(无可比较的变异)" : "none (nothing varied)";
  std::sort(factors.begin(), factors.end());
  const std::size_t n = factors.size();
  const double median = n % 2 == 1 ? factors[n / 2] : (factors[n / 2 - 1] + factors[n / 2]) / 2.0;
  return lang == "zh" ? fmt::format("中位数 {}(范围 {}–{},{} 组)", factor(median), factor(factors.front()),
                                    factor(factors.back()), n)
                      : fmt::format("median {} (range {}–{}, {} target-scenario pairs)", factor(median),
                                    factor(factors.front()), factor(factors.back()), n);
}

}  // namespace

std::string format_comparison_table(std::span<const analysis::ScenarioComparison> comparisons, std::string_view lang) {
  if (comparisons.empty()) return {};
  const bool zh = lang == "zh";
  TextTable table(zh ? std::vector<std::string>{"目标", "情景", "达成概率", "参照", "差(百分点)", "配对95%区间",
                                                "非配对95%区间", "方差缩减", "期限值之差 均值 [95%区间]", "中位数"}
                     : std::vector<std::string>{"target", "scenario", "P(met)", "reference", "diff (pp)",
                                                "paired 95% CI", "unpaired 95% CI", "VRF",
                                                "indicator diff at deadline: mean [95% CI]", "median"});
  std::vector<double> probability_factors;
  std::vector<double> indicator_factors;
  const std::size_t n_targets = comparisons.front().targets.size();
  for (std::size_t t = 0; t < n_targets; ++t) {
    for (const analysis::ScenarioComparison& sc : comparisons) {
      if (t >= sc.targets.size()) continue;
      const analysis::TargetComparison& c = sc.targets[t];
      table.add({c.target_id, sc.scenario_id, percent(c.probability), percent(c.reference_probability),
                 points(c.paired.difference), interval_points(c.paired.low, c.paired.high),
                 interval_points(c.unpaired.low, c.unpaired.high), factor(c.variance_reduction),
                 fmt::format("{} [{}, {}]", signed_value(c.indicator.mean), signed_value(c.indicator.low),
                             signed_value(c.indicator.high)),
                 signed_value(c.indicator.median)});
      probability_factors.push_back(c.variance_reduction);
      indicator_factors.push_back(c.indicator.variance_reduction);
    }
  }
  const analysis::ScenarioComparison& first = comparisons.front();
  std::string out =
      zh ? fmt::format("与参照情景 {} 的配对比较(每个情景 {} 次模拟,共同随机数:第k次模拟在各情景中使用相同的随机数)\n",
                       first.reference_id, first.runs)
         : fmt::format(
               "Paired comparison with the reference scenario {} ({} runs per scenario; common random "
               "numbers: run k uses the same draws in every scenario)\n",
               first.reference_id, first.runs);
  out += table.str();
  out += zh ? fmt::format(
                  "差 = 情景 − 参照;配对区间:Newcombe混合得分区间(配对);非配对区间:同法假设两情景独立。\n"
                  "方差缩减因子VRF = 非配对方差 / 配对方差:达成概率之差 {};期限值之差 {}。\n",
                  factor_summary(probability_factors, lang), factor_summary(indicator_factors, lang))
            : fmt::format(
                  "diff = scenario − reference. Paired CI: Newcombe's hybrid score interval for paired "
                  "proportions; unpaired CI: the same as if the runs were independent.\n"
                  "Variance reduction factor VRF = unpaired / paired variance of the difference: "
                  "P(met) {}; indicator at deadline {}.\n",
                  factor_summary(probability_factors, lang), factor_summary(indicator_factors, lang));
  return out;
}

}  // namespace targetcast::report
