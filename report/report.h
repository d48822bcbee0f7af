#pragma once
// The probability-of-target report of one experiment, in three formats: a
// self-contained HTML page with charts (opens offline), Markdown for pasting
// into documents, and CSV for Excel. All three carry the same tables
// (report/report_tables.h); the HTML page adds the charts.
#include <optional>
#include <string>
#include <string_view>

#include "store/report_data.h"

namespace targetcast::report {

enum class ReportFormat { html, markdown, csv };

struct ReportOptions {
  ReportFormat format = ReportFormat::html;
  std::string lang = "en";  // "en" or "zh": labels and names
  // Traffic light of a target by its P(met): on track at or above `on_track`,
  // at risk from `at_risk` up to it, off track below `at_risk`.
  double on_track = 0.8;
  double at_risk = 0.5;
  std::string generated_at;    // UTC time shown in the provenance ("" = now)
  std::string report_command;  // the command that wrote the report, for the provenance
};

// "html", "md"/"markdown", "csv"; nullopt otherwise.
std::optional<ReportFormat> parse_report_format(std::string_view name);
// The format a file name implies: .md/.markdown → Markdown, .csv → CSV, else HTML.
ReportFormat report_format_for_path(std::string_view path);
std::string_view report_extension(ReportFormat format);  // "html", "md", "csv"

// Throws std::invalid_argument when the thresholds are not 0 ≤ at_risk ≤ on_track ≤ 1
// or the language is neither "en" nor "zh".
void check_report_options(const ReportOptions& options);

std::string render_report(const store::ReportData& data, const ReportOptions& options);

// Renders and writes the report to `path` (replacing it; "-" = standard
// output). Throws std::runtime_error naming the path when it cannot be written.
void write_report(const store::ReportData& data, const ReportOptions& options, const std::string& path);

}  // namespace targetcast::report
