// Experiments in the results store: begin (with the input files), finish or
// mark, comparisons, delete. Tables and rules: docs/schema.md.
#include <sqlite3.h>

#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "store/sqlite_statement.h"
#include "store/store.h"

#ifndef TARGETCAST_VERSION
#error "TARGETCAST_VERSION must be defined (store/CMakeLists.txt sets it from the project version)"
#endif

namespace targetcast::store {

using sqlite::Statement;
using sqlite::Transaction;

std::string Store::experiment_status(std::int64_t id) const {
  Statement s(db_.get(), path_, "SELECT status FROM experiments WHERE id = ?1");
  s.bind(1, id);
  return s.step() ? s.text(0) : std::string();
}

void Store::require_running(std::int64_t id, std::string_view action) const {
  const std::string status = experiment_status(id);
  if (status.empty()) {
    throw StoreError(path_, fmt::format("cannot {}: there is no experiment {} in this file.", action, id));
  }
  if (status != "running") {
    throw StoreError(path_, fmt::format("cannot {}: experiment {} is '{}', and only a 'running' "
                                        "experiment can change. Start a new experiment.",
                                        action, id, status));
  }
}

std::int64_t Store::begin_experiment(const ExperimentInfo& info) {
  require_writable();
  sqlite3* db = db_.get();
  for (const auto& f : info.inputs) {
    if (f.role != "plan" && f.role != "scenario" && f.role != "priors") {
      throw std::invalid_argument(fmt::format(
          "begin_experiment: input file '{}' has role '{}'; expected plan, scenario or priors", f.path, f.role));
    }
  }

  Transaction tx(db, path_);
  Statement insert(db, path_, R"sql(
    INSERT INTO experiments (created, status, command_line, program_version, plan_id, base_year,
                             horizon, master_seed, master_seed_text, runs, threads,
                             rng_layout_version, posterior, posterior_paths, paths_through_year)
    VALUES ()sql" TARGETCAST_NOW R"sql(, 'running', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
            nullif(?13, 0)))sql");
  insert.bind(1, info.command_line)
      .bind(2, info.program_version.empty() ? std::string_view(TARGETCAST_VERSION)
                                            : std::string_view(info.program_version))
      .bind(3, info.plan_id)
      .bind(4, info.base_year)
      .bind(5, info.horizon)
      // SQLite integers are signed: seeds ≥ 2^63 wrap to negative here (two's
      // complement, read back exactly); master_seed_text keeps the decimal.
      .bind(6, static_cast<std::int64_t>(info.master_seed))
      .bind(7, std::to_string(info.master_seed))
      .bind(8, info.runs)
      .bind(9, info.threads)
      .bind(10, info.rng_layout_version)
      .bind_optional(11, info.posterior)
      .bind_optional(12, info.posterior_paths)
      .bind(13, info.paths_through_year);
  insert.run();
  const std::int64_t id = sqlite3_last_insert_rowid(db);

  sqlite::insert_input_files(db, path_, "input_files", "experiment_id", id, info.inputs);
  tx.commit();
  return id;
}

void Store::finish_experiment(std::int64_t id, double wall_seconds) {
  require_writable();
  Transaction tx(db_.get(), path_);
  require_running(id, "finish the experiment");
  Statement s(db_.get(), path_,
              "UPDATE experiments SET status = 'complete', finished = " TARGETCAST_NOW
              ", wall_seconds = ?2 WHERE id = ?1");
  s.bind(1, id).bind(2, wall_seconds);
  s.run();
  tx.commit();
}

void Store::mark_experiment(std::int64_t id, ExperimentStatus status, const std::string& message) {
  if (status != ExperimentStatus::failed && status != ExperimentStatus::interrupted) {
    throw std::invalid_argument(fmt::format(
        "mark_experiment: status must be failed or interrupted, not {} (use finish_experiment)", to_string(status)));
  }
  require_writable();
  Transaction tx(db_.get(), path_);
  require_running(id, fmt::format("mark the experiment {}", to_string(status)));
  Statement s(db_.get(), path_,
              "UPDATE experiments SET status = ?2, message = ?3, finished = " TARGETCAST_NOW " WHERE id = ?1");
  s.bind(1, id).bind(2, to_string(status)).bind(3, message);
  s.run();
  tx.commit();
}

void Store::write_comparisons(std::int64_t experiment_id, std::span<const analysis::ScenarioComparison> comparisons) {
  require_writable();
  Transaction tx(db_.get(), path_);
  // Comparisons are derived from the per-run rows: a running experiment gets
  // them before it completes, a complete one may have them recomputed.
  const std::string status = experiment_status(experiment_id);
  if (status != "running" && status != "complete") {
    throw StoreError(
        path_, status.empty()
                   ? fmt::format("cannot store comparisons: there is no experiment {} in this file.", experiment_id)
                   : fmt::format("cannot store comparisons: experiment {} is '{}'; only a running or "
                                 "complete experiment can be compared.",
                                 experiment_id, status));
  }
  Statement clear(db_.get(), path_, "DELETE FROM comparisons WHERE experiment_id = ?1");
  clear.bind(1, experiment_id);
  clear.run();
  Statement insert(db_.get(), path_, R"sql(
    INSERT INTO comparisons (experiment_id, scenario_id, reference_scenario_id, target_id, indicator_id, runs,
                             probability, reference_probability, difference, ci_low, ci_high,
                             unpaired_ci_low, unpaired_ci_high, variance_reduction,
                             both_met, scenario_only_met, reference_only_met, neither_met,
                             indicator_mean, reference_indicator_mean, indicator_difference_mean,
                             indicator_difference_ci_low, indicator_difference_ci_high,
                             indicator_unpaired_ci_low, indicator_unpaired_ci_high, indicator_variance_reduction,
                             indicator_difference_median)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,
            ?23, ?24, ?25, ?26, ?27))sql");
  for (const analysis::ScenarioComparison& sc : comparisons) {
    for (const analysis::TargetComparison& t : sc.targets) {
      insert.bind(1, experiment_id)
          .bind(2, sc.scenario_id)
          .bind(3, sc.reference_id)
          .bind(4, t.target_id)
          .bind(5, t.indicator_id)
          .bind(6, t.counts.runs())
          .bind(7, t.probability)
          .bind(8, t.reference_probability)
          .bind(9, t.paired.difference)
          .bind(10, t.paired.low)
          .bind(11, t.paired.high)
          .bind(12, t.unpaired.low)
          .bind(13, t.unpaired.high)
          .bind(14, t.variance_reduction)
          .bind(15, t.counts.both)
          .bind(16, t.counts.scenario_only)
          .bind(17, t.counts.reference_only)
          .bind(18, t.counts.neither)
          .bind(19, t.indicator_mean)
          .bind(20, t.reference_indicator_mean)
          .bind(21, t.indicator.mean)
          .bind(22, t.indicator.low)
          .bind(23, t.indicator.high)
          .bind(24, t.indicator.unpaired_low)
          .bind(25, t.indicator.unpaired_high)
          .bind(26, t.indicator.variance_reduction)
          .bind(27, t.indicator.median);
      insert.run();
    }
  }
  tx.commit();
}

void Store::delete_experiment(std::int64_t id, IfRunning if_running) {
  require_writable();
  Transaction tx(db_.get(), path_);
  // Checked inside the write transaction: no other process can start or
  // finish this experiment between the check and the delete.
  const std::string status = experiment_status(id);
  if (status.empty()) {
    throw StoreError(path_, fmt::format("cannot delete: there is no experiment {} in this file "
                                        "('targetcast experiments' lists them).",
                                        id));
  }
  if (status == "running" && if_running == IfRunning::refuse) {
    throw StoreError(path_, fmt::format("cannot delete: experiment {} is 'running'. If no targetcast is "
                                        "writing it any more (the process was killed), delete it with --force.",
                                        id));
  }
  Statement s(db_.get(), path_, "DELETE FROM experiments WHERE id = ?1");
  s.bind(1, id);
  s.run();
  tx.commit();
}

}  // namespace targetcast::store
