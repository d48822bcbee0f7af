#pragma once
// The report as one self-contained HTML page: the tables of report/report_tables.h
// and ECharts charts (fan charts, first-year distributions, scenarios), with
// ECharts, the page's script and its style sheet inlined. The page makes no
// network request: its Content-Security-Policy forbids every load and allows
// only its own two scripts, by hash.
//
// Every string from a file or the database is escaped: html_escape in the
// markup, json_string in the chart data (a <script type="application/json">
// element read with JSON.parse), and the page's script escapes again whatever
// it puts into tooltips.
#include <string>

#include "report/report_options.h"
#include "store/report_data.h"

namespace targetcast::report {

std::string render_html(const store::ReportData& data, const ReportOptions& options);

// The chart data the page's script draws from, as JSON (exposed for tests).
std::string report_chart_json(const store::ReportData& data, const ReportOptions& options);

}  // namespace targetcast::report
