#include "workflow/sensitivity.h"

#include <chrono>

#include "store/sensitivity_store.h"

namespace targetcast::workflow {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The targets to show: those named, else every target and the joint outcome.
std::vector<std::size_t> targets_to_show(const SensitivityRequest& request, const model::CompiledModel& model) {
  std::vector<std::size_t> targets;
  for (const std::string& id : request.targets) targets.push_back(find_target(model, id));
  if (targets.empty()) {
    for (std::size_t t = 0; t < model.targets.size(); ++t) targets.push_back(t);
    targets.push_back(model::kNoIndex);
  }
  return targets;
}

// The levers given, else funding_multiplier 0.5..2 from the lever year (unless --no-levers).
std::vector<analysis::LeverRange> lever_inputs(const SensitivityRequest& request, const model::CompiledModel& model) {
  std::vector<analysis::LeverRange> levers;
  for (const std::string& text : request.levers) levers.push_back(parse_lever(model, text, request.lever_year));
  if (levers.empty() && !request.no_levers) {
    levers.push_back({analysis::PolicyLever::funding_multiplier, request.lever_year, 0.5, 2.0});
    require_valid(model, levers.back(), "--lever-year");
  }
  return levers;
}

// One method under the contract: begin its row, run it, finish or mark it.
template <class Analysis, class Analyse, class Finish>
SensitivityResult<Analysis> run_method(std::string_view method, store::SensitivityStore* store,
                                       store::AnalysisInfo& info, const model::CompiledModel& model,
                                       const analysis::SensitivityOptions& options, const Analyse& analyse,
                                       const Finish& finish) {
  SensitivityResult<Analysis> out;
  MarkFn mark;
  if (store != nullptr) {
    out.id = store->begin_analysis(method, info, model, options);
    mark = [&](store::ExperimentStatus status, const std::string& why) { store->mark_analysis(out.id, status, why); };
  }
  run_begun(mark, "stopped by a signal before the analysis finished", [&] {
    const auto start = std::chrono::steady_clock::now();
    out.analysis = analyse();
    info.wall_seconds = out.wall_seconds = seconds_since(start);
    if (store != nullptr) finish(out.id, out.analysis);
  });
  return out;
}

}  // namespace

SensitivityOutcome run_sensitivity(const SensitivityRequest& request, const model::Executor& executor,
                                   const model::ProgressFn& progress, const std::atomic<bool>* stop) {
  AnalysedModel loaded = load_analysis_model(request.analysis);
  SensitivityOutcome out;
  out.model = std::move(loaded.model);
  const model::CompiledModel& model = out.model;
  out.targets = targets_to_show(request, model);
  const std::vector<analysis::LeverRange> levers = lever_inputs(request, model);

  // Only the writing process opens the store, before anything is simulated.
  std::optional<store::Store> db;
  std::optional<store::SensitivityStore> store;
  if (executor.writes()) store.emplace(db.emplace(store::Store::open(request.analysis.db_path)));
  store::AnalysisInfo info;
  info.command_line = request.command_line;
  info.threads = out.threads = resolved_threads(request.analysis.threads);
  info.inputs = std::move(loaded.files);
  analysis::SensitivityOptions& o = out.options;
  o.master_seed = request.analysis.master_seed;
  o.bootstrap = request.bootstrap;
  o.threads = request.analysis.threads;
  o.executor = &executor;
  store::SensitivityStore* writer = store ? &*store : nullptr;

  if (request.method != "tornado") {
    o.samples = request.samples;
    out.sobol = run_method<analysis::SobolAnalysis>(
        "sobol", writer, info, model, o, [&] { return analysis::sobol_analysis(model, levers, o, progress, stop); },
        [&](std::int64_t id, const analysis::SobolAnalysis& a) { writer->finish_sobol(id, info, model, levers, a); });
  }
  if (request.method != "sobol") {
    o.samples = request.tornado_runs;
    out.tornado = run_method<analysis::TornadoAnalysis>(
        "tornado", writer, info, model, o, [&] { return analysis::tornado_analysis(model, levers, o, progress, stop); },
        [&](std::int64_t id, const analysis::TornadoAnalysis& a) {
          writer->finish_tornado(id, info, model, levers, a);
        });
  }
  return out;
}

}  // namespace targetcast::workflow
