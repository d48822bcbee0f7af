#include "workflow/solve.h"

#include <chrono>

#include "store/sensitivity_store.h"

namespace targetcast::workflow {
namespace {

// The search's options from the request, validated against the model.
analysis::LeverSearchOptions search_options(const SolveRequest& r, const model::CompiledModel& model) {
  if (r.target.empty() && !r.all_targets) bad_option("--target", "give --target ID or --all-targets");
  analysis::LeverSearchOptions o;
  o.target = r.all_targets ? model::kNoIndex : find_target(model, r.target);
  o.range.lever = *analysis::find_policy_lever(r.lever);
  o.range.from_year = r.from_year;
  o.range.low = r.range.empty() ? analysis::neutral_value(o.range.lever) : r.range[0];
  o.range.high = r.range.empty() ? (o.range.lever == analysis::PolicyLever::new_parks ? 10.0 : 3.0) : r.range[1];
  require_valid(model, o.range, "--range");
  o.probability = r.probability;
  o.runs = r.runs;
  o.master_seed = r.analysis.master_seed;
  o.confirmation_runs = r.confirmation_runs;
  o.confirmation_seed = r.confirmation_seed != 0 ? r.confirmation_seed : r.analysis.master_seed + 1;
  if (o.confirmation_seed == o.master_seed) bad_option("--confirm-seed", "must differ from --rng-seed");
  o.tolerance = r.tolerance;
  o.rounds = r.rounds;
  o.threads = r.analysis.threads;
  return o;
}

}  // namespace

SolveOutcome run_solve(const SolveRequest& request, const model::Executor& executor, const std::atomic<bool>* stop) {
  AnalysedModel loaded = load_analysis_model(request.analysis);
  SolveOutcome out;
  out.model = std::move(loaded.model);
  out.options = search_options(request, out.model);
  out.options.executor = &executor;

  std::optional<store::Store> db;
  std::optional<store::SensitivityStore> store;
  if (executor.writes()) store.emplace(db.emplace(store::Store::open(request.analysis.db_path)));
  store::AnalysisInfo info;
  info.command_line = request.command_line;
  info.threads = resolved_threads(request.analysis.threads);
  info.inputs = std::move(loaded.files);
  MarkFn mark;
  if (store) {
    out.solve_id = store->begin_solve(info, out.model, out.options);
    mark = [&](store::ExperimentStatus status, const std::string& why) {
      store->mark_solve(out.solve_id, status, why);
    };
  }
  run_begun(mark, "stopped by a signal before the solve finished", [&] {
    const auto start = std::chrono::steady_clock::now();
    out.result = analysis::search_lever(out.model, out.options, stop);
    throw_if_stopped(stop);
    info.wall_seconds = out.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (store) store->finish_solve(out.solve_id, info, out.result);
  });
  return out;
}

}  // namespace targetcast::workflow
