// Runs spread over MPI processes give the same database as one process
// (dist/distributed.h): every summary, comparison and per-run row equal bit for
// bit, for 2 and 3 processes (3 does not divide the runs evenly), with per-run
// rows and summary-only; and a calibration with its forecast.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <cstdlib>
#include <string>

#include "cli.h"
#include "dist/distributed.h"

using namespace targetcast;

TEST_CASE("Run blocks are contiguous, cover every run once and differ in size by at most one", "[dist]") {
  for (std::uint32_t runs : {1u, 7u, 100u, 1000003u}) {
    for (int size : {1, 2, 3, 8}) {
      std::uint32_t next = 0;
      for (int rank = 0; rank < size; ++rank) {
        const dist::RunBlock b = dist::block_of(runs, rank, size);
        CHECK(b.first == next);
        CHECK(b.count + 1 >= runs / static_cast<std::uint32_t>(size));
        CHECK(b.count <= runs / static_cast<std::uint32_t>(size) + 1);
        next += b.count;
      }
      CHECK(next == runs);
    }
  }
}

#ifdef TARGETCAST_MPIEXEC
namespace {

// Rows of `table` in one database and not in the other (exact comparison of
// every column, REALs bit for bit), both ways.
long long differing_rows(const std::filesystem::path& a, const std::filesystem::path& b, const std::string& table) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(a.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  const std::string attach = "ATTACH DATABASE '" + b.string() + "' AS other";
  REQUIRE(sqlite3_exec(db, attach.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  const std::string sql = "SELECT (SELECT count(*) FROM (SELECT * FROM main." + table + " EXCEPT SELECT * FROM other." +
                          table + ")) + (SELECT count(*) FROM (SELECT * FROM other." + table +
                          " EXCEPT SELECT * FROM main." + table + ")), (SELECT count(*) FROM main." + table + ")";
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  const long long differing = sqlite3_column_int64(stmt, 0);
  const long long rows = sqlite3_column_int64(stmt, 1);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  INFO(table << ": " << rows << " rows");
  CHECK(rows > 0);  // something was compared
  return differing;
}

int run_mpi(int processes, const std::string& arguments, const std::filesystem::path& dir) {
  const std::string command = "cd '" + dir.string() + "' && " + TARGETCAST_MPIEXEC +
                              " --allow-run-as-root --oversubscribe -np " + std::to_string(processes) + " " +
                              TARGETCAST_BINARY + " " + arguments + " > mpi.out 2> mpi.err";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("mpirun -np 2 and -np 3 write the same results as one process", "[dist][mpi]") {
  test::TempDir dir;
  const std::string scenarios = " --scenario " + (test::source_dir() / "scenarios/baseline.toml").string() +
                                " --scenario " + (test::source_dir() / "scenarios/funding-plus-50.toml").string();
  for (const bool per_run : {true, false}) {
    const std::string mode = per_run ? "" : " --no-per-run";
    const std::string common = "simulate --runs 101 --rng-seed 7 --threads 1" + mode + scenarios;
    const test::CliResult single = test::run_cli(common + " --db one.sqlite", dir.path());
    REQUIRE(single.exit_code == 0);
    for (const int processes : {2, 3}) {
      const std::string db = "np" + std::to_string(processes) + (per_run ? "" : "-summary") + ".sqlite";
      INFO("-np " << processes << (per_run ? "" : " --no-per-run"));
      REQUIRE(run_mpi(processes, common + " --db " + db, dir.path()) == 0);
      for (const char* table : {"indicator_summary", "target_results", "joint_results", "first_passage", "comparisons"}) {
        CHECK(differing_rows(dir / "one.sqlite", dir / db, table) == 0);
      }
      if (per_run) {
        for (const char* table : {"run_indicators", "run_parameters", "run_targets"}) {
          CHECK(differing_rows(dir / "one.sqlite", dir / db, table) == 0);
        }
      }
    }
    std::filesystem::remove(dir / "one.sqlite");
  }
}

TEST_CASE("mpirun -np 2 calibrates and forecasts exactly as one process", "[dist][mpi]") {
  test::TempDir dir;
  const std::string common = "calibrate --particles 60 --generations 3 --forecast-runs 150 --rng-seed 5 --threads 1";
  REQUIRE(test::run_cli(common + " --db one.sqlite", dir.path()).exit_code == 0);
  REQUIRE(run_mpi(2, common + " --db two.sqlite", dir.path()) == 0);
  for (const char* table : {"calibration_particle_values", "calibration_posterior", "indicator_summary", "target_results"}) {
    CHECK(differing_rows(dir / "one.sqlite", dir / "two.sqlite", table) == 0);
  }
}

TEST_CASE("mpirun -np 3 gives the same Sobol indices and tornado as one process", "[dist][mpi]") {
  test::TempDir dir;
  const std::string common =
      "sensitivity --target gd-2025-core-industry --samples 24 --bootstrap 50 --tornado-runs 10 --method both "
      "--rng-seed 3 --threads 1";
  REQUIRE(test::run_cli(common + " --db one.sqlite", dir.path()).exit_code == 0);
  REQUIRE(run_mpi(3, common + " --db three.sqlite", dir.path()) == 0);
  for (const char* table : {"sensitivity_indices", "tornado_bars"}) {
    CHECK(differing_rows(dir / "one.sqlite", dir / "three.sqlite", table) == 0);
  }
}

TEST_CASE("Under mpirun, commands other than simulate are refused on every process", "[dist][mpi]") {
  test::TempDir dir;
  CHECK(run_mpi(2, "targets", dir.path()) == 2);
  CHECK(test::read_text(dir / "mpi.err").find("only `simulate`, `calibrate`, `backtest` and `sensitivity` run under mpirun") != std::string::npos);
}
#endif
