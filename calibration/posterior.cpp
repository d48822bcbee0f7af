#include "calibration/posterior.h"

#include <climits>
#include <stdexcept>

#include "model/rng.h"
#include "model/run_context.h"
#include "model/samplers.h"

namespace targetcast::calibration {

Posterior make_posterior(const ObservationModel& model, const ParticleSet& particles) {
  Posterior p;
  p.plan_id = model.forecast().plan.id;
  p.names = model.posterior_names();
  p.weights = particles.weights;
  p.values.resize(particles.size() * p.names.size());
  for (std::size_t j = 0; j < particles.size(); ++j) {
    model.posterior_values(particles.particle(j), particles.derived_of(j),
                           std::span<double>(p.values).subspan(j * p.names.size(), p.names.size()));
  }
  if (particles.paths.size() == particles.size() && model.path_through_year() != INT_MIN) {
    p.paths = particles.paths;
    p.path_through_year = model.path_through_year();
  }
  return p;
}

std::string_view to_string(ForecastPaths paths) {
  return paths == ForecastPaths::continued ? "continued" : "fresh";
}

ForecastPaths effective_paths(const Posterior& posterior, ForecastPaths requested) {
  return requested == ForecastPaths::continued && posterior.can_continue_paths() ? ForecastPaths::continued
                                                                                 : ForecastPaths::fresh;
}

model::RunSource make_run_source(std::shared_ptr<const Posterior> posterior, const model::CompiledModel& model,
                                 ForecastPaths paths) {
  if (!posterior || posterior->size() == 0) throw std::invalid_argument("make_run_source: empty posterior");
  const bool continued = effective_paths(*posterior, paths) == ForecastPaths::continued;
  // (model parameter index, posterior column) for every parameter the posterior sets.
  std::vector<std::pair<std::size_t, std::size_t>> columns;
  for (std::size_t c = 0; c < posterior->names.size(); ++c) {
    const auto at = model.parameters.index_of(posterior->names[c]);
    if (!at) continue;
    // A scenario file's own prior overrides the posterior. A plan run without
    // a scenario file gets an empty scenario named after the plan file
    // (workflow/experiment_inputs.cpp), whose priors are the plan's: those
    // the posterior sets.
    const std::string& scenario_file = model.scenario.source_path;
    if (!scenario_file.empty() && scenario_file != model.plan.source_path &&
        model.parameters[*at].origin == scenario_file) {
      continue;
    }
    columns.emplace_back(*at, c);
  }
  return [posterior = std::move(posterior), columns = std::move(columns), continued](
             const model::CompiledModel& m, std::uint64_t seed, std::uint32_t run) {
    model::RunDraw draw{model::draw_theta(m, seed, run), {}};
    model::CounterStream s(seed, run, model::Stream::posterior, 0, 0);
    const std::size_t j = model::categorical(s, posterior->weights);
    for (const auto& [index, column] : columns) draw.theta[index] = posterior->value(j, column);
    if (continued) draw.past = model::PastPath{posterior->paths[j], posterior->path_through_year};
    return draw;
  };
}

ParameterSummary summarise_parameter(std::string name, std::string role, const model::Distribution& prior,
                                     std::span<const double> values, std::span<const double> weights) {
  ParameterSummary s;
  s.name = std::move(name);
  s.role = std::move(role);
  s.prior = model::describe(prior);
  s.prior_p05 = model::quantile(prior, 0.05);
  s.prior_p50 = model::quantile(prior, 0.5);
  s.prior_p95 = model::quantile(prior, 0.95);
  double total = 0.0, mean = 0.0;
  for (std::size_t j = 0; j < values.size(); ++j) {
    total += weights[j];
    mean += weights[j] * values[j];
  }
  s.mean = total > 0.0 ? mean / total : 0.0;
  s.p05 = weighted_quantile(values, weights, 0.05);
  s.p50 = weighted_quantile(values, weights, 0.5);
  s.p95 = weighted_quantile(values, weights, 0.95);
  const double prior_width = s.prior_p95 - s.prior_p05;
  s.width_ratio = prior_width > 0.0 ? (s.p95 - s.p05) / prior_width : 0.0;
  return s;
}

std::vector<ParameterSummary> summarise_population(const ObservationModel& model, const ParticleSet& particles) {
  // Forecast values (λ0 carried over to the base year, derived stocks) for
  // what the forecast uses; the pre-sample's own coordinates and the
  // definition ratios (no forecast parameters) as drawn.
  const Posterior posterior = make_posterior(model, particles);
  std::vector<ParameterSummary> out;
  std::vector<double> column(particles.size());
  std::size_t c = 0;
  const auto params = model.parameters();
  for (std::size_t i = 0; i < params.size(); ++i) {
    const CalibrationParameter& p = params[i];
    const bool as_drawn = p.role == ParameterRole::presample || p.definition_ratio;
    for (std::size_t j = 0; j < particles.size(); ++j) {
      column[j] = as_drawn ? particles.particle(j)[i] : posterior.value(j, c);
    }
    if (!as_drawn) ++c;
    out.push_back(
        summarise_parameter(p.name, std::string(to_string(p.role)), p.prior.distribution, column, particles.weights));
  }
  return out;
}

std::vector<ParameterSummary> summarise_posterior(const Posterior& posterior, const model::CompiledModel& model) {
  std::vector<ParameterSummary> out;
  std::vector<double> column(posterior.size());
  for (std::size_t c = 0; c < posterior.names.size(); ++c) {
    const auto at = model.parameters.index_of(posterior.names[c]);
    if (!at) continue;
    for (std::size_t j = 0; j < posterior.size(); ++j) column[j] = posterior.value(j, c);
    out.push_back(summarise_parameter(posterior.names[c], "posterior", model.parameters[*at].distribution, column,
                                      posterior.weights));
  }
  return out;
}

std::vector<ObservationFit> summarise_fit(const ObservationModel& model, const ParticleSet& particles) {
  std::vector<ObservationFit> out;
  const std::size_t fitted = model.fitted_count();
  if (particles.statistics.size() != particles.size() * fitted) return out;
  std::vector<double> column(particles.size());
  std::size_t s = 0;
  for (std::size_t i = 0; i < model.observations().size(); ++i) {
    if (model.uses()[i] != ObservationUse::fit) continue;
    for (std::size_t j = 0; j < particles.size(); ++j) column[j] = particles.statistics[j * fitted + s];
    out.push_back(ObservationFit{i, weighted_quantile(column, particles.weights, 0.05),
                                 weighted_quantile(column, particles.weights, 0.5),
                                 weighted_quantile(column, particles.weights, 0.95)});
    ++s;
  }
  return out;
}

}  // namespace targetcast::calibration
