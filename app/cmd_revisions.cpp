// targetcast revisions: how a target's P(met) moved from the prior forecast
// through each calibration of its plan.
#include <fmt/format.h>

#include <memory>

#include "app/commands.h"
#include "report/calibration_tables.h"

namespace targetcast::app {

Command add_revisions_command(CLI::App& cli) {
  struct Options {
    std::string target;
    std::string db = "results.sqlite";
  };
  auto o = std::make_shared<Options>();
  auto* sub = cli.add_subcommand("revisions", "Forecast history of a target: prior, then each calibration");
  sub->add_option("--target", o->target, "Target id or its indicator id (targetcast targets lists them)")->required();
  sub->add_option("--db", o->db, "SQLite results file")->default_val("results.sqlite");
  return {sub, [o](const model::Executor&) {
            store::Store store = store::Store::open(o->db, store::Store::Mode::read_only);
            const store::CalibrationStore calibrations(store);
            const std::string target = calibrations.resolve_target(o->target);
            fmt::print("{}", report::format_revisions(target, calibrations.revisions(target)));
            return 0;
          }};
}

}  // namespace targetcast::app
