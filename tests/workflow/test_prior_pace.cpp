// No prior may quietly restate a plan's own target pace (issue 14, item 4): a
// counter whose rate prior is centred on the pace its target needs gives
// P(met) ≈ 50% by construction, an answer that only repeats the assumption.
// Over every shipped plan with its shipped priors: each target judged on a
// counter whose rate prior is an assumption (basis "assumption") and whose
// median lies within kCentred of the pace
// ((threshold − baseline) / years to the deadline, per year at scale 1) must
// be marked as resting on an assumption, which every output then shows.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
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

std::vector<CentredPrior> centred_priors(const std::string& plan_file) {
  targetcast::workflow::InputOptions options;
  options.baseline = (targetcast::test::source_dir() / "seeds" / plan_file).string();
  const auto inputs = targetcast::workflow::load_inputs(options);
  const targetcast::model::CompiledModel& m = inputs.models.front();
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

TEST_CASE("a rate prior centred on its target's own pace marks the target as resting on assumption",
          "[workflow][priors]") {
  int centred = 0;
  for (const char* plan : {"guangdong-ai-2025.toml", "guangzhou-ai-2023.toml", "dongguan-ai.toml", "guangxi-ai.toml"}) {
    for (const CentredPrior& c : centred_priors(plan)) {
      ++centred;
      INFO(c.plan << ": target " << c.target << ": prior " << c.parameter << " has median " << c.median
                  << " a year, the plan's own pace is " << c.pace << " a year");
      CHECK(c.marked);
    }
  }
  // The Guangdong plan's counters (think tanks, alliances, ...) are such
  // priors today: the check above is not vacuous.
  CHECK(centred > 0);
}
