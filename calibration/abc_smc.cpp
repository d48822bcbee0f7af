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

// Fills generation `gen.index` with options.particles accepted proposals.
// `epsilon_from_first_batch`: the tolerance is the quantile of the first
// batch's distances (warm start) instead of gen.epsilon.
Outcome fill(const AbcModel& m, const AbcOptions& o, const Proposal& proposal, bool epsilon_from_first_batch,
             Generation& gen, Budget& budget, const std::atomic<bool>* stop) {
  const std::size_t d = m.names.size();
  const std::size_t k = m.derived_count;
  const std::size_t ns = m.statistics_count;
  const std::size_t n = o.particles;
  const std::size_t batch = n;  // the first batch is the first `particles` proposals (warm-start tolerance)
  const std::uint64_t sim_seed = simulation_seed(o.master_seed, gen.index);
  const int threads = o.threads > 0 ? o.threads : omp_get_max_threads();

  ParticleSet& ps = gen.particles;
  ps = ParticleSet{};
  ps.dimension = d;
  ps.derived_count = k;
  std::vector<double> log_w_accepted;

  std::vector<double> bx(batch * d), bderived(batch * k), bstats(batch * ns), bdist(batch), blogpi(batch);
  const auto rows = [](std::vector<double>& v, std::size_t width, std::size_t row) {
    return std::pair(v.begin() + static_cast<std::ptrdiff_t>(row * width),
                     v.begin() + static_cast<std::ptrdiff_t>((row + 1) * width));
  };
  std::uint64_t sims = 0;
  bool filled = false;
  for (std::uint64_t first = 0; !filled; first += batch) {
    if (stop != nullptr && stop->load()) throw model::Interrupted();
    if (first + batch > std::uint64_t{0xFFFFFFFFu}) return Outcome::abandoned_budget;
    // Every proposal of the round, on threads or MPI processes (AbcOptions::
    // executor); each row depends only on its attempt index.
    const auto simulate_proposal = [&](std::size_t i) {
      const auto attempt = static_cast<std::uint32_t>(first + i);
      const std::span<double> x(bx.data() + i * d, d);
      proposal.draw(attempt, x);
      bool inside = true;
      for (std::size_t c = 0; c < d && inside; ++c) inside = model::density(m.priors[c], x[c]) > 0.0;
      blogpi[i] = inside ? 0.0 : -kInf;
      bdist[i] = kInf;
      if (inside) {
        const double dist = m.simulate(x, sim_seed, attempt, std::span<double>(bderived.data() + i * k, k),
                                       std::span<double>(bstats.data() + i * ns, ns));
        if (!std::isnan(dist)) bdist[i] = dist;
      }
    };
    const std::array<model::BatchArray, 5> arrays{{{bx, d}, {bderived, k}, {bstats, ns}, {bdist, 1}, {blogpi, 1}}};
    (o.executor != nullptr ? *o.executor : model::thread_executor())
        .evaluate(batch, threads, simulate_proposal, arrays);
    if (epsilon_from_first_batch && first == 0) {
      std::vector<double> simulated;
      for (std::size_t i = 0; i < batch; ++i) {
        if (std::isfinite(blogpi[i]) && std::isfinite(bdist[i])) simulated.push_back(bdist[i]);
      }
      if (simulated.empty()) return Outcome::abandoned_acceptance;
      std::sort(simulated.begin(), simulated.end());
      gen.epsilon = std::max(o.min_epsilon, model::quantile_sorted(simulated, o.quantile));
    }
    // Accept strictly in attempt order.
    for (std::size_t i = 0; i < batch && !filled; ++i) {
      if (!std::isfinite(blogpi[i])) continue;
      ++sims;
      if (bdist[i] <= gen.epsilon) {
        auto [x0, x1] = rows(bx, d, i);
        ps.x.insert(ps.x.end(), x0, x1);
        auto [d0, d1] = rows(bderived, k, i);
        ps.derived.insert(ps.derived.end(), d0, d1);
        auto [s0, s1] = rows(bstats, ns, i);
        ps.statistics.insert(ps.statistics.end(), s0, s1);
        ps.distances.push_back(bdist[i]);
        if (ps.distances.size() == n) {
          gen.attempts = first + i + 1;
          filled = true;
          break;
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
  }
  gen.simulations = sims;
  budget.used += sims;

  // Importance weights π/q, normalised.
  log_w_accepted.resize(n);
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

AbcResult abc_smc(const AbcModel& m, const AbcOptions& o, const WarmStart* start, const GenerationFn& on_generation,
                  const std::atomic<bool>* stop) {
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
      proposal.draw = [&](std::uint32_t a, std::span<double> x) {
        draw_from_prior(m, ids, o.master_seed, a, 0, all, x);
      };
      proposal.log_weight = [](std::span<const double>) { return 0.0; };
    } else {
      const ParticleSet& from = warm ? start->particles : result.generations.back().particles;
      kernel.emplace(from, active);
      const Kernel& kern = *kernel;
      if (!warm) {
        std::vector<double> sorted = from.distances;
        std::sort(sorted.begin(), sorted.end());
        gen.epsilon = std::max(o.min_epsilon, model::quantile_sorted(sorted, o.quantile));
      }
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
    if (done.epsilon <= o.min_epsilon) {
      result.stop = StopReason::min_epsilon;
      break;
    }
    if (t + 1 >= o.max_generations) {
      result.stop = StopReason::max_generations;
      break;
    }
    if (done.acceptance_rate < o.min_acceptance) {
      result.stop = StopReason::min_acceptance;
      break;
    }
    if (budget.used >= o.max_simulations) {
      result.stop = StopReason::max_simulations;
      break;
    }
  }
  result.simulations = budget.used;
  return result;
}

}  // namespace targetcast::calibration
