#pragma once
// The tables of a report, built once from ReportData in the report's language
// and written by every format: HTML (io/report_html), Markdown
// (io/report_markdown) and CSV (io/report_csv) carry the same rows.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/report_options.h"
#include "report/report_table.h"
#include "store/report_data.h"

namespace targetcast::report {

// Headline: every target of the reference scenario with P(met), interval and
// traffic light, then the joint row.
ReportTable targets_table(const store::ReportData& data, const ReportOptions& options);
// Each scenario with what it changes, generated from its levers (issue 16,
// item 9), and its own description (only with two or more scenarios).
ReportTable scenario_list_table(const store::ReportData& data, const ReportOptions& options);
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
// The target's indicator is one no random rule moves (model::moved_only_by_scenarios).
bool moved_only_by_scenarios(const store::ReportData& data, std::string_view indicator_id);
// The "P(met) rests on" cell of a target: an assumption, a scenario alone, or both.
std::string target_rests_text(const store::ReportData& data, const store::ReportTarget& target,
                              const ReportOptions& options);
std::string generated_at(const ReportOptions& options);  // options.generated_at, or now (UTC)
std::string indicator_name(const store::ReportData& data, std::string_view id, const ReportOptions& options);
std::string indicator_unit(const store::ReportData& data, std::string_view id, const ReportOptions& options);
// The target's name, marked when the plan states no number for it.
std::string target_name(const store::ReportTarget& target, const ReportOptions& options);
// “quote” (the document by title and issuing body), or the note in the
// report's language when there is no quote.
std::string source_text(const store::ReportData& data, const store::ReportProvenance& provenance,
                        const ReportOptions& options);
// Whether the parameters table lists `parameter`: every prior of the reference
// scenario, and of a later scenario only the priors it changes.
bool parameter_listed(const store::ReportData& data, const store::ReportParameter& parameter);

// "P(met) (reference)" / "达成概率(参照情景)": a label qualified by another,
// with the language's own brackets (every format heads its columns so).
std::string qualified(std::string_view label, std::string_view what, const ReportOptions& options);

}  // namespace targetcast::report
