#include "workflow/backtest.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "io/embedded_files.h"
#include "io/observations_csv.h"
#include "io/source_file.h"
#include "io/toml_loader.h"
#include "model/spec_error.h"

namespace targetcast::workflow {
namespace {

constexpr std::string_view kObservationFolder = "seeds/observations/";
using io::kEmbeddedPrefix;

// The observed years of the files, ascending.
std::vector<int> observed_years(const std::vector<std::string>& files) {
  std::set<int> years;
  for (const std::string& path : files) {
    for (const calibration::Observation& o : io::load_observations(io::read_source(path))) years.insert(o.year);
  }
  return {years.begin(), years.end()};
}

// The suite's totals: each cut's summary (calibration::summarise_scores)
// weighted by its figures, and the PIT of every scored figure in tenths.
void summarise(BacktestSuite& suite) {
  double in50 = 0.0, in90 = 0.0, crps = 0.0, floors = 0.0, brier = 0.0;
  suite.overall = {};
  suite.pit_histogram = {};
  for (const BacktestCut& cut : suite.cuts) {
    const calibration::BacktestSummary& s = cut.outcome.backtest;
    const auto scored = static_cast<double>(s.scored), held_floors = static_cast<double>(s.floors);
    if (s.scored > 0) {
      in50 += s.coverage_50 * scored;
      in90 += s.coverage_90 * scored;
      crps += s.mean_relative_crps * scored;
    }
    if (s.floors > 0) floors += s.mean_p_at_least * held_floors;
    if (s.scored + s.floors > 0) brier += s.mean_brier * (scored + held_floors);
    suite.overall.scored += s.scored;
    suite.overall.floors += s.floors;
    for (const calibration::ObservationScore& score : cut.outcome.scores) {
      if (std::isnan(score.pit)) continue;  // a floor
      ++suite.pit_histogram[static_cast<std::size_t>(std::clamp(std::floor(10.0 * score.pit), 0.0, 9.0))];
    }
  }
  const auto mean = [](double sum, std::size_t n) { return n > 0 ? sum / static_cast<double>(n) : std::nan(""); };
  suite.overall.coverage_50 = mean(in50, suite.overall.scored);
  suite.overall.coverage_90 = mean(in90, suite.overall.scored);
  suite.overall.mean_relative_crps = mean(crps, suite.overall.scored);
  suite.overall.mean_p_at_least = mean(floors, suite.overall.floors);
  suite.overall.mean_brier = mean(brier, suite.overall.scored + suite.overall.floors);
}

}  // namespace

CalibrationOutcome run_backtest(const CalibrationRequest& request, const model::Executor& executor,
                                const calibration::GenerationFn& on_generation, const std::atomic<bool>* stop) {
  if (request.cut_year <= 0) {
    throw model::SpecError(model::Problem{"command line", 0, "--cut", "a backtest needs the first held-out year"});
  }
  CalibrationRequest backtest = request;
  backtest.forecast_runs = 0;
  return run_calibration(backtest, executor, on_generation, stop);
}

std::vector<BacktestTarget> backtest_targets(const CalibrationRequest& request) {
  if (!request.observation_files.empty() || !request.inputs.baseline.empty()) {
    return {BacktestTarget{request.inputs.baseline, request.observation_files.empty()
                                                        ? std::vector<std::string>{io::kDefaultObservations}
                                                        : request.observation_files}};
  }
  std::vector<BacktestTarget> targets;
  for (const io::EmbeddedFile& f : io::embedded_files()) {
    if (!f.path.starts_with(kObservationFolder) || !f.path.ends_with(".csv")) continue;
    const std::string region(f.path.substr(kObservationFolder.size(), f.path.size() - kObservationFolder.size() - 4));
    for (const io::EmbeddedFile& plan : io::embedded_files()) {
      const bool seed_plan = plan.path.starts_with("seeds/") && plan.path.ends_with(".toml") &&
                             plan.path.find('/', 6) == std::string_view::npos && plan.path != "seeds/priors.toml";
      if (seed_plan && io::load_plan(io::read_source(kEmbeddedPrefix + std::string(plan.path))).region_id == region) {
        targets.push_back({kEmbeddedPrefix + std::string(plan.path), {kEmbeddedPrefix + std::string(f.path)}});
      }
    }
  }
  return targets;
}

BacktestSuite run_backtest_all(const CalibrationRequest& request, const model::Executor& executor,
                               const std::function<void(const BacktestCut&)>& on_cut, const std::atomic<bool>* stop) {
  BacktestSuite suite;
  for (const BacktestTarget& target : backtest_targets(request)) {
    const std::vector<int> years = observed_years(target.observations);
    for (std::size_t i = 1; i < years.size(); ++i) {
      CalibrationRequest cut = request;
      cut.inputs.baseline = target.plan;
      cut.observation_files = target.observations;
      cut.cut_year = years[i];
      try {
        BacktestCut done{target.plan, years[i], run_backtest(cut, executor, {}, stop)};
        if (on_cut) on_cut(done);
        suite.cuts.push_back(std::move(done));
      } catch (const model::SpecError& e) {
        // Raised before anything is written: the observations cannot support this cut.
        suite.skipped.push_back({target.plan, years[i], e.what()});
      }
    }
  }
  summarise(suite);
  return suite;
}

}  // namespace targetcast::workflow
