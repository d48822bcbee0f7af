#include "report/workbench_json.h"

#include <fmt/format.h>

#include <cmath>

#include "report/html_escape.h"
#include "report/report_format.h"

namespace targetcast::report {
namespace {

std::string number(double x) { return std::isfinite(x) ? fmt::format("{:.6g}", x) : "null"; }

std::string triple(double a, double b, double c) { return "[" + number(a) + "," + number(b) + "," + number(c) + "]"; }

std::string band(const model::ScenarioResults& r, std::size_t indicator) {
  std::string p05, p50, p95;
  for (const model::IndicatorSummary& s : r.indicator_summaries) {
    if (s.indicator != indicator) continue;
    const char* sep = p05.empty() ? "" : ",";
    p05 += sep + number(s.value.p05);
    p50 += sep + number(s.value.p50);
    p95 += sep + number(s.value.p95);
  }
  return fmt::format(R"({{"p05":[{}],"p50":[{}],"p95":[{}]}})", p05, p50, p95);
}

// The targets on an indicator, for the chart's markers at their deadlines.
std::string targets_on(const model::CompiledModel& base, std::size_t indicator, const ReportOptions& o) {
  std::string out;
  for (const model::CompiledTarget& t : base.targets) {
    if (t.indicator != indicator) continue;
    const std::string unit = base.indicators[indicator].spec.unit.in(o.lang);
    out += fmt::format(R"({}{{"deadline":{},"threshold":{},"rule":{}}})", out.empty() ? "" : ",", t.spec.deadline,
                       number(t.spec.threshold),
                       json_string(format_rule(model::to_string(t.spec.comparison), t.spec.threshold, unit, o.lang)));
  }
  return "[" + out + "]";
}

std::string fans(const model::CompiledModel& base, const model::ScenarioResults& base_results,
                 const model::ScenarioResults& what_if_results, const ReportOptions& o) {
  std::string years;
  for (int y = base.base_year; y <= base.horizon; ++y) years += (years.empty() ? "" : ",") + std::to_string(y);
  std::string out;
  for (std::size_t i = 0; i < base.indicators.size(); ++i) {
    out += fmt::format(R"({}{}:{{"years":[{}],"baseline":{},"what_if":{},"targets":{},"unit":{}}})",
                       out.empty() ? "" : ",", json_string(base.indicators[i].spec.id), years, band(base_results, i),
                       band(what_if_results, i), targets_on(base, i, o),
                       json_string(base.indicators[i].spec.unit.in(o.lang)));
  }
  return "{" + out + "}";
}

std::string targets(const model::CompiledModel& base, const model::ScenarioResults& base_results,
                    const model::ScenarioResults& what_if_results, const analysis::ScenarioComparison* comparison,
                    const ReportOptions& o) {
  std::string out;
  for (std::size_t t = 0; t < base.targets.size(); ++t) {
    const model::CompiledTarget& target = base.targets[t];
    const model::TargetResult& b = base_results.targets[t];
    const model::TargetResult& w = what_if_results.targets[t];
    const std::string unit = base.indicators[target.indicator].spec.unit.in(o.lang);
    const std::string difference =
        comparison ? triple(comparison->targets[t].paired.difference, comparison->targets[t].paired.low,
                            comparison->targets[t].paired.high)
                   : "null";
    out += fmt::format(
        R"({}{{"id":{},"name":{},"rule":{},"deadline":{},"rests_on_assumption":{},"baseline":{},"what_if":{},)"
        R"("status":{},"at_deadline":{},"difference":{}}})",
        out.empty() ? "" : ",", json_string(target.spec.id), json_string(target.spec.name.in(o.lang)),
        json_string(format_rule(model::to_string(target.spec.comparison), target.spec.threshold, unit, o.lang)),
        target.spec.deadline, target.rests_on_assumption ? "true" : "false",
        triple(b.probability, b.ci_low, b.ci_high), triple(w.probability, w.ci_low, w.ci_high),
        json_string(status_class(classify(w.probability, o))),
        triple(w.at_deadline.p05, w.at_deadline.p50, w.at_deadline.p95), difference);
  }
  return "[" + out + "]";
}

std::string document(const model::CompiledModel& base, const model::ScenarioResults& base_results,
                     const model::ScenarioResults& what_if_results, const analysis::ScenarioComparison* comparison,
                     double seconds, const ReportOptions& o) {
  const model::JointResult& jb = base_results.joint;
  const model::JointResult& jw = what_if_results.joint;
  return fmt::format(R"({{"runs":{},"seconds":{},"targets":{},"joint":{{"baseline":{},"what_if":{}}},"fans":{}}})",
                     base_results.runs, number(seconds),
                     targets(base, base_results, what_if_results, comparison, o),
                     triple(jb.probability, jb.ci_low, jb.ci_high), triple(jw.probability, jw.ci_low, jw.ci_high),
                     fans(base, base_results, what_if_results, o));
}

}  // namespace

std::string what_if_json(const model::CompiledModel& baseline, const model::ScenarioResults& baseline_results,
                         const model::ScenarioResults& what_if_results,
                         const analysis::ScenarioComparison& comparison, double seconds, const ReportOptions& options) {
  return document(baseline, baseline_results, what_if_results, &comparison, seconds, options);
}

std::string baseline_json(const model::CompiledModel& baseline, const model::ScenarioResults& results,
                          const ReportOptions& options) {
  return document(baseline, results, results, nullptr, 0.0, options);
}

}  // namespace targetcast::report
