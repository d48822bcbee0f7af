// Names, valid ranges and meanings of the engine's parameters (docs/model.md §2–§6,
// docs/seed-format.md), and the ordered set of priors they are drawn from.
//
// The ranges are what the model's equations admit, not what is plausible: a prior
// is rejected when its support leaves the range (a negative probability, a
// correlation of 1 that breaks the Cholesky factor), never because a value is
// surprising. Plausibility is the prior's job.
#include <algorithm>
#include <array>
#include <limits>
#include <utility>

#include "model/parameters.h"

namespace targetcast::model {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct ParamInfo {
  std::string_view name;
  ParamRange range;
};

// Shorthands for the usual ranges.
constexpr ParamRange any(std::string_view meaning, std::string_view unit) {
  return {-kInf, kInf, false, meaning, unit};
}
constexpr ParamRange non_negative(std::string_view meaning, std::string_view unit) {
  return {0.0, kInf, false, meaning, unit};
}
constexpr ParamRange positive(std::string_view meaning, std::string_view unit) {
  return {0.0, kInf, true, meaning, unit};
}
constexpr ParamRange probability(std::string_view meaning) {
  return {0.0, 1.0, false, meaning, "–"};
}
// Correlations and AR(1) persistences: |x| < 1 keeps the shock covariance positive
// definite and the AR(1) processes stationary.
constexpr ParamRange open_unit(std::string_view meaning) {
  return {-1.0, 1.0, true, meaning, "–", true};
}

// In enum order; checked by a static_assert below and by the tests.
constexpr std::array<ParamInfo, kEngineParamCount> kParams = {{
    {"n0", positive("AI firms at the end of the base year", "firms")},
    {"c0", positive("core AI industry at the end of the base year", "亿元")},
    {"sigma0", non_negative("log-sd of initial firm revenues", "–")},
    {"f_park0", probability("share of base-year firms inside parks")},
    {"park_capacity", positive("firms one baseline park can hold", "firms")},
    {"sigma_cg", non_negative("sd of the common growth shock", "–")},
    {"sigma_ce", non_negative("sd of the common entry shock", "–")},
    {"sigma_cq", non_negative("sd of the common robot-output shock", "–")},
    {"rho_ge", open_unit("correlation of the growth and entry shocks")},
    {"rho_gq", open_unit("correlation of the growth and robot shocks")},
    {"rho_eq", open_unit("correlation of the entry and robot shocks")},
    {"phi_c", open_unit("persistence of the common growth shock")},
    {"lambda_soc", non_negative("social co-investment per yuan of provincial money", "–")},
    {"c_proj", positive("provincial money per project", "亿元")},
    {"alpha_alloc", any("recipient choice ∝ revenue^alpha_alloc (0 = uniform)", "–")},
    {"w_lag1", non_negative("relative weight of a 1-year project lag", "–")},
    {"w_lag2", non_negative("relative weight of a 2-year project lag", "–")},
    {"w_lag3", non_negative("relative weight of a 3-year project lag", "–")},
    {"p_scn", probability("P(completed project yields an application scenario)")},
    {"p_res", probability("P(completed project yields a landmark result)")},
    {"roi", non_negative("revenue added per 亿元 of completed investment", "亿元/亿元")},
    {"mu_g", any("mean log growth of firm revenue", "1/yr")},
    {"gamma_park", any("extra log growth inside a park", "1/yr")},
    {"sigma_g", non_negative("log-growth sd of a firm at revenue r_ref", "–")},
    {"r_ref", positive("reference revenue", "亿元")},
    {"kappa", any("size elasticity of volatility", "–")},
    // Student-t needs ν > 2 for the unit-variance scaling; ν = inf is the normal.
    {"nu_t", {2.0, kInf, true, "Student-t degrees of freedom of firm shocks (inf = normal)", "–"}},
    {"h0", non_negative("exit hazard of a firm at r_ref", "1/yr")},
    {"zeta", any("size elasticity of the exit hazard", "–")},
    {"h_max", {0.0, 1.0, true, "cap on the exit hazard", "1/yr"}},
    {"lambda0", non_negative("mean entrants per year at baseline", "firms/yr")},
    {"k_e", positive("negative-binomial dispersion of entry", "–")},
    {"eps_c", any("elasticity of entry to core-industry size", "–")},
    // Free capacity share can exceed 1 once parks are added, so only β ≥ 0 keeps
    // 1 + β·free positive.
    {"beta_park", non_negative("entry boost per unit of free park capacity share", "–")},
    {"mu_e", any("log-mean of entrant revenue", "ln 亿元")},
    {"sigma_e", non_negative("log-sd of entrant revenue", "–")},
    {"p_park", probability("P(entrant joins a park with room)")},
    {"tau_lead", positive("revenue threshold of a leading firm (领军企业)", "亿元")},
    {"tau_top", positive("revenue threshold of a top firm (龙头企业)", "亿元")},
    {"m_rel", non_negative("related industry per unit of core industry", "–")},
    {"gbar_q", any("long-run mean log growth of robot output", "1/yr")},
    {"phi_q", open_unit("persistence of robot-output growth")},
    {"sigma_max", positive("cap on a firm's yearly log-growth sd", "–")},
    {"shock_max", positive("cap on a firm's yearly log-revenue shock |s_i eps_i|", "–")},
}};

constexpr bool names_follow_enum_order() {
  // Spot checks at both ends and in the middle; the tests check every entry.
  return kParams[0].name == "n0" && kParams[static_cast<std::size_t>(Param::mu_g)].name == "mu_g" &&
         kParams[static_cast<std::size_t>(Param::nu_t)].name == "nu_t" &&
         kParams[static_cast<std::size_t>(Param::phi_q)].name == "phi_q";
}
static_assert(names_follow_enum_order(), "kParams must follow the order of enum Param");

}  // namespace

std::string_view param_name(Param p) {
  return kParams.at(static_cast<std::size_t>(p)).name;
}

std::optional<Param> find_engine_param(std::string_view name) {
  for (std::size_t i = 0; i < kParams.size(); ++i) {
    if (kParams[i].name == name) return static_cast<Param>(i);
  }
  return std::nullopt;
}

const ParamRange& param_range(Param p) {
  return kParams.at(static_cast<std::size_t>(p)).range;
}

bool admits(const ParamRange& range, const Distribution& d) {
  if (d.kind == DistributionKind::fixed) return range.contains(d.a);
  return support_lower(d) >= range.lower && support_upper(d) <= range.upper;
}

void ParameterSpace::set(Prior prior) {
  for (Prior& existing : priors_) {
    if (existing.name == prior.name) {
      // A region overriding n0 says what it believes, not what n0 is called.
      if (prior.label.zh.empty() && prior.label.en.empty()) prior.label = std::move(existing.label);
      existing = std::move(prior);
      return;
    }
  }
  priors_.push_back(std::move(prior));
}

std::optional<std::size_t> ParameterSpace::index_of(std::string_view name) const {
  for (std::size_t i = 0; i < priors_.size(); ++i) {
    if (priors_[i].name == name) return i;
  }
  return std::nullopt;
}

std::vector<std::string> ParameterSpace::missing_engine_params() const {
  std::vector<std::string> missing;
  for (const ParamInfo& info : kParams) {
    if (!has(info.name)) missing.emplace_back(info.name);
  }
  return missing;
}

void ParameterSpace::canonicalise() {
  // Engine parameters by enum order, then the others in the order they were set
  // (stable), so that theta[Param::x] indexes the right value.
  auto rank = [](const Prior& p) {
    const std::optional<Param> engine = find_engine_param(p.name);
    return engine ? static_cast<std::size_t>(*engine) : kEngineParamCount;
  };
  std::stable_sort(priors_.begin(), priors_.end(), [&](const Prior& a, const Prior& b) { return rank(a) < rank(b); });
}

}  // namespace targetcast::model
