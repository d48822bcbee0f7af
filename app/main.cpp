// The `targetcast` command line. Thin: each subcommand (app/cmd_*.cpp) parses
// its options and calls its use case (workflow/); this file builds the one
// executor (model/executor.h: Open MPI processes under mpirun, else threads),
// dispatches and maps errors to exit codes.
#include <fmt/format.h>

#include <cstdio>

#include "app/commands.h"
#include "dist/distributed.h"
#include "model/monte_carlo.h"
#include "model/spec_error.h"
#include "store/store.h"

namespace targetcast::app {
namespace {
std::string g_command_line;
}
const std::string& command_line() {
  return g_command_line;
}
}  // namespace targetcast::app

int main(int argc, char** argv) {
  using namespace targetcast;
  for (int i = 0; i < argc; ++i) app::g_command_line += (i > 0 ? " " : "") + std::string(argv[i]);

  CLI::App cli{
      "targetcast: how likely is each target of an industry plan, and what changes the odds.\n"
      "Monte Carlo simulation of a firm-level model seeded from the plan's own figures."};
  cli.set_version_flag("--version", std::string("targetcast ") + TARGETCAST_VERSION);
  cli.require_subcommand(1);
  const std::vector<app::Command> commands = {
      app::add_simulate_command(cli),    app::add_targets_command(cli),     app::add_validate_command(cli),
      app::add_experiments_command(cli), app::add_compare_command(cli),     app::add_scenarios_command(cli),
      app::add_report_command(cli),      app::add_calibrate_command(cli),   app::add_backtest_command(cli),
      app::add_revisions_command(cli),   app::add_sensitivity_command(cli), app::add_solve_command(cli),
      app::add_serve_command(cli),       app::add_draft_plan_command(cli),
  };

  // MPI_Init under mpirun (dist/distributed.h); a no-op otherwise.
  dist::Session session(argc, argv);
  const dist::MpiExecutor executor(session);
  const auto exit_with = [&session](int code) {
    // An error on one process must not leave the others waiting for it.
    if (session.size() > 1 && code != 0) session.abort(code);
    return code;
  };
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return exit_with(cli.exit(e));
  }
  // Under mpirun only use cases that declare they can be spread run.
  if (executor.processes() > 1) {
    std::vector<std::string> names;
    for (const app::Command& c : commands) {
      if (c.spread == workflow::Spread::processes) names.push_back("`" + c.subcommand->get_name() + "`");
    }
    std::string spread;
    for (std::size_t i = 0; i < names.size(); ++i) {
      spread += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    }
    for (const app::Command& c : commands) {
      if (c.subcommand->parsed() && c.spread != workflow::Spread::processes) {
        fmt::print(stderr, "targetcast: only {} run under mpirun; run `{}` as a single process\n", spread,
                   c.subcommand->get_name());
        return exit_with(app::kExitBadInput);
      }
    }
  }

  try {
    for (const app::Command& c : commands) {
      if (c.subcommand->parsed()) return exit_with(c.run(executor));
    }
  } catch (const model::SpecError& e) {
    const auto& problems = e.problems();
    fmt::print(stderr, "targetcast: {} problem{} in the input:\n", problems.size(), problems.size() == 1 ? "" : "s");
    for (const auto& p : problems) fmt::print(stderr, "  {}\n", p.to_string());
    return exit_with(app::kExitBadInput);
  } catch (const store::StoreError& e) {
    fmt::print(stderr, "targetcast: {}\n", e.what());
    return exit_with(app::kExitDatabase);
  } catch (const model::Interrupted&) {
    fmt::print(stderr,
               "\ntargetcast: interrupted; the experiment, calibration, analysis or solve is marked 'interrupted' in "
               "the database\n");
    return exit_with(app::kExitInterrupted);
  } catch (const std::exception& e) {
    fmt::print(stderr, "targetcast: {}\n", e.what());
    return exit_with(1);
  }
  return 0;
}
