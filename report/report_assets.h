#pragma once
// What an HTML report inlines, compiled into the program at build time
// (cmake/embed_report_assets.cmake) so that a report carries its charting code
// and opens with no network at all.
#include <string_view>

namespace targetcast::report {

// Apache ECharts, echarts.min.js byte for byte (Apache-2.0, licence header
// kept), from the npm package pinned in package-lock.json.
std::string_view echarts_js();
std::string_view echarts_version();  // e.g. "6.1.0", for the report's provenance

// The report page's own script and style sheet (report/report_page.js, report/report_page.css).
std::string_view report_js();
std::string_view report_css();

// The what-if workbench page's script (report/workbench_page.js, `targetcast serve`).
std::string_view workbench_js();

}  // namespace targetcast::report
