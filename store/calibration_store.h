#pragma once
// Calibrations in the results database (docs/schema.md, "Calibrations";
// docs/calibration.md): every calibration with its inputs, priors and
// observations, every ABC-SMC generation with its particles, the posterior
// that `targetcast simulate --posterior ID` draws from, and backtest scores.
//
// A view on an open Store: same file, same connection, same rules (status
// 'running' until finished, BEGIN IMMEDIATE transactions, StoreError).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "calibration/abc_smc.h"
#include "calibration/backtest.h"
#include "calibration/observation_model.h"
#include "calibration/posterior.h"
#include "store/store.h"

namespace targetcast::store {

// What a calibration is, written when it begins.
struct CalibrationInfo {
  std::string purpose = "calibration";  // "calibration" | "backtest"
  std::optional<std::int64_t> parent;   // the calibration refined (--from)
  std::string command_line;
  std::string program_version;  // empty: this build's
  int cut_year = 0;             // backtests: observations from this year on are held out
  calibration::AbcOptions abc;
  int threads = 1;
  std::vector<InputFileRecord> inputs;  // roles plan, priors, scenario, observations
};

// A row of `calibrations`.
struct CalibrationRow {
  std::int64_t id = 0;
  std::string created, finished, status, message, purpose;
  std::optional<std::int64_t> parent;
  std::string command_line, program_version, plan_id, region_id;
  int base_year = 0, horizon = 0, presample_start_year = 0, cut_year = 0;
  std::uint64_t particles = 0, max_simulations = 0, master_seed = 0, simulations = 0;
  int max_generations = 0, threads = 0, rng_layout_version = 0, generations = 0;
  double min_epsilon = 0.0, min_acceptance = 0.0, quantile = 0.0, final_epsilon = 0.0, wall_seconds = 0.0;
  std::string stop_reason;
  std::size_t observations = 0;  // rows in calibration_observations
};

// One step of a target's forecast history (`targetcast revisions`).
struct RevisionRow {
  std::optional<std::int64_t> calibration;  // none: the forecast under the priors
  std::optional<std::int64_t> parent;
  std::string created;                     // of the calibration (prior: of the experiment)
  std::size_t observations = 0;            // observations the calibration fitted
  std::optional<std::int64_t> experiment;  // the latest complete forecast; none: not yet simulated
  std::string scenario_id;
  double probability = 0.0, ci_low = 0.0, ci_high = 0.0;
  std::uint64_t runs = 0;
  // Fitted figures the calibration's posterior misses by more than
  // kNotReproducedSds stated sds, e.g. "core_industry 2022 (+10.3 sd)".
  std::vector<std::string> not_reproduced;
};

// How many stated sds a posterior may miss a fitted figure by before the
// figure counts as one the model cannot reproduce (docs/calibration.md).
inline constexpr double kNotReproducedSds = 3.0;

class CalibrationStore {
 public:
  explicit CalibrationStore(Store& store) : store_(&store) {}

  // Inserts the calibration (status 'running') with its inputs, its
  // parameters (coordinates and derived values, with their priors) and its
  // observations (with their use); commits.
  std::int64_t begin(const CalibrationInfo& info, const calibration::ObservationModel& model);
  // One full generation: its row, every particle's weight and distance, and
  // its coordinate and derived values (long format). One transaction.
  void write_generation(std::int64_t id, const calibration::ObservationModel& model,
                        const calibration::Generation& generation);
  // 'running' → 'complete' with the stopping figures, and the posterior of
  // the last generation (its forecast parameter values per particle).
  // Also records which coordinates the kernel perturbed (calibration_parameters.in_kernel).
  void finish(std::int64_t id, const calibration::ObservationModel& model, const calibration::AbcResult& result,
              const calibration::Posterior& posterior, const std::vector<calibration::ObservationFit>& fit,
              double wall_seconds);
  // 'running' → 'failed' / 'interrupted' with why; never throws.
  void mark_quietly(std::int64_t id, ExperimentStatus status, const std::string& message) noexcept;
  // Backtest scores of the held-out observations.
  void write_scores(std::int64_t id, const std::vector<calibration::ObservationScore>& scores,
                    std::uint32_t predictive_runs);

  std::vector<CalibrationRow> calibrations() const;  // by id
  std::optional<CalibrationRow> calibration(std::int64_t id) const;
  // The posterior of a complete calibration; StoreError naming what to do
  // when it is absent or not complete.
  calibration::Posterior posterior(std::int64_t id) const;
  // The last generation's particles of a complete calibration, coordinates in
  // the order of `names`, and its active set; StoreError when a name is missing.
  calibration::WarmStart final_particles(std::int64_t id, const std::vector<std::string>& names) const;
  // The observations it was calibrated against, as read (file and line of the original file).
  std::vector<calibration::Observation> observations(std::int64_t id) const;
  // The forecast history of a target: the latest complete forecast under the
  // priors, then every complete calibration of the target's plan in order
  // with its latest complete forecast (experiments.posterior).
  std::vector<RevisionRow> revisions(const std::string& target_id) const;
  // The target id `name` stands for (model::lookup_target: a target id, or
  // the indicator of one target), among the targets of the latest experiment
  // that has a target or target indicator of that name; StoreError when none.
  std::string resolve_target(const std::string& name) const;

 private:
  struct Handle {
    sqlite3* db;
    const std::string& path;
  };
  Handle handle() const { return {store_->connection(), store_->path()}; }
  Handle writable() const {  // StoreError on a read-only store
    store_->require_writable();
    return handle();
  }
  CalibrationRow require_complete(std::int64_t id, std::string_view action) const;
  // Each particle's path streams and the year they run through, when stored.
  void read_paths(std::int64_t id, int generation, calibration::Posterior& p) const;
  Store* store_;
};

}  // namespace targetcast::store
