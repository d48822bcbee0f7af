#include "model/step.h"

#include <algorithm>
#include <cmath>

#include "model/fast_math.h"
#include "model/firm_batch.h"
#include "model/firm_compaction.h"
#include "model/parks.h"
#include "model/recipients.h"
#include "model/samplers.h"

namespace targetcast::model {
namespace {

std::size_t year_slot(const RunContext& ctx, int year) {
  return static_cast<std::size_t>(year - ctx.model->base_year);
}

const YearLevers& levers(const RunContext& ctx, int year) {
  return ctx.model->years[year_slot(ctx, year)];
}

// Index of firm `id` in the (id-ordered) arrays, or size() if it has exited.
std::size_t find_firm(const Firms& firms, std::uint32_t id) {
  const auto it = std::lower_bound(firms.id.begin(), firms.id.end(), id);
  if (it == firms.id.end() || *it != id) return firms.size();
  return static_cast<std::size_t>(it - firms.id.begin());
}

// Stream entity of an indicator: the hash of its id, so that declaring another
// indicator does not change this one's draws.
std::uint32_t indicator_entity(const CompiledIndicator& ci) {
  return name_hash(ci.spec.id.data(), ci.spec.id.size());
}

}  // namespace

double core_industry(const RunState& state) {
  return sum_exp(state.firms.log_revenue);
}

namespace {

// Forgets the previous run on this thread; the buffers keep their memory.
void reset_state(const CompiledModel& m, RunState& state) {
  state.year = m.base_year;
  state.firms.clear();
  state.pipeline.clear();
  state.parks.clear();
  state.common_growth_shock = 0.0;
  state.robot_shock = state.entry_shock = 0.0;
  state.funding_yi = m.baseline_funding_yi;
  state.exit_uniforms_year = m.base_year;  // no year's uniforms drawn yet
  state.projects_started = state.projects_completed = state.entrants = state.exits = 0;
}

// Shifts every log revenue by the same constant so that Σ e^lr = total: log Σ
// e^lr by log-sum-exp around `max_lr`, the largest of them.
void rescale_to_total(std::vector<double>& log_revenue, double max_lr, double total, std::vector<double>& scratch) {
  // The exponentials in the batched kernel's vector registers (α = 1 is an
  // exact multiply), the sum in firm order as before.
  scratch.resize(log_revenue.size());
  exp_scaled(log_revenue, 1.0, max_lr, scratch);
  double scaled = 0.0;
  for (double e : scratch) scaled += e;
  const double shift = std::log(total) - (max_lr + std::log(scaled));
  for (double& lr : log_revenue) lr = clamp_log_revenue(lr + shift);
}

// §4's firms: N0 from its prior; revenues LogNormal(0, σ0) rescaled so that
// they sum exactly to C0 (the location μ0 cancels in the rescaling); a fraction
// f_park0 try a park (model/parks.h). The draws of every base firm at once
// (model/firm_batch.h), then the park assignment in id order (each firm's park
// depends on the occupancy left by the firms before it).
void initialise_firms(const RunContext& ctx, RunState& state) {
  const Theta& t = ctx.theta;
  const auto n0 = static_cast<std::uint32_t>(std::max(0LL, std::llround(t[Param::n0])));
  state.base_firm_count = n0;
  state.next_firm_id = n0;
  state.base_core_industry = t[Param::c0];
  const double sigma0 = t[Param::sigma0];
  const double f_park = t[Param::f_park0];
  std::vector<std::uint32_t>& ids = state.firms.id;
  ids.resize(n0);
  for (std::uint32_t id = 0; id < n0; ++id) ids[id] = id;
  std::vector<double>& draws = state.draws;
  draws.resize(3 * static_cast<std::size_t>(n0));
  const std::span<double> z(draws.data(), n0), u_park(draws.data() + n0, n0), u_pick(draws.data() + 2 * n0, n0);
  new_firm_draws(ctx, Stream::initial_firm, ctx.model->base_year, ids, z, u_park, u_pick);
  state.firms.key.assign(ids.begin(), ids.end());
  state.firms.log_revenue.resize(n0);
  state.firms.park.assign(n0, 0);
  state.firms.age.assign(n0, 0);
  double max_lr = -std::numeric_limits<double>::infinity();
  for (std::uint32_t id = 0; id < n0; ++id) {
    const double lr = sigma0 * z[id];
    if (u_park[id] < f_park) state.firms.park[id] = place_base_firm(state.parks, u_pick[id]);
    state.firms.log_revenue[id] = lr;
    max_lr = std::max(max_lr, lr);
  }
  if (n0 > 0) rescale_to_total(state.firms.log_revenue, max_lr, state.base_core_industry, state.scratch);
}

// Counters, growth series and investment series start at their baselines.
void initialise_levels(const CompiledModel& m, const Theta& t, RunState& state) {
  const std::size_t n_ind = m.indicators.size();
  state.level.assign(n_ind, 0.0);
  state.growth.assign(n_ind, 0.0);
  for (std::size_t i = 0; i < n_ind; ++i) {
    const CompiledIndicator& ci = m.indicators[i];
    switch (ci.spec.kind) {
      case IndicatorKind::counter:
        state.level[i] = ci.baseline_param != kNoIndex ? std::round(t[ci.baseline_param]) : ci.spec.baseline;
        break;
      case IndicatorKind::growth_series:
        state.level[i] = ci.spec.baseline;
        state.growth[i] = std::log1p(ci.spec.initial_growth);
        break;
      case IndicatorKind::investment_completion:
        state.level[i] = ci.spec.baseline;
        break;
      default:
        break;
    }
  }
}

}  // namespace

void initialise(const RunContext& ctx, RunState& state) {
  const CompiledModel& m = *ctx.model;
  reset_state(m, state);
  // Parks: the plan's count, each with the drawn capacity.
  const auto n_parks = static_cast<std::size_t>(std::llround(std::max(0.0, m.plan.parks.value)));
  open_base_parks(state, n_parks, ctx.theta[Param::park_capacity]);
  initialise_firms(ctx, state);
  initialise_levels(m, ctx.theta, state);
}

void step_common_shocks(const RunContext& ctx, RunState& state, int year) {
  CounterStream s = ctx.stream(Stream::common_shock, year, 0);
  Eigen::Vector3d z;
  z(0) = standard_normal(s);
  z(1) = standard_normal(s);
  z(2) = standard_normal(s);
  const Eigen::Vector3d eta = ctx.shock_cholesky * z;
  state.common_growth_shock = ctx.theta[Param::phi_c] * state.common_growth_shock + eta(0);
  state.entry_shock = eta(1);
  state.robot_shock = eta(2);
}

void step_funding(const RunContext& ctx, RunState& state, int year) {
  const Theta& t = ctx.theta;
  const YearLevers& lv = levers(ctx, year);
  const double funding = lv.funding_yi;
  const double lambda_soc = lv.lambda_soc >= 0.0 ? lv.lambda_soc : t[Param::lambda_soc];
  const double c_proj = lv.c_proj > 0.0 ? lv.c_proj : t[Param::c_proj];
  state.funding_yi = funding;
  state.projects_started = 0;
  if (!(funding > 0.0) || !(c_proj > 0.0) || state.firms.size() == 0) return;

  CounterStream count_stream = ctx.stream(Stream::project_count, year, 0);
  const auto n =
      static_cast<std::uint32_t>(std::min<std::uint64_t>(poisson(count_stream, funding / c_proj), kMaxPerYear - 1));
  if (n == 0) return;
  state.projects_started = n;
  const double investment = funding * (1.0 + lambda_soc) / static_cast<double>(n);

  // §5.2: each project's recipient is drawn ∝ r^α among alive firms (model/recipients.h).
  const Firms& firms = state.firms;
  RecipientWeights& weights = state.recipient_weights;
  weights.assign(firms.log_revenue, t[Param::alpha_alloc]);
  const double total = weights.total();
  const std::array<double, 3> lag_weights = ctx.lag_weights;
  for (std::uint32_t k = 0; k < n; ++k) {
    const std::uint32_t key = (static_cast<std::uint32_t>(year - ctx.model->base_year) << 20) | k;
    CounterStream s = ctx.stream(Stream::project, year, key);
    const std::size_t recipient = weights.pick(s.uniform() * total);
    const std::size_t lag = categorical(s, lag_weights) + 1;
    state.pipeline.push_back(Project{key, year - 1 + static_cast<int>(lag), investment, firms.id[recipient]});
  }
}

double log_revenue_plus(double log_revenue, double added_yi) {
  return clamp_log_revenue(std::log(std::exp(log_revenue) + added_yi));
}

void step_completed_projects(const RunContext& ctx, RunState& state, int year) {
  const CompiledModel& m = *ctx.model;
  const Theta& t = ctx.theta;
  const double roi = t[Param::roi];
  state.projects_completed = 0;
  // Completed projects are processed in the order they entered the pipeline.
  std::size_t kept = 0;
  for (std::size_t j = 0; j < state.pipeline.size(); ++j) {
    const Project p = state.pipeline[j];
    if (p.completion_year != year) {
      state.pipeline[kept++] = p;
      continue;
    }
    ++state.projects_completed;
    CounterStream s = ctx.stream(Stream::project_outcome, year, p.key);
    for (std::size_t i = 0; i < m.indicators.size(); ++i) {
      const CompiledIndicator& ci = m.indicators[i];
      if (ci.spec.kind != IndicatorKind::counter || ci.per_project_param == kNoIndex) continue;
      if (bernoulli(s, t[ci.per_project_param])) state.level[i] += 1.0;
    }
    const double added = roi * p.investment_yi;
    const std::size_t f = added > 0.0 ? find_firm(state.firms, p.recipient_id) : state.firms.size();
    if (f < state.firms.size()) state.firms.log_revenue[f] = log_revenue_plus(state.firms.log_revenue[f], added);
  }
  state.pipeline.resize(kept);
}

void step_firm_growth(const RunContext& ctx, RunState& state, int year) {
  const Theta& t = ctx.theta;
  const double drift = t[Param::mu_g] + state.common_growth_shock + levers(ctx, year).growth_shift;
  const double gamma_park = t[Param::gamma_park];
  const double sigma_g = t[Param::sigma_g];
  const double kappa = t[Param::kappa];
  const double nu = t[Param::nu_t];
  const double sigma_max = t[Param::sigma_max];
  const double shock_max = t[Param::shock_max];
  const double log_r_ref = ctx.log_r_ref;
  std::vector<double>& eps = state.draws;
  eps.resize(state.firms.size());
  // The exit uniforms come from the same micro-streams (RNG layout 3) and
  // wait in the state for step_exit, which comes next.
  state.exit_uniforms.resize(state.firms.size());
  firm_year_draws(ctx, year, nu, state.firms.key, state.exit_uniforms, eps);
  state.exit_uniforms_year = year;
  // The rule itself, with its caps: grown_log_revenue (model/firm_rules.h).
  apply_growth(GrowthRule{drift, gamma_park, sigma_g, kappa, sigma_max, shock_max, log_r_ref}, eps, state.firms.park,
               state.firms.log_revenue);
}

void step_exit(const RunContext& ctx, RunState& state, int year) {
  const Theta& t = ctx.theta;
  const double h0 = t[Param::h0] * levers(ctx, year).exit_multiplier;
  const double zeta = t[Param::zeta];
  const double h_max = t[Param::h_max];
  const double log_r_ref = ctx.log_r_ref;
  Firms& firms = state.firms;
  // Every firm's exit at once (model/firm_batch.h), from the uniforms drawn
  // with its growth shock, then a stable compaction.
  if (state.exit_uniforms_year != year || state.exit_uniforms.size() != firms.size()) {
    // Growth did not run first this year (a rule run alone, in tests and benchmarks).
    state.exit_uniforms.resize(firms.size());
    exit_uniforms(ctx, year, firms.key, state.exit_uniforms);
    state.exit_uniforms_year = year;
  }
  std::vector<std::uint8_t>& exits = state.exit_flags;
  exits.resize(firms.size());
  exit_draws(ExitRule{h0, zeta, h_max, log_r_ref}, state.exit_uniforms, firms.log_revenue, exits);
  // The stayers moved to the front in order (model/firm_compaction.h); the
  // leavers then free their park places.
  std::vector<std::uint16_t>& left_parks = state.left_parks;
  left_parks.resize(firms.size());
  const auto [kept, left] = compact_stayers(firms, exits, left_parks);
  for (std::size_t j = 0; j < left; ++j) leave_park(state.parks, left_parks[j]);
  state.exits = static_cast<std::uint32_t>(firms.size() - kept);
  firms.id.resize(kept);
  firms.key.resize(kept);
  firms.log_revenue.resize(kept);
  firms.park.resize(kept);
  firms.age.resize(kept);
}

double entry_rate(const RunContext& ctx, const RunState& state, int year, double core_industry_t) {
  const Theta& t = ctx.theta;
  const YearLevers& lv = levers(ctx, year);
  const double free_share = free_park_share(state.parks, state.baseline_park_capacity, lv.park_capacity_multiplier);
  const double size_ratio = state.base_core_industry > 0.0 ? core_industry_t / state.base_core_industry : 1.0;
  const double sigma_ce = t[Param::sigma_ce];
  return t[Param::lambda0] * std::exp(state.entry_shock - 0.5 * sigma_ce * sigma_ce) *
         std::pow(size_ratio, t[Param::eps_c]) * lv.entry_multiplier * (1.0 + t[Param::beta_park] * free_share);
}

void step_entry(const RunContext& ctx, RunState& state, int year, double core_industry_t) {
  const Theta& t = ctx.theta;
  const YearLevers& lv = levers(ctx, year);
  const double lambda = entry_rate(ctx, state, year, core_industry_t);
  CounterStream count_stream = ctx.stream(Stream::entry_count, year, 0);
  const std::uint64_t drawn =
      std::isfinite(lambda) && lambda > 0.0 ? negative_binomial(count_stream, lambda, t[Param::k_e]) : 0;
  // Cap so that a runaway draw of θ cannot exhaust memory (docs/model.md).
  const auto entrants = static_cast<std::uint32_t>(std::min<std::uint64_t>(drawn, kMaxPerYear - 1));
  state.entrants = entrants;

  const double mu_e = t[Param::mu_e];
  const double sigma_e = t[Param::sigma_e];
  const double p_park = t[Param::p_park];
  // Every entrant's draws at once (model/firm_batch.h), then the park choice
  // in rank order (each depends on the room the ones before it left).
  std::vector<std::uint32_t>& keys = state.new_keys;
  keys.resize(entrants);
  for (std::uint32_t k = 0; k < entrants; ++k) keys[k] = entrant_key(year - ctx.model->base_year, k);
  std::vector<double>& draws = state.draws;
  draws.resize(3 * static_cast<std::size_t>(entrants));
  const std::span<double> z(draws.data(), entrants), u_park(draws.data() + entrants, entrants),
      u_pick(draws.data() + 2 * static_cast<std::size_t>(entrants), entrants);
  new_firm_draws(ctx, Stream::entrant, year, keys, z, u_park, u_pick);
  ParkVacancies vacancies(state.parks, lv.park_capacity_multiplier);
  for (std::uint32_t k = 0; k < entrants; ++k) {
    const std::uint32_t id = state.next_firm_id++;
    // normal(s, μ_e, σ_e) of the scalar samplers: a negative σ_e gives NaN,
    // which the guard turns into the floor.
    const double lr =
        clamp_log_revenue(sigma_e >= 0.0 ? mu_e + sigma_e * z[k] : std::numeric_limits<double>::quiet_NaN());
    const std::uint16_t park = u_park[k] < p_park ? vacancies.place(u_pick[k]) : 0;
    state.firms.push_back(id, keys[k], lr, park);
  }
}

void step_parks(const RunContext& ctx, RunState& state, int year) {
  open_new_parks(state.parks, levers(ctx, year).new_parks, ctx.theta[Param::park_capacity]);
}

double counter_scale(const RunContext& ctx, const RunState& state, const CompiledIndicator& ci) {
  const CompiledModel& m = *ctx.model;
  if (ci.spec.scale == CounterScale::firms) {
    return state.base_firm_count > 0 ? static_cast<double>(state.alive_firms()) / state.base_firm_count : 0.0;
  }
  if (ci.spec.scale == CounterScale::funding) {
    return m.baseline_funding_yi > 0.0
               ? std::pow(state.funding_yi / m.baseline_funding_yi, ctx.theta[ci.elasticity_param])
               : 1.0;
  }
  return 1.0;
}

namespace {

// §5.8: a counter gains Poisson(rate × scale × the scenario's multiplier) events.
void count_events(const RunContext& ctx, RunState& state, int year, std::size_t i) {
  const CompiledIndicator& ci = ctx.model->indicators[i];
  const double rate =
      ctx.theta[ci.rate_param] * counter_scale(ctx, state, ci) * levers(ctx, year).counter_rate_multiplier[i];
  CounterStream s = ctx.stream(Stream::counter, year, indicator_entity(ci));
  state.level[i] += static_cast<double>(poisson(s, rate));
}

// Investment completion (docs/model.md): X ← X + (T − X)·q with
// q ~ Beta(mκ, (1−m)κ), m the mean share of the remainder completed a year.
void complete_investment(const RunContext& ctx, RunState& state, int year, std::size_t i) {
  const Theta& t = ctx.theta;
  const CompiledIndicator& ci = ctx.model->indicators[i];
  const double mean_share = std::clamp(t[ci.rate_param], 1e-9, 1.0 - 1e-9);
  const double concentration = t[ci.concentration_param];
  CounterStream s = ctx.stream(Stream::investment, year, indicator_entity(ci));
  const double q = beta(s, mean_share * concentration, (1.0 - mean_share) * concentration);
  const double remaining = std::max(0.0, ci.spec.planned_total_yi - state.level[i]);
  state.level[i] += remaining * q;
}

}  // namespace

void step_counters(const RunContext& ctx, RunState& state, int year) {
  const CompiledModel& m = *ctx.model;
  for (std::size_t i = 0; i < m.indicators.size(); ++i) {
    const IndicatorKind kind = m.indicators[i].spec.kind;
    if (kind == IndicatorKind::counter) {
      count_events(ctx, state, year, i);
    } else if (kind == IndicatorKind::investment_completion) {
      complete_investment(ctx, state, year, i);
    }
  }
}

void step_growth_series(const RunContext& ctx, RunState& state, int /*year*/) {
  const CompiledModel& m = *ctx.model;
  const Theta& t = ctx.theta;
  for (std::size_t i = 0; i < m.indicators.size(); ++i) {
    const CompiledIndicator& ci = m.indicators[i];
    if (ci.spec.kind != IndicatorKind::growth_series) continue;
    const double mean = t[ci.mean_growth_param];
    const double g = mean + t[ci.persistence_param] * (state.growth[i] - mean) + state.robot_shock;
    state.growth[i] = std::clamp(g, -kMaxSeriesLogGrowth, kMaxSeriesLogGrowth);
    state.level[i] *= std::exp(state.growth[i]);
  }
}

void step(const RunContext& ctx, RunState& state) { step(ctx, state, core_industry(state)); }

void step(const RunContext& ctx, RunState& state, double core_t) {
  // The rules of docs/model.md §5, in its order; core_t = C_t, read by entry.
  const int year = state.year + 1;
  step_common_shocks(ctx, state, year);        // §5.1
  step_funding(ctx, state, year);              // §5.2
  step_completed_projects(ctx, state, year);   // §5.3
  step_firm_growth(ctx, state, year);          // §5.4
  step_exit(ctx, state, year);                 // §5.5
  step_entry(ctx, state, year, core_t);        // §5.6
  step_parks(ctx, state, year);                // §5.7
  step_counters(ctx, state, year);             // §5.8
  step_growth_series(ctx, state, year);        // §5.9
  state.year = year;
}

void record_indicators(const RunContext& ctx, const RunState& state, std::span<double> out) {
  record_indicators(ctx, state, out, core_industry(state));
}

void record_indicators(const RunContext& ctx, const RunState& state, std::span<double> out, double revenue) {
  const CompiledModel& m = *ctx.model;
  const Theta& t = ctx.theta;
  for (std::size_t i = 0; i < m.indicators.size(); ++i) {
    const CompiledIndicator& ci = m.indicators[i];
    switch (ci.spec.kind) {
      case IndicatorKind::firm_count:
        out[i] = state.alive_firms();
        break;
      case IndicatorKind::firm_count_above: {
        const double threshold = t[ci.threshold_param];
        const double log_threshold = threshold > 0.0 ? std::log(threshold) : -std::numeric_limits<double>::infinity();
        out[i] = static_cast<double>(count_at_least(state.firms.log_revenue, log_threshold));
        break;
      }
      case IndicatorKind::revenue_sum:
        out[i] = revenue;
        break;
      case IndicatorKind::park_count:
        out[i] = static_cast<double>(state.parks.size());
        break;
      case IndicatorKind::multiple:
        out[i] = t[ci.factor_param] * out[ci.of.front()];
        break;
      case IndicatorKind::sum: {
        double sum = 0.0;
        for (std::size_t j : ci.of) sum += out[j];
        out[i] = sum;
        break;
      }
      case IndicatorKind::counter:
      case IndicatorKind::growth_series:
      case IndicatorKind::investment_completion:
        out[i] = state.level[i];
        break;
    }
  }
}

}  // namespace targetcast::model
