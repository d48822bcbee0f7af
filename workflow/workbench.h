#pragma once
// The what-if workbench behind `targetcast serve` (issue 15): the plan is
// read, compiled and simulated once; every what-if is a scenario file's text,
// read and checked exactly as a file on disk would be (io::load_scenario),
// compiled against the same plan and simulated with the baseline's seed and
// runs, so that run k of the what-if and run k of the baseline share their
// random numbers and their difference is paired (common random numbers, as
// `compare` does). Thread-safe: what-ifs may run from several requests at
// once; each takes its own stop flag.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/comparison.h"
#include "calibration/posterior.h"
#include "model/executor.h"
#include "workflow/experiment_inputs.h"

namespace targetcast::workflow {

struct WorkbenchOptions {
  InputOptions inputs;                  // the plan (and priors); scenario files are ignored
  std::optional<std::int64_t> posterior;  // draw θ from this calibration (read from db_path)
  std::string db_path = "results.sqlite";
  std::uint32_t runs = 2000;
  std::uint64_t master_seed = 1;
  int threads = 0;  // 0 = all cores
};

// A what-if kept: its scenario file, and the experiment that holds it.
struct StoredWhatIf {
  std::filesystem::path scenario_file;
  std::int64_t experiment_id = 0;
};

// One what-if against the baseline.
struct WhatIf {
  model::CompiledModel model;
  model::ScenarioResults results;
  analysis::ScenarioComparison comparison;  // what-if − baseline, run by run
};

class Workbench {
 public:
  // Reads, compiles and simulates the baseline; throws model::SpecError for
  // bad inputs and store::StoreError for a posterior that cannot be read.
  explicit Workbench(WorkbenchOptions options, const model::Executor& executor = model::thread_executor());

  const model::CompiledModel& baseline() const { return inputs_.models.front(); }
  const model::ScenarioResults& baseline_results() const { return baseline_results_; }
  const WorkbenchOptions& options() const { return options_; }
  const std::shared_ptr<const calibration::Posterior>& posterior() const { return posterior_; }

  // The scenario file's text, checked as `targetcast validate` checks a file
  // (its [scenario] baseline key, if any, is ignored: the workbench's plan is
  // the baseline), then simulated and compared with the baseline. Throws
  // model::SpecError listing every problem; model::Interrupted when `stop`
  // is raised (a newer request superseded it).
  WhatIf run(std::string_view scenario_toml, const std::atomic<bool>* stop = nullptr) const;

  // The scenario text read, checked and compiled as run() does, not simulated
  // (before it is saved as a file). Throws model::SpecError.
  model::CompiledModel compile(std::string_view scenario_toml) const;

  // Checks the scenario text and writes it as the next free what-if-N.toml
  // in `folder` (never a name the browser chose); returns the file.
  std::filesystem::path save(std::string_view scenario_toml, const std::filesystem::path& folder) const;

  // Saves the scenario (as save()) and runs it as an experiment in the
  // results database — the baseline first, then the what-if, with the
  // workbench's seed, runs and posterior, so that its numbers are the ones
  // the page showed — under the same contract as `targetcast simulate`
  // (running → complete; interrupted when `stop` is raised). Afterwards
  // `targetcast report --experiment ID` reports it.
  StoredWhatIf store(std::string_view scenario_toml, const std::filesystem::path& folder,
                     const std::atomic<bool>* stop = nullptr) const;

 private:
  WorkbenchOptions options_;
  const model::Executor* executor_;
  LoadedInputs inputs_;
  std::shared_ptr<const calibration::Posterior> posterior_;
  model::ScenarioResults baseline_results_;
  analysis::ScenarioOutcomes baseline_outcomes_;  // each run's target outcomes, paired with every what-if's
};

// The name a what-if's scenario text is read under in messages.
inline constexpr const char* kWorkbenchScenarioPath = "what-if";

// Whether a request may be served (DNS rebinding and cross-site requests,
// issue 15): its Host header must name the served address — `host:port`, or
// for a server on a loopback address also localhost / 127.0.0.1 / [::1] with
// the port — and an Origin header, when present, must be http:// and such an
// address. Returns why not, or "" when it may.
std::string refuse_request(std::string_view host_header, std::string_view origin_header, std::string_view served_host,
                           int port);

}  // namespace targetcast::workflow
