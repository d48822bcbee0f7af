// ABC-SMC on problems with a known posterior: the normal mean with a normal
// prior (conjugate), an uninformed coordinate that must keep its prior, thread
// independence, the stopping rules and the warm start of `calibrate --from`.
#include <catch2/catch.hpp>
#include <cmath>

#include "calibration/abc_smc.h"
#include "model/rng.h"
#include "model/samplers.h"

using namespace targetcast;
using namespace targetcast::calibration;

namespace {

// θ ~ N(0, 1); each observation y_i = θ + e_i, e_i ~ N(0, 1). The distance is
// |mean of the simulated ys − mean of the observed ys|. As ε → 0 the ABC
// posterior is the exact one, N(n ȳ / (n + 1), 1 / (n + 1)).
AbcModel normal_mean(double observed_mean, int n, bool with_nuisance = false) {
  AbcModel m;
  m.names = {"theta"};
  m.priors = {model::Distribution::normal(0.0, 1.0)};
  if (with_nuisance) {
    m.names.push_back("nuisance");
    m.priors.push_back(model::Distribution::uniform(2.0, 5.0));
  }
  m.derived_count = 1;
  m.statistics_count = 1;
  m.simulate = [observed_mean, n](std::span<const double> x, std::uint64_t seed, std::uint32_t run,
                                  std::span<double> derived, std::span<double> statistics) {
    model::CounterStream s(seed, run, model::Stream::common_shock, 0, 0);
    double sum = 0.0;
    for (int i = 0; i < n; ++i) sum += x[0] + model::standard_normal(s);
    derived[0] = 2.0 * x[0];
    statistics[0] = sum / n - observed_mean;
    return std::abs(statistics[0]);
  };
  return m;
}

struct Moments {
  double mean = 0.0, sd = 0.0;
};

Moments moments(const ParticleSet& ps, std::size_t coordinate) {
  Moments r;
  for (std::size_t j = 0; j < ps.size(); ++j) r.mean += ps.weights[j] * ps.particle(j)[coordinate];
  double var = 0.0;
  for (std::size_t j = 0; j < ps.size(); ++j) var += ps.weights[j] * std::pow(ps.particle(j)[coordinate] - r.mean, 2);
  r.sd = std::sqrt(var);
  return r;
}

AbcOptions options(std::uint32_t particles, double min_epsilon) {
  AbcOptions o;
  o.particles = particles;
  o.min_epsilon = min_epsilon;
  o.max_generations = 30;
  o.min_acceptance = 0.001;
  o.master_seed = 7;
  o.threads = 2;
  return o;
}

}  // namespace

TEST_CASE("ABC-SMC recovers the conjugate normal posterior", "[calibration][abc]") {
  // Observed mean 1.2 over n = 3: posterior N(0.9, 0.25), sd 0.5. With ε = 0.02
  // the ABC posterior's variance exceeds the exact one by at most ε²/3 ≈ 1e-4.
  const AbcModel m = normal_mean(1.2, 3);
  const AbcResult r = abc_smc(m, options(2000, 0.02));
  REQUIRE(r.stop == StopReason::min_epsilon);
  const ParticleSet& ps = r.last().particles;
  const Moments mom = moments(ps, 0);
  // Monte Carlo error of a weighted mean: sd / sqrt(ESS); 4 of them.
  const double se = 0.5 / std::sqrt(ps.effective_sample_size());
  CHECK(mom.mean == Approx(0.9).margin(4 * se));
  CHECK(mom.sd == Approx(0.5).margin(0.05));
  // Generations shrink the tolerance and each records its bookkeeping.
  for (std::size_t g = 1; g < r.generations.size(); ++g) {
    CHECK(r.generations[g].epsilon <= r.generations[g - 1].epsilon);
    CHECK(r.generations[g].simulations >= 2000);
    CHECK(r.generations[g].attempts >= r.generations[g].simulations);
    CHECK(r.generations[g].acceptance_rate == Approx(2000.0 / static_cast<double>(r.generations[g].simulations)));
    for (double d : r.generations[g].particles.distances) CHECK(d <= r.generations[g].epsilon);
  }
  // Derived values travel with their particle.
  CHECK(ps.derived_of(17)[0] == 2.0 * ps.particle(17)[0]);
}

TEST_CASE("a coordinate the data do not inform keeps its prior", "[calibration][abc]") {
  const AbcModel m = normal_mean(1.2, 3, true);
  const AbcResult r = abc_smc(m, options(1000, 0.05));
  const ParticleSet& ps = r.last().particles;
  // Uniform(2, 5): mean 3.5, sd 3/sqrt(12) = 0.866.
  const double se = 0.866 / std::sqrt(ps.effective_sample_size());
  CHECK(moments(ps, 1).mean == Approx(3.5).margin(4 * se));
  CHECK(moments(ps, 1).sd == Approx(0.866).margin(0.08));
}

TEST_CASE("ABC-SMC gives the same particles for any number of threads", "[calibration][abc]") {
  const AbcModel m = normal_mean(0.4, 2, true);
  AbcOptions o = options(300, 0.1);
  o.threads = 1;
  const AbcResult one = abc_smc(m, o);
  o.threads = 3;
  const AbcResult three = abc_smc(m, o);
  REQUIRE(one.generations.size() == three.generations.size());
  for (std::size_t g = 0; g < one.generations.size(); ++g) {
    CHECK(one.generations[g].particles.x == three.generations[g].particles.x);
    CHECK(one.generations[g].particles.weights == three.generations[g].particles.weights);
    CHECK(one.generations[g].simulations == three.generations[g].simulations);
  }
  o.master_seed = 8;
  CHECK(abc_smc(m, o).last().particles.x != one.last().particles.x);
}

TEST_CASE("ABC-SMC stops at the first rule it meets", "[calibration][abc]") {
  const AbcModel m = normal_mean(1.2, 3);
  AbcOptions o = options(200, 0.0);
  o.max_generations = 3;
  AbcResult r = abc_smc(m, o);
  CHECK(r.stop == StopReason::max_generations);
  CHECK(r.generations.size() == 3);

  o.max_generations = 50;
  o.max_simulations = 3000;
  r = abc_smc(m, o);
  CHECK(r.stop == StopReason::max_simulations);
  CHECK(r.simulations <= 3000);

  o.max_simulations = 5'000'000;
  o.min_acceptance = 0.2;
  r = abc_smc(m, o);
  CHECK(r.stop == StopReason::min_acceptance);
  CHECK(r.last().acceptance_rate >= 0.2 * 0.999);

  o.min_acceptance = 0.001;
  o.min_epsilon = 0.3;
  r = abc_smc(m, o);
  CHECK(r.stop == StopReason::min_epsilon);
  CHECK(r.last().epsilon == 0.3);
}

TEST_CASE("a warm start from an earlier posterior reaches the posterior given all data", "[calibration][abc]") {
  // The earlier calibration saw mean 1.0 over 2 observations; the new one sees
  // 4 observations with mean 1.5: exact posterior N(1.2, 0.2).
  const AbcResult earlier = abc_smc(normal_mean(1.0, 2), options(1500, 0.05));
  const AbcModel all = normal_mean(1.5, 4);
  AbcOptions o = options(1500, 0.03);
  const WarmStart start{earlier.last().particles, earlier.active};
  const AbcResult warm = abc_smc(all, o, &start);
  const AbcResult cold = abc_smc(all, o);
  const ParticleSet& ps = warm.last().particles;
  const double se = std::sqrt(0.2 / ps.effective_sample_size());
  CHECK(moments(ps, 0).mean == Approx(1.2).margin(4 * se));
  CHECK(moments(ps, 0).sd == Approx(std::sqrt(0.2)).margin(0.05));
  // It starts where the earlier calibration ended: its first tolerance is
  // already below the first finite tolerance of a start from the priors.
  CHECK(warm.generations.front().epsilon < cold.generations[1].epsilon);
  CHECK(moments(cold.last().particles, 0).mean == Approx(1.2).margin(4 * se));
}

TEST_CASE("weighted quantiles and simulation seeds", "[calibration][abc]") {
  const double values[] = {3.0, 1.0, 2.0, 4.0};
  const double weights[] = {1.0, 1.0, 1.0, 1.0};
  CHECK(weighted_quantile(values, weights, 0.5) == 2.0);
  CHECK(weighted_quantile(values, weights, 0.75) == 3.0);
  CHECK(weighted_quantile(values, weights, 1.0) == 4.0);
  const double skewed[] = {0.0, 0.0, 0.0, 1.0};
  CHECK(weighted_quantile(values, skewed, 0.1) == 4.0);
  CHECK(std::isnan(weighted_quantile({}, {}, 0.5)));
  CHECK(simulation_seed(1, 0) != simulation_seed(1, 1));
  CHECK(simulation_seed(1, 0) != simulation_seed(2, 0));
}
