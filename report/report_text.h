#pragma once
// The fixed words of a report in Chinese and English. Names of indicators,
// targets and scenarios come from the seed files (stored in the database);
// everything else a reader sees is here, so that a zh report has no English
// label and an en report no Chinese one (apart from quoted source text).
#include <string>
#include <string_view>

namespace targetcast::report {

struct ReportText {
  // Title and headings.
  std::string_view title, subtitle_experiment, subtitle_scenario, subtitle_runs;
  std::string_view warning_status;  // {status}: rows may be partial
  std::string_view sec_targets, sec_joint, sec_fans, sec_first, sec_scenarios, sec_parameters, sec_provenance;
  // The plain-language summary at the top (report/plain_summary.h); a
  // scenario's changes, generated from its levers; the scenario picker of the charts.
  std::string_view sec_summary, scenario_changes, choose_scenario, col_description;
  std::string_view intro_targets, intro_joint, intro_fans, intro_first, intro_scenarios, intro_parameters,
      intro_provenance;
  std::string_view legend_status;  // {on}, {risk}: the thresholds in %
  // Traffic light.
  std::string_view on_track, at_risk, off_track, no_result;
  // Headline table.
  std::string_view col_number, col_target, col_indicator, col_rule, col_deadline, col_p_met, col_interval, col_status,
      col_at_deadline, col_first_median, col_source, col_basis;
  std::string_view joint_row;  // {n}: number of targets
  std::string_view not_by;     // {year}
  std::string_view illustrative_mark, assumption_mark;
  // A target whose P(met) rests on an assumption (docs/model.md §7): the mark
  // in its row, the joint row's count ({k} of {n}), the sentence explaining it.
  std::string_view col_rests, rests_mark, joint_rests, rests_note;
  // A target whose indicator no random rule moves (model::moved_only_by_scenarios):
  // the mark beside its P(met) and the sentence explaining it.
  std::string_view scenario_only_mark, scenario_only_note;
  std::string_view joint_sentence;  // {p}, {lo}, {hi}, {n}
  std::string_view summary_counts;  // {on}, {risk}, {off}
  // Fan and first-passage charts and their tables.
  std::string_view band_outer, band_inner, median, target_marker, observed, median_of;  // median_of: {scenario}
  std::string_view col_year, col_scenario, col_unit, col_mean, col_p05, col_p25, col_p50, col_p75, col_p95;
  std::string_view share_of_runs, first_reached, not_by_horizon, deadline_marker, p_met_by;  // p_met_by: {year}
  std::string_view table_fans, table_first, show_numbers, no_observations;
  // Beside a fan chart: figures the calibration could not reproduce
  // ({figures}); one figure: {year} {measure} {value} ({sds}).
  std::string_view unreproduced_box, unreproduced_figure, measure_level, measure_floor, measure_growth;
  // Scenarios.
  std::string_view table_scenarios, table_differences, col_reference, col_difference, col_paired_interval,
      paired_missing, reference_note;  // reference_note: {scenario}
  // Track record (rolling-origin backtests).
  std::string_view sec_track, intro_track, no_track, col_cut, col_held_out, col_in50, col_in90, col_crps, col_brier,
      held_out_counts;  // held_out_counts: {scored}, {floors}
  // Parameters.
  std::string_view col_parameter, col_prior;
  std::string_view col_posterior;  // only for experiments drawn from a posterior
  std::string_view col_set_in, col_scenario_override;
  std::string_view flag_assumption, flag_illustrative;
  std::string_view parameters_counts;  // {n}, {a}, {i}
  // Provenance.
  std::string_view table_provenance, table_inputs, col_item, col_value, col_role, col_path, col_bytes, col_sha256;
  std::string_view prov_experiment, prov_status, prov_plan, prov_scenarios, prov_program, prov_command, prov_seed,
      prov_runs, prov_threads, prov_rng, prov_created, prov_finished, prov_wall, prov_posterior, prov_priors_only;
  // How a forecast from a calibration made its runs ({id}: calibration,
  // {year}: last year continued; calibration::ForecastPaths).
  std::string_view prov_paths, paths_continued, paths_fresh;
  std::string_view prov_report, prov_report_command, prov_echarts;
  std::string_view footer;  // {version}, {echarts}
};

const ReportText& report_text(std::string_view lang);

// A keyword stored in the database (an experiment status such as "complete",
// an input-file role such as "priors", a basis such as "assumption") in the
// report's language; in English, and for a keyword it does not know, the
// keyword itself.
std::string_view stored_term(std::string_view keyword, std::string_view lang);

// A prior as stored ("LogNormal(700, 0.4)", "Normal(0.1, 0.04) truncated to
// [0, inf)", model::describe) in the report's language: in Chinese the
// distribution's name and the truncation read as Chinese ("对数正态分布(700, 0.4)").
std::string distribution_text(std::string_view stored, std::string_view lang);

// The sentence saying how a forecast drawn from calibration `calibration`
// made its runs: `paths` "continued" (through `through_year`) or "fresh".
std::string describe_forecast_paths(std::string_view calibration, std::string_view paths, int through_year,
                                    std::string_view lang);

// `pattern` with every "{name}" replaced by `value` (a tiny template for the
// sentences above, whose word order differs between the languages).
std::string fill(std::string_view pattern, std::string_view name, std::string_view value);

}  // namespace targetcast::report
