#include "report/report_tables.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <utility>

#include "report/input_names.h"
#include "report/report_assets.h"
#include "report/report_format.h"
#include "report/report_sensitivity_tables.h"
#include "report/report_text.h"
#include "report/scenario_changes.h"
#include "report/track_record_table.h"

namespace targetcast::report {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const ReportText& text_of(const ReportOptions& options) {
  return report_text(options.lang);
}


bool several_scenarios(const store::ReportData& data) {
  return data.scenarios.size() > 1;
}

const std::string& reference_id(const store::ReportData& data) {
  static const std::string none;
  return data.scenarios.empty() ? none : data.scenarios.front().id;
}

int latest_deadline(const store::ReportData& data) {
  int year = 0;
  for (const store::ReportTarget& t : data.targets) year = std::max(year, t.deadline);
  return year;
}

// Scenario columns: each scenario's title.
std::vector<std::string> scenario_titles(const store::ReportData& data, const ReportOptions& o) {
  std::vector<std::string> titles;
  for (const store::ReportScenario& s : data.scenarios) titles.push_back(s.title.in(o.lang));
  return titles;
}

}  // namespace

std::string indicator_name(const store::ReportData& data, std::string_view id, const ReportOptions& o) {
  const store::ReportIndicator* i = data.find_indicator(id);
  return i ? i->name.in(o.lang) : std::string(id);
}

std::string indicator_unit(const store::ReportData& data, std::string_view id, const ReportOptions& o) {
  const store::ReportIndicator* i = data.find_indicator(id);
  return i ? i->unit.in(o.lang) : std::string();
}

// The target's name, marked when the plan states no number for it.
std::string target_name(const store::ReportTarget& t, const ReportOptions& o) {
  std::string name = t.name.in(o.lang);
  if (t.provenance.basis == "illustrative") {
    const std::string_view mark = text_of(o).illustrative_mark;
    name += qualified("", mark, o);
  }
  return name;
}

// “quote” (the document by title and issuing body), or the note when there is no quote.
std::string source_text(const store::ReportData& data, const store::ReportProvenance& p, const ReportOptions& o) {
  std::string out;
  if (!p.quote.empty()) out = "“" + p.quote + "”";
  if (!p.source.empty()) {
    const std::string title = source_name(data.documents, p.source, o.lang);
    out += o.lang == "zh" ? fmt::format("({})", title) : fmt::format("{}({})", out.empty() ? "" : " ", title);
  }
  if (out.empty()) out = p.note_in(o.lang);
  return out;
}

std::string plan_title(const store::ReportData& data, const ReportOptions& options) {
  return data.plan_title.in(options.lang).empty() ? data.experiment.plan_id : data.plan_title.in(options.lang);
}

std::string scenario_title(const store::ReportData& data, std::string_view scenario_id, const ReportOptions& options) {
  const store::ReportScenario* s = data.find_scenario(scenario_id);
  return s ? s->title.in(options.lang) : std::string(scenario_id);
}

namespace {

std::size_t resting_on_assumption(const store::ReportData& data) {
  return static_cast<std::size_t>(std::count_if(data.targets.begin(), data.targets.end(),
                                                [](const store::ReportTarget& x) { return x.rests_on_assumption; }));
}

// The joint probability multiplies every target's odds: say how many of them
// rest on an assumption.
std::string joint_rests_text(const store::ReportData& data, const ReportText& t) {
  const std::size_t k = resting_on_assumption(data);
  return k == 0 ? "" : fill(fill(t.joint_rests, "k", std::to_string(k)), "n", std::to_string(data.targets.size()));
}

}  // namespace

std::string joint_sentence(const store::ReportData& data, const ReportOptions& options) {
  const store::JointResultRow* j = data.find_joint(reference_id(data));
  if (j == nullptr) return {};
  const ReportText& t = text_of(options);
  std::string s = fill(t.joint_sentence, "n", std::to_string(data.targets.size()));
  s = fill(s, "p", format_percent(j->probability));
  s = fill(s, "lo", format_percent(j->ci_low));
  s = fill(s, "hi", format_percent(j->ci_high));
  const std::string rests = joint_rests_text(data, t);
  if (rests.empty()) return s;
  return options.lang == "zh" ? s + rests + "。" : s + " " + rests + ".";
}

std::string status_counts(const store::ReportData& data, const ReportOptions& options) {
  int on = 0, risk = 0, off = 0;
  for (const store::ReportTarget& t : data.targets) {
    const store::TargetResultRow* r = data.find_result(reference_id(data), t.id);
    switch (classify(r ? r->probability : kNaN, options)) {
      case TargetStatus::on_track:
        ++on;
        break;
      case TargetStatus::at_risk:
        ++risk;
        break;
      case TargetStatus::off_track:
        ++off;
        break;
      case TargetStatus::unknown:
        break;
    }
  }
  std::string s = fill(text_of(options).summary_counts, "on", std::to_string(on));
  s = fill(s, "risk", std::to_string(risk));
  return fill(s, "off", std::to_string(off));
}

bool moved_only_by_scenarios(const store::ReportData& data, std::string_view indicator_id) {
  const store::ReportIndicator* i = data.find_indicator(indicator_id);
  return i != nullptr && model::moved_only_by_scenarios(std::string_view(i->kind));
}

namespace {

bool any_scenario_only(const store::ReportData& data) {
  return std::any_of(data.targets.begin(), data.targets.end(),
                     [&](const store::ReportTarget& x) { return moved_only_by_scenarios(data, x.indicator_id); });
}

}  // namespace

std::string target_rests_text(const store::ReportData& data, const store::ReportTarget& target,
                              const ReportOptions& options) {
  const ReportText& t = text_of(options);
  std::string cell = target.rests_on_assumption ? std::string(t.rests_mark) : "";
  if (moved_only_by_scenarios(data, target.indicator_id)) {
    cell += (cell.empty() ? "" : " · ") + std::string(t.scenario_only_mark);
  }
  return cell;
}

std::string status_legend(const ReportOptions& options) {
  std::string s = fill(text_of(options).legend_status, "on", format_threshold_percent(options.on_track));
  return fill(s, "risk", format_threshold_percent(options.at_risk));
}

std::string generated_at(const ReportOptions& options) {
  if (!options.generated_at.empty()) return options.generated_at;
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
}

ReportTable targets_table(const store::ReportData& data, const ReportOptions& o) {
  const ReportText& t = text_of(o);
  ReportTable table("targets", t.sec_targets);
  for (const auto& [heading, numeric] : {std::pair{t.col_number, true},
                                         {t.col_target, false},
                                         {t.col_indicator, false},
                                         {t.col_rule, false},
                                         {t.col_deadline, true},
                                         {t.col_p_met, true},
                                         {t.col_interval, true},
                                         {t.col_status, false},
                                         {t.col_rests, false},
                                         {t.col_at_deadline, true},
                                         {t.col_first_median, true},
                                         {t.col_source, false}}) {
    table.column(heading, numeric);
  }
  table.note = status_legend(o);
  if (resting_on_assumption(data) > 0) table.note += " " + std::string(t.rests_note);
  if (any_scenario_only(data)) table.note += " " + std::string(t.scenario_only_note);
  table.status_column = 7;
  table.subline_column = 2;
  const std::string& ref = reference_id(data);
  const int horizon = data.experiment.horizon;
  for (std::size_t k = 0; k < data.targets.size(); ++k) {
    const store::ReportTarget& target = data.targets[k];
    const store::TargetResultRow* r = data.find_result(ref, target.id);
    const TargetStatus status = classify(r ? r->probability : kNaN, o);
    std::string first = "—";
    std::string at_deadline = "—";
    if (r != nullptr) {
      first = r->first_passage_median_year ? std::to_string(*r->first_passage_median_year)
                                           : fill(t.not_by, "year", std::to_string(horizon));
      at_deadline = format_range(r->at_deadline.p50, r->at_deadline.p05, r->at_deadline.p95);
    }
    table.add({std::to_string(k + 1), target_name(target, o), indicator_name(data, target.indicator_id, o),
               format_rule(target.comparison, target.threshold, indicator_unit(data, target.indicator_id, o), o.lang),
               std::to_string(target.deadline), r ? format_percent(r->probability) : "—",
               r ? format_interval(r->ci_low, r->ci_high) : "—", std::string(status_label(status, t)),
               target_rests_text(data, target, o), at_deadline, first, source_text(data, target.provenance, o)},
              std::string(status_class(status)));
  }
  if (const store::JointResultRow* j = data.find_joint(ref)) {
    const TargetStatus status = classify(j->probability, o);
    table.add(
        {"", fill(t.joint_row, "n", std::to_string(data.targets.size())), "", "", std::to_string(latest_deadline(data)),
         format_percent(j->probability), format_interval(j->ci_low, j->ci_high), std::string(status_label(status, t)),
         joint_rests_text(data, t), "", "", ""},
        "joint " + std::string(status_class(status)));
  }
  return table;
}

ReportTable scenario_list_table(const store::ReportData& data, const ReportOptions& o) {
  const ReportText& t = text_of(o);
  ReportTable table("scenario_list", t.sec_scenarios);
  table.column(t.col_scenario);
  table.column(t.scenario_changes);
  table.column(t.col_description);
  for (const store::ReportScenario& s : data.scenarios) {
    std::string changes = scenario_changes_text(s, data, o.lang);
    if (changes.empty()) changes = "—";
    table.add({s.title.in(o.lang), changes, s.description.in(o.lang)});
  }
  return table;
}

ReportTable scenarios_table(const store::ReportData& data, const ReportOptions& o) {
  const ReportText& t = text_of(o);
  ReportTable table("scenarios", t.table_scenarios);
  table.column(t.col_target);
  table.column(t.col_deadline, true);
  for (const std::string& title : scenario_titles(data, o)) table.column(qualified(t.col_p_met, title, o), true);
  table.note = fill(t.reference_note, "scenario", scenario_title(data, reference_id(data), o));
  if (any_scenario_only(data)) table.note += " " + std::string(t.scenario_only_note);
  for (const store::ReportTarget& target : data.targets) {
    std::string name = target_name(target, o);
    if (moved_only_by_scenarios(data, target.indicator_id)) name += qualified("", t.scenario_only_mark, o);
    std::vector<std::string> row{name, std::to_string(target.deadline)};
    for (const store::ReportScenario& s : data.scenarios) {
      const store::TargetResultRow* r = data.find_result(s.id, target.id);
      row.push_back(r ? format_percent(r->probability) : "—");
    }
    table.add(std::move(row));
  }
  std::vector<std::string> joint{fill(t.joint_row, "n", std::to_string(data.targets.size())),
                                 std::to_string(latest_deadline(data))};
  for (const store::ReportScenario& s : data.scenarios) {
    const store::JointResultRow* j = data.find_joint(s.id);
    joint.push_back(j ? format_percent(j->probability) : "—");
  }
  table.add(std::move(joint), "joint");
  return table;
}

ReportTable differences_table(const store::ReportData& data, const ReportOptions& o) {
  const ReportText& t = text_of(o);
  ReportTable table("differences", t.table_differences);
  table.column(t.col_target);
  table.column(t.col_scenario);
  table.column(t.col_reference);
  table.column(qualified(t.col_p_met, t.col_reference, o), true);
  table.column(qualified(t.col_p_met, t.col_scenario, o), true);
  table.column(t.col_difference, true);
  table.column(t.col_paired_interval, true);
  const std::string& ref = reference_id(data);
  const std::string ref_title = scenario_title(data, ref, o);
  for (std::size_t s = 1; s < data.scenarios.size(); ++s) {
    const store::ReportScenario& scenario = data.scenarios[s];
    for (const store::ReportTarget& target : data.targets) {
      const store::TargetResultRow* a = data.find_result(ref, target.id);
      const store::TargetResultRow* b = data.find_result(scenario.id, target.id);
      const double difference = a && b ? b->probability - a->probability : kNaN;
      std::string paired(t.paired_missing);
      if (const store::ReportComparison* c = data.find_comparison(scenario.id, target.id);
          c && c->reference_id == ref) {
        paired = fmt::format("[{}, {}]", format_points(c->ci_low), format_points(c->ci_high));
      }
      table.add({target_name(target, o), scenario.title.in(o.lang), ref_title, a ? format_percent(a->probability) : "—",
                 b ? format_percent(b->probability) : "—", format_points(difference), paired});
    }
  }
  return table;
}

ReportTable first_passage_table(const store::ReportData& data, const ReportOptions& o) {
  const ReportText& t = text_of(o);
  const bool several = several_scenarios(data);
  ReportTable table("first_passage", t.table_first);
  if (several) table.column(t.col_scenario);
  table.column(t.col_target);
  table.column(t.col_deadline, true);
  for (int year = data.experiment.base_year; year <= data.experiment.horizon; ++year) {
    table.column(std::to_string(year), true);
  }
  table.column(fill(t.not_by_horizon, "year", std::to_string(data.experiment.horizon)), true);
  for (const store::ReportScenario& s : data.scenarios) {
    for (const store::ReportTarget& target : data.targets) {
      const store::ReportFirstPassage* f = data.find_first_passage(s.id, target.id);
      if (f == nullptr) continue;
      const double total = static_cast<double>(f->total());
      std::vector<std::string> row;
      if (several) row.push_back(s.title.in(o.lang));
      row.insert(row.end(), {target_name(target, o), std::to_string(target.deadline)});
      for (int year = data.experiment.base_year; year <= data.experiment.horizon; ++year) {
        const auto at = std::find(f->years.begin(), f->years.end(), year);
        const double runs =
            at == f->years.end() ? 0.0 : static_cast<double>(f->runs[static_cast<std::size_t>(at - f->years.begin())]);
        row.push_back(format_percent(total > 0 ? runs / total : kNaN));
      }
      row.push_back(format_percent(total > 0 ? static_cast<double>(f->never) / total : kNaN));
      table.add(std::move(row));
    }
  }
  return table;
}

ReportTable indicator_table(const store::ReportData& data, const ReportOptions& o) {
  const ReportText& t = text_of(o);
  const bool several = several_scenarios(data);
  ReportTable table("indicators", t.table_fans);
  if (several) table.column(t.col_scenario);
  table.column(t.col_indicator);
  table.column(t.col_unit);
  for (const std::string_view h : {t.col_year, t.col_p05, t.col_p25, t.col_p50, t.col_p75, t.col_p95, t.col_mean}) {
    table.column(h, true);
  }
  for (const store::ReportFan& fan : data.fans) {
    for (std::size_t y = 0; y < fan.years.size(); ++y) {
      const model::DistributionSummary& v = fan.values[y];
      std::vector<std::string> row;
      if (several) row.push_back(scenario_title(data, fan.scenario_id, o));
      row.insert(row.end(), {indicator_name(data, fan.indicator_id, o), indicator_unit(data, fan.indicator_id, o),
                             std::to_string(fan.years[y])});
      const std::vector<std::string> values = format_row({v.p05, v.p25, v.p50, v.p75, v.p95, v.mean});
      row.insert(row.end(), values.begin(), values.end());
      table.add(std::move(row));
    }
  }
  return table;
}

bool parameter_listed(const store::ReportData& data, const store::ReportParameter& p) {
  const std::string& ref = reference_id(data);
  if (p.scenario_id == ref) return true;
  // A later scenario lists only the priors it changes.
  return std::none_of(data.parameters.begin(), data.parameters.end(), [&](const store::ReportParameter& r) {
    return r.scenario_id == ref && r.name == p.name && r.distribution == p.distribution && r.basis == p.basis;
  });
}

ReportTable parameters_table(const store::ReportData& data, const ReportOptions& o) {
  const ReportText& t = text_of(o);
  const bool several = several_scenarios(data);
  ReportTable table("parameters", t.sec_parameters);
  const bool posterior = !data.experiment.posterior.empty();
  table.column(t.col_parameter);
  table.column(t.col_prior);
  if (posterior) table.column(t.col_posterior);
  for (const std::string_view h : {t.col_basis, t.col_source, t.col_set_in}) table.column(h);
  // With several scenarios, the priors a later scenario changes follow, named in a last column.
  if (several) table.column(t.col_scenario_override);
  const std::string& ref = reference_id(data);
  int shown = 0, assumptions = 0, illustrative = 0;
  for (const store::ReportParameter& p : data.parameters) {
    if (!parameter_listed(data, p)) continue;
    if (p.scenario_id == ref) {
      ++shown;
      if (p.basis == "assumption") ++assumptions;
      if (p.basis == "illustrative") ++illustrative;
    }
    // Assumptions and illustrative priors are flagged: marked here, highlighted in HTML.
    const bool flagged = p.basis == "assumption" || p.basis == "illustrative";
    const std::string basis = (flagged ? "⚠ " : "") + std::string(stored_term(p.basis, o.lang));
    std::string source = source_text(data, {p.basis, p.source, p.quote, ""}, o);
    if (!p.note_in(o.lang).empty()) source += (source.empty() ? "" : " — ") + p.note_in(o.lang);
    std::vector<std::string> row{input_name(data, p.name, o.lang), distribution_text(p.distribution, o.lang)};
    if (posterior) {
      row.push_back(p.has_drawn ? format_range(p.drawn.p50, p.drawn.p05, p.drawn.p95) : std::string());
    }
    row.insert(row.end(), {basis, source, p.line > 0 ? fmt::format("{}:{}", p.origin, p.line) : p.origin});
    if (several) row.push_back(p.scenario_id == ref ? std::string() : scenario_title(data, p.scenario_id, o));
    table.add(std::move(row), flagged ? "flagged" : "");
  }
  std::string note = fill(t.parameters_counts, "n", std::to_string(shown));
  note = fill(note, "a", std::to_string(assumptions));
  table.note = fill(note, "i", std::to_string(illustrative));
  return table;
}

ReportTable provenance_table(const store::ReportData& data, const ReportOptions& o) {
  const ReportText& t = text_of(o);
  const store::ExperimentRow& e = data.experiment;
  ReportTable table("provenance", t.table_provenance);
  table.column(t.col_item);
  table.column(t.col_value);
  table.note = t.intro_provenance;
  std::string scenarios;
  for (const store::ReportScenario& s : data.scenarios) {
    scenarios += (scenarios.empty() ? "" : "; ") + fmt::format("{} ({})", s.title.in(o.lang), s.id);
  }
  const auto add = [&](std::string_view item, std::string value) { table.add({std::string(item), std::move(value)}); };
  add(t.prov_experiment, std::to_string(e.id));
  add(t.prov_status, std::string(stored_term(e.status, o.lang)));
  add(t.prov_plan, fmt::format("{} ({})", plan_title(data, o), e.plan_id));
  add(t.prov_scenarios, scenarios);
  add(t.prov_program, "targetcast " + e.program_version);
  table.add({std::string(t.prov_command), e.command_line}, "code");
  add(t.prov_seed, std::to_string(e.master_seed));
  add(t.prov_runs, std::to_string(e.runs));
  add(t.prov_threads, std::to_string(e.threads));
  add(t.prov_rng, std::to_string(e.rng_layout_version));
  add(t.prov_created, e.created);
  add(t.prov_finished, e.finished.empty() ? "—" : e.finished);
  add(t.prov_wall, e.wall_seconds > 0 ? fmt::format("{:.1f}", e.wall_seconds) : "—");
  add(t.prov_posterior, e.posterior.empty() ? std::string(t.prov_priors_only) : e.posterior);
  if (!e.posterior_paths.empty()) {
    add(t.prov_paths, describe_forecast_paths(e.posterior, e.posterior_paths, e.paths_through_year, o.lang));
  }
  add(t.prov_report, generated_at(o));
  if (!o.report_command.empty()) table.add({std::string(t.prov_report_command), o.report_command}, "code");
  add(t.prov_echarts, fmt::format("Apache ECharts {}", echarts_version()));
  return table;
}

ReportTable input_files_table(const store::ReportData& data, const ReportOptions& o) {
  const ReportText& t = text_of(o);
  ReportTable table("input_files", t.table_inputs);
  table.column(t.col_role);
  table.column(t.col_path);
  table.column(t.col_bytes, true);
  table.column(t.col_sha256);
  for (const store::ReportInputFile& f : data.input_files) {
    table.add({std::string(stored_term(f.role, o.lang)), f.path, std::to_string(f.bytes), f.sha256});
  }
  return table;
}

std::vector<ReportTable> report_tables(const store::ReportData& data, const ReportOptions& options) {
  std::vector<ReportTable> tables;
  tables.push_back(targets_table(data, options));
  tables.push_back(indicator_table(data, options));
  tables.push_back(first_passage_table(data, options));
  if (several_scenarios(data)) {
    tables.push_back(scenario_list_table(data, options));
    tables.push_back(scenarios_table(data, options));
    tables.push_back(differences_table(data, options));
  }
  if (!data.sensitivity.sobol.empty()) tables.push_back(drivers_table(data, options));
  if (!data.sensitivity.solves.empty()) tables.push_back(solves_table(data, options));
  if (!data.track_record.empty()) tables.push_back(track_record_table(data, options));
  tables.push_back(parameters_table(data, options));
  tables.push_back(provenance_table(data, options));
  tables.push_back(input_files_table(data, options));
  return tables;
}

std::string qualified(std::string_view label, std::string_view what, const ReportOptions& o) {
  return o.lang == "zh" ? fmt::format("{}({})", label, what) : fmt::format("{} ({})", label, what);
}

}  // namespace targetcast::report
