#include "model/compiled_model.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/parks.h"
#include "model/rng.h"
#include "model/spec_error.h"

namespace targetcast::model {
namespace {

std::string number(double v) {
  std::string s = std::to_string(v);
  // Trim trailing zeros of std::to_string's fixed notation for readable messages.
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return s;
}

// "; did you mean 'x'?" among the plan's indicator ids (of one kind when given).
std::string indicator_suggestion(const CompiledModel& m, std::string_view id,
                                 std::optional<IndicatorKind> kind = std::nullopt) {
  std::vector<std::string_view> ids;
  for (const CompiledIndicator& ci : m.indicators) {
    if (!kind || ci.spec.kind == *kind) ids.push_back(ci.spec.id);
  }
  return did_you_mean(id, ids);
}

// Collects problems while compiling, then throws them all at once.
class Problems {
 public:
  void add(std::string file, int line, std::string key, std::string message) {
    list_.push_back(Problem{std::move(file), line, std::move(key), std::move(message)});
  }
  void throw_if_any() const {
    if (!list_.empty()) throw SpecError(list_);
  }

 private:
  std::vector<Problem> list_;
};

// The n0 prior implied by the plan's firm figure (docs/model.md §4): a floor
// "超1500家" gives uniform on [floor, 1.1·floor], an exact figure a point.
Prior firm_count_prior(const PlanSpec& plan) {
  Prior p;
  p.name = "n0";
  p.provenance = plan.firms.provenance;
  p.origin = plan.source_path;
  if (plan.firms.bound == Bound::floor) {
    p.distribution = Distribution::uniform(plan.firms.value, 1.1 * plan.firms.value);
    if (!p.provenance.note.empty()) p.provenance.note += " ";
    p.provenance.note += "A floor: drawn uniform on [floor, 1.1·floor] (docs/model.md §4).";
  } else {
    p.distribution = Distribution::fixed(plan.firms.value);
  }
  return p;
}

// The c0 prior set by the plan's base-year core industry (docs/model.md §4).
Prior core_industry_prior(const PlanSpec& plan) {
  const Figure& core = *plan.core_industry;
  Prior p;
  p.name = "c0";
  p.provenance = core.provenance;
  p.origin = plan.source_path;
  if (core.bound == Bound::floor) {
    p.distribution = Distribution::uniform(core.value, 1.1 * core.value);
    if (!p.provenance.note.empty()) p.provenance.note += " ";
    p.provenance.note += "A floor: drawn uniform on [floor, 1.1·floor] (docs/model.md §4).";
  } else {
    p.distribution = Distribution{DistributionKind::lognormal, core.value, plan.core_industry_sigma};
  }
  return p;
}

void check_priors(const ParameterSpace& space, Problems& problems) {
  for (const Prior& prior : space.priors()) {
    const std::string key = "prior." + prior.name;
    if (const std::string bad = check(prior.distribution); !bad.empty()) {
      problems.add(prior.origin, prior.line, key, bad);
      continue;
    }
    const auto engine = find_engine_param(prior.name);
    if (!engine) continue;
    // Every value a draw can take (quantiles at the extreme uniforms the
    // streams produce) must lie in the parameter's valid range.
    const ParamRange& range = param_range(*engine);
    const double lo = quantile(prior.distribution, CounterStream::kUniformMin);
    const double hi = quantile(prior.distribution, CounterStream::kUniformMax);
    if (!range.contains(lo) || !range.contains(hi)) {
      problems.add(prior.origin, prior.line, key,
                   "the prior " + describe(prior.distribution) + " allows values outside the valid range of " +
                       prior.name + " (" + std::string(range.meaning) + "): " + (range.lower_open ? "(" : "[") +
                       number(range.lower) + ", " + number(range.upper) + (range.upper_open ? ")" : "]") +
                       "; narrow it or truncate it with lower/upper");
    }
  }
}

std::size_t resolve_param(const ParameterSpace& space, const PlanSpec& plan, const IndicatorSpec& ind,
                          const std::string& field, const std::string& name, Problems& problems) {
  if (name.empty()) return kNoIndex;
  if (auto i = space.index_of(name)) return *i;
  problems.add(plan.source_path, ind.line, "indicator." + ind.id + "." + field,
               "names the parameter '" + name + "', which has no prior: declare [prior." + name +
                   "] in this file or in seeds/priors.toml");
  return kNoIndex;
}

void compile_indicators(CompiledModel& m, Problems& problems) {
  std::map<std::string, std::size_t, std::less<>> seen;
  for (const IndicatorSpec& spec : m.plan.indicators) {
    CompiledIndicator ci;
    ci.spec = spec;
    const auto param = [&](const char* field, const std::string& name) {
      return resolve_param(m.parameters, m.plan, spec, field, name, problems);
    };
    ci.threshold_param = param("threshold_parameter", spec.threshold_parameter);
    ci.factor_param = param("parameter", spec.parameter);
    ci.baseline_param = param("baseline_parameter", spec.baseline_parameter);
    ci.rate_param = param("rate_parameter", spec.rate_parameter);
    ci.elasticity_param = param("elasticity_parameter", spec.elasticity_parameter);
    ci.per_project_param = param("per_project_parameter", spec.per_project_parameter);
    ci.mean_growth_param = param("mean_growth_parameter", spec.mean_growth_parameter);
    ci.persistence_param = param("persistence_parameter", spec.persistence_parameter);
    ci.concentration_param = param("concentration_parameter", spec.concentration_parameter);
    for (const std::string& other : spec.of) {
      auto it = seen.find(other);
      if (it == seen.end()) {
        problems.add(m.plan.source_path, spec.line, "indicator." + spec.id + ".of",
                     "names '" + other + "', which is not an indicator declared above this one" +
                         indicator_suggestion(m, other));
      } else {
        ci.of.push_back(it->second);
      }
    }
    seen.emplace(spec.id, m.indicators.size());
    m.indicators.push_back(std::move(ci));
  }
}

// An indicator rests on assumption when its level comes from a rate of its own
// (counter, growth series, investment completion) whose basis is declared an
// assumption — no base-year figure or published series anchors it — or when
// one of the indicators it is built from does (sum, multiple: components come
// first). Firm and park indicators grow from the documented base-year firms
// and parks; their priors' bases are shown in the parameter table.
bool indicator_rests_on_assumption(const CompiledModel& m, std::size_t indicator) {
  const CompiledIndicator& ci = m.indicators[indicator];
  const IndicatorKind kind = ci.spec.kind;
  const bool own_rate = kind == IndicatorKind::counter || kind == IndicatorKind::growth_series ||
                        kind == IndicatorKind::investment_completion;
  if (own_rate && ci.spec.provenance.basis == Basis::assumption) return true;
  for (const std::size_t component : ci.of) {
    if (indicator_rests_on_assumption(m, component)) return true;
  }
  return false;
}

// Targets whose deadline lies beyond a horizon the planner chose (--horizon,
// a scenario's horizon) are one problem, on that choice, not one per target.
void compile_targets(CompiledModel& m, const std::string& horizon_source, Problems& problems) {
  std::vector<const TargetSpec*> beyond;
  for (const TargetSpec& spec : m.plan.targets) {
    const std::string key = "target." + spec.id;
    const std::size_t ind = m.indicator_index(spec.indicator);
    if (ind == kNoIndex) {
      problems.add(m.plan.source_path, spec.line, key + ".indicator",
                   "names the indicator '" + spec.indicator + "', which this plan does not declare" +
                       indicator_suggestion(m, spec.indicator));
      continue;
    }
    if (spec.deadline > m.horizon && !horizon_source.empty() && spec.deadline > m.base_year) {
      beyond.push_back(&spec);
      continue;
    }
    if (spec.deadline <= m.base_year || spec.deadline > m.horizon) {
      problems.add(m.plan.source_path, spec.line, key + ".deadline",
                   "deadline " + std::to_string(spec.deadline) + " must lie in " + std::to_string(m.base_year + 1) +
                       ".." + std::to_string(m.horizon) + " (after the base year, not beyond the horizon)");
      continue;
    }
    m.targets.push_back(CompiledTarget{spec, ind, indicator_rests_on_assumption(m, ind)});
  }
  if (beyond.empty()) return;
  int latest = 0;
  std::string ids;
  for (const TargetSpec* t : beyond) {
    latest = std::max(latest, t->deadline);
    ids += (ids.empty() ? "" : ", ") + t->id;
  }
  const bool option = horizon_source == "--horizon";
  problems.add(option ? "command line" : horizon_source, option ? 0 : m.scenario.horizon_line,
               option ? "--horizon" : "scenario.horizon",
               "the horizon " + std::to_string(m.horizon) + " ends before the deadline of " +
                   std::to_string(beyond.size()) + (beyond.size() == 1 ? " target" : " targets") + " of the plan (" +
                   ids + "); expected a horizon of at least " + std::to_string(latest));
}

bool year_in_range(const CompiledModel& m, int year) {
  return year > m.base_year && year <= m.horizon;
}

std::string year_range_text(const CompiledModel& m) {
  return std::to_string(m.base_year + 1) + ".." + std::to_string(m.horizon);
}

// A lever's or shock's span from..to must lie in the simulated years; the
// problem names the year the planner wrote that lies outside (`to_written` = 0:
// `to` was left out and runs to the horizon, or to `from` for a shock).
bool span_ok(const CompiledModel& m, const std::string& key, int line, int from, int to, int to_written,
             Problems& problems) {
  if (year_in_range(m, from) && year_in_range(m, to) && from <= to) return true;
  const bool from_bad = !year_in_range(m, from);
  const int year = from_bad ? from : to_written;
  std::string why = "year " + std::to_string(year) + " must lie in " + year_range_text(m) +
                    " (after the base year " + std::to_string(m.base_year) + ", up to the horizon)";
  if (!from_bad && to_written != 0 && to_written < from) {
    why = "expected a year ≥ from (" + std::to_string(from) + "), got " + std::to_string(to_written);
  }
  problems.add(m.scenario.source_path, line, key + (from_bad ? ".from" : ".to"), why);
  return false;
}

// "lever[2]": the element's key, by its place in the file.
std::string element_key(const char* kind, int position, std::size_t index) {
  return std::string(kind) + "[" + std::to_string(position > 0 ? static_cast<std::size_t>(position) : index + 1) + "]";
}

YearLevers& year_levers(CompiledModel& m, int year) {
  return m.years[static_cast<std::size_t>(year - m.base_year)];
}

// One lever's effect on one year. Multipliers compound; funding_yi, which
// replaces the year's funding, is applied by compile_scenario_levers after all
// of them.
void apply_lever(const Lever& lv, YearLevers& y) {
  switch (lv.kind) {
    case LeverKind::funding_multiplier:
      y.funding_yi *= lv.value;
      break;
    case LeverKind::funding_yi:
      break;
    case LeverKind::lambda_soc:
      y.lambda_soc = lv.value;
      break;
    case LeverKind::c_proj:
      y.c_proj = lv.value;
      break;
    case LeverKind::entry_multiplier:
      y.entry_multiplier *= lv.value;
      break;
    case LeverKind::exit_multiplier:
      y.exit_multiplier *= lv.value;
      break;
    case LeverKind::park_capacity_multiplier:
      y.park_capacity_multiplier = with_capacity_lever(y.park_capacity_multiplier, lv.value);
      break;
  }
}

// The scenario's levers: at most one lever of a kind per year, so that a file
// never means two things at once.
void compile_scenario_levers(CompiledModel& m, Problems& problems) {
  const ScenarioSpec& sc = m.scenario;
  std::map<std::pair<LeverKind, int>, int> taken;
  std::vector<std::pair<const Lever*, int>> absolute_funding;
  for (std::size_t i = 0; i < sc.levers.size(); ++i) {
    const Lever& lv = sc.levers[i];
    if (lv.from == 0) continue;  // no year: the reader has reported it (io::read_scenario_draft)
    const std::string key = element_key("lever", lv.position, i);
    const int to = lv.to == 0 ? m.horizon : lv.to;
    if (!span_ok(m, key, lv.line, lv.from, to, lv.to, problems)) continue;
    for (int year = lv.from; year <= to; ++year) {
      auto [it, fresh] = taken.emplace(std::make_pair(lv.kind, year), lv.line);
      if (!fresh) {
        problems.add(sc.source_path, lv.line, key + ".name",
                     std::string(to_string(lv.kind)) + " is already set for " + std::to_string(year) +
                         " by the lever on line " + std::to_string(it->second) + "; make the spans disjoint");
        break;
      }
      if (lv.kind == LeverKind::funding_yi) absolute_funding.emplace_back(&lv, year);
      apply_lever(lv, year_levers(m, year));
    }
  }
  for (const auto& [lv, year] : absolute_funding) {
    if (taken.count({LeverKind::funding_multiplier, year}) != 0) {
      problems.add(sc.source_path, lv->line, "lever.funding_yi",
                   "funding_yi and funding_multiplier both set " + std::to_string(year) + "; use one of them");
    }
    year_levers(m, year).funding_yi = lv->value;
  }
}

// One shock's effect on one year: its rule's rate × (1 + value), or for growth
// ln(1 + value) added to every firm's log growth (docs/model.md). `counter` is
// the counter indicator of a counter shock.
void apply_shock(const Shock& sh, std::size_t counter, YearLevers& y) {
  const double factor = 1.0 + sh.value;
  switch (sh.rule) {
    case ShockRule::growth:
      y.growth_shift += std::log(factor);
      break;
    case ShockRule::entry:
      y.entry_multiplier *= factor;
      break;
    case ShockRule::exit:
      y.exit_multiplier *= factor;
      break;
    case ShockRule::funding:
      y.funding_yi *= factor;
      break;
    case ShockRule::counter:
      y.counter_rate_multiplier[counter] *= factor;
      break;
  }
}

// The scenario's shocks, applied after the levers (a funding shock scales an
// absolute funding_yi too).
void compile_shocks(CompiledModel& m, Problems& problems) {
  const ScenarioSpec& sc = m.scenario;
  for (std::size_t i = 0; i < sc.shocks.size(); ++i) {
    const Shock& sh = sc.shocks[i];
    if (sh.from == 0 || (sh.rule == ShockRule::counter && sh.indicator.empty())) continue;  // reported by the reader
    const std::string key = element_key("shock", sh.position, i);
    const int to = sh.to == 0 ? sh.from : sh.to;
    if (!span_ok(m, key, sh.line, sh.from, to, sh.to, problems)) continue;
    if (!(sh.value > -1.0)) {
      problems.add(sc.source_path, sh.line, key + ".value",
                   "a relative change must be > -1 (-0.10 = -10%), got " + number(sh.value));
      continue;
    }
    std::size_t counter = kNoIndex;
    if (sh.rule == ShockRule::counter) {
      counter = m.indicator_index(sh.indicator);
      if (counter == kNoIndex || m.indicators[counter].spec.kind != IndicatorKind::counter) {
        problems.add(sc.source_path, sh.line, key + ".indicator",
                     "names '" + sh.indicator + "', which is not a counter indicator of this plan" +
                         indicator_suggestion(m, sh.indicator, IndicatorKind::counter));
        continue;
      }
    }
    for (int year = sh.from; year <= to; ++year) apply_shock(sh, counter, year_levers(m, year));
  }
}

// The scenario's new parks, each in the year it opens.
void compile_new_parks(CompiledModel& m, Problems& problems) {
  const ScenarioSpec& sc = m.scenario;
  for (std::size_t i = 0; i < sc.parks.size(); ++i) {
    const ParkAddition& pa = sc.parks[i];
    if (pa.year == 0) continue;  // no year: the reader has reported it
    const std::string key = element_key("park", pa.position, i);
    if (!year_in_range(m, pa.year)) {
      problems.add(sc.source_path, pa.line, key + ".year",
                   "year " + std::to_string(pa.year) + " must lie in " + year_range_text(m));
      continue;
    }
    year_levers(m, pa.year).new_parks.push_back(pa);
  }
}

// Every simulated year's levers: the plan's baseline funding and no change,
// then the scenario's levers, shocks and new parks, in that order.
void compile_levers(CompiledModel& m, Problems& problems) {
  m.years.assign(static_cast<std::size_t>(m.horizon - m.base_year + 1), YearLevers{});
  for (YearLevers& y : m.years) {
    y.funding_yi = m.baseline_funding_yi;
    y.counter_rate_multiplier.assign(m.indicators.size(), 1.0);
  }
  compile_scenario_levers(m, problems);
  compile_shocks(m, problems);
  compile_new_parks(m, problems);
}

}  // namespace

std::size_t CompiledModel::indicator_index(std::string_view id) const {
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    if (indicators[i].spec.id == id) return i;
  }
  return kNoIndex;
}

CompiledModel compile(const PlanSpec& plan, const ScenarioSpec& scenario, const ParameterSpace& defaults,
                      int horizon_override) {
  Problems problems;
  CompiledModel m;
  m.plan = plan;
  m.scenario = scenario;
  m.base_year = plan.base_year;
  m.horizon = horizon_override > 0 ? horizon_override : (scenario.horizon > 0 ? scenario.horizon : plan.horizon);
  if (m.horizon <= m.base_year) {
    problems.add(
        horizon_override > 0 ? std::string("--horizon") : scenario.source_path, 0, "horizon",
        "horizon " + std::to_string(m.horizon) + " must be after the base year " + std::to_string(m.base_year));
    problems.throw_if_any();
  }
  m.baseline_funding_yi = plan.baseline_funding_yi_per_year();

  // Priors: defaults, then the n0 implied by the firm figure, then the region's,
  // then the scenario's (docs/model.md §6).
  m.parameters = defaults;
  m.parameters.set(firm_count_prior(plan));
  if (plan.core_industry) m.parameters.set(core_industry_prior(plan));
  for (const Prior& p : plan.priors) m.parameters.set(p);
  for (const Prior& p : scenario.priors) m.parameters.set(p);
  m.parameters.canonicalise();
  for (const std::string& name : m.parameters.missing_engine_params()) {
    problems.add(plan.source_path, 0, "prior." + name,
                 "the model needs a prior for '" + name + "' (seeds/priors.toml normally provides it)");
  }
  problems.throw_if_any();
  check_priors(m.parameters, problems);

  std::map<std::uint32_t, std::string> hashes;
  for (const Prior& p : m.parameters.priors()) {
    const std::uint32_t h = name_hash(p.name.data(), p.name.size());
    if (auto [it, fresh] = hashes.emplace(h, p.name); !fresh) {
      problems.add(p.origin, p.line, "prior." + p.name,
                   "its name collides with '" + it->second + "' in the random-stream hash; rename one of them");
    }
    m.parameter_stream_ids.push_back(h);
  }

  compile_indicators(m, problems);
  compile_targets(m,
                  horizon_override > 0 ? std::string("--horizon")
                                       : (scenario.horizon > 0 ? scenario.source_path : std::string()),
                  problems);
  compile_levers(m, problems);
  problems.throw_if_any();
  return m;
}

}  // namespace targetcast::model
