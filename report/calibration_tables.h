#pragma once
// Terminal tables of calibrations (`targetcast calibrate`, `backtest`,
// `revisions`, and the prior-vs-posterior table of `simulate --posterior`).
#include <array>
#include <string>
#include <vector>

#include "calibration/abc_smc.h"
#include "calibration/backtest.h"
#include "calibration/observation_model.h"
#include "calibration/posterior.h"
#include "store/calibration_store.h"

namespace targetcast::report {

// One line per generation: tolerance, acceptance, ESS, simulations, seconds.
std::string format_generation(const calibration::Generation& generation);

// Prior against posterior: median and 90% interval of each, and the ratio of
// the widths (< 1: the observations inform the parameter).
std::string format_parameter_summary(const std::vector<calibration::ParameterSummary>& summary);

// The observations, what each is used for and, when `fit` is given, how well
// the posterior reproduces each fitted one (scaled error median [90%]).
std::string format_observation_uses(const calibration::ObservationModel& model,
                                    const std::vector<calibration::ObservationFit>& fit = {});

// Each held-out observation against its predictive distribution, then the coverage.
std::string format_backtest(const calibration::ObservationModel& model,
                            const std::vector<calibration::ObservationScore>& scores,
                            const calibration::BacktestSummary& summary);

// A rolling-origin backtest: one row per cut (held-out figures, coverage of
// the 50% and 90% intervals, mean relative CRPS, mean Brier), the row over
// every cut, and the histogram of the scored figures' PIT in tenths. The
// table docs/validation.md holds.
std::string format_rolling_origin(const std::vector<calibration::CutSummary>& cuts,
                                  const calibration::BacktestSummary& overall,
                                  const std::array<std::size_t, 10>& pit_histogram);

// P(met) of a target from the prior forecast through each calibration.
std::string format_revisions(const std::string& target_id, const std::vector<store::RevisionRow>& rows);

}  // namespace targetcast::report
