// The workbook's sheets of what drives the odds, the lever solves, the track
// record, the parameters and the provenance (report/workbook_sheets.h).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "report/input_names.h"
#include "report/report_format.h"
#include "report/report_sensitivity_tables.h"
#include "report/report_tables.h"
#include "report/report_text.h"
#include "report/track_record_table.h"
#include "report/workbook_sheets.h"
#include "report/workbook_words.h"

namespace targetcast::report {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// An index with no bootstrap interval is stored as NaN bounds: the cells say "—".
void add_index(WorkbookRow& row, double x, double low, double high) {
  row.cells.push_back(number_cell(x, CellFormat::index));
  row.cells.push_back(number_cell(low, CellFormat::index));
  row.cells.push_back(number_cell(high, CellFormat::index));
}

WorkbookRow driver_row(const store::ReportData& data, const store::ReportDriver& d, std::string target,
                       std::size_t rank, const ReportOptions& o) {
  const WorkbookWords& w = workbook_words(o.lang);
  const bool assumption = d.basis == "assumption";
  std::string basis = assumption              ? std::string(w.rests)
                      : d.kind == "intrinsic" ? std::string(w.irreducible)
                                              : std::string(stored_term(d.basis, o.lang));
  if (assumption && !d.note.empty()) basis += " — " + input_note(data, d, o.lang);
  const CellTone tone = assumption ? CellTone::flagged : CellTone::plain;
  WorkbookRow row{{text_cell(std::move(target)), number_cell(static_cast<double>(rank), CellFormat::whole),
                   text_cell(input_name(data, d.name, o.lang), tone)}};
  add_index(row, d.total_met, d.total_met_low, d.total_met_high);
  row.cells.push_back(number_cell(d.first_met, CellFormat::index));
  add_index(row, d.total_value, d.total_value_low, d.total_value_high);
  row.cells.push_back(text_cell(std::move(basis), tone));
  return row;
}

// Every number that the provenance prints as a plain decimal (an id, the runs,
// the seed when it fits a double exactly, the seconds) becomes a number cell.
WorkbookCell provenance_value(const std::string& value) {
  const bool decimal = !value.empty() && value.size() <= 15 && std::isdigit(static_cast<unsigned char>(value[0])) &&
                       std::count(value.begin(), value.end(), '.') <= 1 &&
                       std::all_of(value.begin(), value.end(),
                                   [](char c) { return c == '.' || std::isdigit(static_cast<unsigned char>(c)); });
  if (!decimal || value.back() == '.') return text_cell(value);
  const bool whole = value.find('.') == std::string::npos;
  return number_cell(std::stod(value), whole ? CellFormat::integer : CellFormat::value);
}

}  // namespace

WorkbookSheet drivers_sheet(const store::ReportData& data, const ReportOptions& o) {
  const ReportText& t = report_text(o.lang);
  const WorkbookWords& w = workbook_words(o.lang);
  WorkbookTable table = titled(drivers_table(data, o));
  // Every input that matters, not only the HTML's top five: a spreadsheet sorts and filters them.
  table.title = drivers_heading(o);
  table.notes.insert(table.notes.begin(), drivers_intro(data, o));
  table.header = {std::string(t.col_target),
                  std::string(w.col_rank),
                  std::string(w.col_input),
                  std::string(w.col_st_met),
                  column_part(w.col_st_met, w.low, o.lang),
                  column_part(w.col_st_met, w.high, o.lang),
                  std::string(w.col_s_met),
                  std::string(w.col_st_value),
                  column_part(w.col_st_value, w.low, o.lang),
                  column_part(w.col_st_value, w.high, o.lang),
                  std::string(t.col_basis)};
  for (const store::ReportSobolTarget& s : data.sensitivity.sobol) {
    const std::string name = sensitivity_target_name(data, s.target_id, o);
    if (!(s.met_variance > 0.0)) {
      table.rows.push_back({{text_cell(name), text_cell(""), text_cell(std::string(w.no_attribution))}});
      continue;
    }
    for (std::size_t k = 0; k < s.drivers.size(); ++k) {
      if (!(s.drivers[k].total_met > 0.0)) break;  // the rest provably or measurably do nothing, as in the HTML
      table.rows.push_back(driver_row(data, s.drivers[k], name, k + 1, o));
    }
  }
  return one_table_sheet("drivers", std::move(table), o);
}

WorkbookSheet solves_sheet(const store::ReportData& data, const ReportOptions& o) {
  const ReportText& t = report_text(o.lang);
  const WorkbookWords& w = workbook_words(o.lang);
  WorkbookTable table = titled(solves_table(data, o));
  table.header = {std::string(t.col_target),
                  std::string(w.col_lever),
                  std::string(w.col_from_year),
                  column_part(w.col_range, w.low, o.lang),
                  column_part(w.col_range, w.high, o.lang),
                  std::string(w.col_required),
                  std::string(w.col_value_needed),
                  std::string(w.col_confirmation),
                  column_part(t.col_interval, w.low, o.lang),
                  column_part(t.col_interval, w.high, o.lang),
                  std::string(w.col_confirmation_runs)};
  for (const store::ReportSolve& s : data.sensitivity.solves) {
    const CellTone tone = s.reached ? CellTone::plain : CellTone::off_track;
    table.rows.push_back(
        {{text_cell(sensitivity_target_name(data, s.target_id, o)), text_cell(input_name(data, s.lever, o.lang)),
          number_cell(s.from_year, CellFormat::integer), number_cell(s.range_low, CellFormat::value),
          number_cell(s.range_high, CellFormat::value), number_cell(s.required, CellFormat::percent),
          s.reached ? number_cell(s.value, CellFormat::value) : text_cell(std::string(w.none_in_range), tone),
          number_cell(s.probability, CellFormat::percent), number_cell(s.ci_low, CellFormat::percent),
          number_cell(s.ci_high, CellFormat::percent),
          number_cell(static_cast<double>(s.confirmation_runs), CellFormat::whole)}});
  }
  return one_table_sheet("solves", std::move(table), o);
}

WorkbookSheet track_record_sheet(const store::ReportData& data, const ReportOptions& o) {
  const ReportTable source = track_record_table(data, o);
  WorkbookTable table = titled(source);
  table.header = source.header;
  for (std::size_t k = 0; k < data.track_record.size(); ++k) {
    const store::ReportBacktestCut& c = data.track_record[k];
    table.rows.push_back(
        {{number_cell(c.cut_year, CellFormat::integer), text_cell(source.rows[k][1]),
          number_cell(c.coverage_50, CellFormat::percent), number_cell(c.coverage_90, CellFormat::percent),
          number_cell(c.mean_relative_crps, CellFormat::percent), number_cell(c.mean_brier, CellFormat::score)}});
  }
  return one_table_sheet("track_record", std::move(table), o);
}

WorkbookSheet parameters_sheet(const store::ReportData& data, const ReportOptions& o) {
  const ReportText& t = report_text(o.lang);
  const bool several = data.scenarios.size() > 1;
  const bool posterior = !data.experiment.posterior.empty();
  WorkbookTable table = titled(parameters_table(data, o));
  table.header = {std::string(t.col_parameter), std::string(t.col_prior)};
  if (posterior) {
    const std::string label(workbook_words(o.lang).posterior);
    for (const std::string_view q : {t.col_p50, t.col_p05, t.col_p95})
      table.header.push_back(column_part(label, q, o.lang));
  }
  for (const std::string_view h : {t.col_basis, t.col_source, t.col_set_in}) table.header.emplace_back(h);
  if (several) table.header.emplace_back(t.col_scenario_override);
  const std::string& ref = data.scenarios.empty() ? data.experiment.plan_id : data.scenarios.front().id;
  for (const store::ReportParameter& p : data.parameters) {
    if (!parameter_listed(data, p)) continue;
    const bool flagged = p.basis == "assumption" || p.basis == "illustrative";
    const CellTone tone = flagged ? CellTone::flagged : CellTone::plain;
    WorkbookRow row{{text_cell(input_name(data, p.name, o.lang), tone), text_cell(distribution_text(p.distribution, o.lang))}};
    if (posterior) {
      for (const double x : {p.drawn.p50, p.drawn.p05, p.drawn.p95}) {
        row.cells.push_back(number_cell(p.has_drawn ? x : kNaN, CellFormat::value));
      }
    }
    std::string source = source_text(data, {p.basis, p.source, p.quote, ""}, o);
    if (!p.note_in(o.lang).empty()) source += (source.empty() ? "" : " — ") + p.note_in(o.lang);
    row.cells.push_back(text_cell((flagged ? "⚠ " : "") + std::string(stored_term(p.basis, o.lang)), tone));
    row.cells.push_back(text_cell(std::move(source)));
    row.cells.push_back(text_cell(p.line > 0 ? fmt::format("{}:{}", p.origin, p.line) : p.origin));
    if (several)
      row.cells.push_back(text_cell(p.scenario_id == ref ? std::string() : scenario_title(data, p.scenario_id, o)));
    table.rows.push_back(std::move(row));
  }
  return one_table_sheet("parameters", std::move(table), o);
}

WorkbookSheet provenance_sheet(const store::ReportData& data, const ReportOptions& o) {
  const ReportTable items = provenance_table(data, o);
  WorkbookTable experiment = titled(items);
  experiment.header = items.header;
  for (const auto& row : items.rows) experiment.rows.push_back({{text_cell(row[0]), provenance_value(row[1])}});
  const ReportTable files = input_files_table(data, o);
  WorkbookTable inputs = titled(files);
  inputs.header = files.header;
  for (std::size_t k = 0; k < data.input_files.size(); ++k) {
    const store::ReportInputFile& f = data.input_files[k];
    inputs.rows.push_back({{text_cell(files.rows[k][0]), text_cell(f.path),
                            number_cell(static_cast<double>(f.bytes), CellFormat::whole), text_cell(f.sha256)}});
  }
  WorkbookSheet sheet = one_table_sheet("provenance", std::move(experiment), o);
  sheet.tables.push_back(std::move(inputs));
  return sheet;
}

}  // namespace targetcast::report
