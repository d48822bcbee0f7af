#include "report/calibration_tables.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

#include "report/text_table.h"

namespace targetcast::report {
namespace {

// Four significant digits, plain notation where it reads well.
std::string number(double v) {
  if (std::isnan(v)) return "–";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  const double a = std::abs(v);
  if (a != 0.0 && (a >= 1e6 || a < 1e-3)) return fmt::format("{:.3e}", v);
  return fmt::format("{:.4g}", v);
}

std::string percent(double p) {
  return std::isnan(p) ? "–" : fmt::format("{:.1f}%", 100.0 * p);
}

std::string interval(double lo, double hi) {
  return "[" + number(lo) + ", " + number(hi) + "]";
}

// The figures calibration r could not reproduce ("–" for the prior forecast);
// counts the calibrations that have some.
std::string not_reproduced(const store::RevisionRow& r, std::size_t& flagged) {
  if (!r.calibration) return "–";
  if (r.not_reproduced.empty()) return "none";
  ++flagged;
  return fmt::format("⚠ {}", fmt::join(r.not_reproduced, "; "));
}

}  // namespace

std::string format_generation(const calibration::Generation& g) {
  return fmt::format("generation {:>2}: tolerance {:>9}  accepted {:>6.2f}%  ESS {:>6.0f}  simulations {:>8}  {:.1f} s",
                     g.index, number(g.epsilon), 100.0 * g.acceptance_rate, g.ess, g.simulations, g.wall_seconds);
}

std::string format_parameter_summary(const std::vector<calibration::ParameterSummary>& summary) {
  TextTable t({"parameter", "role", "prior", "prior median [90%]", "posterior median [90%]", "width ratio"});
  for (const calibration::ParameterSummary& p : summary) {
    t.add({p.name, p.role, p.prior, number(p.prior_p50) + " " + interval(p.prior_p05, p.prior_p95),
           number(p.p50) + " " + interval(p.p05, p.p95), fmt::format("{:.2f}", p.width_ratio)});
  }
  return t.str();
}

// How many stated sds a posterior may miss a figure by before it is flagged.
constexpr double kMissedSds = store::kNotReproducedSds;

std::string format_observation_uses(const calibration::ObservationModel& model,
                                    const std::vector<calibration::ObservationFit>& fit) {
  TextTable t(
      {"indicator", "year", "measure", "value", "± (relative sd)", "use", "posterior error [90%]", "", "source"});
  const auto obs = model.observations();
  std::vector<std::string> missed;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    const calibration::Observation& o = obs[i];
    std::string error = "–";
    std::string flag;
    for (const calibration::ObservationFit& f : fit) {
      if (f.observation != i) continue;
      error = fmt::format("{:+.2f} [{:+.2f}, {:+.2f}]", f.p50, f.p05, f.p95);
      // The posterior's median misses the figure by more than kMissedSds of
      // its stated uncertainty: the model cannot reproduce it (issue 14).
      if (std::abs(f.p50) > kMissedSds) {
        flag = "⚠ not reproduced";
        missed.push_back(fmt::format("{} {} ({:+.1f} sd)", o.indicator, o.year, f.p50));
      }
    }
    t.add({o.indicator, std::to_string(o.year), std::string(calibration::to_string(o.measure)), number(o.value),
           percent(o.relative_sd), std::string(calibration::to_string(model.uses()[i])), error, flag, o.source});
  }
  std::string out = t.str() +
                    "posterior error: (ln predicted − ln observed) / relative_sd over the posterior particles; "
                    "|error| <= 1 is within the stated uncertainty\n";
  if (!missed.empty()) {
    out += fmt::format(
        "⚠ the model cannot reproduce {} of the fitted figures (the posterior median misses each by more than {} "
        "stated sds): {}. Forecasts of these indicators do not pass near what was observed; read their P(met) "
        "with that in mind.\n",
        missed.size(), kMissedSds, fmt::join(missed, "; "));
  }
  return out;
}

std::string format_backtest(const calibration::ObservationModel& model,
                            const std::vector<calibration::ObservationScore>& scores,
                            const calibration::BacktestSummary& s) {
  TextTable t({"held out", "observed", "forecast median [90%]", "in 50%", "in 90%", "CRPS (relative)", "PIT",
               "P(>= floor)", "Brier"});
  const auto yes_no = [](bool b) { return std::string(b ? "yes" : "no"); };
  for (const calibration::ObservationScore& sc : scores) {
    const calibration::Observation& o = model.observations()[sc.observation];
    const bool floor = o.measure == calibration::Measure::floor;
    t.add({fmt::format("{} {} {}", o.indicator, o.year, calibration::to_string(o.measure)), number(o.value),
           number(sc.predictive.p50) + " " + interval(sc.predictive.p05, sc.predictive.p95),
           floor ? "–" : yes_no(sc.in_50), floor ? "–" : yes_no(sc.in_90),
           floor ? "–" : number(sc.crps) + " (" + number(sc.relative_crps) + ")", floor ? "–" : number(sc.pit),
           floor ? percent(sc.p_at_least) : "–", fmt::format("{:.3f}", sc.brier)});
  }
  return t.str() + fmt::format(
                       "coverage over {} scored observations: 50% interval {}, 90% interval {}; mean "
                       "relative CRPS {}; {} floor(s) held, mean P(>= floor) {}; mean Brier {:.3f}\n"
                       "Brier: events 'at least the floor', 'at least 0.8 x the figure' (both held) and 'at least "
                       "1.25 x the figure' (did not); 0 = sure and right, 0.25 = 50% throughout\n",
                       s.scored, percent(s.coverage_50), percent(s.coverage_90), number(s.mean_relative_crps), s.floors,
                       percent(s.mean_p_at_least), s.mean_brier);
}

std::string format_rolling_origin(const std::vector<calibration::CutSummary>& cuts,
                                  const calibration::BacktestSummary& overall,
                                  const std::array<std::size_t, 10>& pit_histogram) {
  TextTable t({"plan", "cut", "calibration", "held out", "in 50%", "in 90%", "mean relative CRPS", "floors held: mean P",
               "mean Brier"});
  const auto row = [&](const std::string& plan, const std::string& cut, const std::string& id,
                       const calibration::BacktestSummary& s) {
    t.add({plan, cut, id, fmt::format("{} + {} floor(s)", s.scored, s.floors), percent(s.coverage_50),
           percent(s.coverage_90), number(s.mean_relative_crps), percent(s.mean_p_at_least),
           fmt::format("{:.3f}", s.mean_brier)});
  };
  for (const calibration::CutSummary& c : cuts) {
    row(c.plan, std::to_string(c.cut_year), std::to_string(c.calibration_id), c.summary);
  }
  row("all", "–", "–", overall);
  std::string histogram;
  for (std::size_t k = 0; k < pit_histogram.size(); ++k) {
    histogram += fmt::format("{}{:.1f}-{:.1f}: {}", k == 0 ? "" : ", ", 0.1 * static_cast<double>(k),
                             0.1 * static_cast<double>(k + 1), pit_histogram[k]);
  }
  return t.str() + "PIT of the scored figures (uniform when the forecasts are calibrated): " + histogram + "\n";
}

std::string format_revisions(const std::string& target_id, const std::vector<store::RevisionRow>& rows) {
  TextTable t({"forecast", "refines", "created", "observations", "experiment", "P(met) [95%]", "change",
               "figures not reproduced"});
  std::size_t flagged = 0;
  double previous = std::nan("");
  for (const store::RevisionRow& r : rows) {
    const std::string name = r.calibration ? "calibration " + std::to_string(*r.calibration) : "prior";
    const std::string refines = r.parent ? std::to_string(*r.parent) : "–";
    if (!r.experiment) {
      t.add({name, refines, r.created, r.calibration ? std::to_string(r.observations) : "–", "–",
             r.calibration ? "not simulated: targetcast simulate --posterior " + std::to_string(*r.calibration)
                           : "not simulated: targetcast simulate",
             "–", not_reproduced(r, flagged)});
      continue;
    }
    const std::string change =
        std::isnan(previous) ? "–" : fmt::format("{:+.1f} points", 100.0 * (r.probability - previous));
    previous = r.probability;
    t.add({name, refines, r.created, r.calibration ? std::to_string(r.observations) : "–",
           std::to_string(*r.experiment),
           percent(r.probability) + " [" + percent(r.ci_low) + ", " + percent(r.ci_high) + "]", change,
           not_reproduced(r, flagged)});
  }
  std::string out = fmt::format("forecast history of target {}:\n", target_id) + t.str();
  if (flagged > 0) {
    out += fmt::format(
        "⚠ a calibration marked above could not reproduce the figures named (its posterior misses each by more than "
        "{} stated sds): the forecast it gives does not pass near them.\n",
        store::kNotReproducedSds);
  }
  return out;
}

}  // namespace targetcast::report
