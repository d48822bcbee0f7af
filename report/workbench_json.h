#pragma once
// What the workbench page (`targetcast serve`, issue 15) receives after each
// what-if: one JSON object, built here so that the page only draws.
//
//   {"runs": N, "seconds": s,
//    "targets": [{"id", "name", "rule", "deadline", "rests_on_assumption",
//                 "baseline": [p, lo, hi], "what_if": [p, lo, hi], "status",
//                 "at_deadline": [p05, p50, p95], "difference": [d, lo, hi]}],
//    "joint": {"baseline": [p, lo, hi], "what_if": [p, lo, hi]},
//    "fans": {"<indicator>": {"years": [...], "baseline": {"p05", "p50", "p95"},
//                             "what_if": {"p05", "p50", "p95"},
//                             "targets": [{"deadline", "threshold", "rule"}], "unit"}}}
//
// P(met) intervals are Clopper–Pearson 95% (Monte Carlo error only); the
// difference is the paired Newcombe interval of the same runs under both
// settings (analysis/comparison.h).
#include <string>
#include <string_view>

#include "analysis/comparison.h"
#include "model/compiled_model.h"
#include "model/results.h"
#include "report/report_options.h"

namespace targetcast::report {

// `what_if_results` come from a scenario compiled against `baseline`'s plan
// (same targets and indicators, same runs).
std::string what_if_json(const model::CompiledModel& baseline, const model::ScenarioResults& baseline_results,
                         const model::ScenarioResults& what_if_results,
                         const analysis::ScenarioComparison& comparison, double seconds, const ReportOptions& options);

// The baseline alone, in the same shape with "what_if" equal to "baseline"
// and no difference: the page's first view.
std::string baseline_json(const model::CompiledModel& baseline, const model::ScenarioResults& results,
                          const ReportOptions& options);

}  // namespace targetcast::report
