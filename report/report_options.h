#pragma once
// What a report is asked for: format, language, traffic-light thresholds and
// provenance text, shared by the writers (report/report.h renders).
#include <optional>
#include <string>
#include <string_view>

namespace targetcast::report {

enum class ReportFormat { html, markdown, csv, xlsx };

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

// "html", "md"/"markdown", "csv", "xlsx"; nullopt otherwise.
std::optional<ReportFormat> parse_report_format(std::string_view name);
// The format a file name implies: .md/.markdown → Markdown, .csv → CSV,
// .xlsx → Excel workbook, else HTML.
ReportFormat report_format_for_path(std::string_view path);
std::string_view report_extension(ReportFormat format);  // "html", "md", "csv", "xlsx"

// Throws std::invalid_argument when the thresholds are not 0 ≤ at_risk ≤ on_track ≤ 1
// or the language is neither "en" nor "zh".
void check_report_options(const ReportOptions& options);

}  // namespace targetcast::report
