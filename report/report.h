#pragma once
// The probability-of-target report of one experiment, in four formats: a
// self-contained HTML page with charts (opens offline), Markdown for pasting
// into documents, CSV, and an Excel workbook (report/xlsx_report.h). All carry
// the same tables (report/report_tables.h); the HTML page adds the charts.
#include <string>

#include "report/report_options.h"
#include "store/report_data.h"

namespace targetcast::report {

// HTML, Markdown or CSV as text; throws std::invalid_argument for a workbook,
// which only write_report writes.
std::string render_report(const store::ReportData& data, const ReportOptions& options);

// Renders and writes the report to `path` (replacing it; "-" = standard
// output). Throws std::runtime_error naming the path when it cannot be written.
void write_report(const store::ReportData& data, const ReportOptions& options, const std::string& path);

}  // namespace targetcast::report
