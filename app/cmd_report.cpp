// targetcast report: the probability-of-target report of an experiment, as an
// offline HTML page with charts, Markdown, CSV or an Excel workbook.
#include <fmt/format.h>

#include <memory>

#include "app/commands.h"
#include "app/report_output.h"

namespace targetcast::app {
namespace {

struct ReportCommandOptions {
  std::string db = "results.sqlite";
  std::int64_t experiment = 0;  // 0 = the newest complete one
  std::string out;              // "" = report.<format's extension>
  std::string format;           // "" = from the extension of --out, else html
  report::ReportOptions report;
};

int run_report(ReportCommandOptions& o) {
  if (!o.format.empty()) {
    o.report.format = *report::parse_report_format(o.format);
  } else if (!o.out.empty()) {
    o.report.format = report::report_format_for_path(o.out);
  }
  const std::string path = o.out.empty() ? fmt::format("report.{}", report::report_extension(o.report.format)) : o.out;
  try {
    report::check_report_options(o.report);
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "targetcast report: {}\n", e.what());
    return kExitBadInput;
  }
  write_report_file(o.db, o.experiment > 0 ? std::optional<std::int64_t>(o.experiment) : std::nullopt, o.report, path);
  return 0;
}

}  // namespace

Command add_report_command(CLI::App& cli) {
  auto o = std::make_shared<ReportCommandOptions>();
  auto* sub = cli.add_subcommand(
      "report", "Write the probability-of-target report of an experiment (HTML, Markdown, CSV or Excel)");
  sub->add_option("--db", o->db, "SQLite results file")->default_val("results.sqlite");
  sub->add_option("--experiment", o->experiment, "Experiment id (default: the newest complete one)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--out", o->out,
                  "Report file; - for standard output (default: report.html, report.md, report.csv or report.xlsx)");
  sub->add_option("--format", o->format, "html, md, csv or xlsx (default: from the --out extension, else html)")
      ->check(CLI::IsMember({"html", "md", "markdown", "csv", "xlsx"}));
  sub->add_option("--lang", o->report.lang, "Language of the report")
      ->default_val("en")
      ->check(CLI::IsMember({"en", "zh"}));
  add_traffic_light_options(sub, o->report);
  return {sub, [o](const model::Executor&) { return run_report(*o); }};
}

}  // namespace targetcast::app
