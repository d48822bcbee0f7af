#include "calibration/backtest.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "calibration/scores.h"
#include "model/rng.h"
#include "model/samplers.h"
#include "model/summary.h"

namespace targetcast::calibration {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Generation number given to predictive runs in simulation_seed(): far beyond
// any ABC generation, so that they never share a calibration run's noise.
constexpr int kPredictiveGeneration = 0xFFFF;

}  // namespace

std::vector<ObservationScore> score_held_out(const ObservationModel& model, const ParticleSet& particles,
                                             const PredictiveOptions& options) {
  const auto obs = model.observations();
  const auto uses = model.uses();
  std::vector<std::size_t> held;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    if (uses[i] == ObservationUse::held_out) held.push_back(i);
  }
  const std::size_t runs = options.runs;
  // samples[h * runs + r]: the published figure of held-out observation h in run r.
  std::vector<double> samples(held.size() * runs);
  const std::uint64_t sim_seed = simulation_seed(options.master_seed, kPredictiveGeneration);
  const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
  const auto total = static_cast<std::int64_t>(runs);
#pragma omp parallel num_threads(threads)
  {
    std::vector<double> predicted(obs.size());
    std::vector<double> derived(model.derived_count());
#pragma omp for schedule(dynamic, 4)
    for (std::int64_t rr = 0; rr < total; ++rr) {
      const auto r = static_cast<std::uint32_t>(rr);
      model::CounterStream pick(options.master_seed, r, model::Stream::calibration_predictive, 0, 0);
      const std::size_t j = model::categorical(pick, particles.weights);
      // The run continues particle j's own accepted simulation up to the
      // last fitted year and draws afresh after it (the forecast a
      // calibration makes, calibration/posterior.h).
      model::PastPath past;
      if (particles.paths.size() == particles.size()) past = {particles.paths[j], model.last_fitted_year()};
      model.simulate(particles.particle(j), sim_seed, r, predicted, derived, past);
      for (std::size_t h = 0; h < held.size(); ++h) {
        const Observation& o = obs[held[h]];
        double value = predicted[held[h]];
        if (o.measure != Measure::floor) {
          model::CounterStream noise(options.master_seed, r, model::Stream::calibration_predictive, 0,
                                     static_cast<std::uint32_t>(held[h] + 1));
          const double z = model::standard_normal(noise);
          value = o.measure == Measure::growth ? (1.0 + value) * std::exp(o.relative_sd * z) - 1.0
                                               : value * std::exp(o.relative_sd * z);
        }
        samples[h * runs + static_cast<std::size_t>(r)] = value;
      }
    }
  }

  std::vector<ObservationScore> scores;
  for (std::size_t h = 0; h < held.size(); ++h) {
    const Observation& o = obs[held[h]];
    std::span<double> sample(samples.data() + h * runs, runs);
    std::sort(sample.begin(), sample.end());
    ObservationScore s;
    s.observation = held[h];
    std::vector<double> copy(sample.begin(), sample.end());
    s.predictive = model::summarise_values(copy);
    // Share of the sample at least x.
    const auto at_least = [&](double x) {
      const auto below = std::lower_bound(sample.begin(), sample.end(), x) - sample.begin();
      return 1.0 - static_cast<double>(below) / static_cast<double>(runs);
    };
    if (o.measure == Measure::floor) {
      s.p_at_least = at_least(o.value);
      s.brier = (1.0 - s.p_at_least) * (1.0 - s.p_at_least);
      s.crps = s.relative_crps = s.pit = kNaN;
    } else {
      const bool growth = o.measure == Measure::growth;
      const auto scaled = [&](double ratio) { return growth ? ratio * (1.0 + o.value) - 1.0 : ratio * o.value; };
      const double p_low = at_least(scaled(kBrierLowRatio)), p_high = at_least(scaled(kBrierHighRatio));
      s.brier = 0.5 * ((1.0 - p_low) * (1.0 - p_low) + p_high * p_high);
      s.in_50 = in_central_interval(sample, o.value, 0.5);
      s.in_90 = in_central_interval(sample, o.value, 0.9);
      s.crps = crps_sorted(sample, o.value);
      s.relative_crps = o.value != 0.0 ? s.crps / std::abs(o.value) : kNaN;
      s.pit = pit_sorted(sample, o.value);
      s.p_at_least = kNaN;
    }
    scores.push_back(s);
  }
  return scores;
}

BacktestSummary summarise_scores(const ObservationModel& model, const std::vector<ObservationScore>& scores) {
  BacktestSummary s;
  double in50 = 0.0, in90 = 0.0, crps = 0.0, floors = 0.0, brier = 0.0;
  for (const ObservationScore& score : scores) {
    brier += score.brier;
    if (model.observations()[score.observation].measure == Measure::floor) {
      ++s.floors;
      floors += score.p_at_least;
      continue;
    }
    ++s.scored;
    in50 += score.in_50 ? 1.0 : 0.0;
    in90 += score.in_90 ? 1.0 : 0.0;
    crps += score.relative_crps;
  }
  const auto mean = [](double sum, std::size_t n) { return n > 0 ? sum / static_cast<double>(n) : kNaN; };
  s.coverage_50 = mean(in50, s.scored);
  s.coverage_90 = mean(in90, s.scored);
  s.mean_relative_crps = mean(crps, s.scored);
  s.mean_p_at_least = mean(floors, s.floors);
  s.mean_brier = mean(brier, scores.size());
  return s;
}

}  // namespace targetcast::calibration
