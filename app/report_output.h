#pragma once
// What `report` and `simulate --report` share: the traffic-light options and
// writing a report of one experiment of a results database to a file.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "report/report.h"

namespace targetcast::app {

// --on-track and --at-risk (P(met) thresholds of the traffic light).
void add_traffic_light_options(CLI::App* sub, report::ReportOptions& options);

// Reads the experiment (the newest complete one when `experiment` is empty)
// from `db` and writes its report to `path` ("-" = standard output), with the
// current command line in its provenance. Prints where it was written.
void write_report_file(const std::string& db, std::optional<std::int64_t> experiment, report::ReportOptions options,
                       const std::string& path);

}  // namespace targetcast::app
