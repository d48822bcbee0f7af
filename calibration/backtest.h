#pragma once
// Backtests (docs/model.md §8): a posterior calibrated on the observations
// before a cut year forecasts the held-out ones, and each held-out figure is
// scored against its predictive distribution.
//
// The predictive distribution of an observation is what the same observation
// model would report: run r draws particle j by weight (Stream::
// calibration_predictive, entity 0), continues particle j's own accepted
// simulation up to the last fitted year and draws the later years from the
// streams of (predictive seed, r) (model::PastPath), and adds the observation's measurement error,
// ln value + relative_sd · z (z from the same stream, entity = observation
// index + 1), because the figure a statistics office publishes carries that
// error too. A floor observation ("1500+") is scored by the predictive
// probability that the indicator is at least the floor.
#include <cstdint>
#include <vector>

#include "calibration/abc_smc.h"
#include "calibration/observation_model.h"
#include "model/results.h"

namespace targetcast::calibration {

struct PredictiveOptions {
  std::uint32_t runs = 2000;
  std::uint64_t master_seed = 1;
  int threads = 0;
};

struct ObservationScore {
  std::size_t observation = 0;            // index into ObservationModel::observations()
  model::DistributionSummary predictive;  // of the published figure (with measurement error)
  // Level and growth observations; NaN / false for floors.
  bool in_50 = false;
  bool in_90 = false;
  double crps = 0.0;           // in the indicator's unit (growth: as a rate)
  double relative_crps = 0.0;  // crps / |observed value|
  double pit = 0.0;
  // Floors: P(indicator ≥ floor); NaN for the others.
  double p_at_least = 0.0;
};

struct BacktestSummary {
  std::size_t scored = 0;  // level and growth observations held out
  std::size_t floors = 0;  // floor observations held out
  double coverage_50 = 0.0;
  double coverage_90 = 0.0;
  double mean_relative_crps = 0.0;
  double mean_p_at_least = 0.0;  // over the floors
};

// Scores every held-out observation of `model` under the posterior `particles`.
std::vector<ObservationScore> score_held_out(const ObservationModel& model, const ParticleSet& particles,
                                             const PredictiveOptions& options);

BacktestSummary summarise_scores(const ObservationModel& model, const std::vector<ObservationScore>& scores);

}  // namespace targetcast::calibration
