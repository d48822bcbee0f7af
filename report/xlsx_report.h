#pragma once
// The report as an Excel workbook (.xlsx), written with libxlsxwriter: one
// sheet per table (report/workbook_sheets.h), figures as numbers with number
// formats (probabilities as percentages), the title and header rows frozen,
// an autofilter on the header, columns as wide as their contents, the traffic
// light as cell colours. Text is always written as text, never as a formula,
// so a hostile title cannot run in Excel.
#include <string>

#include "report/report_options.h"
#include "store/report_data.h"

namespace targetcast::report {

// Writes the workbook to `path` ("-" = standard output) through a temporary
// file beside it that is renamed over it, so a failure leaves no partial
// workbook. Throws std::runtime_error naming the path when it cannot be written.
void write_xlsx(const store::ReportData& data, const ReportOptions& options, const std::string& path);

}  // namespace targetcast::report
