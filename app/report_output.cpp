#include "app/report_output.h"

#include <fmt/format.h>

#include <cstdio>

#include "app/commands.h"
#include "workflow/report.h"

namespace targetcast::app {

void add_traffic_light_options(CLI::App* sub, report::ReportOptions& options) {
  sub->add_option("--on-track", options.on_track, "P(met) from which a target is 'on track'")
      ->default_val(0.8)
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option("--at-risk", options.at_risk, "P(met) from which a target is 'at risk' (below: 'off track')")
      ->default_val(0.5)
      ->check(CLI::Range(0.0, 1.0));
}

void write_report_file(const std::string& db, std::optional<std::int64_t> experiment, report::ReportOptions options,
                       const std::string& path) {
  options.report_command = command_line();
  const std::int64_t id = workflow::write_report_file(db, experiment, options, path);
  // On stderr when the report itself goes to standard output.
  std::FILE* stream = path == "-" ? stderr : stdout;
  fmt::print(stream, "report of experiment {} written to {}\n", id, path == "-" ? "standard output" : path);
}

}  // namespace targetcast::app
