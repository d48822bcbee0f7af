// Per-run rows written beside the simulation (issue 17): a per-run scenario is
// simulated in blocks whose rows a writer thread stores while the next block
// runs (store/run_block_writer.h, workflow/simulate.cpp). The database must
// hold exactly what one whole simulation gives — every run's values and the
// summaries of all runs — and a write error must reach the caller.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <memory>
#include <filesystem>
#include <string>
#include <vector>

#include "cli.h"
#include "model/executor.h"
#include "model/monte_carlo.h"
#include "sqlite_query.h"
#include "store/run_block_writer.h"
#include "store/store.h"
#include "workflow/experiment_inputs.h"
#include "workflow/simulate.h"

using namespace targetcast;
using test::TempDir;

namespace {

// The first column of every row as a double (SQLite's text form of a REAL
// keeps 15 digits; this keeps every bit).
std::vector<double> query_doubles(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(handle, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
  std::vector<double> values;
  while (sqlite3_step(statement) == SQLITE_ROW) values.push_back(sqlite3_column_double(statement, 0));
  sqlite3_finalize(statement);
  sqlite3_close(handle);
  return values;
}

}  // namespace

TEST_CASE("rows written beside the simulation are those of one whole simulation", "[workflow][store]") {
  const TempDir dir;
  workflow::ExperimentRequest request;  // the embedded Guangdong plan
  request.db_path = (dir / "results.sqlite").string();
  request.monte_carlo.runs = 600;  // blocks of 256, 256 and 88 runs
  request.monte_carlo.master_seed = 7;
  request.monte_carlo.threads = 2;
  const model::ThreadExecutor executor;
  const workflow::ExperimentOutcome out = workflow::run_experiment(request, executor, {}, nullptr);
  const model::CompiledModel& m = out.models.front();

  model::MonteCarloOptions whole = request.monte_carlo;
  whole.record_runs = true;
  const model::ScenarioResults expected = model::simulate(m, whole);

  const auto db = dir / "results.sqlite";
  const std::string id = std::to_string(out.experiment_id);
  CHECK(test::query_text(db, "SELECT status FROM experiments WHERE id = " + id) == "complete");
  CHECK(test::query_int(db, "SELECT count(*) FROM scenarios WHERE written IS NOT NULL AND experiment_id = " + id) == 1);
  // Every run's core industry, every year, in run order: all 600 runs, each
  // block at its own runs, to the bit.
  std::size_t core = m.indicators.size();
  for (std::size_t k = 0; k < m.indicators.size(); ++k) {
    if (m.indicators[k].spec.id == "core_industry") core = k;
  }
  REQUIRE(core < m.indicators.size());
  const std::vector<double> stored = query_doubles(
      db, "SELECT value FROM run_indicators WHERE indicator_id = 'core_industry' AND experiment_id = " +
              id + " ORDER BY run, year");
  REQUIRE(stored.size() == expected.runs * expected.years);
  for (std::size_t run = 0; run < expected.runs; ++run) {
    for (std::size_t y = 0; y < expected.years; ++y) {
      INFO("run " << run << " year " << y);
      REQUIRE(stored[run * expected.years + y] == expected.value(run, y, core));
    }
  }
  // The summaries are those of all runs at once.
  for (const model::TargetResult& t : expected.targets) {
    const std::string target = m.targets[t.target].spec.id;
    INFO(target);
    CHECK(query_doubles(db, "SELECT probability FROM target_results WHERE experiment_id = " + id +
                                " AND target_id = '" + target + "'") == std::vector<double>{t.probability});
    CHECK(test::query_int(db, "SELECT sum(met) FROM run_targets WHERE experiment_id = " + id + " AND target_id = '" +
                                  target + "'") == static_cast<long long>(t.met));
  }
}

TEST_CASE("a write error of the writer thread reaches the caller, which is not left waiting", "[workflow][store]") {
  const TempDir dir;
  workflow::ExperimentRequest request;
  const model::CompiledModel m = workflow::load_inputs(request.inputs).models.front();
  model::MonteCarloOptions mc;
  mc.runs = 4;
  mc.record_runs = true;
  auto block = std::make_shared<const model::ScenarioResults>(model::simulate(m, mc));
  store::Store store = store::Store::open((dir / "results.sqlite").string());
  // No experiment 42, so the first block's write fails on the writer's thread.
  store::RunBlockWriter writer(store, 42, m, nullptr, 1);
  writer.push(block, 0);
  CHECK_THROWS([&] {
    writer.push(block, 4);
    writer.finish();
  }());
}
