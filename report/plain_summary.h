#pragma once
// The few sentences at the top of every report and after the terminal table
// (issue 16, item 13), generated from the results as a planner would write
// them: which targets are likely, which are at risk and why (the top driver
// when a sensitivity analysis was run), which odds rest on assumptions, and
// what the latest calibration changed. Chinese or English by the options.
#include <string>
#include <vector>

#include "report/report_options.h"
#include "store/report_data.h"

namespace targetcast::report {

// Three to six sentences about the reference scenario, in order.
std::vector<std::string> plain_summary(const store::ReportData& data, const ReportOptions& options);

// The sentences as one paragraph (joined by a space in English, directly in Chinese).
std::string plain_summary_text(const store::ReportData& data, const ReportOptions& options);

}  // namespace targetcast::report
