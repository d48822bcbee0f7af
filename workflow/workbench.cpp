#include "workflow/workbench.h"

#include <omp.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "io/source_file.h"
#include "io/toml_loader.h"
#include "model/spec_error.h"
#include "store/store_error.h"
#include "workflow/simulate.h"

namespace targetcast::workflow {
namespace {

model::MonteCarloOptions monte_carlo(const WorkbenchOptions& o) {
  model::MonteCarloOptions mc;
  mc.master_seed = o.master_seed;
  mc.runs = o.runs;
  mc.threads = o.threads > 0 ? o.threads : omp_get_max_threads();
  mc.record_runs = false;  // summaries and each run's target outcomes: enough to pair, bounded memory
  return mc;
}

model::RunSource source_for(const std::shared_ptr<const calibration::Posterior>& posterior,
                            const model::CompiledModel& model) {
  return posterior ? calibration::make_run_source(posterior, model) : model::RunSource();
}

// Writes `text` to the next what-if-N.toml that does not exist yet; the file
// is created exclusively ("x"), so two tabs saving at once get two files.
std::filesystem::path write_next_free(std::string_view text, const std::filesystem::path& folder) {
  for (int n = 1; n < 100000; ++n) {
    const std::filesystem::path path = folder / ("what-if-" + std::to_string(n) + ".toml");
    std::FILE* f = std::fopen(path.c_str(), "wbx");
    if (f == nullptr) {
      if (errno == EEXIST) continue;
      throw store::StoreError(path.string(), std::string("cannot write the scenario file: ") + std::strerror(errno));
    }
    const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (std::fclose(f) != 0 || !written) {
      std::filesystem::remove(path);
      throw store::StoreError(path.string(), "cannot write the scenario file (disk full?)");
    }
    return path;
  }
  throw store::StoreError(folder.string(), "no free name what-if-N.toml left in this folder");
}

}  // namespace

Workbench::Workbench(WorkbenchOptions options, const model::Executor& executor)
    : options_(std::move(options)), executor_(&executor) {
  InputOptions plan_only = options_.inputs;
  plan_only.scenarios.clear();
  inputs_ = load_inputs(plan_only);
  if (options_.posterior) posterior_ = read_posterior(options_.db_path, *options_.posterior, baseline());
  baseline_results_ = executor_->simulate(baseline(), monte_carlo(options_), {}, nullptr, source_for(posterior_, baseline()));
  baseline_outcomes_ = analysis::outcomes_of(baseline(), baseline_results_);
}

model::CompiledModel Workbench::compile(std::string_view scenario_toml) const {
  io::SourceFile file;
  file.path = kWorkbenchScenarioPath;
  file.content = std::string(scenario_toml);
  model::ScenarioSpec scenario = io::load_scenario(file);
  scenario.baseline_path.clear();
  scenario.source_path = kWorkbenchScenarioPath;
  if (scenario.id == baseline().scenario.id) scenario.id += "-what-if";
  return model::compile(inputs_.plan, scenario, inputs_.priors, baseline().horizon);
}

WhatIf Workbench::run(std::string_view scenario_toml, const std::atomic<bool>* stop) const {
  WhatIf w{compile(scenario_toml), {}, {}};
  w.results = executor_->simulate(w.model, monte_carlo(options_), {}, stop, source_for(posterior_, w.model));
  w.comparison = analysis::compare(analysis::outcomes_of(w.model, w.results), baseline_outcomes_);
  return w;
}

std::filesystem::path Workbench::save(std::string_view scenario_toml, const std::filesystem::path& folder) const {
  compile(scenario_toml);  // the checks a file on disk gets, before anything is written
  return write_next_free(scenario_toml, folder);
}

StoredWhatIf Workbench::store(std::string_view scenario_toml, const std::filesystem::path& folder,
                              const std::atomic<bool>* stop) const {
  StoredWhatIf out;
  out.scenario_file = save(scenario_toml, folder);
  ExperimentRequest request;
  request.inputs = options_.inputs;
  request.inputs.scenarios = {out.scenario_file.string()};
  request.inputs.plan_baseline_first = true;
  request.db_path = options_.db_path;
  request.monte_carlo = monte_carlo(options_);
  request.command_line = "targetcast serve (what-if workbench): " + out.scenario_file.filename().string();
  request.posterior = options_.posterior;
  request.posterior_object = posterior_;
  out.experiment_id = run_experiment(request, *executor_, {}, stop).experiment_id;
  return out;
}

std::string refuse_request(std::string_view host_header, std::string_view origin_header, std::string_view served_host,
                           int port) {
  const std::string suffix = ":" + std::to_string(port);
  std::vector<std::string> allowed = {std::string(served_host) + suffix};
  if (served_host == "127.0.0.1" || served_host == "localhost" || served_host == "::1") {
    for (const char* name : {"127.0.0.1", "localhost", "[::1]"}) allowed.push_back(name + suffix);
  }
  const auto is_allowed = [&](std::string_view address) {
    return std::find(allowed.begin(), allowed.end(), address) != allowed.end();
  };
  if (!is_allowed(host_header)) {
    return "Host '" + std::string(host_header) + "' is not the address this server was started on (" +
           allowed.front() + "): refused, as a page of another site could be posing as it";
  }
  if (!origin_header.empty() &&
      !(origin_header.starts_with("http://") && is_allowed(origin_header.substr(std::string_view("http://").size())))) {
    return "Origin '" + std::string(origin_header) + "' is not this server's page: cross-site requests are refused";
  }
  return "";
}

}  // namespace targetcast::workflow
