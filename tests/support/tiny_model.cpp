#include "tiny_model.h"

namespace targetcast::test {
namespace {

model::Prior fixed_prior(const std::string& name, double value) {
  model::Prior p;
  p.name = name;
  p.distribution = model::Distribution::fixed(value);
  p.provenance.basis = model::Basis::assumption;
  p.provenance.note = "test";
  p.origin = "tiny_model";
  return p;
}

model::IndicatorSpec indicator(const std::string& id, model::IndicatorKind kind) {
  model::IndicatorSpec s;
  s.id = id;
  s.name = {id, id};
  s.kind = kind;
  return s;
}

}  // namespace

TinyModel& TinyModel::fix(const std::string& name, double value) {
  // N0 comes from the plan's firm figure, which overrides the default prior
  // (docs/model.md §4), so fixing it means fixing the figure.
  if (name == "n0") {
    plan.firms.value = value;
    plan.firms.bound = model::Bound::exact;
  }
  priors.set(fixed_prior(name, value));
  return *this;
}

model::CompiledModel TinyModel::compile(int horizon) const {
  return model::compile(plan, scenario, priors, horizon);
}

TinyModel tiny_model() {
  TinyModel t;
  model::PlanSpec& p = t.plan;
  p.source_path = "tiny_model";
  p.region_id = "tiny";
  p.id = "tiny-plan";
  p.base_year = 2020;
  p.horizon = 2025;
  p.firms.value = 100;
  p.firms.bound = model::Bound::exact;
  p.parks.value = 2;
  model::FundingHistory fh;
  fh.id = "special";
  fh.first_year = 2018;
  fh.last_year = 2020;
  fh.provincial_yi = 0.9;  // 0.3亿/yr
  fh.baseline = true;
  p.funding_history.push_back(fh);

  p.indicators.push_back(indicator("firms", model::IndicatorKind::firm_count));
  auto leading = indicator("leading_firms", model::IndicatorKind::firm_count_above);
  leading.threshold_parameter = "tau_lead";
  p.indicators.push_back(leading);
  p.indicators.push_back(indicator("core_industry", model::IndicatorKind::revenue_sum));
  auto related = indicator("related_industry", model::IndicatorKind::multiple);
  related.of = {"core_industry"};
  related.parameter = "m_rel";
  p.indicators.push_back(related);
  p.indicators.push_back(indicator("parks", model::IndicatorKind::park_count));
  auto events = indicator("events", model::IndicatorKind::counter);
  events.rate_parameter = "rho_events";
  p.indicators.push_back(events);
  auto robots = indicator("robots", model::IndicatorKind::growth_series);
  robots.baseline = 1000;
  robots.initial_growth = 0.2;
  robots.mean_growth_parameter = "gbar_q";
  robots.persistence_parameter = "phi_q";
  p.indicators.push_back(robots);
  auto completion = indicator("completion", model::IndicatorKind::investment_completion);
  completion.planned_total_yi = 100;
  completion.baseline = 10;
  completion.rate_parameter = "completion_rate";
  completion.concentration_parameter = "completion_concentration";
  p.indicators.push_back(completion);

  t.scenario.source_path = "tiny_scenario";
  const std::pair<const char*, double> values[] = {
      {"n0", 100},        {"c0", 50},          {"sigma0", 1.0},     {"f_park0", 0.5},  {"park_capacity", 100},
      {"sigma_cg", 0},    {"sigma_ce", 0},     {"sigma_cq", 0},     {"rho_ge", 0},     {"rho_gq", 0},
      {"rho_eq", 0},      {"phi_c", 0.5},      {"lambda_soc", 2.0}, {"c_proj", 0.1},   {"alpha_alloc", 1.0},
      {"w_lag1", 1},      {"w_lag2", 0},       {"w_lag3", 0},       {"p_scn", 0},      {"p_res", 0},
      {"roi", 0},         {"mu_g", 0.1},       {"gamma_park", 0},   {"sigma_g", 0},    {"r_ref", 1},
      {"kappa", 0},       {"nu_t", std::numeric_limits<double>::infinity()},            {"h0", 0},
      {"zeta", 0},        {"h_max", 0.5},      {"lambda0", 0},      {"k_e", 10},       {"eps_c", 0},
      {"beta_park", 0},   {"mu_e", -3},        {"sigma_e", 1},      {"p_park", 0.3},   {"tau_lead", 1},
      {"tau_top", 10},    {"m_rel", 5},        {"gbar_q", 0.1},     {"phi_q", 0.5},    {"rho_events", 3},
      {"completion_rate", 0.3},                {"completion_concentration", 20},        {"sigma_max", 1.0},
      {"shock_max", 3.0}};
  for (const auto& [name, value] : values) t.fix(name, value);
  return t;
}

}  // namespace targetcast::test
