#include "report/workbook_sheets.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "report/report_format.h"
#include "report/report_sensitivity_tables.h"
#include "report/plain_summary.h"
#include "report/report_tables.h"
#include "report/report_text.h"
#include "report/workbook_words.h"

namespace targetcast::report {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const ReportText& text_of(const ReportOptions& options) {
  return report_text(options.lang);
}


CellTone tone_of(TargetStatus status) {
  switch (status) {
    case TargetStatus::on_track:
      return CellTone::on_track;
    case TargetStatus::at_risk:
      return CellTone::at_risk;
    case TargetStatus::off_track:
      return CellTone::off_track;
    case TargetStatus::unknown:
      break;
  }
  return CellTone::plain;
}

int latest_deadline(const store::ReportData& data) {
  int year = 0;
  for (const store::ReportTarget& t : data.targets) year = std::max(year, t.deadline);
  return year;
}

// The title and note of the other formats' table `id`, so that both say the same.
const ReportTable* find_table(const std::vector<ReportTable>& tables, std::string_view id) {
  const auto at = std::find_if(tables.begin(), tables.end(), [&](const ReportTable& t) { return t.id == id; });
  return at == tables.end() ? nullptr : &*at;
}

WorkbookTable titled(const std::vector<ReportTable>& tables, std::string_view id) {
  const ReportTable* t = find_table(tables, id);
  return t != nullptr ? titled(*t) : WorkbookTable{};
}

WorkbookRow target_row(const store::ReportData& data, std::size_t k, const ReportOptions& o) {
  const ReportText& t = text_of(o);
  const store::ReportTarget& target = data.targets[k];
  const store::TargetResultRow* r = data.find_result(data.scenarios.front().id, target.id);
  const TargetStatus status = classify(r ? r->probability : kNaN, o);
  WorkbookRow row;
  row.cells = {
      number_cell(static_cast<double>(k + 1), CellFormat::whole),
      text_cell(target_name(target, o)),
      text_cell(indicator_name(data, target.indicator_id, o)),
      text_cell(format_rule(target.comparison, target.threshold, indicator_unit(data, target.indicator_id, o), o.lang)),
      number_cell(target.deadline, CellFormat::integer),
      number_cell(r ? r->probability : kNaN, CellFormat::percent, tone_of(status)),
      number_cell(r ? r->ci_low : kNaN, CellFormat::percent),
      number_cell(r ? r->ci_high : kNaN, CellFormat::percent),
      text_cell(std::string(status_label(status, t)), tone_of(status)),
      text_cell(target_rests_text(data, target, o),
                target_rests_text(data, target, o).empty() ? CellTone::plain : CellTone::flagged),
      number_cell(r ? r->at_deadline.p50 : kNaN, CellFormat::value),
      number_cell(r ? r->at_deadline.p05 : kNaN, CellFormat::value),
      number_cell(r ? r->at_deadline.p95 : kNaN, CellFormat::value)};
  if (r != nullptr && r->first_passage_median_year) {
    row.cells.push_back(number_cell(*r->first_passage_median_year, CellFormat::integer));
  } else {
    row.cells.push_back(text_cell(r ? fill(t.not_by, "year", std::to_string(data.experiment.horizon)) : "—"));
  }
  row.cells.push_back(text_cell(source_text(data, target.provenance, o)));
  return row;
}

WorkbookSheet targets_sheet(const store::ReportData& data, const ReportOptions& o,
                            const std::vector<ReportTable>& tables) {
  const ReportText& t = text_of(o);
  const WorkbookWords& w = workbook_words(o.lang);
  WorkbookTable table = titled(tables, "targets");
  // The plan and experiment head the first sheet, as they head the page.
  table.title = fmt::format("{} · {} · {} · {}", table.title, plan_title(data, o),
                            fill(t.subtitle_experiment, "id", std::to_string(data.experiment.id)),
                            fill(t.subtitle_runs, "runs", std::to_string(data.experiment.runs)));
  const std::string at_deadline(w.at_deadline);
  table.header = {std::string(t.col_number),
                  std::string(t.col_target),
                  std::string(t.col_indicator),
                  std::string(t.col_rule),
                  std::string(t.col_deadline),
                  std::string(t.col_p_met),
                  column_part(t.col_interval, w.low, o.lang),
                  column_part(t.col_interval, w.high, o.lang),
                  std::string(t.col_status),
                  std::string(t.col_rests),
                  column_part(at_deadline, t.col_p50, o.lang),
                  column_part(at_deadline, t.col_p05, o.lang),
                  column_part(at_deadline, t.col_p95, o.lang),
                  std::string(t.col_first_median),
                  std::string(t.col_source)};
  if (!data.scenarios.empty()) {
    for (std::size_t k = 0; k < data.targets.size(); ++k) table.rows.push_back(target_row(data, k, o));
    if (const store::JointResultRow* j = data.find_joint(data.scenarios.front().id)) {
      const CellTone tone = tone_of(classify(j->probability, o));
      WorkbookRow row{{text_cell(""), text_cell(fill(t.joint_row, "n", std::to_string(data.targets.size()))),
                       text_cell(""), text_cell(""), number_cell(latest_deadline(data), CellFormat::integer),
                       number_cell(j->probability, CellFormat::percent, tone),
                       number_cell(j->ci_low, CellFormat::percent), number_cell(j->ci_high, CellFormat::percent),
                       text_cell(std::string(status_label(classify(j->probability, o), t)), tone)},
                      true};
      table.rows.push_back(std::move(row));
    }
  }
  if (data.experiment.status != "complete") {
    table.notes.insert(table.notes.begin(),
                       fill(t.warning_status, "status", stored_term(data.experiment.status, o.lang)));
  }
  if (const std::string joint = joint_sentence(data, o); !joint.empty()) table.notes.push_back(joint);
  table.notes.push_back(status_counts(data, o));
  // The plain-language summary, as at the top of the other formats (issue 16, item 13).
  for (const std::string& sentence : plain_summary(data, o)) table.notes.push_back(sentence);
  return one_table_sheet("targets", std::move(table), o);
}

WorkbookSheet indicators_sheet(const store::ReportData& data, const ReportOptions& o,
                               const std::vector<ReportTable>& tables) {
  const ReportText& t = text_of(o);
  const bool several = data.scenarios.size() > 1;
  WorkbookTable table = titled(tables, "indicators");
  if (several) table.header.emplace_back(t.col_scenario);
  for (const std::string_view h :
       {t.col_indicator, t.col_unit, t.col_year, t.col_p05, t.col_p25, t.col_p50, t.col_p75, t.col_p95, t.col_mean}) {
    table.header.emplace_back(h);
  }
  for (const store::ReportFan& fan : data.fans) {
    for (std::size_t y = 0; y < fan.years.size(); ++y) {
      const model::DistributionSummary& v = fan.values[y];
      WorkbookRow row;
      if (several) row.cells.push_back(text_cell(scenario_title(data, fan.scenario_id, o)));
      row.cells.push_back(text_cell(indicator_name(data, fan.indicator_id, o)));
      row.cells.push_back(text_cell(indicator_unit(data, fan.indicator_id, o)));
      row.cells.push_back(number_cell(fan.years[y], CellFormat::integer));
      for (const double x : {v.p05, v.p25, v.p50, v.p75, v.p95, v.mean}) {
        row.cells.push_back(number_cell(x, CellFormat::value));
      }
      table.rows.push_back(std::move(row));
    }
  }
  return one_table_sheet("indicators", std::move(table), o);
}

WorkbookRow first_passage_row(const store::ReportData& data, const store::ReportFirstPassage& f,
                              const store::ReportTarget& target, const ReportOptions& o) {
  WorkbookRow row;
  if (data.scenarios.size() > 1) row.cells.push_back(text_cell(scenario_title(data, f.scenario_id, o)));
  row.cells.push_back(text_cell(target_name(target, o)));
  row.cells.push_back(number_cell(target.deadline, CellFormat::integer));
  const double total = static_cast<double>(f.total());
  const auto share = [&](std::uint64_t runs) { return total > 0 ? static_cast<double>(runs) / total : kNaN; };
  for (int year = data.experiment.base_year; year <= data.experiment.horizon; ++year) {
    const auto at = std::find(f.years.begin(), f.years.end(), year);
    const std::uint64_t runs = at == f.years.end() ? 0 : f.runs[static_cast<std::size_t>(at - f.years.begin())];
    row.cells.push_back(number_cell(share(runs), CellFormat::percent));
  }
  row.cells.push_back(number_cell(share(f.never), CellFormat::percent));
  return row;
}

WorkbookSheet first_passage_sheet(const store::ReportData& data, const ReportOptions& o,
                                  const std::vector<ReportTable>& tables) {
  const ReportText& t = text_of(o);
  WorkbookTable table = titled(tables, "first_passage");
  if (data.scenarios.size() > 1) table.header.emplace_back(t.col_scenario);
  table.header.emplace_back(t.col_target);
  table.header.emplace_back(t.col_deadline);
  for (int year = data.experiment.base_year; year <= data.experiment.horizon; ++year) {
    table.header.push_back(std::to_string(year));
  }
  table.header.push_back(fill(t.not_by_horizon, "year", std::to_string(data.experiment.horizon)));
  for (const store::ReportScenario& s : data.scenarios) {
    for (const store::ReportTarget& target : data.targets) {
      if (const store::ReportFirstPassage* f = data.find_first_passage(s.id, target.id)) {
        table.rows.push_back(first_passage_row(data, *f, target, o));
      }
    }
  }
  return one_table_sheet("first_passage", std::move(table), o);
}

WorkbookSheet scenarios_sheet(const store::ReportData& data, const ReportOptions& o,
                              const std::vector<ReportTable>& tables) {
  const ReportText& t = text_of(o);
  WorkbookTable table = titled(tables, "scenarios");
  table.header = {std::string(t.col_target), std::string(t.col_deadline)};
  for (const store::ReportScenario& s : data.scenarios)
    table.header.push_back(qualified(t.col_p_met, s.title.in(o.lang), o));
  for (const store::ReportTarget& target : data.targets) {
    WorkbookRow row{{text_cell(target_name(target, o)), number_cell(target.deadline, CellFormat::integer)}};
    for (const store::ReportScenario& s : data.scenarios) {
      const store::TargetResultRow* r = data.find_result(s.id, target.id);
      row.cells.push_back(number_cell(r ? r->probability : kNaN, CellFormat::percent));
    }
    table.rows.push_back(std::move(row));
  }
  WorkbookRow joint{{text_cell(fill(t.joint_row, "n", std::to_string(data.targets.size()))),
                     number_cell(latest_deadline(data), CellFormat::integer)},
                    true};
  for (const store::ReportScenario& s : data.scenarios) {
    const store::JointResultRow* j = data.find_joint(s.id);
    joint.cells.push_back(number_cell(j ? j->probability : kNaN, CellFormat::percent));
  }
  table.rows.push_back(std::move(joint));
  return one_table_sheet("scenarios", std::move(table), o);
}

// P(met) differences in percentage points, as the header says.
double points(double difference) {
  return 100.0 * difference;
}

WorkbookSheet differences_sheet(const store::ReportData& data, const ReportOptions& o,
                                const std::vector<ReportTable>& tables) {
  const ReportText& t = text_of(o);
  const WorkbookWords& w = workbook_words(o.lang);
  WorkbookTable table = titled(tables, "differences");
  table.header = {std::string(t.col_target),
                  std::string(t.col_scenario),
                  std::string(t.col_reference),
                  qualified(t.col_p_met, t.col_reference, o),
                  qualified(t.col_p_met, t.col_scenario, o),
                  std::string(t.col_difference),
                  column_part(t.col_paired_interval, w.low, o.lang),
                  column_part(t.col_paired_interval, w.high, o.lang)};
  const std::string& ref = data.scenarios.front().id;
  for (std::size_t s = 1; s < data.scenarios.size(); ++s) {
    const store::ReportScenario& scenario = data.scenarios[s];
    for (const store::ReportTarget& target : data.targets) {
      const store::TargetResultRow* a = data.find_result(ref, target.id);
      const store::TargetResultRow* b = data.find_result(scenario.id, target.id);
      WorkbookRow row{{text_cell(target_name(target, o)), text_cell(scenario.title.in(o.lang)),
                       text_cell(scenario_title(data, ref, o)),
                       number_cell(a ? a->probability : kNaN, CellFormat::percent),
                       number_cell(b ? b->probability : kNaN, CellFormat::percent),
                       number_cell(a && b ? points(b->probability - a->probability) : kNaN, CellFormat::points)}};
      const store::ReportComparison* c = data.find_comparison(scenario.id, target.id);
      if (c != nullptr && c->reference_id == ref) {
        row.cells.push_back(number_cell(points(c->ci_low), CellFormat::points));
        row.cells.push_back(number_cell(points(c->ci_high), CellFormat::points));
      } else {
        row.cells.push_back(text_cell(std::string(t.paired_missing)));
      }
      table.rows.push_back(std::move(row));
    }
  }
  return one_table_sheet("differences", std::move(table), o);
}

}  // namespace

WorkbookTable titled(const ReportTable& table) {
  WorkbookTable out;
  out.title = table.title;
  if (!table.note.empty()) out.notes.push_back(table.note);
  return out;
}

WorkbookSheet one_table_sheet(std::string id, WorkbookTable table, const ReportOptions& o) {
  WorkbookSheet sheet;
  sheet.name = sheet_name(id, o);
  sheet.id = std::move(id);
  sheet.tables.push_back(std::move(table));
  return sheet;
}

WorkbookCell text_cell(std::string text, CellTone tone) {
  WorkbookCell cell;
  cell.text = std::move(text);
  cell.tone = tone;
  return cell;
}

WorkbookCell number_cell(double number, CellFormat format, CellTone tone) {
  WorkbookCell cell;
  cell.number = number;
  cell.format = format;
  cell.tone = tone;
  if (std::isnan(number)) cell.text = "—";
  return cell;
}

std::string sheet_name(std::string_view id, const ReportOptions& options) {
  const WorkbookWords& w = workbook_words(options.lang);
  const std::pair<std::string_view, std::string_view> names[] = {
      {"targets", w.tab_targets},      {"indicators", w.tab_indicators},     {"first_passage", w.tab_first_passage},
      {"scenarios", w.tab_scenarios},  {"differences", w.tab_differences},   {"drivers", w.tab_drivers},
      {"solves", w.tab_solves},        {"track_record", w.tab_track_record}, {"parameters", w.tab_parameters},
      {"provenance", w.tab_provenance}};
  for (const auto& [key, name] : names) {
    if (key == id) return std::string(name);
  }
  return std::string(id);
}

std::vector<WorkbookSheet> workbook_sheets(const store::ReportData& data, const ReportOptions& options) {
  check_report_options(options);
  const std::vector<ReportTable> tables = report_tables(data, options);
  std::vector<WorkbookSheet> sheets;
  sheets.push_back(targets_sheet(data, options, tables));
  sheets.push_back(indicators_sheet(data, options, tables));
  sheets.push_back(first_passage_sheet(data, options, tables));
  if (data.scenarios.size() > 1) {
    sheets.push_back(scenarios_sheet(data, options, tables));
    sheets.push_back(differences_sheet(data, options, tables));
  }
  if (!data.sensitivity.sobol.empty()) sheets.push_back(drivers_sheet(data, options));
  if (!data.sensitivity.solves.empty()) sheets.push_back(solves_sheet(data, options));
  if (!data.track_record.empty()) sheets.push_back(track_record_sheet(data, options));
  sheets.push_back(parameters_sheet(data, options));
  sheets.push_back(provenance_sheet(data, options));
  return sheets;
}

}  // namespace targetcast::report
