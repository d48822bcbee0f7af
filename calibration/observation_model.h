#pragma once
// How a parameter vector is compared with observations (docs/calibration.md).
//
// The forecast model starts at the end of its base year (Guangdong: 2021).
// Observations of later years are compared with a forecast run. Observations
// of earlier years (Guangdong: 2017, 2018, 2020) are compared with a
// PRE-SAMPLE run: the same plan and parameters, compiled with the earliest
// observed year Y0 as its base year and the forecast's base year as its
// horizon, started from the figures observed in Y0, with no scenario levers.
// Its end state hands the forecast its starting stock: the forecast's n0 and
// c0 are then not drawn from their priors but taken from the pre-sample run
// of the same particle (role `derived`), and the entry rate λ0 is carried
// over to the base-year industry size (see posterior_values).
//
// A particle is the vector of calibration coordinates: every parameter whose
// prior is not fixed (role `calibrated`), plus, with a pre-sample, the
// pre-sample's own starting stock n0 and c0 at Y0 (role `presample`, named
// "n0_<Y0>" and "c0_<Y0>"). Fixed parameters are never calibrated.
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "calibration/abc_smc.h"
#include "calibration/observation.h"
#include "model/compiled_model.h"
#include "model/run_context.h"

namespace targetcast::calibration {

enum class ParameterRole {
  calibrated,  // a model parameter with a non-fixed prior: a coordinate of the particles
  presample,   // the pre-sample's starting stock: a coordinate, used only by the pre-sample run
  derived,     // a forecast parameter computed from the pre-sample run's end state: not a coordinate
};

std::string_view to_string(ParameterRole role);

struct CalibrationParameter {
  std::string name;
  ParameterRole role = ParameterRole::calibrated;
  // Calibrated and presample: the prior the coordinate is drawn from.
  // Derived: the forecast's own prior, shown beside the posterior in reports.
  model::Prior prior;
  std::size_t forecast_index = model::kNoIndex;   // into the forecast model's θ
  std::size_t presample_index = model::kNoIndex;  // into the pre-sample model's θ
  // A calibrated coordinate of the observation model only: the ratio between
  // figures under another definition and the plan's (docs/calibration.md,
  // "Definitions"); in neither model's θ.
  bool definition_ratio = false;
};

// What an observation is used for.
enum class ObservationUse {
  fit,                // compared with the simulation: enters the distance
  initial_condition,  // sets the pre-sample's starting state (or is the start year's own figure)
  held_out,           // predicted but not fitted (backtests)
};

std::string_view to_string(ObservationUse use);

// Relative sd of a pre-sample stock nobody observed in Y0: a "back-cast"
// prior, uniform between a tenth of the base-year prior's 5% quantile and its
// 95% quantile (the stock grew at most tenfold and did not shrink). Stated in
// docs/calibration.md; an assumption.
inline constexpr double kBackcastLowerFactor = 0.1;

class ObservationModel {
 public:
  // Observations of years ≥ `held_out_from` (> 0) are predicted, not fitted.
  // A series is the figures of one indicator under one definition
  // (series_of, series_count).
  // Throws model::SpecError when an observation does not fit the model
  // (check_observations), when nothing is left to fit, or when the cut does not
  // leave the pre-sample's start year in the fitted part.
  ObservationModel(const model::CompiledModel& forecast, std::vector<Observation> observations, int held_out_from = 0);

  const model::CompiledModel& forecast() const { return forecast_; }
  bool has_presample() const { return presample_.has_value(); }
  const model::CompiledModel& presample() const { return *presample_; }
  int presample_start_year() const { return presample_ ? presample_->base_year : 0; }

  std::span<const Observation> observations() const { return observations_; }
  std::span<const ObservationUse> uses() const { return uses_; }
  std::size_t fitted_count() const;

  // Coordinates first (calibrated, then presample), then derived.
  std::span<const CalibrationParameter> parameters() const { return parameters_; }
  std::size_t dimension() const { return dimension_; }
  std::size_t derived_count() const { return parameters_.size() - dimension_; }

  // One simulation of particle `x` (dimension() values) with the random
  // streams of (seed, run): the predicted value of every observation (NaN
  // for initial conditions) into `predicted` (observations().size()), and the
  // derived values into `derived` (derived_count()). Thread-safe.
  // With `past`, both runs continue that path up to past.through_year
  // (backtests: a held-out figure is predicted from the accepted path).
  void simulate(std::span<const double> x, std::uint64_t seed, std::uint32_t run, std::span<double> predicted,
                std::span<double> derived, const model::PastPath& past = {}) const;

  // Distance of predictions from the fitted observations: the root mean
  // square of the scaled log errors (residual()). 0 when nothing is fitted.
  // The calibration itself divides each series' squares by an inflation
  // adapted to the population (abc_model, AbcModel::statistic_series).
  double distance(std::span<const double> predicted) const;
  // The last year whose figures are fitted to the forecast run (a base-year
  // figure counts when there is no pre-sample): a forecast continuing a
  // particle's path keeps that path's draws up to this year
  // (model::PastPath). INT_MIN when no fitted figure lies in the forecast run.
  int path_through_year() const { return path_through_year_; }
  std::size_t series_of(std::size_t observation) const { return series_of_[observation]; }
  std::size_t series_count() const { return series_count_; }
  // The last year of any fitted figure, pre-sample included (backtests
  // continue a particle's pre-sample and forecast runs up to it).
  int last_fitted_year() const { return last_fitted_year_; }
  // False when a particle's pre-sample ends below the plan document's own
  // floor of the base-year firm count (超1500家 means at least 1500): such a
  // start contradicts the document, so the particle is rejected whatever its
  // distance (issue 14, item 6; docs/calibration.md).
  bool admissible(std::span<const double> derived) const;

  // The forecast parameters a particle sets, by name: every calibrated
  // parameter, then every derived one (names aligned with posterior_values).
  std::vector<std::string> posterior_names() const;
  // Their values for particle `x` with derived values `derived`. With a
  // pre-sample, λ0 (entry at the base industry size C0) becomes
  // λ0 · (c0 / c0_<Y0>)^ε_C, so that the forecast's first entry rate continues
  // the pre-sample's last one (docs/model.md §5.6).
  void posterior_values(std::span<const double> x, std::span<const double> derived, std::span<double> out) const;

 private:
  // The observations that set the pre-sample's starting stocks (nullptr: backcast from the prior).
  struct StartingFigures {
    const Observation* firms = nullptr;
    const Observation* core = nullptr;
  };

  void classify_and_build(int held_out_from);
  // Sets uses_ and indicator_of_, and the pre-sample plan's starting values
  // taken from the observations of year y0; throws every problem found.
  void classify_observations(int held_out_from, int y0, model::PlanSpec& pre_plan, StartingFigures& starts);
  // How an observation of the pre-sample's first year y0 is used.
  static ObservationUse use_at_presample_start(const Observation& o, model::IndicatorKind kind,
                                               model::IndicatorSpec& spec, int y0, StartingFigures& starts,
                                               std::vector<model::Problem>& problems);
  // Compiles the pre-sample run from y0 to the base year and adds its starting-stock coordinates.
  void build_presample(model::PlanSpec pre_plan, const StartingFigures& starts, int y0);
  // One coordinate per (indicator, definition) of the compared figures under
  // another definition than the plan's, and the series of every figure.
  void add_definition_ratios();
  void fill_theta(std::vector<double>& theta, bool presample, std::span<const double> x,
                  std::span<const double> derived) const;

  model::CompiledModel forecast_;  // the plan and scenario as given, to their horizon
  std::optional<model::CompiledModel> presample_;
  std::vector<Observation> observations_;
  std::vector<ObservationUse> uses_;
  std::vector<std::size_t> indicator_of_;  // per observation: indicator index (in both models)
  std::vector<CalibrationParameter> parameters_;
  std::size_t dimension_ = 0;
  std::vector<double> forecast_template_;  // fixed values; NaN where a coordinate or derived value goes
  std::vector<double> presample_template_;
  std::size_t presample_firms_ = model::kNoIndex;  // hidden indicators of the pre-sample's end state
  std::size_t presample_core_ = model::kNoIndex;
  double n0_floor_ = -std::numeric_limits<double>::infinity();  // the document's floor of n0, if it states one
  bool needs_forecast_run_ = false;
  int path_through_year_ = std::numeric_limits<int>::min();
  int last_fitted_year_ = std::numeric_limits<int>::min();
  std::vector<std::size_t> series_of_;  // per observation: its series (abc_model)
  std::vector<std::size_t> ratio_of_;   // per observation: its definition ratio's coordinate, or kNoIndex
  std::size_t series_count_ = 0;
};

// Scaled log error of one observation given its prediction: (ln predicted −
// ln observed) / relative_sd for a level; the same but only when below for a
// floor (0 when the prediction is at least the floor); for growth, on the
// growth factor: (ln(1 + predicted) − ln(1 + observed)) / relative_sd. A
// prediction ≤ 0 (or ≤ −1 for growth) counts as 1e-6 of the observed value.
double residual(const Observation& observation, double predicted);

// The ABC-SMC view of an observation model: its coordinates, their priors,
// and a simulation that returns the distance and the derived values. The
// returned model refers to `model`, which must outlive it.
AbcModel abc_model(const ObservationModel& model);

}  // namespace targetcast::calibration
