// Sobol indices, tornado and lever search on the tiny hand-made model, where
// which input can move which target is known by construction.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "analysis/lever_search.h"
#include "analysis/sensitivity.h"
#include "tiny_model.h"

using namespace targetcast;
using namespace targetcast::model;
using namespace targetcast::analysis;

namespace {

Prior uniform_prior(const std::string& name, double lo, double hi) {
  Prior p;
  p.name = name;
  p.distribution = Distribution::uniform(lo, hi);
  p.provenance.basis = Basis::assumption;
  p.provenance.note = "test";
  p.origin = "test";
  return p;
}

TargetSpec target(const std::string& id, const std::string& indicator, double threshold, int deadline) {
  TargetSpec t;
  t.id = id;
  t.indicator = indicator;
  t.threshold = threshold;
  t.deadline = deadline;
  t.name = {id, id};
  return t;
}

// Uncertain: mean growth mu_g (moves core_industry) and m_rel (moves only
// related_industry = m_rel · core_industry). Firm shocks σ_g = 0.3 make the
// model stochastic given θ. ROI 0: funding cannot reach any revenue, so a
// funding lever provably does nothing to core_industry.
CompiledModel uncertain_tiny() {
  auto tiny = test::tiny_model();
  tiny.fix("sigma_g", 0.3).fix("sigma_max", 5.0);
  tiny.priors.set(uniform_prior("mu_g", 0.0, 0.2));
  tiny.priors.set(uniform_prior("m_rel", 2.0, 8.0));
  tiny.plan.targets.push_back(target("core", "core_industry", 67.0, 2023));
  tiny.plan.targets.push_back(target("related", "related_industry", 350.0, 2023));
  tiny.plan.targets.push_back(target("parks", "parks", 5.0, 2023));
  return tiny.compile();
}

const SensitivityInput& input_named(const std::vector<SensitivityInput>& inputs, const std::string& name,
                                    std::size_t& index) {
  const auto it = std::find_if(inputs.begin(), inputs.end(), [&](const auto& in) { return in.name == name; });
  REQUIRE(it != inputs.end());
  index = static_cast<std::size_t>(it - inputs.begin());
  return *it;
}

const LeverRange kFunding{PolicyLever::funding_multiplier, 2022, 0.5, 2.0};

}  // namespace

TEST_CASE("Sensitivity inputs: uncertain parameters, then levers, then the intrinsic randomness", "[sensitivity]") {
  const CompiledModel m = uncertain_tiny();
  const auto inputs = sensitivity_inputs(m, std::span(&kFunding, 1));
  REQUIRE(inputs.size() == 4);
  CHECK(inputs[0].name == "mu_g");
  CHECK(inputs[1].name == "m_rel");
  CHECK(inputs[2].name == "funding_multiplier_from_2022");
  CHECK(inputs[2].kind == InputKind::lever);
  CHECK(inputs[3].kind == InputKind::intrinsic);
}

TEST_CASE("Sobol: an input with no path to a target has index 0 within its interval", "[sensitivity]") {
  const CompiledModel m = uncertain_tiny();
  SensitivityOptions o;
  o.master_seed = 5;
  o.samples = 400;
  o.bootstrap = 200;
  o.threads = 2;
  const SobolAnalysis a = sobol_analysis(m, std::span(&kFunding, 1), o);
  CHECK(a.evaluations == 400 * 6);
  REQUIRE(a.targets.size() == 4);  // three targets and the joint outcome
  std::size_t mu_g = 0, m_rel = 0, funding = 0, luck = 3;
  input_named(a.inputs, "mu_g", mu_g);
  input_named(a.inputs, "m_rel", m_rel);
  input_named(a.inputs, "funding_multiplier_from_2022", funding);

  const SobolResult& core = a.targets[0].value;
  // m_rel and funding never touch core_industry: A and A_B^i give identical
  // runs, so the total index is exactly 0 and the first-order interval covers 0.
  for (std::size_t none : {m_rel, funding}) {
    INFO("input " << a.inputs[none].name);
    CHECK(core.indices[none].total == 0.0);
    CHECK(core.indices[none].first_low <= 0.0);
    CHECK(core.indices[none].first_high >= 0.0);
    CHECK(a.targets[0].met.indices[none].total == 0.0);
  }
  // Mean growth drives the core industry; the firm shocks (intrinsic) add a
  // share of their own.
  CHECK(core.indices[mu_g].total_low > 0.5);
  CHECK(core.indices[luck].total_low > 0.0);
  // related = m_rel · core: m_rel matters there.
  CHECK(a.targets[1].value.indices[m_rel].total_low > 0.1);
  // Park count: no uncertain input moves it, so its indicator never varies.
  CHECK(a.targets[2].value.variance == 0.0);
}

TEST_CASE("Sobol analysis is bit-identical for 1 and 2 threads", "[sensitivity]") {
  const CompiledModel m = uncertain_tiny();
  SensitivityOptions o;
  o.samples = 40;
  o.bootstrap = 20;
  o.threads = 1;
  const SobolAnalysis one = sobol_analysis(m, {}, o);
  o.threads = 2;
  const SobolAnalysis two = sobol_analysis(m, {}, o);
  for (std::size_t i = 0; i < one.inputs.size(); ++i) {
    CHECK(one.targets[0].value.indices[i].total == two.targets[0].value.indices[i].total);
    CHECK(one.targets[0].met.indices[i].first_low == two.targets[0].met.indices[i].first_low);
  }
}

TEST_CASE("Tornado: common random numbers make a no-effect input's bar exactly flat", "[sensitivity]") {
  const CompiledModel m = uncertain_tiny();
  SensitivityOptions o;
  o.samples = 200;
  o.threads = 2;
  const TornadoAnalysis a = tornado_analysis(m, std::span(&kFunding, 1), o);
  REQUIRE(a.inputs.size() == 3);  // no intrinsic input
  const TargetTornado& core = a.targets[0];
  std::size_t mu_g = 0, m_rel = 0;
  input_named(a.inputs, "mu_g", mu_g);
  input_named(a.inputs, "m_rel", m_rel);
  CHECK(core.bars[mu_g].input_low == Approx(0.01));
  CHECK(core.bars[mu_g].input_high == Approx(0.19));
  CHECK(core.bars[mu_g].probability_low < core.probability);
  CHECK(core.bars[mu_g].probability_high > core.probability);
  CHECK(core.bars[mu_g].median_low < core.median);
  CHECK(core.bars[m_rel].probability_low == core.probability);
  CHECK(core.bars[m_rel].probability_high == core.probability);
  CHECK(core.bars[m_rel].median_high == core.median);
}

TEST_CASE(
    "Tornado: a lever at the ends asked for around the scenario as is and the centre beside simulate's "
    "headline",
    "[sensitivity]") {
  const CompiledModel m = uncertain_tiny();
  SensitivityOptions o;
  o.samples = 200;
  o.threads = 2;
  o.master_seed = 7;
  const TornadoAnalysis a = tornado_analysis(m, std::span(&kFunding, 1), o);
  std::size_t funding = 0;
  input_named(a.inputs, kFunding.name(), funding);
  // Asked for as 0.5–2: shown and run at 0.5 and 2, not at the range's 5% and 95% points (0.575, 1.925).
  CHECK(a.targets[0].bars[funding].input_low == 0.5);
  CHECK(a.targets[0].bars[funding].input_high == 2.0);
  REQUIRE(a.lever_centre.size() == 1);
  CHECK(a.lever_centre[0] == 1.0);  // the scenario as it is, not the midpoint 1.25
  const LeverRange above{PolicyLever::funding_multiplier, 2022, 1.5, 3.0};
  CHECK(tornado_centre(above) == 2.25);

  // The drawn setting is simulate's own estimate on the same runs: the headline the centre is compared with.
  model::MonteCarloOptions mc;
  mc.master_seed = 7;
  mc.runs = 200;
  mc.threads = 2;
  const ScenarioResults r = thread_executor().simulate(m, mc, {}, nullptr, {});
  CHECK(a.targets[0].probability_drawn == Approx(static_cast<double>(r.targets[0].met) / 200.0).epsilon(1e-12));
  CHECK(a.targets[0].probability_drawn != a.targets[0].probability);  // mu_g uncertain: one world is not the average
}

TEST_CASE("Lever search finds the smallest number of new parks, or says none suffices", "[sensitivity]") {
  const CompiledModel m = uncertain_tiny();
  LeverSearchOptions o;
  o.range = {PolicyLever::new_parks, 2022, 0, 10};
  o.target = 2;  // parks ≥ 5 in 2023, from 2 baseline parks: exactly 3 new ones are needed
  o.probability = 0.8;
  o.runs = 50;
  o.confirmation_runs = 100;
  o.threads = 2;
  const LeverSearchResult r = search_lever(m, o);
  CHECK(r.reached);
  CHECK(r.value == 3.0);
  CHECK(r.confirmation.met == 100);
  CHECK(r.confirmation_low > 0.95);

  o.range.high = 2;
  const LeverSearchResult none = search_lever(m, o);
  CHECK_FALSE(none.reached);
  CHECK(none.value == 2.0);
  CHECK(none.confirmation.met == 0);
}

namespace {

// The tiny model with a core-industry target that funding can reach (ROI > 0
// turns funding into revenue), and a funding search for P(met) ≥ 50%.
CompiledModel funded_core_model() {
  auto tiny = test::tiny_model();
  tiny.fix("roi", 2.0).fix("sigma_g", 0.05);
  tiny.plan.targets.push_back(target("core", "core_industry", 80.0, 2023));
  return tiny.compile();
}

LeverSearchOptions funding_search() {
  LeverSearchOptions o;
  o.range = {PolicyLever::funding_multiplier, 2021, 0.5, 40.0};
  o.target = 0;
  o.probability = 0.5;
  return o;
}

}  // namespace

TEST_CASE("Lever search on a continuous lever brackets the value to the tolerance", "[sensitivity]") {
  // With ROI > 0 funding reaches revenue: core industry rises with funding.
  const CompiledModel m = funded_core_model();
  LeverSearchOptions o = funding_search();
  o.runs = 100;
  o.confirmation_runs = 200;
  o.tolerance = 0.05;
  o.threads = 2;
  const LeverSearchResult r = search_lever(m, o);
  REQUIRE(r.reached);
  CHECK(r.value > 0.5);
  CHECK(r.value < 40.0);
  // The bracket's lower end failed, the value found passed, and they are within the tolerance.
  double below = 0.5;
  for (const LeverCandidate& c : r.steps) {
    if (c.probability() < 0.5 && c.value < r.value) below = std::max(below, c.value);
  }
  CHECK(r.value - below <= 0.05);
  CHECK(r.confirmation.runs == 200);
  CHECK(r.confirmation_low <= r.confirmation.probability());
}

TEST_CASE("Lever search goes on above a value its own confirmation shows too small", "[sensitivity]") {
  // Twenty runs per candidate: the first value whose estimate clears 50% is
  // picked on lucky runs, and 400 fresh runs put its whole interval below 50%
  // (master seed 3; with RNG layout 3, seed 1's lucky value is no longer one,
  // and 10 of the seeds 1–39 give a lucky one). The search must not announce it.
  const CompiledModel m = funded_core_model();
  LeverSearchOptions o = funding_search();
  o.master_seed = 3;
  o.runs = 20;
  o.confirmation_runs = 400;
  o.confirmation_seed = 1001;
  o.tolerance = 0.05;
  o.threads = 2;
  o.rounds = 1;
  const LeverSearchResult once = search_lever(m, o);
  REQUIRE(once.reached);
  REQUIRE(once.confirmation_high < 0.5);
  CHECK_FALSE(once.confirmed);  // one round only: it says it could not confirm

  o.rounds = 3;
  const LeverSearchResult r = search_lever(m, o);
  REQUIRE(r.reached);
  CHECK(r.confirmed);
  CHECK(r.confirmation_high >= 0.5);
  CHECK(r.rounds == 2);
  CHECK(r.value > once.value);
  // Round 2 runs on the first confirmation's runs and begins with it, the failing lower end.
  const auto second =
      std::find_if(r.steps.begin(), r.steps.end(), [](const LeverCandidate& c) { return c.round == 2; });
  REQUIRE(second != r.steps.end());
  CHECK(second->value == once.value);
  CHECK(second->seed == 1001);
  CHECK(second->met == once.confirmation.met);
  CHECK(r.confirmation.seed == 1002);
  CHECK(r.confirmation.round == 2);
}
