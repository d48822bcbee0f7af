#pragma once
// The posterior a calibration leaves, and how simulate draws θ from it
// (docs/model.md §1, §8): weighted particles, each with the values it sets
// for the forecast's parameters.
#include <climits>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "calibration/abc_smc.h"
#include "calibration/observation_model.h"
#include "model/compiled_model.h"
#include "model/monte_carlo.h"

namespace targetcast::calibration {

struct Posterior {
  std::int64_t calibration_id = 0;
  std::string plan_id;
  std::vector<std::string> names;  // forecast parameters the posterior sets
  std::vector<double> values;      // size() × names.size(), particle-major
  std::vector<double> weights;     // normalised
  // Per particle: the streams of the simulation that accepted it, and the
  // last year fitted in the forecast run (ObservationModel::
  // path_through_year). Empty / INT_MIN when there is nothing to continue: no
  // figure after the base year, or a calibration stored before the streams
  // were (schema < 3).
  std::vector<model::RunKey> paths;
  int path_through_year = INT_MIN;

  std::size_t size() const { return weights.size(); }
  double value(std::size_t particle, std::size_t name) const { return values[particle * names.size() + name]; }
  bool can_continue_paths() const { return paths.size() == size() && path_through_year != INT_MIN; }
};

// How the runs of a forecast from a calibration are made (docs/model.md §8).
enum class ForecastPaths {
  // Run k continues particle j's accepted simulation up to path_through_year
  // and draws the later years afresh: the forecast is conditioned on the
  // observed figures (their years keep the paths that matched them).
  continued,
  // Run k takes particle j's θ only and draws its whole path afresh: the
  // observed years are forecast again as if unobserved.
  fresh,
};

std::string_view to_string(ForecastPaths paths);

// What a forecast asked for `requested` gets from `posterior`: continued only
// when it can continue paths.
ForecastPaths effective_paths(const Posterior& posterior, ForecastPaths requested);

// The posterior of a final population: ObservationModel::posterior_values of
// every particle.
Posterior make_posterior(const ObservationModel& model, const ParticleSet& particles);

// θ for run k of `model`: its prior draw (model::draw_theta), with every
// parameter the posterior sets replaced by particle j's value, j drawn by
// weight with one uniform of Stream::posterior keyed by (seed, run): a pure
// function of (seed, run). A parameter whose prior the scenario file
// overrides keeps the scenario's prior (a what-if deliberately replaces a
// belief). With effective_paths(...) == continued the run also continues
// particle j's path, so that 10,000 runs from 1,000 particles share each
// particle's observed years and branch after them. A scenario whose levers
// act in those years replays them under its levers with the particle's
// draws (common random numbers), so its past may leave the observed figures.
// Throws std::invalid_argument when the posterior is empty.
model::RunSource make_run_source(std::shared_ptr<const Posterior> posterior, const model::CompiledModel& model,
                                 ForecastPaths paths = ForecastPaths::continued);

// Prior against posterior for one parameter.
struct ParameterSummary {
  std::string name;
  std::string role;   // calibrated | presample | derived
  std::string prior;  // model::describe of the prior
  double prior_p05 = 0.0, prior_p50 = 0.0, prior_p95 = 0.0;
  double mean = 0.0;  // posterior (weighted)
  double p05 = 0.0, p50 = 0.0, p95 = 0.0;
  double width_ratio = 0.0;  // posterior 90% width / prior 90% width (< 1: the data inform it)
};

// Weighted summary of `values` (one per particle) against `prior`.
ParameterSummary summarise_parameter(std::string name, std::string role, const model::Distribution& prior,
                                     std::span<const double> values, std::span<const double> weights);

// Prior against posterior for every coordinate and derived value of a population.
std::vector<ParameterSummary> summarise_population(const ObservationModel& model, const ParticleSet& particles);

// How well a population reproduces each fitted observation: the weighted 5%,
// 50% and 95% quantiles of its scaled error residual() (|error| ≤ 1: within
// the stated relative_sd). A median far from 0 flags a figure the model,
// under its priors, cannot reproduce.
struct ObservationFit {
  std::size_t observation = 0;  // index into ObservationModel::observations()
  double p05 = 0.0, p50 = 0.0, p95 = 0.0;
};
std::vector<ObservationFit> summarise_fit(const ObservationModel& model, const ParticleSet& particles);

// Prior against posterior for every parameter the posterior sets, with the
// priors of `model` (the model an experiment ran).
std::vector<ParameterSummary> summarise_posterior(const Posterior& posterior, const model::CompiledModel& model);

}  // namespace targetcast::calibration
