#pragma once
// Each subcommand lives in its own file (app/cmd_<name>.cpp) and registers
// itself on the CLI: its options, and the function that runs its use case
// (workflow/) through the program's executor. main.cpp builds the executor,
// dispatches and maps errors to exit codes (docs in README.md).
#include <CLI/CLI.hpp>

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "model/executor.h"
#include "workflow/contract.h"

namespace targetcast::app {

// Exit codes.
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitDatabase = 3;
inline constexpr int kExitInterrupted = 130;

struct Command {
  CLI::App* subcommand = nullptr;
  std::function<int(const model::Executor&)> run;
  // Whether its use case may run under mpirun (workflow/contract.h).
  workflow::Spread spread = workflow::Spread::one_process;
};

// The whole command line as typed, for the experiments table.
const std::string& command_line();

// Installs SIGINT and SIGTERM handlers that raise the returned flag: the use
// case then stops between runs (model::Interrupted) and marks its row
// 'interrupted'.
const std::atomic<bool>* stop_on_signals();

Command add_simulate_command(CLI::App& cli);
Command add_targets_command(CLI::App& cli);
Command add_validate_command(CLI::App& cli);
Command add_experiments_command(CLI::App& cli);
Command add_compare_command(CLI::App& cli);
Command add_scenarios_command(CLI::App& cli);
Command add_report_command(CLI::App& cli);
Command add_calibrate_command(CLI::App& cli);
Command add_backtest_command(CLI::App& cli);
Command add_revisions_command(CLI::App& cli);
Command add_sensitivity_command(CLI::App& cli);
Command add_solve_command(CLI::App& cli);
Command add_serve_command(CLI::App& cli);
Command add_draft_plan_command(CLI::App& cli);

}  // namespace targetcast::app
