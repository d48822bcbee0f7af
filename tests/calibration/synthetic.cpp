#include "synthetic.h"

#include <cmath>

#include "model/rng.h"
#include "model/samplers.h"

namespace targetcast::test {

TinyModel calibration_tiny_model() {
  // Noise on, but small enough beside a 10% measurement error that ABC can
  // reach a tolerance of about one measurement sd (docs/calibration.md).
  TinyModel tiny = tiny_model();
  tiny.fix("sigma_cg", 0.01).fix("sigma_ce", 0.05).fix("sigma_cq", 0.01);
  tiny.fix("sigma_g", 0.05).fix("kappa", 0.1).fix("h0", 0.02).fix("zeta", 0.2).fix("k_e", 1000);
  tiny.fix("roi", 1.0);
  const auto prior = [&](const char* name, model::Distribution d) {
    tiny.priors.set(model::Prior{name, d, {model::Basis::assumption, "", "", "test"}, "test", 0});
  };
  prior("mu_g", model::Distribution::normal(0.1, 0.05));
  prior("lambda0", model::Distribution::uniform(5, 20));
  prior("gbar_q", model::Distribution::normal(0.1, 0.1));
  return tiny;
}

calibration::Observation observation_template(const std::string& indicator, int year, double relative_sd,
                                     calibration::Measure measure) {
  calibration::Observation o;
  o.region = "tiny";
  o.indicator = indicator;
  o.year = year;
  o.measure = measure;
  o.value = measure == calibration::Measure::growth ? 0.1 : 1.0;
  o.relative_sd = relative_sd;
  o.source = "synthetic";
  o.file = "synthetic";
  return o;
}

std::vector<calibration::Observation> synthesise(const model::CompiledModel& model,
                                                 std::vector<calibration::Observation> observations,
                                                 const std::vector<double>& truth, std::uint64_t seed,
                                                 std::uint32_t run) {
  const calibration::ObservationModel om(model, observations);
  std::vector<double> predicted(observations.size());
  std::vector<double> derived(om.derived_count());
  om.simulate(truth, seed, run, predicted, derived);
  for (std::size_t i = 0; i < observations.size(); ++i) {
    if (om.uses()[i] == calibration::ObservationUse::initial_condition) continue;
    calibration::Observation& o = observations[i];
    model::CounterStream s(seed, run, model::Stream::calibration_predictive, 1, static_cast<std::uint32_t>(i));
    const double noise = std::exp(o.relative_sd * model::standard_normal(s));
    switch (o.measure) {
      case calibration::Measure::level: o.value = predicted[i] * noise; break;
      case calibration::Measure::growth: o.value = (1.0 + predicted[i]) * noise - 1.0; break;
      case calibration::Measure::floor: o.value = 0.9 * predicted[i]; break;  // a floor below the truth
    }
  }
  return observations;
}

calibration::AbcOptions synthetic_abc_options(std::uint64_t seed, std::uint32_t particles, int max_generations,
                                              double min_acceptance) {
  calibration::AbcOptions o;
  o.particles = particles;
  o.min_epsilon = 1.0;
  o.max_generations = max_generations;
  o.min_acceptance = min_acceptance;
  o.master_seed = seed;
  o.threads = 2;
  return o;
}

std::vector<double> draw_truth(const calibration::ObservationModel& model, std::uint64_t seed) {
  std::vector<double> x(model.dimension());
  for (std::size_t i = 0; i < x.size(); ++i) {
    model::CounterStream s(seed, 0, model::Stream::parameter, 1, static_cast<std::uint32_t>(i));
    x[i] = model::quantile(model.parameters()[i].prior.distribution, s.uniform());
  }
  return x;
}

}  // namespace targetcast::test
