#include "workflow/calibrate.h"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <tuple>

#include "io/observations_csv.h"
#include "io/sha256.h"
#include "model/spec_error.h"
#include "store/calibration_store.h"

namespace targetcast::workflow {
namespace {

using calibration::Observation;

// The observations of the files, every problem of every file at once, with
// the checks against the forecast model on the rows that did read (so that a
// bad number does not hide an unknown indicator until it is fixed).
std::vector<Observation> read_observation_files(const std::vector<std::string>& paths,
                                                const model::CompiledModel& forecast,
                                                std::vector<store::InputFileRecord>& records) {
  std::vector<Observation> out;
  std::vector<model::Problem> problems;
  for (const std::string& path : paths) {
    try {
      const io::SourceFile file = io::read_source(path);
      io::ObservationFile read = io::read_observations(file);
      out.insert(out.end(), read.rows.begin(), read.rows.end());
      problems.insert(problems.end(), read.problems.begin(), read.problems.end());
      records.push_back(store::InputFileRecord{"observations", file.path, file.content, io::sha256_hex(file.content)});
    } catch (const model::SpecError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) {
    const std::vector<model::Problem> more = calibration::check_observations(forecast, out);
    problems.insert(problems.end(), more.begin(), more.end());
    std::stable_sort(problems.begin(), problems.end(), [](const model::Problem& a, const model::Problem& b) {
      return std::tie(a.file, a.line) < std::tie(b.file, b.line);
    });
    throw model::SpecError(problems);
  }
  return out;
}

// The earlier calibration's observations, a new figure replacing an earlier
// one of the same (region, indicator, year, measure): a revised statistic.
std::vector<Observation> merge(std::vector<Observation> earlier, const std::vector<Observation>& fresh) {
  const auto key = [](const Observation& o) {
    return std::make_tuple(o.region, o.indicator, o.definition, o.year, o.measure);
  };
  std::map<decltype(key(fresh.front())), const Observation*> replacement;
  for (const Observation& o : fresh) replacement.emplace(key(o), &o);
  std::vector<Observation> out;
  for (Observation& o : earlier) {
    if (replacement.count(key(o)) == 0) out.push_back(std::move(o));
  }
  out.insert(out.end(), fresh.begin(), fresh.end());
  return out;
}

// Every observation the calibration fits: the files' (the shipped ones when
// none are named), merged into the earlier calibration's when refining one,
// whose store is then opened into `store`. Validates before anything is written.
std::vector<Observation> gather_observations(const CalibrationRequest& request, const model::CompiledModel& forecast,
                                             std::vector<store::InputFileRecord>& records,
                                             std::optional<store::Store>& store) {
  if (request.from && request.observation_files.empty()) {
    throw model::SpecError(model::Problem{"--observations", 0, "",
                                          "--from refines a calibration with NEW observations: name the file(s) "
                                          "holding them"});
  }
  std::vector<Observation> observations =
      read_observation_files(request.observation_files.empty() ? std::vector<std::string>{io::kDefaultObservations}
                                                               : request.observation_files,
                             forecast, records);
  if (!request.from) return observations;
  // An earlier calibration is read from the file, which must then exist.
  if (!std::filesystem::exists(request.db_path)) {
    throw store::StoreError(request.db_path, "no such file: --from reads the earlier calibration from it (--db).");
  }
  store.emplace(store::Store::open(request.db_path));
  const store::CalibrationStore earlier(*store);
  const auto row = earlier.calibration(*request.from);
  if (row && row->plan_id != forecast.plan.id) {
    throw model::SpecError(model::Problem{"--from", 0, "",
                                          "calibration " + std::to_string(*request.from) + " is of the plan '" +
                                              row->plan_id + "', not '" + forecast.plan.id + "'"});
  }
  return merge(earlier.observations(*request.from), observations);
}

// ABC-SMC from the priors or the earlier posterior, every generation written
// as it finishes; then the posterior, the summary and (backtests) the scores.
std::shared_ptr<const calibration::Posterior> calibrate(
    const CalibrationRequest& request, const calibration::AbcOptions& abc, const calibration::WarmStart* start_from,
    store::CalibrationStore* calibrations, const calibration::GenerationFn& on_generation,
    const std::atomic<bool>* stop, CalibrationOutcome& out, std::chrono::steady_clock::time_point start) {
  const calibration::ObservationModel& om = *out.model;
  out.result = calibration::abc_smc(
      calibration::abc_model(om), abc, start_from,
      [&](const calibration::Generation& g) {
        if (calibrations) calibrations->write_generation(out.calibration_id, om, g);
        if (on_generation) on_generation(g);
      },
      stop);
  const calibration::ParticleSet& particles = out.result.last().particles;
  calibration::Posterior posterior = calibration::make_posterior(om, particles);
  posterior.calibration_id = out.calibration_id;
  out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out.fit = calibration::summarise_fit(om, particles);
  if (calibrations) calibrations->finish(out.calibration_id, om, out.result, posterior, out.fit, out.wall_seconds);
  auto made = std::make_shared<const calibration::Posterior>(std::move(posterior));
  out.summary = calibration::summarise_population(om, particles);
  if (request.cut_year > 0) {
    const calibration::PredictiveOptions predictive{request.predictive_runs, abc.master_seed, abc.threads};
    out.scores = calibration::score_held_out(om, particles, predictive);
    out.backtest = calibration::summarise_scores(om, out.scores);
    if (calibrations) calibrations->write_scores(out.calibration_id, out.scores, request.predictive_runs);
  }
  return made;
}

// The forecast experiment drawn from the posterior just made.
ExperimentOutcome forecast_from(const CalibrationRequest& request, const CalibrationOutcome& out,
                                std::uint64_t master_seed, std::shared_ptr<const calibration::Posterior> posterior,
                                const model::Executor& executor, const std::atomic<bool>* stop) {
  ExperimentRequest experiment;
  experiment.inputs = request.inputs;
  experiment.db_path = request.db_path;
  experiment.monte_carlo.master_seed = master_seed;
  experiment.monte_carlo.runs = request.forecast_runs;
  experiment.monte_carlo.threads = out.threads;
  experiment.command_line = request.command_line;
  experiment.per_run = false;
  experiment.posterior = out.calibration_id;
  experiment.posterior_object = std::move(posterior);
  experiment.paths = request.forecast_paths;
  return run_experiment(experiment, executor, {}, stop);
}

}  // namespace

CalibrationOutcome run_calibration(const CalibrationRequest& request, const model::Executor& executor,
                                   const calibration::GenerationFn& on_generation, const std::atomic<bool>* stop) {
  const auto start = std::chrono::steady_clock::now();
  LoadedInputs inputs = load_inputs(request.inputs);
  const model::CompiledModel& forecast = inputs.models.front();
  std::vector<store::InputFileRecord> records = inputs.files;
  std::optional<store::Store> store;
  const std::vector<Observation> observations = gather_observations(request, forecast, records, store);

  CalibrationOutcome out;
  out.model = std::make_unique<calibration::ObservationModel>(forecast, observations, request.cut_year);
  const calibration::ObservationModel& om = *out.model;
  calibration::WarmStart start_from;
  if (request.from) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < om.dimension(); ++i) names.push_back(om.parameters()[i].name);
    start_from = store::CalibrationStore(*store).final_particles(*request.from, names);
  }
  // Only the writing process opens the store for writing.
  if (!store && executor.writes()) store.emplace(store::Store::open(request.db_path));
  std::optional<store::CalibrationStore> calibrations;
  if (executor.writes()) calibrations.emplace(*store);
  out.threads = request.abc.threads > 0 ? request.abc.threads : omp_get_max_threads();
  calibration::AbcOptions abc = request.abc;
  abc.threads = out.threads;
  abc.executor = &executor;
  store::CalibrationInfo info;
  info.purpose = request.cut_year > 0 ? "backtest" : "calibration";
  info.parent = request.from;
  info.command_line = request.command_line;
  info.cut_year = request.cut_year;
  info.abc = abc;
  info.threads = out.threads;
  info.inputs = records;
  MarkFn mark;
  if (calibrations) {
    out.calibration_id = calibrations->begin(info, om);
    mark = [&](store::ExperimentStatus status, const std::string& why) {
      calibrations->mark_quietly(out.calibration_id, status, why);
    };
  }
  const auto posterior = run_begun(mark, "stopped by a signal before the calibration finished", [&] {
    return calibrate(request, abc, request.from ? &start_from : nullptr, calibrations ? &*calibrations : nullptr,
                     on_generation, stop, out, start);
  });
  if (request.forecast_runs > 0 && request.cut_year == 0) {
    out.forecast = forecast_from(request, out, abc.master_seed, posterior, executor, stop);
  }
  return out;
}

}  // namespace targetcast::workflow
