// Tests of the per-run parameter draws and target outcomes packed across runs
// (schema 8, docs/schema.md "run_parameter_values", "run_target_outcomes"):
// every draw reads back as the identical double through the run_parameters
// view, every outcome through the run_targets view and the paired-comparison
// reader (store/scenario_comparison.h), a scenario written in blocks gets one
// row per block, and deleting the experiment deletes them.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "cli.h"
#include "model/monte_carlo.h"
#include "sqlite_query.h"
#include "store/scenario_comparison.h"
#include "per_run_fixture.h"
#include "store/store.h"

namespace model = targetcast::model;
using targetcast::store::ExperimentInfo;
using targetcast::store::Store;
using targetcast::test::query_column;
using targetcast::test::query_int;
using targetcast::test::TempDir;

namespace {

using namespace targetcast::test::per_run;

// The hard values, then random finite doubles, `count` in all.
std::vector<double> hard_draws(std::size_t count) {
  std::vector<double> out = kHardValues;
  const std::vector<double> more = random_doubles(count > out.size() ? count - out.size() : 0);
  out.insert(out.end(), more.begin(), more.end());
  out.resize(count);
  return out;
}

// Whether `read` is what a schema-7 REAL column gave back for `wrote`.
bool same_as_stored(double wrote, double read) { return same_bits(as_stored(wrote), read); }

// Plan "p", 2023..2025, indicator "count", target "t_count" on it at 2025,
// parameters "h0" and "h1".
model::CompiledModel make_model(const std::string& scenario_id) {
  return tiny_model(scenario_id, {2023, 2025, {"h0", "h1"}, {"count"}, "t_count", 0, 2025});
}

// `runs` runs: θ of run r is draws[offset + 2r], draws[offset + 2r + 1]; run r met the target when r % 3 == 1.
model::ScenarioResults make_results(const model::CompiledModel& m, std::size_t runs, const std::vector<double>& draws,
                                    std::size_t offset) {
  model::ScenarioResults r = model::shaped_results(m, runs);
  r.theta.resize(runs * 2);
  for (std::size_t i = 0; i < r.theta.size(); ++i) r.theta[i] = draws[(offset + i) % draws.size()];
  r.values.assign(runs * r.years * r.indicators, 7.0);
  r.target_met.resize(runs);
  for (std::size_t run = 0; run < runs; ++run) r.target_met[run] = (offset / 2 + run) % 3 == 1 ? 1 : 0;
  r.targets.resize(1);
  r.targets[0].runs = runs;
  return r;
}

ExperimentInfo make_info(std::size_t runs) {
  ExperimentInfo info;
  info.command_line = "targetcast simulate";
  info.plan_id = "p";
  info.base_year = 2023;
  info.horizon = 2025;
  info.runs = runs;
  return info;
}

// Every (run, θ) of the run_parameters view for `scenario`, in (name, run) order.
std::vector<std::pair<std::int64_t, double>> view_draws(const std::string& path, const std::string& scenario) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  const std::string sql =
      "SELECT run, value FROM run_parameters WHERE scenario_id = '" + scenario + "' ORDER BY name, run";
  sqlite3_stmt* s = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
  std::vector<std::pair<std::int64_t, double>> out;
  while (sqlite3_step(s) == SQLITE_ROW) {
    const bool null = sqlite3_column_type(s, 1) == SQLITE_NULL;
    if (!null) CHECK(sqlite3_column_type(s, 1) == SQLITE_FLOAT);  // REAL, as the table's column was
    out.emplace_back(sqlite3_column_int64(s, 0), null ? kNaN : sqlite3_column_double(s, 1));
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

}  // namespace

TEST_CASE("store: parameter draws and target outcomes read back to the bit through the views and the comparison",
          "[io][store]") {
  TempDir dir;
  const std::string path = (dir / "r.sqlite").string();
  const std::size_t runs = 1001;
  const std::vector<double> draws = hard_draws(2 * runs);
  const auto base = make_model("baseline"), cut = make_model("cut");
  const auto base_results = make_results(base, runs, draws, 0), cut_results = make_results(cut, runs, draws, 2);
  std::int64_t id = 0;
  {
    Store store = Store::open(path);
    id = store.begin_experiment(make_info(runs));
    store.write_scenario(id, base, base_results);
    store.write_scenario(id, cut, cut_results);
    store.finish_experiment(id, 1.0);
  }
  // A scenario written at once is one block: one row per parameter and target.
  CHECK(query_int(path, "SELECT count(*) FROM run_parameter_values") == 4);
  CHECK(query_int(path, "SELECT count(*) FROM run_target_outcomes") == 2);

  for (const auto& [scenario, results] : {std::pair{"baseline", &base_results}, std::pair{"cut", &cut_results}}) {
    INFO(scenario);
    const auto read = view_draws(path, scenario);
    REQUIRE(read.size() == 2 * runs);
    std::size_t mismatches = 0;
    for (std::size_t p = 0; p < 2; ++p) {
      for (std::size_t run = 0; run < runs; ++run) {
        const auto& [read_run, value] = read[p * runs + run];
        if (read_run != static_cast<std::int64_t>(run) || !same_as_stored(results->parameter(run, p), value)) {
          ++mismatches;
          UNSCOPED_INFO("run " << run << " parameter " << p << ": wrote " << results->parameter(run, p) << ", read "
                               << value << " at run " << read_run);
        }
      }
    }
    CHECK(mismatches == 0);
    const auto met = query_column(path, std::string("SELECT run || ' ' || typeof(met) || ' ' || met FROM run_targets "
                                                    "WHERE scenario_id = '") +
                                            scenario + "' ORDER BY run");
    REQUIRE(met.size() == runs);
    for (std::size_t run = 0; run < runs; ++run) {
      if (met[run] != std::to_string(run) + " integer " + std::to_string(results->target_met[run])) {
        FAIL_CHECK(met[run]);
      }
    }
  }

  const Store store = Store::open(path, Store::Mode::read_only);
  const auto outcomes = targetcast::store::read_outcomes(store, id);
  REQUIRE(outcomes.size() == 2);
  for (std::size_t s = 0; s < 2; ++s) {
    const auto& results = s == 0 ? base_results : cut_results;
    REQUIRE(outcomes[s].targets.at(0).met.size() == runs);
    CHECK(outcomes[s].targets[0].met == results.target_met);
  }
}

TEST_CASE("store: a scenario written in blocks of runs gets one packed row per block, deleted with its experiment",
          "[io][store]") {
  TempDir dir;
  const std::string path = (dir / "r.sqlite").string();
  const auto m = make_model("baseline");
  const std::vector<double> draws = hard_draws(10);
  {
    Store store = Store::open(path);
    const auto id = store.begin_experiment(make_info(5));
    store.begin_scenario_runs(id, m, 5);
    store.write_run_block(id, m, make_results(m, 3, draws, 0), 0);
    store.write_run_block(id, m, make_results(m, 2, draws, 6), 3);
    store.finish_scenario_runs(id, m, make_results(m, 5, draws, 0));
    store.finish_experiment(id, 1.0);
  }
  CHECK(query_column(path,
                     "SELECT name || ' ' || first_run || ' ' || draws FROM run_parameter_values "
                     "ORDER BY name, first_run") ==
        std::vector<std::string>{"h0 0 [0.1,1e-300,1.7976931348623157e+308]", "h0 3 [1500,1e+22]",
                                 "h1 0 [0.3333333333333333,5e-324,0]", "h1 3 [-2.5e-08,123456789012345680]"});
  CHECK(query_column(path, "SELECT first_run || ' ' || met FROM run_target_outcomes ORDER BY first_run") ==
        std::vector<std::string>{"0 [0,1,0]", "3 [0,1]"});
  CHECK(query_column(path,
                     "SELECT run || ' ' || name || ' ' || value FROM run_parameters WHERE name = 'h0' "
                     "ORDER BY run") == std::vector<std::string>{"0 h0 0.1", "1 h0 1.0e-300",
                                                                 "2 h0 1.79769313486232e+308", "3 h0 1500.0",
                                                                 "4 h0 1.0e+22"});
  CHECK(query_column(path, "SELECT run || ' ' || met FROM run_targets ORDER BY run") ==
        std::vector<std::string>{"0 0", "1 1", "2 0", "3 0", "4 1"});

  {
    Store store = Store::open(path);
    store.delete_experiment(1);
  }
  CHECK(query_int(path, "SELECT count(*) FROM run_parameter_values") == 0);
  CHECK(query_int(path, "SELECT count(*) FROM run_target_outcomes") == 0);
  CHECK(query_int(path, "SELECT count(*) FROM run_parameters") == 0);
}
