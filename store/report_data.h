#pragma once
// Everything a report shows about one experiment, read from the results
// database (docs/schema.md) into plain data. The writers (report_html,
// report_markdown, report_csv) format this and never touch SQLite.
//
// Optional tables written by later features are read when the file has them:
// `comparisons` (paired scenario differences) and `calibration_observations`
// (the observed history an experiment's posterior was calibrated against). A
// file without them gives a report without those parts.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/provenance.h"
#include "model/results.h"
#include "model/scenario.h"
#include "store/report_sensitivity.h"
#include "store/store.h"

namespace targetcast::store {

// Provenance as stored: basis is text ("document", "assumption", ...).
struct ReportProvenance {
  std::string basis, source, quote, note;
  std::string note_zh = {};  // the note in Chinese; "" when the file gave one text only
  // The note a reader of `lang` reads: the Chinese one when there is one.
  const std::string& note_in(std::string_view lang) const { return lang == "zh" && !note_zh.empty() ? note_zh : note; }
};

struct ReportScenario {
  std::string id;
  model::Text title, description;
  std::string source_path;  // "" for the built-in baseline
  std::uint64_t runs = 0;
  bool per_run = false;
  bool written = false;  // every row of it was written
  // The scenario as its stored file says (levers, shocks, parks, prior
  // overrides), for the list of what it changes; none for the built-in
  // baseline or a stored file that no longer reads.
  std::optional<model::ScenarioSpec> spec;
};

struct ReportIndicator {
  std::string id;
  model::Text name, unit;
  std::string kind;
  ReportProvenance provenance;
};

struct ReportTarget {
  std::string id, indicator_id;
  std::string comparison;  // ">=" or ">"
  double threshold = 0.0;
  int deadline = 0;
  model::Text name;
  ReportProvenance provenance;
  bool rests_on_assumption = false;  // P(met) rests on an assumption (docs/model.md §7); false when not recorded
};

// indicator_summary of one indicator in one scenario, by year.
struct ReportFan {
  std::string scenario_id, indicator_id;
  std::vector<int> years;
  std::vector<model::DistributionSummary> values;  // NaN where stored as NULL
};

// first_passage of one target in one scenario: runs first reaching the
// threshold in each year; never = not by the horizon.
struct ReportFirstPassage {
  std::string scenario_id, target_id;
  std::vector<int> years;
  std::vector<std::uint64_t> runs;
  std::uint64_t never = 0;
  std::uint64_t total() const;
};

struct ReportParameter {
  std::string scenario_id, name, distribution, basis, source, quote, note, origin;
  int line = 0;
  // For an experiment drawn from a posterior: the posterior's weighted median
  // and 5–95% (p50, p05, p95; calibration_posterior), shown beside the prior.
  bool has_drawn = false;
  model::DistributionSummary drawn;
  std::string note_zh = {};  // the note in Chinese; "" when the file gave one text only
  model::Text label = {};    // name = { zh, en } of its prior table; empty when no file named it
  const std::string& note_in(std::string_view lang) const { return lang == "zh" && !note_zh.empty() ? note_zh : note; }
};

// A row of the optional `comparisons` table: P(met) in `scenario_id` minus
// P(met) in `reference_id`, with the 95% interval of the paired per-run
// differences (common random numbers).
struct ReportComparison {
  std::string scenario_id, reference_id, target_id;
  double difference = 0.0, ci_low = 0.0, ci_high = 0.0;
};

// An observed value of an indicator: the observations of the calibration
// whose posterior the experiment drew from (measures "level" and "floor";
// growth rates are not values of the indicator).
struct ReportObservation {
  std::string indicator_id;
  int year = 0;
  double value = 0.0;
  bool floor = false;  // a lower bound ("超1500家")
};

// A fitted figure the experiment's posterior could not reproduce: its
// median misses it by more than kNotReproducedSds stated sds
// (calibration_observations.fit_p50).
struct ReportUnreproduced {
  std::string indicator_id;
  int year = 0;
  std::string measure;  // level | floor | growth
  double value = 0.0;
  double fit_p50 = 0.0;  // standardised error of the posterior median
};

// One cut of the latest rolling-origin backtests of the experiment's plan
// (calibrations with purpose 'backtest'; the newest complete one per cut).
struct ReportBacktestCut {
  int cut_year = 0;
  std::int64_t calibration_id = 0;
  std::size_t scored = 0, floors = 0;  // held-out levels and growths; floors
  double coverage_50 = 0.0, coverage_90 = 0.0, mean_relative_crps = 0.0, mean_brier = 0.0;  // NaN: none
};

// What the calibration an experiment drew from changed (issue 16, item 13):
// P(met) of each target in the latest complete forecast before it (drawn from
// its parent calibration, or from the priors when it has none), first
// scenario. Empty `before` when there was no such forecast.
struct ReportCalibrationChange {
  std::int64_t calibration_id = 0;  // 0: the experiment drew from the priors
  std::size_t observations = 0;     // figures the calibration fitted
  std::int64_t before_experiment = 0;
  std::vector<std::pair<std::string, double>> before;  // target id, P(met)
};

struct ReportInputFile {
  std::string role, path, sha256;
  std::uint64_t bytes = 0;
};

struct ReportData {
  ExperimentRow experiment;
  model::Text plan_title, region_name;    // from the stored plan file; plan_id when it cannot be read
  std::vector<ReportScenario> scenarios;  // in order; the first is the reference
  std::vector<ReportIndicator> indicators;
  std::vector<ReportTarget> targets;
  std::vector<ReportFan> fans;                     // scenario order, then indicator order
  std::vector<TargetResultRow> target_results;     // scenario order, then target order
  std::vector<ReportFirstPassage> first_passages;  // scenario order, then target order
  std::vector<JointResultRow> joint_results;       // scenario order
  std::vector<ReportParameter> parameters;         // scenario order, then parameter order
  std::vector<model::SourceDocument> documents;    // by file name; empty when no file declared one
  std::vector<ReportComparison> comparisons;       // empty when the file has none
  std::vector<ReportObservation> observations;     // empty when the file has none
  std::vector<ReportUnreproduced> unreproduced;    // indicator order as stored, then year
  std::vector<ReportBacktestCut> track_record;     // by cut year; empty when no backtest of the plan
  std::vector<ReportInputFile> input_files;
  ReportCalibrationChange calibration_change;
  ReportSensitivity sensitivity;  // empty when the file has no analyses of this plan

  const ReportIndicator* find_indicator(std::string_view id) const;
  const ReportScenario* find_scenario(std::string_view id) const;
  const ReportFan* find_fan(std::string_view scenario_id, std::string_view indicator_id) const;
  const TargetResultRow* find_result(std::string_view scenario_id, std::string_view target_id) const;
  const ReportFirstPassage* find_first_passage(std::string_view scenario_id, std::string_view target_id) const;
  const JointResultRow* find_joint(std::string_view scenario_id) const;
  const ReportComparison* find_comparison(std::string_view scenario_id, std::string_view target_id) const;
};

// The experiment `id`, or the newest complete one. Throws StoreError when there
// is no such experiment (or no complete one).
ReportData load_report_data(const Store& store, std::optional<std::int64_t> id = std::nullopt);

}  // namespace targetcast::store
