#include "report/sensitivity_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "report/text_table.h"

namespace targetcast::report {
namespace {

std::string index_text(double x) {
  return std::isnan(x) ? "–" : fmt::format("{:.3f}", x);
}

std::string interval_text(double low, double high) {
  return std::isnan(low) ? "–" : fmt::format("[{:.3f}, {:.3f}]", low, high);
}

std::string input_label(const model::CompiledModel& model, const analysis::SensitivityInput& in) {
  return rests_on_assumption(model, in) ? in.name + " (assumption)" : in.name;
}

// Input order by decreasing total-order index (NaN last), ties by input order.
std::vector<std::size_t> ranked(const analysis::SobolResult& r) {
  std::vector<std::size_t> order(r.indices.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const auto key = [&](std::size_t i) { return std::isnan(r.indices[i].total) ? -1.0 : r.indices[i].total; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
  return order;
}

void add_ranking(std::string& out, const model::CompiledModel& model, const analysis::SobolAnalysis& a,
                 const analysis::SobolResult& r, std::string_view title, std::size_t top) {
  out += fmt::format("{} (mean {:.4g}, variance {:.4g}):\n", title, r.mean, r.variance);
  if (!(r.variance > 0.0)) {
    out += "  no variance in this output: every run gave the same result, so nothing can be attributed\n\n";
    return;
  }
  TextTable t({"rank", "input", "total ST", "95% interval", "first S", "95% interval"});
  const std::vector<std::size_t> order = ranked(r);
  for (std::size_t k = 0; k < std::min(top, order.size()); ++k) {
    const analysis::SobolIndex& x = r.indices[order[k]];
    t.add({std::to_string(k + 1), input_label(model, a.inputs[order[k]]), index_text(x.total),
           interval_text(x.total_low, x.total_high), index_text(x.first), interval_text(x.first_low, x.first_high)});
  }
  out += t.str() + "\n";
}

// Every value tried, round by round; a round after the first begins with the
// confirmation that fell short.
std::string solve_steps_text(const analysis::LeverSearchOptions& o, const analysis::LeverSearchResult& r) {
  TextTable t({"round", "step", "value", "P(met)", "met / runs", "seed"});
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const analysis::LeverCandidate& c = r.steps[i];
    t.add({std::to_string(c.round), std::to_string(i + 1), fmt::format("{:.4g}", c.value),
           fmt::format("{:.1f}%", 100.0 * c.probability()), fmt::format("{} / {}", c.met, c.runs),
           std::to_string(c.seed)});
  }
  std::string out =
      fmt::format("search ({} runs per value, seed {}, the same runs for every value):\n", o.runs, o.master_seed);
  if (r.rounds > 1) {
    out += fmt::format(
        "a confirmation whose whole 95% interval lay on the other side of {:.0f}% contradicted the search: the next\n"
        "round searched again on that confirmation's {} runs (its first step), then confirmed with a fresh seed.\n",
        100.0 * o.probability, o.confirmation_runs);
  }
  return out + t.str() + "\n";
}

// The lever in money: a funding multiplier m is m × the scenario's provincial
// funding of every year from the lever's first year to the deadline (later
// years cannot move the target).
std::string lever_cost_text(const model::CompiledModel& model, const analysis::LeverSearchOptions& o, double value) {
  if (o.range.lever != analysis::PolicyLever::funding_multiplier) {
    return fmt::format("in parks: {:.0f} new park{} opened in {} (the model puts no price on a park)\n", value,
                       value == 1.0 ? "" : "s", o.range.from_year);
  }
  const int last = analysis::last_deadline(model, o.target);
  const std::vector<double> path = analysis::funding_path_yi(model, o.range.from_year, last);
  if (path.empty()) return {};
  TextTable t({"year", "scenario's funding (亿元)", fmt::format("× {:.4g} (亿元)", value), "difference (亿元)"});
  double total = 0.0;
  for (std::size_t i = 0; i < path.size(); ++i) {
    t.add({std::to_string(o.range.from_year + static_cast<int>(i)), fmt::format("{:.1f}", path[i]),
           fmt::format("{:.1f}", value * path[i]), fmt::format("{:+.1f}", (value - 1.0) * path[i])});
    total += path[i];
  }
  t.add({"total", fmt::format("{:.1f}", total), fmt::format("{:.1f}", value * total),
         fmt::format("{:+.1f}", (value - 1.0) * total)});
  return fmt::format(
      "in money: {} = {:.4g} is {:.4g} × the scenario's provincial funding in {}–{} (the years up to "
      "the deadline):\n{}\n",
      analysis::to_string(o.range.lever), value, value, o.range.from_year, last, t.str());
}

// What the tornado's centre is, and why its P(met) differs from the headline's.
std::string tornado_centre_text(const analysis::TornadoAnalysis& a, const analysis::TargetTornado& tt) {
  std::string levers;
  for (const analysis::SensitivityInput& in : a.inputs) {
    if (in.kind != analysis::InputKind::lever) continue;
    levers += fmt::format(", {} at {:.4g}", in.name, a.lever_centre[in.lever]);
  }
  const bool joint = tt.target == model::kNoIndex;
  std::string out = fmt::format(
      "  centre (one world: every parameter at its prior median{}): P(met) {:.1f}%{}\n"
      "  the same runs with the parameters drawn from their priors, as simulate draws them: P(met) {:.1f}%{}\n",
      levers, 100.0 * tt.probability, joint ? "" : fmt::format(", median {:.4g}", tt.median),
      100.0 * tt.probability_drawn, joint ? "" : fmt::format(", median {:.4g}", tt.median_drawn));
  const double gap = tt.probability_drawn - tt.probability;
  if (std::abs(gap) >= 0.005) {
    out += fmt::format(
        "  they differ because the headline averages over every world the priors allow and a threshold is not\n"
        "  linear: the median world {} the target more often than the average world, so the spread of the\n"
        "  parameters {} the odds ({:+.1f} points). The bars move one input away from the centre.\n",
        gap > 0.0 ? "misses" : "reaches", gap > 0.0 ? "raises" : "lowers", 100.0 * gap);
  }
  return out;
}

}  // namespace

bool rests_on_assumption(const model::CompiledModel& model, const analysis::SensitivityInput& input) {
  return input.kind == analysis::InputKind::parameter &&
         model.parameters[input.parameter].provenance.basis == model::Basis::assumption;
}

std::string target_heading(const model::CompiledModel& model, std::size_t target) {
  if (target == model::kNoIndex) return "every target of the plan met (joint)";
  const model::TargetSpec& t = model.targets[target].spec;
  return fmt::format("{} ({} {} {} by {})", t.id, t.indicator, model::to_string(t.comparison), t.threshold, t.deadline);
}

std::string format_sobol_table(const model::CompiledModel& model, const analysis::SobolAnalysis& a, std::size_t target,
                               std::size_t top) {
  const auto it = std::find_if(a.targets.begin(), a.targets.end(), [&](const auto& t) { return t.target == target; });
  if (it == a.targets.end()) return {};
  std::string out = fmt::format("Sobol indices, {}:\n", target_heading(model, target));
  add_ranking(out, model, a, it->met, "on met/not met (shares of the variance behind P(met))", top);
  if (target != model::kNoIndex) add_ranking(out, model, a, it->value, "on ln(1 + indicator at the deadline)", top);
  return out;
}

std::string format_tornado_table(const model::CompiledModel& model, const analysis::TornadoAnalysis& a,
                                 std::size_t target, std::size_t top) {
  const auto it = std::find_if(a.targets.begin(), a.targets.end(), [&](const auto& t) { return t.target == target; });
  if (it == a.targets.end()) return {};
  const analysis::TargetTornado& tt = *it;
  std::string out = fmt::format("Tornado, {} ({} runs per setting):\n{}", target_heading(model, target), a.runs,
                                tornado_centre_text(a, tt));
  std::vector<std::size_t> order(tt.bars.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const auto swing = [&](std::size_t i) { return std::abs(tt.bars[i].probability_high - tt.bars[i].probability_low); };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return swing(x) > swing(y); });
  TextTable t({"input", "low", "high", "P(met) at low", "P(met) at high", "median at low", "median at high"});
  for (std::size_t k = 0; k < std::min(top, order.size()); ++k) {
    const analysis::TornadoBar& b = tt.bars[order[k]];
    t.add({input_label(model, a.inputs[b.input]), fmt::format("{:.4g}", b.input_low),
           fmt::format("{:.4g}", b.input_high), fmt::format("{:.1f}%", 100.0 * b.probability_low),
           fmt::format("{:.1f}%", 100.0 * b.probability_high), fmt::format("{:.4g}", b.median_low),
           fmt::format("{:.4g}", b.median_high)});
  }
  return out + t.str() + "low, high: a parameter's 5% and 95% prior quantile; a lever's range as asked.\n\n";
}

std::string format_solve(const model::CompiledModel& model, const analysis::LeverSearchOptions& o,
                         const analysis::LeverSearchResult& r) {
  const std::string lever(analysis::to_string(o.range.lever));
  std::string out = fmt::format("{} from {} in [{}, {}] for P(met) >= {:.0f}% on {}\n", lever, o.range.from_year,
                                o.range.low, o.range.high, 100.0 * o.probability, target_heading(model, o.target));
  out += solve_steps_text(o, r);
  const std::string confirmation =
      fmt::format("{:.1f}% (95% interval {:.1f}–{:.1f}%, {} of {} runs, seed {})", 100.0 * r.confirmation.probability(),
                  100.0 * r.confirmation_low, 100.0 * r.confirmation_high, r.confirmation.met, r.confirmation.runs,
                  r.confirmation.seed);
  if (r.reached && r.confirmed) {
    out += fmt::format("smallest value reaching {:.0f}%: {} = {:.4g}\nconfirmation run at {:.4g}: P(met) {}\n",
                       100.0 * o.probability, lever, r.value, r.value, confirmation);
  } else if (r.reached) {
    out += fmt::format(
        "COULD NOT CONFIRM a value reaching {:.0f}%: the search's {} = {:.4g} gives P(met) {} on fresh runs, whose\n"
        "whole interval lies below {:.0f}%: the value needed is above {:.4g}. {} search round{} ran; more --runs,\n"
        "--confirm-runs or --rounds narrow it.\n",
        100.0 * o.probability, lever, r.value, confirmation, 100.0 * o.probability, r.value, r.rounds,
        r.rounds == 1 ? "" : "s");
  } else if (r.confirmed) {
    out += fmt::format(
        "NO value in [{}, {}] reaches {:.0f}%: even at {} = {:.4g} P(met) stays below it.\n"
        "confirmation run at {:.4g}: P(met) {}\n",
        o.range.low, o.range.high, 100.0 * o.probability, lever, r.value, r.value, confirmation);
  } else {
    out += fmt::format(
        "COULD NOT CONFIRM: no value in [{}, {}] reached {:.0f}% on the search runs, but at {} = {:.4g} fresh runs\n"
        "give P(met) {}, wholly above it. {} search round{} ran; more --runs, --confirm-runs or --rounds\n"
        "settle it.\n",
        o.range.low, o.range.high, 100.0 * o.probability, lever, r.value, confirmation, r.rounds,
        r.rounds == 1 ? "" : "s");
  }
  return out + lever_cost_text(model, o, r.value);
}

}  // namespace targetcast::report
