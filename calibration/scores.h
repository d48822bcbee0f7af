#pragma once
// Scores of a probabilistic forecast against the value later observed
// (backtests, docs/model.md §8), from a sample of the predictive distribution.
#include <span>

namespace targetcast::calibration {

// Continuous ranked probability score of the empirical distribution of
// `sorted` (ascending) at the observed value y, in y's unit; 0 is perfect
// (Gneiting & Raftery, "Strictly proper scoring rules, prediction, and
// estimation", JASA 102, 2007, eq. 20):
//     CRPS = mean |X − y| − ½ mean |X − X'|,
// the second term as Σ_i (2i − n + 1) X_(i) / n² over the sorted sample.
double crps_sorted(std::span<const double> sorted, double y);

// Probability integral transform: the predictive CDF at y, counting a sample
// value equal to y as half below (mid-rank); uniform on (0, 1) over many
// observations when the forecasts are calibrated.
double pit_sorted(std::span<const double> sorted, double y);

// True when y lies in the central interval of probability `level` (0.5, 0.9)
// of the sample: between its (1 − level)/2 and (1 + level)/2 type-7 quantiles.
bool in_central_interval(std::span<const double> sorted, double y, double level);

}  // namespace targetcast::calibration
