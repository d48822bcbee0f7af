#include "calibration/observation_model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "model/monte_carlo.h"

namespace targetcast::calibration {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Hidden indicators appended to the pre-sample plan: its end state, whatever
// indicators the plan declares.
constexpr const char* kEndFirms = "calibration.firms";
constexpr const char* kEndCore = "calibration.core_industry";

bool is_stock(model::IndicatorKind kind) {
  return kind == model::IndicatorKind::firm_count || kind == model::IndicatorKind::revenue_sum;
}

// The prior of the pre-sample's starting stock when an observation states it:
// LogNormal(value, relative_sd) for a level, uniform on [floor, 1.1·floor] for
// a floor (the rule docs/model.md §4 applies to a floor in a seed file).
model::Prior stock_prior_from(const Observation& o, const std::string& name) {
  model::Prior p;
  p.name = name;
  p.origin = o.file;
  p.line = o.line;
  p.provenance.source = o.source;
  p.provenance.quote = o.quote;
  p.provenance.basis = model::Basis::published;
  // A figure under another definition: the ratio to the plan's definition,
  // LogNormal(1, definition_sd), multiplies the start (docs/calibration.md).
  const double widen = o.definition.empty() ? 1.0 : std::exp(2.0 * o.definition_sd);
  if (o.measure == Measure::floor) {
    p.distribution = model::Distribution::uniform(o.value / widen, 1.1 * o.value * widen);
    p.provenance.note = "pre-sample start: a floor, uniform on [floor, 1.1·floor]";
  } else {
    p.distribution = {model::DistributionKind::lognormal, o.value,
                      std::hypot(o.relative_sd, o.definition.empty() ? 0.0 : o.definition_sd)};
    p.provenance.note = "pre-sample start: LogNormal(observed value, relative_sd)";
  }
  if (!o.definition.empty()) {
    p.provenance.note += "; published under '" + o.definition + "', linked to the plan's definition by a ratio " +
                         "LogNormal(1, " + std::to_string(o.definition_sd) + ")";
  }
  return p;
}

// The back-cast prior of a pre-sample stock nobody observed in its start year.
model::Prior backcast_prior(const model::Prior& base_year_prior, const std::string& name, int year) {
  model::Prior p;
  p.name = name;
  p.origin = "calibration (back-cast)";
  const double lo = kBackcastLowerFactor * model::quantile(base_year_prior.distribution, 0.05);
  const double hi = model::quantile(base_year_prior.distribution, 0.95);
  p.distribution = model::Distribution::uniform(lo, std::max(hi, lo * 1.0001));
  p.provenance.basis = model::Basis::assumption;
  p.provenance.note = "not observed in " + std::to_string(year) +
                      ": between a tenth of the base-year prior's 5% quantile and its 95% quantile "
                      "(docs/calibration.md)";
  return p;
}

model::Problem problem_at(const Observation& o, const char* column, std::string message) {
  return model::Problem{o.file, o.line, column, std::move(message)};
}

std::vector<double> template_theta(const model::CompiledModel& m) {
  std::vector<double> t(m.parameters.size(), kNaN);
  for (std::size_t i = 0; i < t.size(); ++i) {
    const model::Distribution& d = m.parameters[i].distribution;
    if (d.kind == model::DistributionKind::fixed) t[i] = d.a;
  }
  return t;
}

}  // namespace

std::string_view to_string(ParameterRole role) {
  switch (role) {
    case ParameterRole::calibrated:
      return "calibrated";
    case ParameterRole::presample:
      return "presample";
    case ParameterRole::derived:
      return "derived";
  }
  return "calibrated";
}

std::string_view to_string(ObservationUse use) {
  switch (use) {
    case ObservationUse::fit:
      return "fit";
    case ObservationUse::initial_condition:
      return "initial_condition";
    case ObservationUse::held_out:
      return "held_out";
  }
  return "fit";
}

double residual(const Observation& o, double predicted) {
  // Compared on the log scale: the observed figure, and the predicted one
  // floored at 1e-6 of it so that a prediction of 0 gives a large, finite error.
  const bool growth = o.measure == Measure::growth;
  const double observed = growth ? 1.0 + o.value : o.value;
  const double floor = 1e-6 * observed;
  double p = growth ? 1.0 + predicted : predicted;
  if (!std::isfinite(p) || p < floor) p = floor;
  const double e = (std::log(p) - std::log(observed)) / o.relative_sd;
  return o.measure == Measure::floor ? std::min(e, 0.0) : e;
}

ObservationModel::ObservationModel(const model::CompiledModel& forecast, std::vector<Observation> observations,
                                   int held_out_from)
    : forecast_(forecast), observations_(std::move(observations)) {
  if (auto problems = check_observations(forecast_, observations_); !problems.empty()) {
    throw model::SpecError(std::move(problems));
  }
  classify_and_build(held_out_from);
}

std::size_t ObservationModel::fitted_count() const {
  return static_cast<std::size_t>(std::count(uses_.begin(), uses_.end(), ObservationUse::fit));
}

void ObservationModel::classify_and_build(int held_out_from) {
  const int base = forecast_.base_year;
  int y0 = base;
  for (const Observation& o : observations_) y0 = std::min(y0, o.year);
  const bool presample = y0 < base;

  model::PlanSpec pre_plan = forecast_.plan;
  StartingFigures starts;
  classify_observations(held_out_from, y0, pre_plan, starts);

  // Forecast coordinates: every non-fixed parameter; with a pre-sample, the
  // forecast's n0 and c0 come from its end state instead.
  const model::ParameterSpace& space = forecast_.parameters;
  for (std::size_t i = 0; i < space.size(); ++i) {
    const model::Prior& prior = space[i];
    if (presample && (prior.name == "n0" || prior.name == "c0")) continue;
    if (prior.distribution.kind == model::DistributionKind::fixed) continue;
    parameters_.push_back(CalibrationParameter{prior.name, ParameterRole::calibrated, prior, i, model::kNoIndex});
  }

  if (presample) build_presample(std::move(pre_plan), starts, y0);
  add_definition_ratios();
  dimension_ = parameters_.size();
  if (presample) {
    for (const char* name : {"n0", "c0"}) {
      const std::size_t at = *space.index_of(name);
      parameters_.push_back(CalibrationParameter{name, ParameterRole::derived, space[at], at, model::kNoIndex});
    }
  }

  for (std::size_t i = 0; i < observations_.size(); ++i) {
    const bool compared = uses_[i] != ObservationUse::initial_condition;
    const bool in_forecast = observations_[i].year > base || (!presample && observations_[i].year == base);
    if (compared && in_forecast) needs_forecast_run_ = true;
    if (uses_[i] == ObservationUse::fit) last_fitted_year_ = std::max(last_fitted_year_, observations_[i].year);
    if (uses_[i] == ObservationUse::fit && in_forecast) {
      path_through_year_ = std::max(path_through_year_, observations_[i].year);
    }
  }
  forecast_template_ = template_theta(forecast_);
  if (presample_) presample_template_ = template_theta(*presample_);
}

void ObservationModel::classify_observations(int held_out_from, int y0, model::PlanSpec& pre_plan,
                                             StartingFigures& starts) {
  const int base = forecast_.base_year;
  const bool presample = y0 < base;
  std::vector<model::Problem> problems;
  uses_.assign(observations_.size(), ObservationUse::fit);
  indicator_of_.resize(observations_.size());
  for (std::size_t i = 0; i < observations_.size(); ++i) {
    const Observation& o = observations_[i];
    const std::size_t ind = forecast_.indicator_index(o.indicator);
    indicator_of_[i] = ind;
    const model::IndicatorKind kind = forecast_.indicators[ind].spec.kind;
    const bool at_start = presample ? o.year == y0 : o.year == base;
    ObservationUse use = ObservationUse::fit;
    if (presample && at_start) {
      use = use_at_presample_start(o, kind, pre_plan.indicators[ind], y0, starts, problems);
    } else if (!presample && at_start && o.measure == Measure::growth && kind == model::IndicatorKind::growth_series) {
      // The base year's growth of a series is the seed's own initial growth.
      use = ObservationUse::initial_condition;
    }
    if (use == ObservationUse::fit && at_start && o.measure == Measure::growth) {
      problems.push_back(problem_at(o, "measure",
                                    "a growth rate in the first simulated year (" + std::to_string(o.year) +
                                        ") can only set a growth series' starting growth; " + o.indicator +
                                        " is not one"));
    }
    if (use == ObservationUse::initial_condition && !o.definition.empty() &&
        !(is_stock(kind) && o.measure != Measure::growth)) {
      problems.push_back(problem_at(o, "definition",
                                    "a figure under another definition can start the firm count or the core "
                                    "industry, not " + o.indicator + ": publish it under the plan's definition"));
    }
    if (use == ObservationUse::fit && held_out_from > 0 && o.year >= held_out_from) use = ObservationUse::held_out;
    if (use == ObservationUse::initial_condition && held_out_from > 0 && o.year >= held_out_from) {
      problems.push_back(problem_at(o, "year",
                                    "the cut " + std::to_string(held_out_from) +
                                        " leaves no observed year to start from: it must be after " +
                                        std::to_string(o.year)));
    }
    uses_[i] = use;
  }
  if (problems.empty() && fitted_count() == 0) {
    problems.push_back(model::Problem{
        observations_.empty() ? std::string() : observations_.front().file, 0, "observations",
        held_out_from > 0 ? "no observation before the cut " + std::to_string(held_out_from) + " is left to fit"
                          : "no observation can be compared with the model"});
  }
  if (!problems.empty()) throw model::SpecError(std::move(problems));
}

ObservationUse ObservationModel::use_at_presample_start(const Observation& o, model::IndicatorKind kind,
                                                        model::IndicatorSpec& spec, int y0, StartingFigures& starts,
                                                        std::vector<model::Problem>& problems) {
  if (is_stock(kind) && o.measure != Measure::growth) {
    const Observation*& slot = kind == model::IndicatorKind::firm_count ? starts.firms : starts.core;
    if (slot != nullptr) {
      problems.push_back(problem_at(o, "indicator",
                                    "the start year " + std::to_string(y0) + " already has a starting figure for " +
                                        o.indicator + " (line " + std::to_string(slot->line) + "); keep one"));
    }
    slot = &o;
    return ObservationUse::initial_condition;
  }
  if (kind == model::IndicatorKind::growth_series) {
    if (o.measure == Measure::growth) {
      spec.initial_growth = o.value;
    } else {
      spec.baseline = o.value;
    }
    return ObservationUse::initial_condition;
  }
  if ((kind == model::IndicatorKind::counter || kind == model::IndicatorKind::investment_completion) &&
      o.measure == Measure::level) {
    spec.baseline = o.value;
    spec.baseline_parameter.clear();
    return ObservationUse::initial_condition;
  }
  return ObservationUse::fit;
}

void ObservationModel::build_presample(model::PlanSpec pre_plan, const StartingFigures& starts, int y0) {
  const int base = forecast_.base_year;
  const model::ParameterSpace& space = forecast_.parameters;
  const std::string suffix = "_" + std::to_string(y0);
  const model::Prior& n0 = space[*space.index_of("n0")];
  const model::Prior& c0 = space[*space.index_of("c0")];
  // A documented n0 (a floor such as 超1500家, read as uniform on [N, 1.1 N])
  // bounds the base-year firm count the pre-sample may hand over.
  if (n0.provenance.basis == model::Basis::document) {
    const double floor = model::quantile(n0.distribution, 0.0);
    if (std::isfinite(floor) && floor > 0.0) n0_floor_ = floor;
  }
  model::Prior n0_start = starts.firms ? stock_prior_from(*starts.firms, "n0") : backcast_prior(n0, "n0", y0);
  model::Prior c0_start = starts.core ? stock_prior_from(*starts.core, "c0") : backcast_prior(c0, "c0", y0);
  pre_plan.base_year = y0;
  pre_plan.horizon = base;
  pre_plan.targets.clear();
  // forecast_.parameters already holds every region and scenario prior.
  pre_plan.priors = {n0_start, c0_start};
  model::IndicatorSpec end_firms;
  end_firms.id = kEndFirms;
  end_firms.kind = model::IndicatorKind::firm_count;
  model::IndicatorSpec end_core;
  end_core.id = kEndCore;
  end_core.kind = model::IndicatorKind::revenue_sum;
  pre_plan.indicators.push_back(end_firms);
  pre_plan.indicators.push_back(end_core);
  model::ScenarioSpec history;  // no levers: the past is not a what-if
  history.source_path = forecast_.plan.source_path;
  history.id = "presample";
  history.title = {"预样本", "pre-sample"};
  presample_ = model::compile(pre_plan, history, space);
  presample_firms_ = presample_->indicator_index(kEndFirms);
  presample_core_ = presample_->indicator_index(kEndCore);

  for (CalibrationParameter& p : parameters_) p.presample_index = *presample_->parameters.index_of(p.name);
  for (model::Prior* start : {&n0_start, &c0_start}) {
    const std::size_t at = *presample_->parameters.index_of(start->name);
    model::Prior named = *start;
    named.name += suffix;
    if (space.has(named.name)) {
      throw model::SpecError(model::Problem{forecast_.plan.source_path, 0, "prior." + named.name,
                                            "this name is reserved for the pre-sample's starting stock in " +
                                                std::to_string(y0) + "; rename the parameter"});
    }
    parameters_.push_back(CalibrationParameter{named.name, ParameterRole::presample, named, model::kNoIndex, at});
  }
}

void ObservationModel::add_definition_ratios() {
  series_of_.assign(observations_.size(), 0);
  ratio_of_.assign(observations_.size(), model::kNoIndex);
  std::map<std::pair<std::size_t, std::string>, std::size_t> series;  // (indicator, definition) → series
  std::map<std::pair<std::size_t, std::string>, std::size_t> ratio;   // → coordinate
  for (std::size_t i = 0; i < observations_.size(); ++i) {
    const Observation& o = observations_[i];
    const auto key = std::pair(indicator_of_[i], o.definition);
    series_of_[i] = series.emplace(key, series.size()).first->second;
    if (o.definition.empty() || uses_[i] == ObservationUse::initial_condition) continue;
    if (const auto it = ratio.find(key); it != ratio.end()) {
      ratio_of_[i] = it->second;
      continue;
    }
    model::Prior prior;
    prior.name = "ratio(" + o.indicator + ", " + o.definition + ")";
    prior.distribution = {model::DistributionKind::lognormal, 1.0, o.definition_sd};
    prior.provenance.basis = model::Basis::assumption;
    prior.provenance.source = o.source;
    prior.provenance.note = "figures of " + o.indicator + " published under '" + o.definition +
                            "' over the model's (the plan's definition); its spread is the file's definition_sd";
    prior.origin = o.file;
    prior.line = o.line;
    CalibrationParameter p{prior.name, ParameterRole::calibrated, prior, model::kNoIndex, model::kNoIndex};
    p.definition_ratio = true;
    ratio_of_[i] = parameters_.size();
    ratio.emplace(key, parameters_.size());
    parameters_.push_back(std::move(p));
  }
  series_count_ = series.size();
}

void ObservationModel::posterior_values(std::span<const double> x, std::span<const double> derived,
                                        std::span<double> out) const {
  std::size_t k = 0;
  std::size_t lambda0 = model::kNoIndex;
  double eps_c = forecast_template_[static_cast<std::size_t>(model::Param::eps_c)];
  double c0_start = kNaN;
  for (std::size_t i = 0; i < dimension_; ++i) {
    const CalibrationParameter& p = parameters_[i];
    if (p.definition_ratio) continue;  // not a forecast parameter
    if (p.role == ParameterRole::calibrated) {
      if (p.name == "lambda0") lambda0 = k;
      if (p.name == "eps_c") eps_c = x[i];
      out[k++] = x[i];
    } else if (p.name.rfind("c0_", 0) == 0) {
      c0_start = x[i];
    }
  }
  for (std::size_t j = 0; j < derived_count(); ++j) {
    out[k + j] = derived[j];
  }
  if (presample_ && lambda0 != model::kNoIndex) {
    const double c0 = derived[1];  // derived order: n0, c0
    if (c0 > 0.0 && c0_start > 0.0) out[lambda0] *= std::pow(c0 / c0_start, eps_c);
  }
}

bool ObservationModel::admissible(std::span<const double> derived) const {
  return !presample_ || derived.empty() || !(derived[0] < n0_floor_);
}

std::vector<std::string> ObservationModel::posterior_names() const {
  std::vector<std::string> names;
  for (const CalibrationParameter& p : parameters_) {
    if (p.role != ParameterRole::presample && !p.definition_ratio) names.push_back(p.name);
  }
  return names;
}

void ObservationModel::fill_theta(std::vector<double>& theta, bool presample, std::span<const double> x,
                                  std::span<const double> derived) const {
  if (presample) {
    theta = presample_template_;
    for (std::size_t i = 0; i < dimension_; ++i) {
      if (!parameters_[i].definition_ratio) theta[parameters_[i].presample_index] = x[i];
    }
    return;
  }
  theta = forecast_template_;
  std::vector<double> values(posterior_names().size());
  posterior_values(x, derived, values);
  std::size_t k = 0;
  for (const CalibrationParameter& p : parameters_) {
    if (p.role != ParameterRole::presample && !p.definition_ratio) theta[p.forecast_index] = values[k++];
  }
}

void ObservationModel::simulate(std::span<const double> x, std::uint64_t seed, std::uint32_t run,
                                std::span<double> predicted, std::span<double> derived,
                                const model::PastPath& past) const {
  model::Theta theta;
  std::vector<double> pre;
  std::size_t pre_ind = 0;
  if (presample_) {
    fill_theta(theta.values, true, x, derived);
    pre_ind = presample_->indicators.size();
    pre.resize(presample_->year_count() * pre_ind);
    model::simulate_run(*presample_, theta, seed, run, pre, past);
    const std::size_t last = (presample_->year_count() - 1) * pre_ind;
    derived[0] = pre[last + presample_firms_];
    derived[1] = pre[last + presample_core_];
  }
  std::vector<double> fc;
  const std::size_t fc_ind = forecast_.indicators.size();
  if (needs_forecast_run_) {
    fill_theta(theta.values, false, x, derived);
    fc.resize(forecast_.year_count() * fc_ind);
    model::simulate_run(forecast_, theta, seed, run, fc, past);
  }
  const int base = forecast_.base_year;
  for (std::size_t i = 0; i < observations_.size(); ++i) {
    const Observation& o = observations_[i];
    if (uses_[i] == ObservationUse::initial_condition) {
      predicted[i] = kNaN;
      continue;
    }
    const bool from_pre = presample_ && o.year <= base;
    const std::vector<double>& traj = from_pre ? pre : fc;
    const std::size_t n_ind = from_pre ? pre_ind : fc_ind;
    const int first = from_pre ? presample_->base_year : base;
    const auto at = [&](int year) { return traj[static_cast<std::size_t>(year - first) * n_ind + indicator_of_[i]]; };
    predicted[i] = o.measure == Measure::growth ? at(o.year) / at(o.year - 1) - 1.0 : at(o.year);
    // A figure under another definition: the model's value times the ratio
    // (a constant ratio leaves a growth rate as it is).
    if (ratio_of_[i] != model::kNoIndex && o.measure != Measure::growth) predicted[i] *= x[ratio_of_[i]];
  }
}

double ObservationModel::distance(std::span<const double> predicted) const {
  double sum = 0.0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < observations_.size(); ++i) {
    if (uses_[i] != ObservationUse::fit) continue;
    const double e = residual(observations_[i], predicted[i]);
    sum += e * e;
    ++n;
  }
  return n == 0 ? 0.0 : std::sqrt(sum / static_cast<double>(n));
}

AbcModel abc_model(const ObservationModel& model) {
  AbcModel m;
  for (std::size_t i = 0; i < model.dimension(); ++i) {
    m.names.push_back(model.parameters()[i].name);
    m.priors.push_back(model.parameters()[i].prior.distribution);
  }
  m.derived_count = model.derived_count();
  std::vector<std::size_t> fitted;
  for (std::size_t i = 0; i < model.observations().size(); ++i) {
    if (model.uses()[i] == ObservationUse::fit) fitted.push_back(i);
  }
  m.statistics_count = fitted.size();
  m.series_count = model.series_count();
  for (std::size_t i : fitted) m.statistic_series.push_back(model.series_of(i));
  m.simulate = [&model, fitted](std::span<const double> x, std::uint64_t seed, std::uint32_t run,
                                std::span<double> derived, std::span<double> statistics) {
    std::vector<double> predicted(model.observations().size());
    model.simulate(x, seed, run, predicted, derived);
    for (std::size_t s = 0; s < fitted.size(); ++s) {
      statistics[s] = residual(model.observations()[fitted[s]], predicted[fitted[s]]);
    }
    if (!model.admissible(derived)) return std::numeric_limits<double>::quiet_NaN();
    return model.distance(predicted);
  };
  return m;
}

}  // namespace targetcast::calibration
