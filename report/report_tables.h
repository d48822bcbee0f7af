#pragma once
// The tables of a report, built once from ReportData in the report's language
// and written by every format: HTML (io/report_html), Markdown
// (io/report_markdown) and CSV (io/report_csv) carry the same rows.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/report.h"
#include "store/report_data.h"

namespace targetcast::report {

struct ReportTable {
  ReportTable() = default;
  ReportTable(std::string table_id, std::string_view table_title) : id(std::move(table_id)), title(table_title) {}

  std::string id;     // stable key: "targets", "scenarios", ... (HTML id, CSV section)
  std::string title;  // in the report's language
  std::vector<std::string> header;
  std::vector<bool> numeric;  // per column: right-aligned numbers
  std::vector<std::vector<std::string>> rows;
  // Per row, for HTML styling only: "on-track", "at-risk", "off-track",
  // "flagged" (an assumption), "joint" (the whole-plan row), or "".
  std::vector<std::string> row_class;
  std::string note;         // a sentence under the table ("" for none)
  int status_column = -1;   // column of the traffic light (HTML draws it as a coloured label), -1 = none
  int subline_column = -1;  // HTML shows this column as a second line under the one before it, -1 = none

  void column(std::string_view heading, bool is_numeric = false);
  void add(std::vector<std::string> row, std::string css = {});
};

// Headline: every target of the reference scenario with P(met), interval and
// traffic light, then the joint row.
ReportTable targets_table(const store::ReportData& data, const ReportOptions& options);
// P(met) per target and scenario (only with two or more scenarios).
ReportTable scenarios_table(const store::ReportData& data, const ReportOptions& options);
// Each scenario minus the reference, with the paired interval when stored.
ReportTable differences_table(const store::ReportData& data, const ReportOptions& options);
// First year the threshold is reached: share of runs per year and "not by".
ReportTable first_passage_table(const store::ReportData& data, const ReportOptions& options);
// Indicator quantiles by year, every scenario.
ReportTable indicator_table(const store::ReportData& data, const ReportOptions& options);
// Every prior, assumption and illustrative bases flagged; later scenarios list
// only the priors they change.
ReportTable parameters_table(const store::ReportData& data, const ReportOptions& options);
ReportTable provenance_table(const store::ReportData& data, const ReportOptions& options);
ReportTable input_files_table(const store::ReportData& data, const ReportOptions& options);

// All tables in the order of the report (scenario tables only when there are
// several scenarios).
std::vector<ReportTable> report_tables(const store::ReportData& data, const ReportOptions& options);

// Helpers shared by the writers.
std::string plan_title(const store::ReportData& data, const ReportOptions& options);
std::string scenario_title(const store::ReportData& data, std::string_view scenario_id, const ReportOptions& options);
std::string joint_sentence(const store::ReportData& data, const ReportOptions& options);  // "" without a joint result
std::string status_counts(const store::ReportData& data, const ReportOptions& options);
std::string status_legend(const ReportOptions& options);
std::string generated_at(const ReportOptions& options);  // options.generated_at, or now (UTC)

}  // namespace targetcast::report
