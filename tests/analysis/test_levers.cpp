// Every scenario lever and shock moves the model in the direction
// docs/scenarios.md documents, on a fixed seed (tests/model/test_step.cpp
// covers entry support, funding → projects and the year new parks open).
// With common random numbers many of these hold run by run, not only on average.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "analysis/comparison.h"
#include "model/monte_carlo.h"
#include "model/run_context.h"
#include "model/step.h"
#include "tiny_model.h"

using namespace targetcast;
using namespace targetcast::model;
using namespace targetcast::analysis;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// One run of a tiny model, stepped year by year.
struct Sim {
  CompiledModel model;
  RunContext ctx;
  RunState state;

  explicit Sim(const test::TinyModel& tiny, std::uint32_t run = 0, std::uint64_t seed = 7) : model(tiny.compile()) {
    ctx = make_context(model, seed, run, draw_theta(model, seed, run));
    initialise(ctx, state);
  }
  void steps(int n) {
    for (int i = 0; i < n; ++i) step(ctx, state);
  }
  std::uint32_t in_parks() const {
    return static_cast<std::uint32_t>(
        std::count_if(state.firms.park.begin(), state.firms.park.end(), [](auto p) { return p != 0; }));
  }
};

test::TinyModel with_lever(test::TinyModel tiny, LeverKind kind, int from, int to, double value) {
  tiny.scenario.levers.push_back(Lever{0, kind, from, to, value});
  return tiny;
}

test::TinyModel with_shock(test::TinyModel tiny, ShockRule rule, int from, int to, double value,
                           const std::string& indicator = {}) {
  tiny.scenario.shocks.push_back(Shock{0, rule, indicator, from, to, value});
  return tiny;
}

// 300 firms for 2 parks of 100: the parks are full from the start; 60
// entrants a year who all want a park; no exit; entry independent of parks.
test::TinyModel crowded_parks() {
  auto tiny = test::tiny_model();
  tiny.fix("n0", 300).fix("f_park0", 1.0).fix("lambda0", 60).fix("k_e", kInf).fix("p_park", 1.0);
  return tiny;
}

// Mean over 400 runs of `what` after `prepare` on a fresh run.
template <class Fn>
double mean_over_runs(const test::TinyModel& tiny, Fn&& what) {
  double total = 0.0;
  const int runs = 400;
  for (std::uint32_t run = 0; run < runs; ++run) {
    Sim s(tiny, run);
    total += what(s);
  }
  return total / runs;
}

}  // namespace

TEST_CASE("levers: new parks put more firms in parks", "[model][levers][parks]") {
  const auto base = crowded_parks();
  auto more = base;
  more.scenario.parks.push_back(ParkAddition{0, 2022, 2, 100});
  for (std::uint32_t run = 0; run < 5; ++run) {
    Sim a(base, run), b(more, run);
    a.steps(4);  // to the end of 2024
    b.steps(4);
    CHECK(a.in_parks() == 200);          // no room, ever
    CHECK(b.in_parks() > a.in_parks());  // entrants of 2022-2024 fill the new parks
    CHECK(b.in_parks() <= 400);
    CHECK(b.state.parks.size() == 4);
    CHECK(b.state.alive_firms() == a.state.alive_firms());  // same entrants (CRN, beta_park = 0)
  }
}

TEST_CASE("levers: a park capacity multiplier puts more firms in parks", "[model][levers][parks]") {
  const auto base = crowded_parks();
  const auto roomier = with_lever(base, LeverKind::park_capacity_multiplier, 2021, 2025, 1.5);
  for (std::uint32_t run = 0; run < 5; ++run) {
    Sim a(base, run), b(roomier, run);
    a.steps(3);
    b.steps(3);
    CHECK(a.in_parks() == 200);
    CHECK(b.in_parks() == 300);  // 3 × 60 entrants fill the 100 new places
  }
}

TEST_CASE("levers: free park places raise entry when beta_park > 0", "[model][levers][parks]") {
  auto base = crowded_parks();
  base.fix("beta_park", 0.5).fix("lambda0", 100);
  auto more = base;
  more.scenario.parks.push_back(ParkAddition{0, 2021, 11, 100});
  // Entry in 2022 sees the free capacity left after 2021: (1100 − ~100)/200.
  const auto entrants_2022 = [](Sim& s) {
    s.steps(2);
    return static_cast<double>(s.state.entrants);
  };
  CHECK(mean_over_runs(more, entrants_2022) > 2.0 * mean_over_runs(base, entrants_2022));
}

TEST_CASE("levers: exit relief means fewer exits, firm by firm", "[model][levers][exit]") {
  auto base = test::tiny_model();
  base.fix("n0", 2000).fix("h0", 0.1).fix("zeta", 0.2).fix("c0", 2000);
  const auto relief = with_lever(base, LeverKind::exit_multiplier, 2021, 2025, 0.5);
  for (std::uint32_t run = 0; run < 5; ++run) {
    Sim a(base, run), b(relief, run);
    a.steps(1);
    b.steps(1);
    // First year: about half the exits (Binomial, 5 sd).
    CHECK(b.state.exits < a.state.exits);
    CHECK(std::abs(2.0 * b.state.exits - a.state.exits) < 5.0 * std::sqrt(2.0 * a.state.exits));
    a.steps(4);
    b.steps(4);
    // With the same exit draws a firm that survives the full hazard survives
    // the relieved one: the baseline's survivors are a subset.
    CHECK(std::includes(b.state.firms.id.begin(), b.state.firms.id.end(), a.state.firms.id.begin(),
                        a.state.firms.id.end()));
    CHECK(b.state.alive_firms() > a.state.alive_firms());
  }
}

TEST_CASE("shocks: an exit shock raises exits in the year it names only", "[model][levers][shocks]") {
  auto base = test::tiny_model();
  base.fix("n0", 2000).fix("h0", 0.1).fix("c0", 2000);
  const auto shocked = with_shock(base, ShockRule::exit, 2022, 2022, 1.0);
  for (std::uint32_t run = 0; run < 5; ++run) {
    Sim a(base, run), b(shocked, run);
    a.steps(1);
    b.steps(1);
    CHECK(b.state.exits == a.state.exits);  // 2021: untouched
    a.steps(1);
    b.steps(1);
    CHECK(b.state.exits > a.state.exits + a.state.exits / 2);  // 2022: about twice
  }
}

TEST_CASE("shocks: a growth shock of -10% scales every firm's revenue by 0.9 from that year on",
          "[model][levers][shocks]") {
  const auto base = test::tiny_model();  // no noise: every firm grows by exactly mu_g
  const auto shocked = with_shock(base, ShockRule::growth, 2022, 2022, -0.10);
  Sim a(base), b(shocked);
  a.steps(1);
  b.steps(1);
  CHECK(core_industry(b.state) == Approx(core_industry(a.state)).epsilon(1e-12));
  a.steps(1);
  b.steps(1);
  CHECK(core_industry(b.state) == Approx(0.9 * core_industry(a.state)).epsilon(1e-12));
  a.steps(3);
  b.steps(3);
  CHECK(core_industry(b.state) == Approx(0.9 * core_industry(a.state)).epsilon(1e-12));  // not made up
}

TEST_CASE("shocks: an entry shock of -30% lowers mean entry by 30%", "[model][levers][shocks]") {
  auto base = test::tiny_model();
  base.fix("lambda0", 50).fix("k_e", kInf);
  const auto shocked = with_shock(base, ShockRule::entry, 2021, 2022, -0.30);
  const auto entrants = [](Sim& s) {
    step_entry(s.ctx, s.state, 2021, core_industry(s.state));
    return static_cast<double>(s.state.entrants);
  };
  CHECK(std::abs(mean_over_runs(base, entrants) - 50.0) < 5 * std::sqrt(50.0 / 400));
  CHECK(std::abs(mean_over_runs(shocked, entrants) - 35.0) < 5 * std::sqrt(35.0 / 400));
}

TEST_CASE("shocks and levers on funding: F, the number of projects and their size", "[model][levers][projects]") {
  const auto base = test::tiny_model();  // F = 0.3亿, c_proj = 0.1, lambda_soc = 2: Poisson(3) projects
  const auto projects = [](Sim& s) {
    step_funding(s.ctx, s.state, 2021);
    return static_cast<double>(s.state.projects_started);
  };
  CHECK(std::abs(mean_over_runs(base, projects) - 3.0) < 5 * std::sqrt(3.0 / 400));
  // A funding shock of −50%: F = 0.15, Poisson(1.5).
  const auto cut = with_shock(base, ShockRule::funding, 2021, 2021, -0.5);
  Sim c(cut);
  step_funding(c.ctx, c.state, 2021);
  CHECK(c.state.funding_yi == Approx(0.15));
  CHECK(std::abs(mean_over_runs(cut, projects) - 1.5) < 5 * std::sqrt(1.5 / 400));
  // funding_yi replaces the path in its years only.
  const auto set = with_lever(base, LeverKind::funding_yi, 2022, 2023, 0.6);
  Sim f(set);
  step_funding(f.ctx, f.state, 2021);
  CHECK(f.state.funding_yi == Approx(0.3));
  step_funding(f.ctx, f.state, 2022);
  CHECK(f.state.funding_yi == Approx(0.6));
  // Dearer projects: c_proj = 0.2 halves their number.
  const auto dear = with_lever(base, LeverKind::c_proj, 2021, 2025, 0.2);
  CHECK(std::abs(mean_over_runs(dear, projects) - 1.5) < 5 * std::sqrt(1.5 / 400));
  // More social money: lambda_soc = 3 makes the year's investment F(1 + 3) = 1.2亿.
  const auto social = with_lever(base, LeverKind::lambda_soc, 2021, 2025, 3.0);
  for (std::uint32_t run = 0; run < 10; ++run) {
    Sim s(social, run);
    step_funding(s.ctx, s.state, 2021);
    double invested = 0.0;
    for (const Project& p : s.state.pipeline) invested += p.investment_yi;
    if (!s.state.pipeline.empty()) CHECK(invested == Approx(1.2));
  }
}

TEST_CASE("shocks: a counter shock scales that counter's rate", "[model][levers][shocks]") {
  auto base = test::tiny_model();
  base.fix("rho_events", 20.0);
  const auto shocked = with_shock(base, ShockRule::counter, 2021, 2021, -0.30, "events");
  const auto events = [](Sim& s) {
    const double before = s.state.level[5];
    step_counters(s.ctx, s.state, 2021);
    return s.state.level[5] - before;
  };
  CHECK(std::abs(mean_over_runs(base, events) - 20.0) < 5 * std::sqrt(20.0 / 400));
  CHECK(std::abs(mean_over_runs(shocked, events) - 14.0) < 5 * std::sqrt(14.0 / 400));
}

TEST_CASE("levers: more funding -> more projects -> more application scenarios, over whole runs",
          "[model][levers][projects]") {
  // Application scenarios come only from completed projects here (p_scn = 0.5
  // per project, no yearly rate), so tripling the money from 2021 must raise
  // the counter at the horizon, run by run on average, with a paired interval
  // clear of zero.
  auto base = test::tiny_model();
  base.fix("rho_events", 0.0).fix("p_scn", 0.5);
  base.plan.indicators[5].per_project_parameter = "p_scn";
  TargetSpec target;
  target.id = "events-2025";
  target.indicator = "events";
  target.threshold = 10;
  target.deadline = 2025;
  base.plan.targets = {target};
  const auto rich = with_lever(base, LeverKind::funding_multiplier, 2021, 2025, 3.0);
  MonteCarloOptions opt;
  opt.runs = 300;
  const std::vector<CompiledModel> models = {base.compile(), rich.compile()};
  const std::vector<ScenarioResults> results = {simulate(models[0], opt), simulate(models[1], opt)};
  const TargetComparison c = compare_with_first(models, results).at(0).targets.at(0);
  // Five yearly cohorts of Poisson(3) projects complete by 2025 (w_lag1 = 1:
  // within the step that starts them), each a scenario with probability 0.5:
  // Poisson(7.5) scenarios, Poisson(22.5) with triple funding.
  CHECK(c.reference_indicator_mean == Approx(7.5).margin(5 * std::sqrt(7.5 / 300)));
  CHECK(c.indicator_mean == Approx(22.5).margin(5 * std::sqrt(22.5 / 300)));
  CHECK(c.indicator.low > 0.0);
  CHECK(c.probability > c.reference_probability);
  CHECK(c.paired.low > 0.0);
}
