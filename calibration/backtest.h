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
#include <string>
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
  // Brier score of target-style events about the figure, against what was
  // observed: a floor is the event "at least the floor" (it held); a level or
  // growth figure gives two, "at least 0.8 × the figure" (it held) and "at
  // least 1.25 × the figure" (it did not), on the growth factor 1 + g for
  // growth. The mean of (P − outcome)² over the figure's events: 0 is a
  // forecast that was sure and right, 0.25 one that said 50% throughout.
  double brier = 0.0;
};

// The ratios of the two events of a level or growth figure (a target set 20%
// below what happened and one 25% above: symmetric on the log scale).
inline constexpr double kBrierLowRatio = 0.8;
inline constexpr double kBrierHighRatio = 1.25;

struct BacktestSummary {
  std::size_t scored = 0;  // level and growth observations held out
  std::size_t floors = 0;  // floor observations held out
  double coverage_50 = 0.0;
  double coverage_90 = 0.0;
  double mean_relative_crps = 0.0;
  double mean_p_at_least = 0.0;  // over the floors
  double mean_brier = 0.0;       // over every held-out figure
};

// One cut of a rolling-origin backtest, summarised (docs/validation.md).
struct CutSummary {
  std::string plan;  // plan id
  int cut_year = 0;
  std::int64_t calibration_id = 0;
  BacktestSummary summary;
};

// Scores every held-out observation of `model` under the posterior `particles`.
std::vector<ObservationScore> score_held_out(const ObservationModel& model, const ParticleSet& particles,
                                             const PredictiveOptions& options);

BacktestSummary summarise_scores(const ObservationModel& model, const std::vector<ObservationScore>& scores);

}  // namespace targetcast::calibration
