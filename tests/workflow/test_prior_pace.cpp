// No prior may quietly restate a plan's own target pace (issue 14, item 4): a
// counter whose rate prior is centred on the pace its target needs gives
// P(met) ≈ 50% by construction, an answer that only repeats the assumption.
// A target is judged on a counter whose rate prior is an assumption (basis
// "assumption"); the prior is "centred" when its median lies within kCentred of
// the pace ((threshold − baseline) / years to the deadline, per year at scale 1).
// Two checks over every shipped plan with its shipped priors (seeds/priors.toml
// and the region files):
// - no such prior is centred on its target's pace (the priors are drawn from
//   evidence or a stated non-plan reference instead, docs/priors.md);
// - should one ever be, its target is marked as resting on an assumption,
//   which every output then shows (checked on a deliberately centred copy).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "cli.h"
#include "model/distribution.h"
#include "workflow/experiment_inputs.h"

namespace {

// |median / pace − 1| at most this: "centred on the plan's pace".
constexpr double kCentred = 0.25;

struct CentredPrior {
  std::string plan, target, parameter;
  double median = 0.0, pace = 0.0;
  bool marked = false;
};

constexpr const char* kPlans[] = {"guangdong-ai-2025.toml", "guangzhou-ai-2023.toml", "dongguan-ai.toml",
                                  "guangxi-ai.toml"};

targetcast::model::CompiledModel shipped_model(const std::string& plan_file) {
  targetcast::workflow::InputOptions options;
  options.baseline = (targetcast::test::source_dir() / "seeds" / plan_file).string();
  auto inputs = targetcast::workflow::load_inputs(options);
  return std::move(inputs.models.front());
}

std::vector<CentredPrior> centred_priors(const std::string& plan_file, const targetcast::model::CompiledModel& m) {
  std::vector<CentredPrior> found;
  for (const auto& t : m.targets) {
    const auto& ci = m.indicators[t.indicator];
    if (ci.spec.kind != targetcast::model::IndicatorKind::counter || ci.rate_param == targetcast::model::kNoIndex) {
      continue;
    }
    const double years = t.spec.deadline - m.base_year;
    const double pace = (t.spec.threshold - ci.spec.baseline) / years;
    // A prior drawn from evidence (a past pace stated in a document) may
    // agree with the plan; only assumptions may not stand in for it.
    const auto& prior = m.parameters[ci.rate_param];
    if (prior.provenance.basis != targetcast::model::Basis::assumption) continue;
    const double median = targetcast::model::quantile(prior.distribution, 0.5);
    if (pace > 0.0 && std::abs(median / pace - 1.0) <= kCentred) {
      found.push_back({plan_file, t.spec.id, ci.spec.rate_parameter, median, pace, t.rests_on_assumption});
    }
  }
  return found;
}

}  // namespace

TEST_CASE("no assumption-based rate prior of a shipped plan is centred on its target's own pace", "[workflow][priors]") {
  int counters = 0;  // assumption-based counter targets examined: the check is not vacuous
  for (const char* plan : kPlans) {
    const targetcast::model::CompiledModel m = shipped_model(plan);
    for (const auto& t : m.targets) {
      const auto& ci = m.indicators[t.indicator];
      if (ci.spec.kind == targetcast::model::IndicatorKind::counter &&
          ci.rate_param != targetcast::model::kNoIndex &&
          m.parameters[ci.rate_param].provenance.basis == targetcast::model::Basis::assumption) {
        ++counters;
      }
    }
    for (const CentredPrior& c : centred_priors(plan, m)) {
      FAIL_CHECK(c.plan << ": target " << c.target << ": the assumption prior " << c.parameter << " has median "
                        << c.median << " a year, within " << kCentred * 100 << "% of the plan's own pace " << c.pace
                        << " a year; centre it on evidence or a stated non-plan reference (docs/priors.md)");
    }
  }
  // Guangdong's five counter targets, Guangzhou's two, Guangxi's one.
  CHECK(counters >= 8);
}

TEST_CASE("a rate prior centred on its target's own pace marks the target as resting on assumption",
          "[workflow][priors]") {
  int centred = 0;
  for (const char* plan : kPlans) {
    for (const CentredPrior& c : centred_priors(plan, shipped_model(plan))) {
      ++centred;
      INFO(c.plan << ": target " << c.target << ": prior " << c.parameter << " has median " << c.median
                  << " a year, the plan's own pace is " << c.pace << " a year");
      CHECK(c.marked);
    }
  }
  CHECK(centred == 0);  // the shipped priors (test case above)

  // Not vacuous: a copy of the Guangdong plan whose alliance rate is put back on
  // the plan's pace (10 in 2022-2025 = 2.5/yr, the prior this file once shipped)
  // is found, and its target is marked.
  targetcast::model::CompiledModel m = shipped_model("guangdong-ai-2025.toml");
  const auto rho_a = m.parameters.index_of("rho_a");
  REQUIRE(rho_a);
  targetcast::model::Prior on_pace = m.parameters[*rho_a];
  on_pace.distribution = targetcast::model::Distribution::uniform(1.5, 3.5);
  m.parameters.set(on_pace);
  const auto found = centred_priors("guangdong-ai-2025.toml (rho_a on the plan's pace)", m);
  REQUIRE(found.size() == 1);
  CHECK(found.front().target == "gd-2025-alliances");
  CHECK(found.front().parameter == "rho_a");
  CHECK(found.front().median == Approx(2.5));
  CHECK(found.front().pace == Approx(2.5));
  CHECK(found.front().marked);
}
