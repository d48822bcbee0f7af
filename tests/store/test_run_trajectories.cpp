// Tests of the per-run trajectories (schema 8, docs/schema.md "run_trajectories"):
// every value a run produced reads back as the identical double, through the
// run_indicators view an analyst queries and through the paired-comparison
// reader (store/scenario_comparison.h), and NaN, ±infinity and −0 read back as
// the run_indicators table of schema 7 gave them.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "cli.h"
#include "sqlite_query.h"
#include "model/monte_carlo.h"
#include "store/scenario_comparison.h"
#include "per_run_fixture.h"
#include "store/store.h"

namespace model = targetcast::model;
using targetcast::store::ExperimentInfo;
using targetcast::store::Store;
using targetcast::test::TempDir;

namespace {

using namespace targetcast::test::per_run;

// Plan "p", 2023..2027, indicators "count" and "revenue", one target on
// revenue at 2026, one fixed parameter.
model::CompiledModel make_model(const std::string& scenario_id) {
  return tiny_model(scenario_id, {2023, 2027, {"h0"}, {"count", "revenue"}, "t_revenue", 1, 2026});
}

// `runs` runs whose values are `values` in order (run, year, indicator), repeated.
model::ScenarioResults make_results(const model::CompiledModel& m, std::size_t runs,
                                    const std::vector<double>& values) {
  model::ScenarioResults r = model::shaped_results(m, runs);
  r.theta.assign(runs, 0.05);
  r.values.resize(runs * r.years * r.indicators);
  for (std::size_t i = 0; i < r.values.size(); ++i) r.values[i] = values[i % values.size()];
  r.target_met.assign(runs, 0);
  r.targets.resize(1);
  r.targets[0].runs = runs;
  return r;
}

// Every value of the run_indicators view for `scenario`, in (indicator, run, year) order.
std::vector<double> view_values(const std::string& path, const std::string& scenario) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  const std::string sql = "SELECT value, typeof(value) FROM run_indicators WHERE scenario_id = '" + scenario +
                          "' ORDER BY indicator_id, run, year";
  sqlite3_stmt* s = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
  std::vector<double> out;
  while (sqlite3_step(s) == SQLITE_ROW) {
    const bool null = sqlite3_column_type(s, 0) == SQLITE_NULL;
    if (!null) CHECK(sqlite3_column_type(s, 0) == SQLITE_FLOAT);  // REAL, as the table's column was
    out.push_back(null ? kNaN : sqlite3_column_double(s, 0));
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

}  // namespace

TEST_CASE("store: per-run values read back to the bit through run_indicators and the comparison",
          "[io][store]") {
  TempDir dir;
  const std::string path = (dir / "r.sqlite").string();
  std::vector<double> values = kHardValues;
  const std::vector<double> random = random_doubles(4000);
  values.insert(values.end(), random.begin(), random.end());
  const std::size_t runs = 403;  // 403 × 5 years × 2 indicators > the values: each read at least once

  const auto base = make_model("baseline"), cut = make_model("cut");
  const auto base_results = make_results(base, runs, values);
  std::vector<double> shifted(values.rbegin(), values.rend());
  const auto cut_results = make_results(cut, runs, shifted);
  std::int64_t id = 0;
  {
    Store store = Store::open(path);
    ExperimentInfo info;
    info.command_line = "targetcast simulate";
    info.plan_id = "p";
    info.base_year = 2023;
    info.horizon = 2027;
    info.runs = runs;
    id = store.begin_experiment(info);
    store.write_scenario(id, base, base_results);
    store.write_scenario(id, cut, cut_results);
    store.finish_experiment(id, 1.0);
  }

  for (const auto& [scenario, results] : {std::pair{"baseline", &base_results}, std::pair{"cut", &cut_results}}) {
    INFO(scenario);
    const std::vector<double> read = view_values(path, scenario);
    REQUIRE(read.size() == runs * 5 * 2);
    std::size_t i = 0, mismatches = 0;
    for (std::size_t k = 0; k < 2; ++k) {
      for (std::size_t run = 0; run < runs; ++run) {
        for (std::size_t y = 0; y < 5; ++y, ++i) {
          if (!same_bits(read[i], as_stored(results->value(run, y, k)))) {
            ++mismatches;
            UNSCOPED_INFO("run " << run << " year " << y << " indicator " << k << ": wrote "
                                 << results->value(run, y, k) << ", read " << read[i]);
          }
        }
      }
    }
    CHECK(mismatches == 0);
  }

  // The comparison reader picks the 2026 value (year index 3) of "revenue" (indicator 1).
  const Store store = Store::open(path, Store::Mode::read_only);
  const auto outcomes = targetcast::store::read_outcomes(store, id);
  REQUIRE(outcomes.size() == 2);
  std::size_t mismatches = 0;
  for (std::size_t s = 0; s < 2; ++s) {
    const auto& results = s == 0 ? base_results : cut_results;
    REQUIRE(outcomes[s].targets.at(0).value.size() == runs);
    for (std::size_t run = 0; run < runs; ++run) {
      if (!same_bits(outcomes[s].targets[0].value[run], as_stored(results.value(run, 3, 1)))) ++mismatches;
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("store: NaN, infinities and negative zero in a trajectory read as schema 7 stored them", "[io][store]") {
  TempDir dir;
  const std::string path = (dir / "r.sqlite").string();
  const auto m = make_model("baseline");
  // One run: count = NaN, +inf, −inf, −0, 1500; revenue = 0.1 in every year.
  const auto r = make_results(m, 1, {kNaN, 0.1, kInf, 0.1, -kInf, 0.1, -0.0, 0.1, 1500.0, 0.1});
  {
    Store store = Store::open(path);
    ExperimentInfo info;
    info.command_line = "targetcast simulate";
    info.plan_id = "p";
    info.base_year = 2023;
    info.horizon = 2027;
    info.runs = 1;
    const auto id = store.begin_experiment(info);
    store.write_scenario(id, m, r);
    store.finish_experiment(id, 1.0);
  }
  CHECK(targetcast::test::query_text(path, "SELECT trajectory FROM run_trajectories WHERE indicator_id = 'count'") ==
        "[null,9e999,-9e999,0,1500]");
  CHECK(targetcast::test::query_column(
            path, "SELECT year || ' ' || typeof(value) || ' ' || quote(value) FROM run_indicators "
                  "WHERE indicator_id = 'count' ORDER BY year") ==
        std::vector<std::string>{"2023 null NULL", "2024 real Inf", "2025 real -Inf", "2026 real 0.0",
                                 "2027 real 1500.0"});
  // As the table stored them (SQLite's REAL: NaN as NULL, −0 as 0).
  CHECK(targetcast::test::query_int(path, "SELECT count(*) FROM run_indicators WHERE value IS NULL") == 1);
  CHECK(targetcast::test::query_int(path, "SELECT count(*) FROM run_indicators WHERE value > 1e308") == 1);
}
