#pragma once
// The SQLite results store (docs/schema.md): one file holds many experiments;
// each experiment records its inputs (with SHA-256), every scenario's priors,
// per-run draws and trajectories, and the target summaries of docs/model.md §7.
//
// Table and column names are an interface: planners query them from pandas, R
// and DBeaver. Add columns and tables freely; never rename or drop one without
// a schema migration (store/schema.h, PRAGMA user_version).
//
// An experiment is 'running' from begin_experiment until finish_experiment
// (or mark_experiment): a crash leaves it 'running', never 'complete' with
// partial rows.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/comparison.h"
#include "model/compiled_model.h"
#include "model/results.h"
#include "store/input_file.h"
#include "store/schema.h"
#include "store/store_error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace targetcast::store {

struct ExperimentInfo {
  std::string command_line;
  std::string program_version;  // empty: TARGETCAST_VERSION of this build
  std::string plan_id;
  int base_year = 0, horizon = 0;
  std::uint64_t master_seed = 1;
  std::uint64_t runs = 0;
  int threads = 1;
  int rng_layout_version = 1;
  std::vector<InputFileRecord> inputs;
  std::string posterior;  // calibration id used; empty = the priors
  // With a posterior: "continued" (runs continue the accepted paths up to
  // paths_through_year) or "fresh" (calibration::ForecastPaths).
  std::string posterior_paths;
  int paths_through_year = 0;  // 0: none
};

enum class ExperimentStatus { running, complete, failed, interrupted };

std::string_view to_string(ExperimentStatus status);
std::optional<ExperimentStatus> find_experiment_status(std::string_view name);

// A row of `experiments` with the ids of its scenarios in order.
struct ExperimentRow {
  std::int64_t id = 0;
  std::string created, finished, status, command_line, plan_id;  // finished: "" while running
  std::uint64_t runs = 0, master_seed = 0;
  int threads = 0;
  double wall_seconds = 0.0;  // 0 until finished
  std::vector<std::string> scenarios;
  std::string message;  // why it failed or was interrupted
  std::string program_version;
  std::string posterior;
  int base_year = 0, horizon = 0, rng_layout_version = 0;
  std::string posterior_paths;  // ExperimentInfo
  int paths_through_year = 0;
};

// A row of `target_results`.
struct TargetResultRow {
  std::string scenario_id, target_id;
  double probability = 0.0, ci_low = 0.0, ci_high = 0.0;
  std::uint64_t runs = 0, met = 0;
  model::DistributionSummary at_deadline;        // deadline_mean, deadline_p05 .. p95
  std::optional<int> first_passage_median_year;  // none: fewer than half the runs reach it
  std::uint64_t never_reached = 0;               // runs that do not reach it by the horizon
};

// A row of `joint_results`.
struct JointResultRow {
  std::string scenario_id, plan_id;
  double probability = 0.0, ci_low = 0.0, ci_high = 0.0;
  std::uint64_t runs = 0, met = 0;
};

// One row of Store::select_rows, valid only inside its callback.
class StoreRow {
 public:
  explicit StoreRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
  bool is_null(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;       // NaN for NULL
  std::string text(int column) const;  // "" for NULL

 private:
  sqlite3_stmt* stmt_;
};

// The median first-passage year, counting runs that never reach the threshold
// as reaching it after the horizon: the first year by which at least half of
// all runs (reached + never) have reached it; none when fewer than half ever
// do, or when there are no runs.
std::optional<int> first_passage_median_year(const model::FirstPassage& passage);

// One open results file. Move-only; not thread-safe (the connection is opened
// without SQLite's mutexes): use one Store per thread. Several processes may
// write to the same file at once.
class Store {
 public:
  static constexpr int kSchemaVersion = schema::kVersion;                 // PRAGMA user_version
  static constexpr std::int32_t kApplicationId = schema::kApplicationId;  // PRAGMA application_id, "TCAS"

  enum class Mode { read_write, read_only };

  // Creates the file (and schema) or opens an existing store, checking that it
  // is a targetcast store of a schema version this program understands. A
  // read-only store refuses every write with a StoreError. Throws StoreError,
  // touching nothing, when the path is a folder, cannot be written (read_write),
  // is not a targetcast store, or was written by a newer targetcast. Read-only
  // opening also works in a read-only folder (it then reads a snapshot).
  static Store open(const std::string& path, Mode mode = Mode::read_write);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  ~Store();

  const std::string& path() const { return path_; }

  // Inserts the experiment (status 'running') and its input files; commits.
  std::int64_t begin_experiment(const ExperimentInfo& info);

  // Writes one scenario's results: the scenario, its priors, the plan's
  // indicators and targets (on the experiment's first scenario; later ones must
  // declare the same), indicator summaries, target results, first passage and
  // joint results; with per_run, every run's θ, indicator values by year and
  // targets met. Per-run rows are committed in transactions of bounded size;
  // when `stop` (optional) is raised, writing ends at the next such commit
  // with model::Interrupted (the scenario's `written` stays NULL).
  void write_scenario(std::int64_t experiment_id, const model::CompiledModel& model,
                      const model::ScenarioResults& results, bool per_run = true,
                      const std::atomic<bool>* stop = nullptr);

  // A per-run scenario written block by block beside its simulation
  // (workflow/simulate.cpp, store/run_block_writer.h): begin_scenario_runs
  // writes the scenario of `runs` runs with its plan and parameter rows,
  // marked per-run; write_run_block its runs first_run .. first_run +
  // block.runs − 1, block after block; finish_scenario_runs the summaries of
  // all runs, marking the scenario written. Until then readers see a scenario
  // not yet written, of an experiment still running. write_run_block stops
  // like write_scenario when `stop` is raised.
  void begin_scenario_runs(std::int64_t experiment_id, const model::CompiledModel& model, std::uint32_t runs);
  void write_run_block(std::int64_t experiment_id, const model::CompiledModel& model,
                       const model::ScenarioResults& block, std::uint32_t first_run,
                       const std::atomic<bool>* stop = nullptr);
  void finish_scenario_runs(std::int64_t experiment_id, const model::CompiledModel& model,
                            const model::ScenarioResults& summaries);

  // About how many bytes the per-run rows of `runs` runs of `model` take in
  // the database file: 48 bytes a row of run_trajectories (measured 41 a row
  // with the tables' indexes, Guangdong, 2,000 runs: 16.5 MB for 404,000 rows
  // of schema 7), 20 bytes a number of a trajectory or of a parameter draw (a
  // number with 17 digits and its comma; Guangdong, 10,000 runs: 15.1 MB for
  // 140,000 trajectories of 10 years, 108 bytes each; 9.2 MB for 520,000
  // draws, 17.7 bytes each) and 2 bytes a target outcome ("0,"); the packed
  // rows of parameters and targets are one per block of runs, too few to
  // count. A little above, so that a check against the free space errs on the
  // safe side (Guangdong: 4,532 bytes a run estimated, 2,508 measured).
  static std::uint64_t estimated_run_rows_bytes(const model::CompiledModel& model, std::uint64_t runs);

  // 'running' → 'complete', with the finished time and wall-clock seconds.
  void finish_experiment(std::int64_t id, double wall_seconds);
  // 'running' → 'failed' or 'interrupted', with the finished time and why.
  void mark_experiment(std::int64_t id, ExperimentStatus status, const std::string& message);
  // What delete_experiment does with a 'running' experiment: it may be one a
  // killed process left behind (then deleting it is safe), or one another
  // process is writing now (whose next write then fails with "no experiment").
  enum class IfRunning { refuse, delete_anyway };
  // Deletes the experiment and, by ON DELETE CASCADE, every row that belongs
  // to it (comparisons and per-run rows included), in one transaction.
  // Throws StoreError, deleting nothing, for an unknown id, or for a running
  // experiment unless `if_running` is delete_anyway.
  void delete_experiment(std::int64_t id, IfRunning if_running = IfRunning::refuse);
  // Replaces the experiment's rows of `comparisons` (docs/schema.md) in one
  // transaction. The experiment must be running (simulate) or complete
  // (compare recomputes them from the stored per-run rows).
  void write_comparisons(std::int64_t experiment_id, std::span<const analysis::ScenarioComparison> comparisons);

  std::vector<ExperimentRow> experiments() const;  // by id
  std::optional<ExperimentRow> experiment(std::int64_t id) const;
  std::vector<InputFileRecord> input_files(std::int64_t experiment_id) const;  // in given order
  // By scenario order, then target order.
  std::vector<TargetResultRow> target_results(std::int64_t experiment_id) const;
  std::vector<JointResultRow> joint_results(std::int64_t experiment_id) const;  // by scenario order

  // Reading for writers that need tables this class has no accessor for (the
  // report): runs one SELECT with ?1 bound to `experiment_id` (when the SQL
  // has a parameter) and calls `on_row` for every row.
  void select_rows(std::string_view sql, std::int64_t experiment_id,
                   const std::function<void(const StoreRow&)>& on_row) const;
  // The column names of a table or view; empty when the file has no such table
  // (tables added by later features are absent from older files).
  std::vector<std::string> columns(std::string_view table) const;

  // For the other writers of store/ only (store/calibration_store.h,
  // store/sensitivity_store.h), which keep their tables in the same file,
  // connection and transactions (store/sqlite_statement.h): the connection,
  // and a StoreError unless the store was opened for writing.
  sqlite3* connection() const { return db_.get(); }
  void require_writable() const;

 private:
  struct Closer {
    void operator()(sqlite3* db) const noexcept;
  };
  Store(std::unique_ptr<sqlite3, Closer> db, std::string path, Mode mode);
  static bool upgraded_in_place(const std::string& path);
  static Store connect(const std::string& path, const std::string& filename, Mode mode, int flags, bool exists);

  void configure_connection();
  void limit_pages_for_tests();
  void use_write_ahead_log();
  std::string experiment_status(std::int64_t id) const;  // "" when absent
  void require_running(std::int64_t id, std::string_view action) const;

  std::unique_ptr<sqlite3, Closer> db_;
  std::string path_;
  Mode mode_ = Mode::read_write;
};

}  // namespace targetcast::store
