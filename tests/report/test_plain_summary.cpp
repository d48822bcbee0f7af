// Tests of report/plain_summary.h (issue 16, item 13): the sentences at the
// top of every report, from hand-made results, in English and Chinese.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "report/plain_summary.h"
#include "report/report.h"

namespace report = targetcast::report;
namespace store = targetcast::store;

namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Three targets: one likely, one at risk (resting on an assumption), one
// unlikely; a Sobol analysis naming the unlikely one's top driver.
store::ReportData three_targets() {
  store::ReportData d;
  d.experiment.id = 4;
  d.experiment.plan_id = "gd";
  d.experiment.status = "complete";
  d.experiment.base_year = 2021;
  d.experiment.horizon = 2026;
  d.scenarios.push_back({"baseline", {"基准情景", "Baseline"}, {}, "", 100, false, true, std::nullopt});
  d.indicators.push_back({"core", {"核心产业规模", "core industry"}, {"亿元", "100 million yuan"}, "sum", {}});
  d.indicators.push_back({"firms", {"企业数", "firms"}, {"家", "firms"}, "count", {}});
  const auto target = [&](std::string id, std::string indicator, double threshold, std::string zh, std::string en,
                          double p, double median, bool assumed) {
    store::ReportTarget t;
    t.id = id;
    t.indicator_id = std::move(indicator);
    t.comparison = ">=";
    t.threshold = threshold;
    t.deadline = 2025;
    t.name = {std::move(zh), std::move(en)};
    t.rests_on_assumption = assumed;
    d.targets.push_back(t);
    store::TargetResultRow r;
    r.scenario_id = "baseline";
    r.target_id = id;
    r.probability = p;
    r.at_deadline.p50 = median;
    d.target_results.push_back(r);
  };
  target("firms-300", "firms", 300, "领军企业300家", "300 leading firms", 0.92, 340, false);
  target("labs-30", "firms", 30, "重点实验室30个", "30 key labs", 0.61, 31, true);
  target("core-60", "core", 59.96, "核心产业60亿元", "core industry of 60", 0.12, 48.25, false);
  d.joint_results.push_back({"baseline", "gd", 0.07, 0.05, 0.09, 100, 7});
  store::ReportSobolTarget sobol;
  sobol.target_id = "core-60";
  sobol.drivers.push_back({"mu_g", "parameter", "assumption", "", 0.6, 0.5, 0.7, 0.4, 0.5, 0.4, 0.6});
  d.sensitivity.sobol_id = 2;
  d.sensitivity.sobol.push_back(sobol);
  // The driver's name, as seeds/priors.toml gives it.
  store::ReportParameter mu_g;
  mu_g.scenario_id = "baseline";
  mu_g.name = "mu_g";
  mu_g.label = {"企业收入的典型年增速", "typical yearly growth of firm revenue"};
  d.parameters.push_back(mu_g);
  return d;
}

report::ReportOptions in(std::string lang) {
  report::ReportOptions o;
  o.lang = std::move(lang);
  o.generated_at = "2025-01-01T00:00:00Z";
  return o;
}

}  // namespace

TEST_CASE("the summary says which targets are likely, at risk and why, in 3 to 6 sentences", "[report][summary]") {
  const store::ReportData d = three_targets();
  const std::vector<std::string> en = report::plain_summary(d, in("en"));
  REQUIRE(en.size() >= 3);
  REQUIRE(en.size() <= 6);
  CHECK(en[0] == "1 of the 3 targets is likely to be met by its deadline: 300 leading firms (92%).");
  CHECK(has(en[1], "30 key labs (61%) is at risk, and core industry of 60 (12%) is unlikely to be met."));
  // Why: the weakest target's median against its threshold as written, and its top driver by name.
  CHECK(has(en[1], "the median run reaches 48.2 (100 million yuan) by 2025, against the 59.96 (100 million yuan) it needs"));
  CHECK(has(en[1], "depend most on typical yearly growth of firm revenue"));
  CHECK(has(en[2], "The odds of 30 key labs rest on an assumption"));
  CHECK(has(en[3], "priors alone"));
  // A threshold the plan does not state is an assumption of ours too.
  store::ReportData illustrative = d;
  illustrative.targets[0].provenance.basis = "illustrative";
  CHECK(has(report::plain_summary_text(illustrative, in("en")),
            "The odds of 300 leading firms and 30 key labs rest on assumptions of ours"));
  CHECK(en.back() == "All 3 targets together are met in 7% of the runs.");

  const std::string zh = report::plain_summary_text(d, in("zh"));
  CHECK(has(zh, "3项目标中有1项很可能按期达成:领军企业300家(92%)。"));
  CHECK(has(zh, "重点实验室30个(61%)存在风险,核心产业60亿元(12%)可能无法达成。"));
  CHECK(has(zh, "而目标为59.96亿元"));
  CHECK(has(zh, "受“企业收入的典型年增速”影响最大"));
  CHECK(has(zh, "全部3项目标同时达成的概率为7%。"));
  for (const char* code : {"mu_g", "core-60", "labs-30", "P(met)"}) CHECK_FALSE(has(zh, code));
}

TEST_CASE("the summary says what the latest calibration changed", "[report][summary]") {
  store::ReportData d = three_targets();
  d.experiment.posterior = "9";
  d.calibration_change.calibration_id = 9;
  d.calibration_change.observations = 12;
  d.calibration_change.before_experiment = 3;
  d.calibration_change.before = {{"core-60", 0.40}, {"firms-300", 0.91}, {"labs-30", 0.5}};
  const std::string en = report::plain_summary_text(d, in("en"));
  CHECK(has(en, "drawn from calibration 9, fitted to 12 observed figures; against the forecast before it, it moved "
                "core industry of 60 from 40% to 12% and 30 key labs from 50% to 61%."));
  const std::string zh = report::plain_summary_text(d, in("zh"));
  CHECK(has(zh, "第9次校准的后验(拟合12个观测值),与此前的预测相比,核心产业60亿元由40%变为12%"));
}

TEST_CASE("every report format opens with the summary", "[report][summary]") {
  const store::ReportData d = three_targets();
  for (const auto format : {report::ReportFormat::html, report::ReportFormat::markdown, report::ReportFormat::csv}) {
    report::ReportOptions o = in("en");
    o.format = format;
    const std::string out = report::render_report(d, o);
    const std::size_t summary = out.find("1 of the 3 targets is likely");
    CHECK(summary != std::string::npos);
    // The nav of the HTML page lists the sections; the summary comes before the first of them.
    CHECK(summary < out.find(format == report::ReportFormat::html ? "<section id=\"targets\"" : "Targets at a glance"));
  }
}
