#pragma once
// The probability-of-target report of a stored experiment (docs/report.md):
// read from the results database, written as an offline HTML page with
// charts, Markdown or CSV. Reads only; records nothing.
#include <cstdint>
#include <optional>
#include <string>

#include "report/report.h"
#include "workflow/contract.h"

namespace targetcast::workflow {

inline constexpr Spread kReportSpread = Spread::one_process;

// Reads the experiment (the newest complete one when `experiment` is empty)
// from `db` opened read-only and writes its report to `path` ("-" = standard
// output); returns the id of the experiment reported. Throws
// std::invalid_argument for bad options, StoreError for database problems.
std::int64_t write_report_file(const std::string& db, std::optional<std::int64_t> experiment,
                               const report::ReportOptions& options, const std::string& path);

// The same report as a string (the workbench's download).
std::string render_report_of(const std::string& db, std::int64_t experiment, const report::ReportOptions& options);

// The plain-language summary of experiment `experiment` (report/plain_summary.h),
// as one paragraph for the terminal, read from `db` opened read-only.
std::string summary_text(const std::string& db, std::int64_t experiment, const report::ReportOptions& options);

}  // namespace targetcast::workflow
