#include "analysis/sensitivity.h"

#include <omp.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>

#include "model/distribution.h"
#include "model/rng.h"
#include "model/run_context.h"
#include "model/summary.h"

namespace targetcast::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A point of the input space to run: θ, each lever's value, the run index.
struct Point {
  model::Theta theta;
  std::vector<double> lever_values;
  std::uint32_t run = 0;
};
using PointFn = std::function<void(std::size_t point, Point& out)>;

// Every target's outcome at every point, point-major: the indicator at the
// deadline and whether it was met (1 or 0), and whether every target was met.
struct Outcomes {
  std::size_t targets = 0;
  std::vector<double> value;
  std::vector<double> met;
  std::vector<double> joint;
};

// What one thread needs to run points: its copy of the model (only its
// per-year levers change), a point and a trajectory buffer.
struct PointScratch {
  model::CompiledModel work;
  Point point;
  std::vector<double> trajectory;
};

// Runs `count` points, each into its own slot, on threads or MPI processes
// (SensitivityOptions::executor): the same outcomes either way.
Outcomes run_points(const model::CompiledModel& model, std::span<const LeverRange> levers, std::size_t count,
                    const PointFn& point_at, const SensitivityOptions& options, const model::ProgressFn& progress,
                    const std::atomic<bool>* stop) {
  Outcomes out;
  const std::size_t n_targets = model.targets.size();
  out.targets = n_targets;
  out.value.resize(count * n_targets);
  out.met.resize(count * n_targets);
  out.joint.resize(count);
  const std::size_t n_ind = model.indicators.size();
  const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
  std::atomic<std::size_t> done{0};
  std::atomic<bool> stopped{false};
  // One scratch per thread, made by that thread on its first point.
  std::vector<std::unique_ptr<PointScratch>> scratch(static_cast<std::size_t>(threads));

  const auto run_point = [&](std::size_t e) {
    if (stopped.load(std::memory_order_relaxed)) return;
    if (stop != nullptr && stop->load(std::memory_order_relaxed)) {
      stopped.store(true);
      return;
    }
    auto& mine = scratch[static_cast<std::size_t>(omp_get_thread_num())];
    if (!mine)
      mine = std::make_unique<PointScratch>(PointScratch{model, {}, std::vector<double>(model.year_count() * n_ind)});
    Point& p = mine->point;
    point_at(e, p);
    apply_levers(model, levers, p.lever_values, mine->work);
    model::simulate_run(mine->work, p.theta, options.master_seed, p.run, mine->trajectory);
    bool all = n_targets > 0;
    for (std::size_t t = 0; t < n_targets; ++t) {
      const model::CompiledTarget& target = model.targets[t];
      const auto year = static_cast<std::size_t>(target.spec.deadline - model.base_year);
      const double v = mine->trajectory[year * n_ind + target.indicator];
      const bool met = model::meets(target.spec.comparison, v, target.spec.threshold);
      out.value[e * n_targets + t] = v;
      out.met[e * n_targets + t] = met ? 1.0 : 0.0;
      all = all && met;
    }
    out.joint[e] = all ? 1.0 : 0.0;
    const std::size_t finished = done.fetch_add(1) + 1;
    if (progress && omp_get_thread_num() == 0) {
      progress(static_cast<std::uint32_t>(finished), static_cast<std::uint32_t>(count));
    }
  };
  const std::array<model::BatchArray, 3> arrays{{{out.value, n_targets}, {out.met, n_targets}, {out.joint, 1}}};
  (options.executor != nullptr ? *options.executor : model::thread_executor())
      .evaluate(count, threads, run_point, arrays);
  if (stopped.load()) throw model::Interrupted();
  if (progress) progress(static_cast<std::uint32_t>(count), static_cast<std::uint32_t>(count));
  return out;
}

// Medians of every parameter's prior: the θ every tornado setting starts from.
model::Theta median_theta(const model::CompiledModel& model) {
  model::Theta theta;
  for (const model::Prior& p : model.parameters.priors()) theta.values.push_back(model::quantile(p.distribution, 0.5));
  return theta;
}

// Writes input `in` at design point u into the point.
void set_input(const model::CompiledModel& model, std::span<const LeverRange> levers, const SensitivityInput& in,
               double u, Point& p) {
  switch (in.kind) {
    case InputKind::parameter:
      p.theta[in.parameter] = in.value_at(model, levers, u);
      break;
    case InputKind::lever:
      p.lever_values[in.lever] = in.value_at(model, levers, u);
      break;
    case InputKind::intrinsic:
      break;  // the run index; set by the caller
  }
}

std::uint32_t name_key(const std::string& name) {
  return model::name_hash(name.data(), name.size());
}

}  // namespace

std::string_view to_string(InputKind kind) {
  switch (kind) {
    case InputKind::parameter:
      return "parameter";
    case InputKind::lever:
      return "lever";
    case InputKind::intrinsic:
      return "intrinsic";
  }
  return "?";
}

double SensitivityInput::value_at(const model::CompiledModel& model, std::span<const LeverRange> levers,
                                  double u) const {
  switch (kind) {
    case InputKind::parameter:
      return model::quantile(model.parameters[parameter].distribution, u);
    case InputKind::lever:
      return levers[lever].value_at(u);
    case InputKind::intrinsic:
      return kNaN;
  }
  return kNaN;
}

std::vector<SensitivityInput> sensitivity_inputs(const model::CompiledModel& model,
                                                 std::span<const LeverRange> levers) {
  std::vector<SensitivityInput> inputs;
  for (std::size_t i = 0; i < model.parameters.size(); ++i) {
    const model::Distribution& d = model.parameters[i].distribution;
    if (d.kind == model::DistributionKind::fixed || !(model::support_lower(d) < model::support_upper(d))) continue;
    inputs.push_back({model.parameters[i].name, InputKind::parameter, i, model::kNoIndex});
  }
  for (std::size_t l = 0; l < levers.size(); ++l) {
    if (levers[l].low < levers[l].high) inputs.push_back({levers[l].name(), InputKind::lever, model::kNoIndex, l});
  }
  inputs.push_back({"intrinsic_randomness", InputKind::intrinsic, model::kNoIndex, model::kNoIndex});
  return inputs;
}

model::CompiledModel through_last_deadline(const model::CompiledModel& model) {
  int last = model.base_year + 1;
  for (const model::CompiledTarget& t : model.targets) last = std::max(last, t.spec.deadline);
  model::CompiledModel cut = model;
  if (last < cut.horizon) {
    cut.horizon = last;
    cut.years.resize(static_cast<std::size_t>(last - cut.base_year + 1));
  }
  return cut;
}

SobolAnalysis sobol_analysis(const model::CompiledModel& full_model, std::span<const LeverRange> levers,
                             const SensitivityOptions& options, const model::ProgressFn& progress,
                             const std::atomic<bool>* stop) {
  const model::CompiledModel model = through_last_deadline(full_model);
  SobolAnalysis a;
  a.inputs = sensitivity_inputs(model, levers);
  const std::size_t k = a.inputs.size();
  const std::size_t n = options.samples;
  std::vector<std::uint32_t> keys;
  for (const SensitivityInput& in : a.inputs) keys.push_back(name_key(in.name));
  const SaltelliDesign design(options.master_seed, n, keys);
  a.evaluations = design.evaluations();

  // Fixed parameters keep their value; the inputs overwrite the rest.
  const model::Theta fixed = median_theta(model);
  std::vector<double> neutral;
  for (const LeverRange& l : levers) neutral.push_back(l.value_at(0.5));
  const std::size_t intrinsic = k - 1;
  const PointFn point_at = [&](std::size_t e, Point& p) {
    p.theta = fixed;
    p.lever_values = neutral;
    for (std::size_t c = 0; c + 1 < k; ++c) set_input(model, levers, a.inputs[c], design.point(e, c), p);
    const std::size_t j = design.row(e);
    p.run = static_cast<std::uint32_t>(design.source(e, intrinsic) == 0 ? j : n + j);
  };
  const Outcomes o = run_points(model, levers, a.evaluations, point_at, options, progress, stop);

  BootstrapOptions boot;
  boot.seed = options.master_seed;
  boot.resamples = options.bootstrap;
  boot.threads = options.threads;
  std::vector<double> f(a.evaluations);
  for (std::size_t t = 0; t <= o.targets; ++t) {
    TargetSobol ts;
    if (t < o.targets) {
      ts.target = t;
      for (std::size_t e = 0; e < f.size(); ++e) f[e] = std::log1p(std::max(0.0, o.value[e * o.targets + t]));
      ts.value = jansen_indices(f, n, k, boot);
      for (std::size_t e = 0; e < f.size(); ++e) f[e] = o.met[e * o.targets + t];
    } else {
      for (std::size_t e = 0; e < f.size(); ++e) f[e] = o.joint[e];
    }
    ts.met = jansen_indices(f, n, k, boot);
    a.targets.push_back(std::move(ts));
  }
  return a;
}

double tornado_centre(const LeverRange& lever) {
  const double neutral = neutral_value(lever.lever);
  if (lever.low <= neutral && neutral <= lever.high) return neutral;
  return lever.value_at(0.5);
}

std::pair<double, double> tornado_ends(const model::CompiledModel& model, std::span<const LeverRange> levers,
                                       const SensitivityInput& in) {
  if (in.kind == InputKind::lever) return {levers[in.lever].low, levers[in.lever].high};
  return {in.value_at(model, levers, 0.05), in.value_at(model, levers, 0.95)};
}

TornadoAnalysis tornado_analysis(const model::CompiledModel& full_model, std::span<const LeverRange> levers,
                                 const SensitivityOptions& options, const model::ProgressFn& progress,
                                 const std::atomic<bool>* stop) {
  const model::CompiledModel model = through_last_deadline(full_model);
  TornadoAnalysis a;
  a.inputs = sensitivity_inputs(model, levers);
  a.inputs.pop_back();  // the intrinsic randomness has no quantiles: every setting runs the same runs
  a.runs = options.samples;
  const std::size_t k = a.inputs.size();
  const std::size_t runs = options.samples;
  // The centre, then each input low and high, then θ drawn from the priors.
  const std::size_t settings = 2 + 2 * k;
  const std::size_t drawn = settings - 1;

  const model::Theta medians = median_theta(model);
  for (const LeverRange& l : levers) a.lever_centre.push_back(tornado_centre(l));
  std::vector<std::pair<double, double>> ends;
  for (const SensitivityInput& in : a.inputs) ends.push_back(tornado_ends(model, levers, in));
  const PointFn point_at = [&](std::size_t e, Point& p) {
    const std::size_t s = e / runs;
    p.run = static_cast<std::uint32_t>(e % runs);
    p.theta = s == drawn ? model::draw_theta(model, options.master_seed, p.run) : medians;
    p.lever_values = a.lever_centre;
    if (s == 0 || s == drawn) return;
    const SensitivityInput& in = a.inputs[(s - 1) / 2];
    const double value = (s - 1) % 2 == 0 ? ends[(s - 1) / 2].first : ends[(s - 1) / 2].second;
    if (in.kind == InputKind::parameter) p.theta[in.parameter] = value;
    if (in.kind == InputKind::lever) p.lever_values[in.lever] = value;
  };
  const Outcomes o = run_points(model, levers, settings * runs, point_at, options, progress, stop);

  // P(met) and median indicator of setting s for target t (t = targets: joint).
  std::vector<double> column(runs);
  const auto summary = [&](std::size_t s, std::size_t t) {
    std::uint64_t met = 0;
    for (std::size_t r = 0; r < runs; ++r) {
      const std::size_t e = s * runs + r;
      met += (t < o.targets ? o.met[e * o.targets + t] : o.joint[e]) != 0.0 ? 1u : 0u;
      if (t < o.targets) column[r] = o.value[e * o.targets + t];
    }
    double median = kNaN;
    if (t < o.targets) {
      std::sort(column.begin(), column.end());
      median = model::quantile_sorted(column, 0.5);
    }
    return std::pair{static_cast<double>(met) / static_cast<double>(runs), median};
  };
  for (std::size_t t = 0; t <= o.targets; ++t) {
    TargetTornado tt;
    tt.target = t < o.targets ? t : model::kNoIndex;
    std::tie(tt.probability, tt.median) = summary(0, t);
    std::tie(tt.probability_drawn, tt.median_drawn) = summary(drawn, t);
    for (std::size_t i = 0; i < k; ++i) {
      TornadoBar bar;
      bar.input = i;
      std::tie(bar.input_low, bar.input_high) = ends[i];
      std::tie(bar.probability_low, bar.median_low) = summary(1 + 2 * i, t);
      std::tie(bar.probability_high, bar.median_high) = summary(2 + 2 * i, t);
      tt.bars.push_back(bar);
    }
    a.targets.push_back(std::move(tt));
  }
  return a;
}

}  // namespace targetcast::analysis
