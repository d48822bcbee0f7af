#include "calibration/abc_smc.h"

#include <omp.h>

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <numbers>
#include <numeric>
#include <optional>
#include <stdexcept>

#include "model/monte_carlo.h"
#include "model/rng.h"
#include "model/samplers.h"
#include "model/summary.h"

namespace targetcast::calibration {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Share of the prior in the defensive mixture of a warm start (Hesterberg 1995).
constexpr double kDefensivePriorShare = 0.1;
// Screening threshold, in standard errors of a rank correlation under independence.
constexpr double kScreeningStandardErrors = 3.0;

double log_density_sum(const AbcModel& m, std::span<const double> x, const std::vector<std::size_t>& coordinates) {
  double sum = 0.0;
  for (std::size_t i : coordinates) {
    const double d = model::density(m.priors[i], x[i]);
    if (!(d > 0.0) || !std::isfinite(d)) return -kInf;
    sum += std::log(d);
  }
  return sum;
}

double log_sum_exp(std::span<const double> terms) {
  double top = -kInf;
  for (double t : terms) top = std::max(top, t);
  if (!std::isfinite(top)) return top;
  double sum = 0.0;
  for (double t : terms) sum += std::exp(t - top);
  return top + std::log(sum);
}

// The mixture Σ_j w_j N(x_j,A, K) over the active coordinates A, K = 2 Σ_A
// with Σ_A their weighted covariance (Beaumont et al. 2009). Densities are
// evaluated in whitened coordinates y = L⁻¹ x, so each term costs O(|A|).
class Kernel {
 public:
  Kernel(const ParticleSet& ps, const std::vector<std::size_t>& active) : active_(active), weights_(ps.weights) {
    const auto d = static_cast<Eigen::Index>(active.size());
    const auto n = static_cast<Eigen::Index>(ps.size());
    Eigen::MatrixXd x(d, n);  // column j = particle j's active coordinates
    for (Eigen::Index j = 0; j < n; ++j) {
      const auto particle = ps.particle(static_cast<std::size_t>(j));
      for (Eigen::Index i = 0; i < d; ++i) x(i, j) = particle[active[static_cast<std::size_t>(i)]];
    }
    const Eigen::Map<const Eigen::VectorXd> w(ps.weights.data(), n);
    const Eigen::VectorXd mean = x * w;
    const Eigen::MatrixXd centred = x.colwise() - mean;
    Eigen::MatrixXd cov = 2.0 * (centred * w.asDiagonal() * centred.transpose());
    // A coordinate on which every particle agrees has no spread: a tiny ridge
    // keeps the factorisation defined without moving anything measurably.
    double ridge = d > 0 ? 1e-12 * std::max(1.0, cov.diagonal().cwiseAbs().maxCoeff()) : 0.0;
    Eigen::LLT<Eigen::MatrixXd> llt(cov);
    for (int attempt = 0; attempt < 30 && llt.info() != Eigen::Success; ++attempt) {
      cov.diagonal().array() += ridge;
      ridge *= 10.0;
      llt.compute(cov);
    }
    if (llt.info() != Eigen::Success) throw std::runtime_error("ABC-SMC: the particle covariance is not finite");
    lower_ = llt.matrixL();
    whitened_ = lower_.triangularView<Eigen::Lower>().solve(x);
    log_norm_ = -0.5 * static_cast<double>(d) * std::log(2.0 * std::numbers::pi);
    for (Eigen::Index i = 0; i < d; ++i) log_norm_ -= std::log(lower_(i, i));
    log_weights_.resize(weights_.size());
    for (std::size_t j = 0; j < weights_.size(); ++j) log_weights_[j] = std::log(weights_[j]);
  }

  // Active coordinates of `out` = those of `from` + L z, z ~ N(0, I) from `rng`.
  void perturb(std::span<const double> from, model::CounterStream& rng, std::span<double> out) const {
    const auto d = static_cast<Eigen::Index>(active_.size());
    Eigen::VectorXd z(d);
    for (Eigen::Index i = 0; i < d; ++i) z(i) = model::standard_normal(rng);
    const Eigen::VectorXd step = lower_.triangularView<Eigen::Lower>() * z;
    for (Eigen::Index i = 0; i < d; ++i) {
      const std::size_t c = active_[static_cast<std::size_t>(i)];
      out[c] = from[c] + step(i);
    }
  }

  // ln Σ_j w_j N(x_A; x_j,A, K).
  double log_density(std::span<const double> x) const {
    const auto d = static_cast<Eigen::Index>(active_.size());
    Eigen::VectorXd v(d);
    for (Eigen::Index i = 0; i < d; ++i) v(i) = x[active_[static_cast<std::size_t>(i)]];
    const Eigen::VectorXd y = lower_.triangularView<Eigen::Lower>().solve(v);
    std::vector<double> terms(weights_.size());
    for (std::size_t j = 0; j < weights_.size(); ++j) {
      const double q = (whitened_.col(static_cast<Eigen::Index>(j)) - y).squaredNorm();
      terms[j] = log_weights_[j] - 0.5 * q;
    }
    return log_norm_ + log_sum_exp(terms);
  }

 private:
  std::vector<std::size_t> active_;
  std::vector<double> weights_;
  std::vector<double> log_weights_;
  Eigen::MatrixXd lower_;
  Eigen::MatrixXd whitened_;
  double log_norm_ = 0.0;
};

// One generation's proposals: θ for attempt `a`, and ln(π/q) of an accepted θ.
struct Proposal {
  std::function<void(std::uint32_t attempt, std::span<double> x)> draw;
  std::function<double(std::span<const double> x)> log_weight;
};

// Coordinates `which` of x drawn from their priors by inversion, each from
// its own stream (entity = the name's hash), so that a coordinate's draw does
// not depend on which others are drawn.
void draw_from_prior(const AbcModel& m, const std::vector<std::uint32_t>& ids, std::uint64_t seed,
                     std::uint32_t attempt, int generation, const std::vector<std::size_t>& which,
                     std::span<double> x) {
  for (std::size_t i : which) {
    model::CounterStream s(seed, attempt, model::Stream::calibration_proposal, generation, ids[i]);
    x[i] = model::quantile(m.priors[i], s.uniform());
  }
}

enum class Outcome { full, abandoned_budget, abandoned_acceptance };

struct Budget {
  std::uint64_t used = 0;  // simulations so far, all generations
  std::uint64_t max = 0;
};

// One round of proposals: row i holds attempt first + i.
struct Batch {
  Batch(std::size_t rows, std::size_t dimension, std::size_t derived_count, std::size_t statistics_count)
      : d(dimension),
        k(derived_count),
        ns(statistics_count),
        x(rows * d),
        derived(rows * k),
        statistics(rows * ns),
        distance(rows),
        log_prior(rows) {}
  std::size_t size() const { return distance.size(); }

  std::size_t d, k, ns;
  std::vector<double> x, derived, statistics, distance, log_prior;
};

// Every proposal of the round, on threads or MPI processes (AbcOptions::
// executor); each row depends only on its attempt index.
void simulate_batch(const AbcModel& m, const AbcOptions& o, const Proposal& proposal, std::uint64_t first,
                    std::uint64_t sim_seed, int threads, Batch& b) {
  const std::size_t d = b.d;
  const std::size_t k = b.k;
  const std::size_t ns = b.ns;
  const auto simulate_proposal = [&](std::size_t i) {
    const auto attempt = static_cast<std::uint32_t>(first + i);
    const std::span<double> x(b.x.data() + i * d, d);
    proposal.draw(attempt, x);
    bool inside = true;
    for (std::size_t c = 0; c < d && inside; ++c) inside = model::density(m.priors[c], x[c]) > 0.0;
    b.log_prior[i] = inside ? 0.0 : -kInf;
    b.distance[i] = kInf;
    if (inside) {
      const double dist = m.simulate(x, sim_seed, attempt, std::span<double>(b.derived.data() + i * k, k),
                                     std::span<double>(b.statistics.data() + i * ns, ns));
      // NaN: the model rules the proposal out (a start below a document's
      // floor, AbcModel::simulate): outside the prior's support, never accepted.
      if (std::isnan(dist)) {
        b.log_prior[i] = -kInf;
      } else {
        b.distance[i] = dist;
      }
    }
  };
  const std::array<model::BatchArray, 5> arrays{
      {{b.x, d}, {b.derived, k}, {b.statistics, ns}, {b.distance, 1}, {b.log_prior, 1}}};
  (o.executor != nullptr ? *o.executor : model::thread_executor())
      .evaluate(b.size(), threads, simulate_proposal, arrays);
}

// The inflation from a batch's simulated proposals, weighted equally.
std::vector<double> batch_inflation(const AbcModel& m, const Batch& b) {
  std::vector<double> statistics;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (!std::isfinite(b.log_prior[i])) continue;
    const auto row = std::span<const double>(b.statistics).subspan(i * b.ns, b.ns);
    statistics.insert(statistics.end(), row.begin(), row.end());
  }
  return series_inflation(m, statistics, {});
}

// Warm start: the tolerance is the quantile of the first batch's distances
// (nullopt when none of them could be simulated).
std::optional<double> first_batch_epsilon(const Batch& b, const AbcOptions& o) {
  std::vector<double> simulated;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (std::isfinite(b.log_prior[i]) && std::isfinite(b.distance[i])) simulated.push_back(b.distance[i]);
  }
  if (simulated.empty()) return std::nullopt;
  std::sort(simulated.begin(), simulated.end());
  return std::max(o.min_epsilon, model::quantile_sorted(simulated, o.quantile));
}

// Accepts the round's proposals strictly in attempt order, counting each
// simulation in `sims`. Outcome::full once the generation holds
// options.particles particles, abandoned_* when a rule ends it, nullopt when
// another round is needed.
std::optional<Outcome> accept_in_order(const Batch& b, const AbcOptions& o, std::uint64_t first,
                                       std::uint64_t sim_seed, Generation& gen, Budget& budget, std::uint64_t& sims) {
  const auto rows = [](const std::vector<double>& v, std::size_t width, std::size_t row) {
    return std::pair(v.begin() + static_cast<std::ptrdiff_t>(row * width),
                     v.begin() + static_cast<std::ptrdiff_t>((row + 1) * width));
  };
  const std::size_t n = o.particles;
  ParticleSet& ps = gen.particles;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (!std::isfinite(b.log_prior[i])) continue;
    ++sims;
    if (b.distance[i] <= gen.epsilon) {
      auto [x0, x1] = rows(b.x, b.d, i);
      ps.x.insert(ps.x.end(), x0, x1);
      auto [d0, d1] = rows(b.derived, b.k, i);
      ps.derived.insert(ps.derived.end(), d0, d1);
      auto [s0, s1] = rows(b.statistics, b.ns, i);
      ps.statistics.insert(ps.statistics.end(), s0, s1);
      ps.distances.push_back(b.distance[i]);
      ps.paths.push_back(model::RunKey{sim_seed, static_cast<std::uint32_t>(first + i)});
      if (ps.distances.size() == n) {
        gen.attempts = first + i + 1;
        return Outcome::full;
      }
    }
    if (budget.used + sims >= budget.max) {
      budget.used += sims;
      return Outcome::abandoned_budget;
    }
    if (o.min_acceptance > 0.0 && static_cast<double>(sims) * o.min_acceptance > static_cast<double>(n)) {
      budget.used += sims;
      return Outcome::abandoned_acceptance;
    }
  }
  return std::nullopt;
}

// Importance weights π/q of the accepted particles, normalised; then the
// generation's acceptance rate and effective sample size.
void weigh(const Proposal& proposal, int threads, Generation& gen) {
  ParticleSet& ps = gen.particles;
  const std::size_t n = ps.distances.size();
  std::vector<double> log_w_accepted(n);
  const auto count = static_cast<std::int64_t>(n);
#pragma omp parallel for num_threads(threads) schedule(dynamic, 8)
  for (std::int64_t b = 0; b < count; ++b) {
    const auto j = static_cast<std::size_t>(b);
    log_w_accepted[j] = proposal.log_weight(ps.particle(j));
  }
  double top = -kInf;
  for (double lw : log_w_accepted) top = std::max(top, lw);
  ps.weights.resize(n);
  double total = 0.0;
  for (std::size_t j = 0; j < n; ++j) total += (ps.weights[j] = std::exp(log_w_accepted[j] - top));
  for (double& w : ps.weights) w /= total;
  gen.acceptance_rate = static_cast<double>(n) / static_cast<double>(gen.simulations);
  gen.ess = ps.effective_sample_size();
}

// Fills generation `gen.index` with options.particles accepted proposals.
// `epsilon_from_first_batch`: the tolerance is the quantile of the first
// batch's distances (warm start) instead of gen.epsilon.
Outcome fill(const AbcModel& m, const AbcOptions& o, const Proposal& proposal, bool epsilon_from_first_batch,
             Generation& gen, Budget& budget, const std::atomic<bool>* stop) {
  const std::size_t batch = o.particles;  // the first batch is the first `particles` proposals (warm-start tolerance)
  const std::uint64_t sim_seed = simulation_seed(o.master_seed, gen.index);
  const int threads = o.threads > 0 ? o.threads : omp_get_max_threads();

  ParticleSet& ps = gen.particles;
  ps = ParticleSet{};
  ps.dimension = m.names.size();
  ps.derived_count = m.derived_count;

  Batch b(batch, m.names.size(), m.derived_count, m.statistics_count);
  std::uint64_t sims = 0;
  for (std::uint64_t first = 0;; first += batch) {
    if (stop != nullptr && stop->load()) throw model::Interrupted();
    if (first + batch > std::uint64_t{0xFFFFFFFFu}) return Outcome::abandoned_budget;
    simulate_batch(m, o, proposal, first, sim_seed, threads, b);
    if (m.adaptive()) {
      // A warm start has no earlier statistics: its inflation comes from its
      // own first batch of proposals.
      if (epsilon_from_first_batch && first == 0) gen.inflation = batch_inflation(m, b);
      for (std::size_t i = 0; i < b.size(); ++i) {
        if (std::isfinite(b.log_prior[i])) {
          b.distance[i] = inflated_distance(m, std::span<const double>(b.statistics).subspan(i * b.ns, b.ns),
                                            gen.inflation);
        }
      }
    }
    if (epsilon_from_first_batch && first == 0) {
      const auto epsilon = first_batch_epsilon(b, o);
      if (!epsilon) return Outcome::abandoned_acceptance;
      gen.epsilon = *epsilon;
    }
    const auto outcome = accept_in_order(b, o, first, sim_seed, gen, budget, sims);
    if (!outcome) continue;
    if (*outcome != Outcome::full) return *outcome;
    break;
  }
  gen.simulations = sims;
  budget.used += sims;
  weigh(proposal, threads, gen);
  return Outcome::full;
}

std::vector<double> ranks(std::span<const double> v) {
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
  std::vector<double> r(v.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) ++j;
    const double average = 0.5 * static_cast<double>(i + j);  // ties share their average rank
    for (std::size_t t = i; t <= j; ++t) r[order[t]] = average;
    i = j + 1;
  }
  return r;
}

}  // namespace

double ParticleSet::effective_sample_size() const {
  double sum = 0.0, squares = 0.0;
  for (double w : weights) {
    sum += w;
    squares += w * w;
  }
  return squares > 0.0 ? sum * sum / squares : 0.0;
}

std::string_view to_string(StopReason reason) {
  switch (reason) {
    case StopReason::min_epsilon:
      return "min_epsilon";
    case StopReason::max_generations:
      return "max_generations";
    case StopReason::min_acceptance:
      return "min_acceptance";
    case StopReason::max_simulations:
      return "max_simulations";
  }
  return "max_generations";
}

std::uint64_t simulation_seed(std::uint64_t master_seed, int generation) {
  // SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number
  // generators", OOPSLA 2014) of the seed advanced by the generation.
  std::uint64_t z = master_seed + 0x9E3779B97F4A7C15ull * (static_cast<std::uint64_t>(generation) + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

double weighted_quantile(std::span<const double> values, std::span<const double> weights, double p) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  double total = 0.0;
  for (double w : weights) total += std::max(w, 0.0);
  if (order.empty() || !(total > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  double cumulative = 0.0;
  for (std::size_t i : order) {
    cumulative += std::max(weights[i], 0.0);
    if (cumulative >= p * total) return values[i];
  }
  return values[order.back()];
}

double spearman(std::span<const double> a, std::span<const double> b) {
  const std::vector<double> ra = ranks(a), rb = ranks(b);
  const double n = static_cast<double>(a.size());
  const double mean = 0.5 * (n - 1.0);
  double sab = 0.0, saa = 0.0, sbb = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (ra[i] - mean) * (rb[i] - mean);
    saa += (ra[i] - mean) * (ra[i] - mean);
    sbb += (rb[i] - mean) * (rb[i] - mean);
  }
  return saa > 0.0 && sbb > 0.0 ? sab / std::sqrt(saa * sbb) : 0.0;
}

std::vector<double> series_inflation(const AbcModel& m, std::span<const double> statistics,
                                     std::span<const double> weights) {
  const std::size_t ns = m.statistics_count;
  const std::size_t rows = ns > 0 ? statistics.size() / ns : 0;
  std::vector<double> inflation(m.series_count, 1.0);
  std::vector<double> mean_square(rows), w;
  std::vector<std::size_t> figures(m.series_count, 0);
  for (std::size_t k = 0; k < ns; ++k) ++figures[m.statistic_series[k]];
  for (std::size_t s = 0; s < m.series_count; ++s) {
    if (figures[s] == 0) continue;
    mean_square.clear();
    w.clear();
    for (std::size_t j = 0; j < rows; ++j) {
      double sum = 0.0;
      for (std::size_t k = 0; k < ns; ++k) {
        const double e = statistics[j * ns + k];
        if (m.statistic_series[k] == s) sum += e * e;
      }
      if (!std::isfinite(sum)) continue;
      mean_square.push_back(sum / static_cast<double>(figures[s]));
      w.push_back(weights.empty() ? 1.0 : weights[j]);
    }
    if (mean_square.empty()) continue;
    const double q = weighted_quantile(mean_square, w, kInflationQuantile);
    if (std::isfinite(q)) inflation[s] = std::max(1.0, q);
  }
  return inflation;
}

double inflated_distance(const AbcModel& m, std::span<const double> statistics, std::span<const double> inflation) {
  double sum = 0.0;
  for (std::size_t k = 0; k < statistics.size(); ++k) {
    sum += statistics[k] * statistics[k] / inflation[m.statistic_series[k]];
  }
  return statistics.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(statistics.size()));
}

std::vector<std::uint8_t> screen_active(const ParticleSet& population, std::size_t statistics_count) {
  const std::size_t n = population.size();
  const std::size_t d = population.dimension;
  std::vector<std::uint8_t> active(d, 0);
  if (n < 3) return std::vector<std::uint8_t>(d, 1);
  const double threshold = kScreeningStandardErrors / std::sqrt(static_cast<double>(n - 1));
  std::vector<double> coordinate(n), statistic(n);
  for (std::size_t s = 0; s < statistics_count; ++s) {
    for (std::size_t j = 0; j < n; ++j) statistic[j] = population.statistics[j * statistics_count + s];
    for (std::size_t c = 0; c < d; ++c) {
      if (active[c] != 0) continue;
      for (std::size_t j = 0; j < n; ++j) coordinate[j] = population.particle(j)[c];
      if (std::abs(spearman(coordinate, statistic)) > threshold) active[c] = 1;
    }
  }
  return active;
}

namespace {

// Refuses options and starting populations the sampler cannot work with.
void check_arguments(const AbcModel& m, const AbcOptions& o, const WarmStart* start) {
  const std::size_t d = m.names.size();
  if (d == 0 || m.priors.size() != d)
    throw std::invalid_argument("ABC-SMC: no coordinates, or priors do not match names");
  if (o.particles < 3) throw std::invalid_argument("ABC-SMC: at least 3 particles are needed");
  if (o.max_simulations < o.particles)
    throw std::invalid_argument("ABC-SMC: max_simulations is below the particle count");
  if (!(o.quantile > 0.0 && o.quantile < 1.0)) throw std::invalid_argument("ABC-SMC: the quantile must lie in (0, 1)");
  if (start != nullptr &&
      (start->particles.dimension != d || start->particles.size() == 0 || start->active.size() != d)) {
    throw std::invalid_argument("ABC-SMC: the starting population has other coordinates");
  }
}

// Generation 0 without a warm start: every coordinate from its prior, all of
// weight 1.
Proposal prior_proposal(const AbcModel& m, const std::vector<std::uint32_t>& ids, const AbcOptions& o,
                        const std::vector<std::size_t>& all) {
  Proposal proposal;
  proposal.draw = [&m, &ids, &o, &all](std::uint32_t a, std::span<double> x) {
    draw_from_prior(m, ids, o.master_seed, a, 0, all, x);
  };
  proposal.log_weight = [](std::span<const double>) { return 0.0; };
  return proposal;
}

// Generation t: the inactive coordinates from their priors, the active ones by
// perturbing a particle of `from` drawn by weight (with a warm start, a
// defensive share of them from their priors too).
Proposal kernel_proposal(const AbcModel& m, const std::vector<std::uint32_t>& ids, const AbcOptions& o,
                         const ParticleSet& from, const Kernel& kern, const std::vector<std::size_t>& active,
                         const std::vector<std::size_t>& inactive, int t, bool warm) {
  Proposal proposal;
  proposal.draw = [&m, &ids, &o, &from, &kern, &active, &inactive, t, warm](std::uint32_t a, std::span<double> x) {
    model::CounterStream choice(o.master_seed, a, model::Stream::calibration_proposal, t, 0);
    draw_from_prior(m, ids, o.master_seed, a, t, inactive, x);
    if (warm && choice.uniform() < kDefensivePriorShare) {
      draw_from_prior(m, ids, o.master_seed, a, t, active, x);
      return;
    }
    const std::size_t j = model::categorical(choice, from.weights);
    model::CounterStream z(o.master_seed, a, model::Stream::calibration_kernel, t, 0);
    kern.perturb(from.particle(j), z, x);
  };
  proposal.log_weight = [&m, &kern, &active, warm](std::span<const double> x) {
    const double log_pi = log_density_sum(m, x, active);
    if (!warm) return log_pi - kern.log_density(x);
    const double terms[] = {std::log(kDefensivePriorShare) + log_pi,
                            std::log(1.0 - kDefensivePriorShare) + kern.log_density(x)};
    return log_pi - log_sum_exp(terms);
  };
  return proposal;
}

// Why to stop after generation `done` (nullopt: go on), rules in this order.
std::optional<StopReason> stop_after(const Generation& done, const AbcOptions& o, int t, const Budget& budget) {
  if (done.epsilon <= o.min_epsilon) return StopReason::min_epsilon;
  if (t + 1 >= o.max_generations) return StopReason::max_generations;
  if (done.acceptance_rate < o.min_acceptance) return StopReason::min_acceptance;
  if (budget.used >= o.max_simulations) return StopReason::max_simulations;
  return std::nullopt;
}

}  // namespace

AbcResult abc_smc(const AbcModel& m, const AbcOptions& o, const WarmStart* start, const GenerationFn& on_generation,
                  const std::atomic<bool>* stop) {
  check_arguments(m, o, start);
  const std::size_t d = m.names.size();
  std::vector<std::uint32_t> ids(d);
  for (std::size_t i = 0; i < d; ++i) ids[i] = model::name_hash(m.names[i].data(), m.names[i].size());
  std::vector<std::size_t> all(d);
  std::iota(all.begin(), all.end(), std::size_t{0});

  AbcResult result;
  if (start != nullptr) result.active = start->active;
  std::vector<std::size_t> active, inactive;
  const auto split_active = [&] {
    active.clear();
    inactive.clear();
    for (std::size_t i = 0; i < d; ++i) (result.active[i] != 0 ? active : inactive).push_back(i);
  };
  if (start != nullptr) split_active();

  Budget budget{0, o.max_simulations};
  for (int t = 0; t < std::max(1, o.max_generations); ++t) {
    const auto began = std::chrono::steady_clock::now();
    Generation gen;
    gen.index = t;
    Proposal proposal;
    std::optional<Kernel> kernel;
    const bool warm = t == 0 && start != nullptr;
    if (t == 0 && start == nullptr) {
      gen.epsilon = kInf;
      if (m.adaptive()) gen.inflation.assign(m.series_count, 1.0);
      proposal = prior_proposal(m, ids, o, all);
    } else {
      const ParticleSet& from = warm ? start->particles : result.generations.back().particles;
      kernel.emplace(from, active);
      if (!warm) {
        std::vector<double> sorted = from.distances;
        if (m.adaptive()) {
          // This generation's inflation, from the population it starts from;
          // its tolerance is a quantile of that population's distances
          // under it.
          gen.inflation = series_inflation(m, from.statistics, from.weights);
          for (std::size_t j = 0; j < from.size(); ++j) {
            sorted[j] = inflated_distance(
                m, std::span<const double>(from.statistics).subspan(j * m.statistics_count, m.statistics_count),
                gen.inflation);
          }
        }
        std::sort(sorted.begin(), sorted.end());
        gen.epsilon = std::max(o.min_epsilon, model::quantile_sorted(sorted, o.quantile));
      }
      proposal = kernel_proposal(m, ids, o, from, *kernel, active, inactive, t, warm);
    }
    const Outcome outcome = fill(m, o, proposal, warm, gen, budget, stop);
    if (outcome != Outcome::full) {
      if (result.generations.empty()) {
        throw std::runtime_error("ABC-SMC: the first generation could not be filled within the simulation budget");
      }
      result.stop = outcome == Outcome::abandoned_budget ? StopReason::max_simulations : StopReason::min_acceptance;
      break;
    }
    gen.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    result.generations.push_back(std::move(gen));
    const Generation& done = result.generations.back();
    if (result.active.empty()) {
      result.active = screen_active(done.particles, m.statistics_count);
      split_active();
    }
    if (on_generation) on_generation(done);
    if (const auto reason = stop_after(done, o, t, budget)) {
      result.stop = *reason;
      break;
    }
  }
  result.simulations = budget.used;
  return result;
}

}  // namespace targetcast::calibration
