// Unit tests of each rule of docs/model.md §4–§5 on the tiny hand-made model.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <numeric>

#include "model/firm_rules.h"
#include "model/parks.h"
#include "model/run_context.h"
#include "model/samplers.h"
#include "model/step.h"
#include "tiny_model.h"

using namespace targetcast;
using namespace targetcast::model;

namespace {

struct Run {
  CompiledModel model;
  RunContext ctx;
  RunState state;

  explicit Run(const test::TinyModel& tiny, std::uint32_t run = 0, std::uint64_t seed = 7) : model(tiny.compile()) {
    ctx = make_context(model, seed, run, draw_theta(model, seed, run));
    initialise(ctx, state);
  }
};

double sum_revenue(const RunState& s) {
  return core_industry(s);
}

std::uint32_t firms_in_parks(const RunState& s) {
  std::uint32_t n = 0;
  for (auto p : s.firms.park) n += p != 0 ? 1u : 0u;
  return n;
}

std::uint32_t occupants(const RunState& s) {
  std::uint32_t n = 0;
  for (const Park& p : s.parks) n += p.occupants;
  return n;
}

}  // namespace

TEST_CASE("initial state: N0 firms whose revenues sum exactly to C0", "[model][initial]") {
  auto tiny = test::tiny_model();
  tiny.fix("n0", 1500).fix("c0", 700).fix("sigma0", 2.0);
  for (std::uint32_t run = 0; run < 5; ++run) {
    Run r(tiny, run);
    REQUIRE(r.state.alive_firms() == 1500);
    CHECK(sum_revenue(r.state) == Approx(700.0).epsilon(1e-12));
    CHECK(r.state.firms.id.front() == 0);
    CHECK(r.state.firms.id.back() == 1499);
    CHECK(r.state.next_firm_id == 1500);
    // About f_park0 = 0.5 of the firms sit in the two parks of capacity 100
    // each, so the parks are full and the occupancy is consistent.
    CHECK(firms_in_parks(r.state) == occupants(r.state));
    for (const Park& p : r.state.parks) CHECK(p.occupants <= 100);
    CHECK(firms_in_parks(r.state) == 200);
  }
}

TEST_CASE("initial state: a floor figure draws N0 uniformly on [floor, 1.1 floor]", "[model][initial]") {
  auto tiny = test::tiny_model();
  tiny.plan.firms.value = 1500;
  tiny.plan.firms.bound = Bound::floor;
  const CompiledModel m = tiny.compile();
  double lo = 1e9, hi = 0, sum = 0;
  const int n = 2000;
  for (std::uint32_t run = 0; run < n; ++run) {
    const double v = draw_theta(m, 3, run)[Param::n0];
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    sum += v;
  }
  CHECK(lo >= 1500.0);
  CHECK(hi <= 1650.0);
  // Mean 1575, sd 150/sqrt(12) ≈ 43.3: 5 standard errors of the mean.
  CHECK(std::abs(sum / n - 1575.0) < 5 * 43.3 / std::sqrt(n));
}

TEST_CASE("firm growth: ln r += mu_g + c + park bonus + s_i eps_i with s_i = sigma_g (r/r_ref)^-kappa, capped",
          "[model][growth]") {
  auto tiny = test::tiny_model();
  tiny.fix("sigma_g", 0.3).fix("kappa", 0.2).fix("gamma_park", 0.05).fix("nu_t", 5.0);
  Run r(tiny);
  const std::vector<double> before = r.state.firms.log_revenue;
  r.state.common_growth_shock = 0.02;
  step_firm_growth(r.ctx, r.state, 2021);
  for (std::size_t i = 0; i < before.size(); ++i) {
    CounterStream s(7, 0, Stream::firm_growth, 2021, r.state.firms.key[i]);
    (void)s.uniform();  // the firm's exit uniform comes first (RNG layout 3)
    const double scale = std::min(1.0, 0.3 * std::exp(-0.2 * before[i]));
    const double park = r.state.firms.park[i] != 0 ? 0.05 : 0.0;
    const double shock = std::clamp(scale * student_t_unit_variance(s, 5.0), -3.0, 3.0);  // shock_max
    const double expected = before[i] + 0.1 + 0.02 + park + shock;
    // The size factor is single precision (model/firm_rules.h): 1e-6 of a log unit.
    CHECK(r.state.firms.log_revenue[i] == Approx(expected).epsilon(0.0).margin(1e-6));
  }
}

TEST_CASE("firm growth: without noise every firm grows by exactly mu_g", "[model][growth]") {
  Run r(test::tiny_model());
  const std::vector<double> before = r.state.firms.log_revenue;
  step_firm_growth(r.ctx, r.state, 2021);
  for (std::size_t i = 0; i < before.size(); ++i) CHECK(r.state.firms.log_revenue[i] == Approx(before[i] + 0.1));
}

TEST_CASE("exit: the hazard is capped at h_max and park places are freed", "[model][exit]") {
  auto tiny = test::tiny_model();
  tiny.fix("n0", 4000).fix("h0", 50.0).fix("h_max", 0.3);  // every firm at the cap
  Run r(tiny);
  step_exit(r.ctx, r.state, 2021);
  const double exited = 4000.0 - r.state.alive_firms();
  CHECK(r.state.exits == 4000 - r.state.alive_firms());
  // Binomial(4000, 0.3): sd ≈ 29; 5 sd.
  CHECK(std::abs(exited - 1200.0) < 5 * std::sqrt(4000 * 0.3 * 0.7));
  CHECK(firms_in_parks(r.state) == occupants(r.state));
  CHECK(std::is_sorted(r.state.firms.id.begin(), r.state.firms.id.end()));
}

TEST_CASE("exit: smaller firms exit more often when zeta > 0", "[model][exit]") {
  auto tiny = test::tiny_model();
  tiny.fix("n0", 4000).fix("h0", 0.05).fix("zeta", 0.5).fix("sigma0", 2.0).fix("c0", 4000);
  Run r(tiny);
  std::vector<double> small, large;
  const std::vector<double> lr = r.state.firms.log_revenue;
  const std::vector<std::uint32_t> ids = r.state.firms.id;
  step_exit(r.ctx, r.state, 2021);
  std::size_t j = 0, small_n = 0, small_exit = 0, large_n = 0, large_exit = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const bool alive = j < r.state.firms.size() && r.state.firms.id[j] == ids[i];
    if (alive) ++j;
    if (lr[i] < 0.0) {
      ++small_n;
      small_exit += alive ? 0 : 1;
    } else {
      ++large_n;
      large_exit += alive ? 0 : 1;
    }
  }
  REQUIRE(small_n > 500);
  REQUIRE(large_n > 500);
  CHECK(static_cast<double>(small_exit) / static_cast<double>(small_n) >
        static_cast<double>(large_exit) / static_cast<double>(large_n));
}

TEST_CASE("entry: entrants get fresh ids, revenue from LogNormal(mu_e, sigma_e), parks only with room",
          "[model][entry]") {
  auto tiny = test::tiny_model();
  tiny.fix("lambda0", 400).fix("k_e", std::numeric_limits<double>::infinity()).fix("p_park", 1.0);
  Run r(tiny);
  const std::uint32_t before = r.state.alive_firms();
  const std::uint32_t in_parks_before = firms_in_parks(r.state);
  step_entry(r.ctx, r.state, 2021, core_industry(r.state));
  const std::uint32_t entrants = r.state.alive_firms() - before;
  CHECK(entrants == r.state.entrants);
  CHECK(std::abs(static_cast<double>(entrants) - 400.0) < 5 * 20.0);  // Poisson(400): sd 20
  for (std::uint32_t k = 0; k < entrants; ++k) {
    CHECK(r.state.firms.id[before + k] == 100 + k);
    CHECK(r.state.firms.key[before + k] == entrant_key(1, k));
    CounterStream s(7, 0, Stream::entrant, 2021, entrant_key(1, k));
    CHECK(r.state.firms.log_revenue[before + k] == -3.0 + 1.0 * standard_normal_32(s));
  }
  // Two parks of capacity 100 hold at most 200 firms.
  CHECK(occupants(r.state) == firms_in_parks(r.state));
  CHECK(occupants(r.state) == 200);
  CHECK(in_parks_before <= 200);
}

TEST_CASE("entry: the rate scales with (C_t/C0)^eps_C, M_entry and free park capacity", "[model][entry]") {
  auto mean_entrants = [](test::TinyModel tiny, double core_ratio) {
    tiny.fix("lambda0", 50).fix("k_e", std::numeric_limits<double>::infinity());
    double total = 0;
    const int runs = 400;
    for (std::uint32_t run = 0; run < runs; ++run) {
      Run r(tiny, run);
      step_entry(r.ctx, r.state, 2021, core_ratio * 50.0);
      total += r.state.entrants;
    }
    return total / runs;
  };
  auto tiny = test::tiny_model();
  const double base = mean_entrants(tiny, 1.0);
  CHECK(std::abs(base - 50.0) < 5 * std::sqrt(50.0 / 400));
  auto elastic = tiny;
  elastic.fix("eps_c", 1.0);
  CHECK(std::abs(mean_entrants(elastic, 2.0) - 100.0) < 5 * std::sqrt(100.0 / 400));
  auto supported = tiny;
  supported.scenario.levers.push_back(Lever{0, LeverKind::entry_multiplier, 2021, 2025, 1.5});
  CHECK(std::abs(mean_entrants(supported, 1.0) - 75.0) < 5 * std::sqrt(75.0 / 400));
  // Free capacity: with f_park0 = 0 both parks (200 places) are empty, free_t = 1.
  auto parks = tiny;
  parks.fix("beta_park", 0.5).fix("f_park0", 0.0);
  CHECK(std::abs(mean_entrants(parks, 1.0) - 75.0) < 5 * std::sqrt(75.0 / 400));
}

TEST_CASE("projects: Poisson(F/c_proj) projects, completion adds ROI x investment to the recipient",
          "[model][projects]") {
  auto tiny = test::tiny_model();
  tiny.fix("roi", 1.0);
  int with_projects = 0;
  for (std::uint32_t run = 0; run < 20; ++run) {
    Run r(tiny, run);
    step_funding(r.ctx, r.state, 2021);
    CHECK(r.state.funding_yi == Approx(0.3));
    CHECK(r.state.pipeline.size() == r.state.projects_started);
    for (const Project& p : r.state.pipeline) {
      CHECK(p.completion_year == 2021);  // w_lag = (1, 0, 0): one-year lag
      CHECK(p.investment_yi * static_cast<double>(r.state.projects_started) == Approx(0.3 * 3.0));
    }
    const double before = sum_revenue(r.state);
    step_completed_projects(r.ctx, r.state, 2021);
    CHECK(r.state.pipeline.empty());
    if (r.state.projects_completed > 0) {
      ++with_projects;
      // The whole co-investment F(1+λ) = 0.9亿 lands as revenue.
      CHECK(sum_revenue(r.state) - before == Approx(0.9).epsilon(1e-9));
    }
  }
  CHECK(with_projects > 10);  // P(n = 0) = e^-3 ≈ 5%
}

TEST_CASE("projects: lags follow w_lag and completed projects feed per-project counters", "[model][projects]") {
  auto tiny = test::tiny_model();
  tiny.fix("w_lag1", 0).fix("w_lag2", 0).fix("w_lag3", 1).fix("p_scn", 1.0);
  tiny.plan.indicators[5].per_project_parameter = "p_scn";  // events += 1 per completed project
  Run r(tiny);
  step_funding(r.ctx, r.state, 2021);
  const auto started = r.state.projects_started;
  for (const Project& p : r.state.pipeline) CHECK(p.completion_year == 2023);
  step_completed_projects(r.ctx, r.state, 2021);
  CHECK(r.state.pipeline.size() == started);
  step_completed_projects(r.ctx, r.state, 2023);
  CHECK(r.state.pipeline.empty());
  CHECK(r.state.level[5] == static_cast<double>(started));
}

TEST_CASE("projects: more funding gives more projects", "[model][projects]") {
  auto count = [](const test::TinyModel& tiny) {
    std::uint64_t n = 0;
    for (std::uint32_t run = 0; run < 200; ++run) {
      Run r(tiny, run);
      step_funding(r.ctx, r.state, 2021);
      n += r.state.projects_started;
    }
    return n;
  };
  auto tiny = test::tiny_model();
  auto rich = tiny;
  rich.scenario.levers.push_back(Lever{0, LeverKind::funding_multiplier, 2021, 2025, 2.0});
  const auto base = count(tiny), doubled = count(rich);
  CHECK(std::abs(static_cast<double>(base) - 600.0) < 5 * std::sqrt(600.0));
  CHECK(std::abs(static_cast<double>(doubled) - 1200.0) < 5 * std::sqrt(1200.0));
}

TEST_CASE("parks: a scenario adds parks in the year it names", "[model][parks]") {
  auto tiny = test::tiny_model();
  tiny.scenario.parks.push_back(ParkAddition{0, 2022, 3, 50});
  Run r(tiny);
  step_parks(r.ctx, r.state, 2021);
  CHECK(r.state.parks.size() == 2);
  step_parks(r.ctx, r.state, 2022);
  REQUIRE(r.state.parks.size() == 5);
  CHECK(r.state.parks[4].capacity == 50);
  CHECK(r.state.baseline_park_capacity == 200);
}

TEST_CASE("counters: funding scale raises the rate by (F/F_ref)^eps", "[model][counters]") {
  auto tiny = test::tiny_model();
  tiny.plan.indicators[5].scale = CounterScale::funding;
  tiny.plan.indicators[5].elasticity_parameter = "eps_k";
  tiny.fix("eps_k", 1.0).fix("rho_events", 20.0);
  auto rich = tiny;
  rich.scenario.levers.push_back(Lever{0, LeverKind::funding_multiplier, 2021, 2025, 2.0});
  auto mean = [](const test::TinyModel& t) {
    double total = 0;
    for (std::uint32_t run = 0; run < 300; ++run) {
      Run r(t, run);
      step_funding(r.ctx, r.state, 2021);
      step_counters(r.ctx, r.state, 2021);
      total += r.state.level[5];
    }
    return total / 300;
  };
  CHECK(std::abs(mean(tiny) - 20.0) < 5 * std::sqrt(20.0 / 300));
  CHECK(std::abs(mean(rich) - 40.0) < 5 * std::sqrt(40.0 / 300));
}

TEST_CASE("investment completion approaches its planned total and never passes it", "[model][counters]") {
  Run r(test::tiny_model());
  double previous = r.state.level[7];
  CHECK(previous == 10.0);
  for (int year = 2021; year <= 2040; ++year) {
    step_counters(r.ctx, r.state, std::min(year, 2025));
    CHECK(r.state.level[7] >= previous);
    CHECK(r.state.level[7] <= 100.0);
    previous = r.state.level[7];
  }
  CHECK(previous > 95.0);
}

TEST_CASE("robot output: g <- gbar + phi (g - gbar) + eta_Q, Q <- Q exp(g)", "[model][robots]") {
  Run r(test::tiny_model());
  CHECK(r.state.level[6] == 1000.0);
  step_growth_series(r.ctx, r.state, 2021);
  const double g1 = 0.1 + 0.5 * (std::log(1.2) - 0.1);
  CHECK(r.state.growth[6] == Approx(g1).epsilon(1e-14));
  CHECK(r.state.level[6] == Approx(1000.0 * std::exp(g1)).epsilon(1e-14));
}

TEST_CASE("common shocks: c <- phi_c c + eta_g with eta = L z", "[model][shocks]") {
  auto tiny = test::tiny_model();
  tiny.fix("sigma_cg", 0.05).fix("sigma_ce", 0.2).fix("rho_ge", 0.5);
  Run r(tiny);
  r.state.common_growth_shock = 0.1;
  step_common_shocks(r.ctx, r.state, 2021);
  CounterStream s(7, 0, Stream::common_shock, 2021, 0);
  const double z0 = standard_normal(s), z1 = standard_normal(s);
  CHECK(r.state.common_growth_shock == Approx(0.5 * 0.1 + 0.05 * z0).epsilon(1e-14));
  CHECK(r.state.entry_shock == Approx(0.2 * (0.5 * z0 + std::sqrt(0.75) * z1)).epsilon(1e-12));
  CHECK(r.state.robot_shock == 0.0);
}

TEST_CASE("shock correlations that are not positive definite are shrunk until they are", "[model][shocks]") {
  auto tiny = test::tiny_model();
  tiny.fix("sigma_cg", 0.05).fix("sigma_ce", 0.2).fix("sigma_cq", 0.1);
  tiny.fix("rho_ge", 0.9).fix("rho_gq", 0.9).fix("rho_eq", -0.9);
  Run r(tiny);
  CHECK(r.ctx.shock_correlation_shrink < 1.0);
  CHECK(std::isfinite(r.ctx.shock_cholesky.sum()));
}

// The extracted rules on their own, on hand-made parks and firms.

TEST_CASE("revenue guard: log revenue clamped to its bounds, NaN to the floor", "[model][guards]") {
  CHECK(clamp_log_revenue(0.5) == 0.5);
  CHECK(clamp_log_revenue(-1e3) == kMinLogRevenue);
  CHECK(clamp_log_revenue(1e3) == kMaxLogRevenue);
  CHECK(clamp_log_revenue(std::numeric_limits<double>::infinity()) == kMaxLogRevenue);
  CHECK(clamp_log_revenue(std::numeric_limits<double>::quiet_NaN()) == kMinLogRevenue);
  // A completed project adds revenue, not log revenue: e^0 + (e − 1) = e.
  CHECK(log_revenue_plus(0.0, std::exp(1.0) - 1.0) == Approx(1.0).epsilon(1e-15));
  CHECK(log_revenue_plus(kMaxLogRevenue, 1e300) == kMaxLogRevenue);
}

TEST_CASE("firm rules: growth shock capped by sigma_max and shock_max, hazard by h_max", "[model][growth][exit]") {
  const GrowthRule rule{0.1, 0.05, 0.2, 0.3, 1.0, 3.0, 0.0};
  // A firm at r_ref: s = σ_g, so ε = 1 moves it by drift + σ_g (+ γ_park in a park).
  CHECK(grown_log_revenue(rule, 0.0, 1.0, false) == Approx(0.1 + 0.2));
  CHECK(grown_log_revenue(rule, 0.0, 1.0, true) == Approx(0.1 + 0.05 + 0.2));
  // A tiny firm's scale is capped at sigma_max = 1, and any shock at ±shock_max = 3.
  CHECK(grown_log_revenue(rule, -30.0, 2.0, false) == Approx(-30.0 + 0.1 + 2.0));
  CHECK(grown_log_revenue(rule, -30.0, 50.0, false) == Approx(-30.0 + 0.1 + 3.0));
  CHECK(grown_log_revenue(rule, -30.0, -50.0, false) == Approx(-30.0 + 0.1 - 3.0));
  CHECK(grown_log_revenue(rule, kMaxLogRevenue, 50.0, false) == kMaxLogRevenue);

  const ExitRule exit{0.05, 0.5, 0.4, 0.0};
  CHECK(exit_hazard(exit, 0.0) == Approx(0.05));
  CHECK(exit_hazard(exit, std::log(4.0)) == Approx(0.025));  // (r/r_ref)^−ζ = 4^−0.5
  CHECK(exit_hazard(exit, -30.0) == 0.4);                    // capped at h_max
}

TEST_CASE("parks: capacity after the multiplier, room, leaving", "[model][parks]") {
  const Park park{10.0, 9};
  CHECK(park_capacity(park, 1.5) == 15.0);
  CHECK(has_room(park, 10.0));
  CHECK_FALSE(has_room(Park{10.0, 10}, 10.0));
  CHECK(has_room(Park{10.0, 10}, park_capacity(Park{10.0, 10}, 1.5)));
  CHECK(with_capacity_lever(with_capacity_lever(1.0, 1.5), 2.0) == 3.0);  // levers compound

  std::vector<Park> parks{{10.0, 3}, {5.0, 1}};
  leave_park(parks, 0);  // not in a park: nothing changes
  leave_park(parks, 2);
  CHECK(parks[0].occupants == 3);
  CHECK(parks[1].occupants == 0);
}

TEST_CASE("parks: base firms drawn uniformly among the equal base parks, a full park turns them away",
          "[model][parks][initial]") {
  RunState state;
  open_base_parks(state, 2, 2.0);
  CHECK(state.parks.size() == 2);
  CHECK(state.baseline_park_capacity == 4.0);
  // u_pick · 2 < 1 picks park 1, else park 2.
  CHECK(place_base_firm(state.parks, 0.1) == 1);
  CHECK(place_base_firm(state.parks, 0.4) == 1);
  CHECK(place_base_firm(state.parks, 0.2) == 0);  // park 1 is full: stays outside
  CHECK(place_base_firm(state.parks, 0.9) == 2);
  CHECK(place_base_firm(state.parks, CounterStream::kUniformMax) == 2);
  CHECK(state.parks[0].occupants == 2);
  CHECK(state.parks[1].occupants == 2);
  std::vector<Park> none;
  CHECK(place_base_firm(none, 0.5) == 0);
}

TEST_CASE("parks: entrants pick uniformly among parks with room, and the free share of capacity", "[model][parks][entry]") {
  std::vector<Park> parks{{2.0, 2}, {2.0, 0}, {2.0, 1}};
  // Full, 2 free, 1 free: free share (0 + 2 + 1) / 6.
  CHECK(free_park_share(parks, 6.0, 1.0) == Approx(0.5));
  CHECK(free_park_share(parks, 0.0, 1.0) == 0.0);
  // Doubled capacity: (2 + 4 + 3) / 6.
  CHECK(free_park_share(parks, 6.0, 2.0) == Approx(1.5));
  // Two parks with room (2 and 3): u < 0.5 picks park 2, else park 3.
  CHECK(place_entrant(parks, 1.0, 0.7) == 3);
  CHECK(parks[2].occupants == 2);
  // Now only park 2 has room, whatever the uniform.
  CHECK(place_entrant(parks, 1.0, 0.99) == 2);
  CHECK(place_entrant(parks, 1.0, 0.0) == 2);
  CHECK(place_entrant(parks, 1.0, 0.5) == 0);  // every park is full
  // A capacity lever makes room again.
  CHECK(place_entrant(parks, 1.5, 0.0) == 1);
}

TEST_CASE("parks: a year's entrants get the parks that one scan per entrant gives them", "[model][parks][entry]") {
  // ParkVacancies lists the parks with room once and drops a park when it
  // fills; the reference here scans every park for every entrant, as §5.6
  // reads. 300 entrants into 7 small parks (some full from the start) under
  // a capacity lever: the parks fill one after another and the last entrants
  // find none.
  std::vector<Park> parks{{3.0, 0}, {2.0, 2}, {5.0, 1}, {1.0, 0}, {4.0, 4}, {6.0, 0}, {2.0, 1}};
  std::vector<Park> reference = parks;
  const double multiplier = 1.5;
  ParkVacancies vacancies(parks, multiplier);
  for (int k = 0; k < 300; ++k) {
    const double u = std::fmod(0.6180339887498949 * (k + 1), 1.0);
    std::vector<std::size_t> with_room;
    for (std::size_t p = 0; p < reference.size(); ++p) {
      if (reference[p].occupants + 1.0 <= reference[p].capacity * multiplier) with_room.push_back(p);
    }
    std::uint16_t expected = 0;
    if (!with_room.empty()) {
      const std::size_t p = with_room[static_cast<std::size_t>(u * static_cast<double>(with_room.size()))];
      ++reference[p].occupants;
      expected = static_cast<std::uint16_t>(p + 1);
    }
    INFO("entrant " << k);
    REQUIRE(vacancies.place(u) == expected);
  }
  for (std::size_t p = 0; p < parks.size(); ++p) CHECK(parks[p].occupants == reference[p].occupants);
  CHECK(vacancies.place(0.5) == 0);  // every park is full
}

TEST_CASE("parks: new parks take the scenario's capacity or the prior's", "[model][parks]") {
  std::vector<Park> parks;
  std::vector<ParkAddition> add(2);
  add[0].count = 2;
  add[1].count = 1;
  add[1].capacity = 30.0;
  open_new_parks(parks, add, 100.0);
  REQUIRE(parks.size() == 3);
  CHECK(parks[0].capacity == 100.0);
  CHECK(parks[1].capacity == 100.0);
  CHECK(parks[2].capacity == 30.0);
  CHECK(parks[2].occupants == 0);
}
