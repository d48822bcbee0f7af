// End-to-end: `targetcast experiments` lists, `experiments delete ID` removes one
// experiment with every row of it (comparisons and per-run rows included) and
// leaves the others as they were.
#include <catch2/catch.hpp>

#include <string>

#include "cli.h"
#include "sqlite_query.h"

using targetcast::test::execute_sql;
using targetcast::test::query_int;
using targetcast::test::rows_of_experiment;
using targetcast::test::run_cli;
using targetcast::test::TempDir;

namespace {

std::string scenario(const std::string& name) {
  return "'" + (targetcast::test::source_dir() / "scenarios" / (name + ".toml")).string() + "'";
}

// Two experiments of two scenarios each (so both have comparisons), seeds 1 and 2.
void two_experiments(const TempDir& dir) {
  for (const char* seed : {"1", "2"}) {
    const auto r = run_cli("simulate --runs 30 --threads 1 --rng-seed " + std::string(seed) + " --scenario " +
                               scenario("baseline") + " --scenario " + scenario("funding-cut-30"),
                           dir.path());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
}

}  // namespace

TEST_CASE("experiments delete removes every row of one experiment and nothing else", "[app][experiments]") {
  TempDir dir;
  two_experiments(dir);
  const auto db = dir / "results.sqlite";
  REQUIRE(query_int(db, "SELECT count(*) FROM comparisons WHERE experiment_id = 1") > 0);
  const long long rows_1 = rows_of_experiment(db, 1);
  const long long rows_2 = rows_of_experiment(db, 2);
  REQUIRE(rows_1 > 30 * 2);

  const auto r = run_cli("experiments delete 1", dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("experiment 1 deleted") != std::string::npos);
  CHECK(rows_of_experiment(db, 1) == 0);
  CHECK(rows_of_experiment(db, 2) == rows_2);
  CHECK(query_int(db, "SELECT count(*) FROM pragma_foreign_key_check") == 0);

  const auto list = run_cli("experiments", dir.path());
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("complete") != std::string::npos);
  CHECK(list.out.find("\n   1  ") == std::string::npos);
  CHECK(list.out.find("\n   2  ") != std::string::npos);
}

TEST_CASE("experiments delete: an unknown id or a running experiment is refused, nothing deleted",
          "[app][experiments]") {
  TempDir dir;
  two_experiments(dir);
  const auto db = dir / "results.sqlite";
  const long long rows_1 = rows_of_experiment(db, 1);
  const long long rows_2 = rows_of_experiment(db, 2);

  const auto unknown = run_cli("experiments delete 7", dir.path());
  CHECK(unknown.exit_code == 3);
  CHECK(unknown.err.find("no experiment 7") != std::string::npos);

  // What a killed process leaves behind: a 'running' experiment.
  execute_sql(db, "UPDATE experiments SET status = 'running', finished = NULL WHERE id = 2");
  const auto running = run_cli("experiments --db results.sqlite delete 2", dir.path());
  CHECK(running.exit_code == 3);
  CHECK(running.err.find("'running'") != std::string::npos);
  CHECK(running.err.find("--force") != std::string::npos);
  CHECK(rows_of_experiment(db, 1) == rows_1);
  CHECK(rows_of_experiment(db, 2) == rows_2);

  const auto forced = run_cli("experiments delete 2 --force --db results.sqlite", dir.path());
  INFO(forced.err);
  CHECK(forced.exit_code == 0);
  CHECK(rows_of_experiment(db, 2) == 0);
  CHECK(rows_of_experiment(db, 1) == rows_1);

  const auto missing_db = run_cli("experiments delete 1 --db absent.sqlite", dir.path());
  CHECK(missing_db.exit_code == 3);
  CHECK(missing_db.err.find("absent.sqlite") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "absent.sqlite"));  // not created
}
