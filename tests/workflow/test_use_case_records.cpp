// End-to-end: every use case that writes a result records it like an
// experiment (workflow/contract.h). `targetcast sensitivity` and
// `targetcast solve` leave rows with status 'complete', their input files with
// the SHA-256 of each file's bytes; SIGINT while they run marks the row
// 'interrupted' (exit code 130), never 'complete'.
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "cli.h"
#include "io/sha256.h"
#include "sqlite_query.h"

using targetcast::test::count_now;
using targetcast::test::query_column;
using targetcast::test::query_int;
using targetcast::test::query_text;
using targetcast::test::read_text;
using targetcast::test::run_cli;
using targetcast::test::start_cli;
using targetcast::test::TempDir;

namespace {

// Starts `args`, waits until `begun` counts a row (the run began), sends
// SIGINT and returns the exit status.
int interrupt_after_begin(const std::vector<std::string>& args, const std::filesystem::path& dir,
                          const std::string& begun) {
  const pid_t pid = start_cli(args, dir);
  const auto db = dir / "r.sqlite";
  int status = 0;
  for (;;) {
    if (std::filesystem::exists(db) && count_now(db, begun) > 0) break;
    if (waitpid(pid, &status, WNOHANG) != 0) FAIL("ended before it began: " << read_text(dir / "err.txt"));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  kill(pid, SIGINT);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      FAIL("did not stop within 60 s of SIGINT");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return status;
}

// Every stored input file's SHA-256 is that of its stored bytes, and the
// scenario file's that of the file on disk.
void check_input_files(const std::filesystem::path& db, const std::string& table, const std::string& owner,
                       const std::filesystem::path& scenario) {
  INFO(table);
  const std::string where = " FROM " + table + " WHERE " + owner + " = 1 ORDER BY file_index";
  const std::vector<std::string> roles = query_column(db, "SELECT role" + where);
  CHECK(roles == std::vector<std::string>{"priors", "plan", "scenario"});
  const std::vector<std::string> contents = query_column(db, "SELECT content" + where);
  const std::vector<std::string> hashes = query_column(db, "SELECT sha256" + where);
  const std::vector<std::string> bytes = query_column(db, "SELECT bytes" + where);
  REQUIRE(contents.size() == hashes.size());
  for (std::size_t i = 0; i < contents.size(); ++i) {
    CHECK(hashes[i] == targetcast::io::sha256_hex(contents[i]));
    CHECK(bytes[i] == std::to_string(contents[i].size()));
  }
  CHECK(query_text(db, "SELECT path" + where + " LIMIT 1 OFFSET 2") == scenario.string());
  CHECK(hashes.back() == targetcast::io::sha256_hex(read_text(scenario)));
}

}  // namespace

TEST_CASE("sensitivity and solve record status 'complete' and their input files with SHA-256",
          "[app][workflow][sensitivity]") {
  TempDir dir;
  const auto scenario = targetcast::test::source_dir() / "scenarios/baseline.toml";
  const auto sensitivity = run_cli(
      "sensitivity --db r.sqlite --threads 2 --samples 8 --bootstrap 20 --tornado-runs 3 "
      "--target leading_firms --lever new_parks:0:4 --scenario " +
          scenario.string(),
      dir.path());
  INFO(sensitivity.out << sensitivity.err);
  REQUIRE(sensitivity.exit_code == 0);
  const auto db = dir / "r.sqlite";
  CHECK(query_column(db, "SELECT status FROM sensitivity_analyses ORDER BY id") ==
        std::vector<std::string>{"complete", "complete"});
  CHECK(query_int(db,
                  "SELECT count(*) FROM sensitivity_analyses WHERE finished IS NOT NULL AND created IS NOT NULL "
                  "AND message IS NULL AND wall_seconds > 0 AND evaluations > 0") == 2);
  CHECK(query_text(db, "SELECT command_line FROM sensitivity_analyses WHERE id = 1").find("sensitivity") !=
        std::string::npos);
  check_input_files(db, "sensitivity_input_files", "analysis_id", scenario);

  const auto solve = run_cli(
      "solve --db r.sqlite --threads 2 --target gd-2025-leading-firms --probability 0.99 "
      "--lever new_parks --range 0 2 --runs 20 --confirm-runs 30 --scenario " +
          scenario.string(),
      dir.path());
  INFO(solve.out << solve.err);
  REQUIRE(solve.exit_code == 0);
  CHECK(query_text(db, "SELECT status FROM lever_solves WHERE id = 1") == "complete");
  CHECK(query_int(db, "SELECT confirmation_runs FROM lever_solves WHERE id = 1") == 30);
  CHECK(query_int(db, "SELECT count(*) FROM lever_solves WHERE finished IS NOT NULL AND wall_seconds > 0") == 1);
  check_input_files(db, "solve_input_files", "solve_id", scenario);
  // The experiment's own input files hash the same bytes the same way.
  REQUIRE(
      run_cli("simulate --db r.sqlite --runs 10 --threads 2 --no-per-run --scenario " + scenario.string(), dir.path())
          .exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM input_files i JOIN solve_input_files s USING (file_index, sha256)") == 3);
}

TEST_CASE("a bad option writes no sensitivity or solve row", "[app][workflow][sensitivity]") {
  TempDir dir;
  const auto bad = run_cli("solve --db r.sqlite --target no-such-target --probability 0.5 --runs 20", dir.path());
  CHECK(bad.exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(dir / "r.sqlite"));  // validated before the store is opened
}

TEST_CASE("SIGINT marks a running sensitivity analysis or solve 'interrupted', never complete",
          "[app][workflow][signals][sensitivity]") {
  TempDir dir;
  const auto db = dir / "r.sqlite";
  SECTION("sensitivity") {
    // Far too many points to finish before the signal.
    const int status = interrupt_after_begin(
        {"sensitivity", "--db", "r.sqlite", "--threads", "1", "--method", "sobol", "--samples", "100000"}, dir.path(),
        "SELECT count(*) FROM sensitivity_analyses");
    INFO(read_text(dir / "err.txt"));
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 130);
    CHECK(query_text(db, "SELECT status FROM sensitivity_analyses WHERE id = 1") == "interrupted");
    CHECK(query_text(db, "SELECT message FROM sensitivity_analyses WHERE id = 1").find("signal") != std::string::npos);
    CHECK(query_int(db, "SELECT count(*) FROM sensitivity_indices") == 0);
    CHECK(query_int(db, "SELECT count(*) FROM sensitivity_input_files WHERE analysis_id = 1") == 3);
  }
  SECTION("solve") {
    const int status = interrupt_after_begin(
        {"solve", "--db", "r.sqlite", "--threads", "1", "--all-targets", "--probability", "0.99", "--runs", "5000000"},
        dir.path(), "SELECT count(*) FROM lever_solves");
    INFO(read_text(dir / "err.txt"));
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 130);
    CHECK(query_text(db, "SELECT status FROM lever_solves WHERE id = 1") == "interrupted");
    CHECK(query_int(db, "SELECT count(*) FROM lever_solve_steps") == 0);
    CHECK(query_int(db, "SELECT count(*) FROM solve_input_files WHERE solve_id = 1") == 3);
  }
}
