// Per-run experiments larger than their memory budget (issue 17): written
// block by block as they are simulated, with the same rows as when held in
// memory; their peak memory does not grow with the runs; Ctrl-C stops them
// promptly whatever the phase; and rows that would not fit the disk are
// refused before anything is written.
#include <signal.h>
#include <sys/wait.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "cli.h"
#include "sqlite_query.h"

using targetcast::test::count_now;
using targetcast::test::query_column;
using targetcast::test::query_text;
using targetcast::test::read_text;
using targetcast::test::run_cli;
using targetcast::test::start_cli;
using targetcast::test::TempDir;
using Clock = std::chrono::steady_clock;

namespace {

// The process's peak resident memory so far (VmHWM, kB), 0 once it has ended.
long peak_kb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  long value = 0;
  while (status >> key) {
    if (key == "VmHWM:") {
      status >> value;
      return value;
    }
  }
  return 0;
}

}  // namespace

TEST_CASE("per-run rows beyond the memory budget are written block by block, the same rows",
          "[app][bounded-memory]") {
  const TempDir dir;
  REQUIRE(run_cli("simulate --runs 700 --threads 2 --db held.sqlite", dir.path()).exit_code == 0);
  // 1 MB: blocks of a few hundred runs, so 700 runs take several.
  const auto streamed = run_cli("simulate --runs 700 --threads 2 --memory-mb 1 --db streamed.sqlite", dir.path());
  INFO(streamed.err);
  REQUIRE(streamed.exit_code == 0);
  for (const std::string sql :
       {"SELECT run || ' ' || name || ' ' || printf('%.17g', value) FROM run_parameters ORDER BY run, name",
        "SELECT run || ' ' || indicator_id || ' ' || year || ' ' || printf('%.17g', value) FROM run_indicators "
        "ORDER BY indicator_id, run, year",
        "SELECT run || ' ' || target_id || ' ' || met FROM run_targets ORDER BY target_id, run",
        "SELECT target_id || ' ' || met || ' ' || probability FROM target_results ORDER BY target_id"}) {
    INFO(sql);
    const auto held = query_column(dir / "held.sqlite", sql);
    CHECK(held.size() > 0);
    CHECK(held == query_column(dir / "streamed.sqlite", sql));
  }
  CHECK(query_text(dir / "streamed.sqlite", "SELECT per_run || ' ' || (written IS NOT NULL) FROM scenarios") == "1 1");
}

TEST_CASE("a per-run experiment far beyond its memory budget keeps its peak memory and stops on Ctrl-C",
          "[app][bounded-memory]") {
  // 200,000 runs hold 300 MB of trajectories (192 doubles each) when kept
  // in memory; with a 16 MB budget the process stays near its base size.
  const TempDir dir;
  const auto db = dir / "results.sqlite";
  const pid_t pid = start_cli({"simulate", "--runs", "200000", "--threads", "2", "--memory-mb", "16"}, dir.path());
  long peak = 0;
  while (!(std::filesystem::exists(db) && count_now(db, "SELECT count(*) FROM experiments") > 0)) {
    peak = std::max(peak, peak_kb(pid));
    int status = 0;
    REQUIRE(waitpid(pid, &status, WNOHANG) == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  for (const auto until = Clock::now() + std::chrono::milliseconds(1500); Clock::now() < until;) {
    peak = std::max(peak, peak_kb(pid));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const auto sent = Clock::now();
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  const double stop_seconds = std::chrono::duration<double>(Clock::now() - sent).count();
  std::cout << "figure: 200,000 per-run runs, 16 MB budget: peak " << peak / 1024 << " MiB, stopped in "
            << stop_seconds << " s\n";
  INFO(read_text(dir / "err.txt"));
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK(query_text(db, "SELECT status FROM experiments") == "interrupted");
  CHECK(peak < 160 * 1024);  // held in memory: > 300 MB
  CHECK(stop_seconds < 10.0);  // a guard against a lost signal, not a speed test
}

TEST_CASE("a per-run experiment stopped while its blocks are written is marked interrupted",
          "[app][bounded-memory]") {
  const TempDir dir;
  const auto db = dir / "results.sqlite";
  const pid_t pid = start_cli({"simulate", "--runs", "6000", "--threads", "2", "--memory-mb", "1"}, dir.path());
  while (!(std::filesystem::exists(db) && count_now(db, "SELECT count(*) FROM run_parameters") > 0)) {
    int status = 0;
    REQUIRE(waitpid(pid, &status, WNOHANG) == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  INFO(read_text(dir / "err.txt"));
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK(query_text(db, "SELECT status FROM experiments") == "interrupted");
  CHECK(query_text(db, "SELECT count(*) FROM scenarios WHERE written IS NOT NULL") == "0");
  CHECK(query_text(db, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("per-run rows that would not fit the disk are refused before anything is written",
          "[app][bounded-memory]") {
  const TempDir dir;
  // 100 million runs of Guangdong: about 450 GB of rows (schema 8's
  // trajectories, and its parameter draws and target outcomes packed across
  // runs: 4,532 bytes a run estimated, 2,500 measured).
  const auto free = std::filesystem::space(dir.path()).available;
  if (free > 440'000'000'000ULL) {
    WARN("more than 440 GB free here: the refusal cannot be provoked");
    return;
  }
  const auto refused = run_cli("simulate --runs 100000000", dir.path());
  CHECK(refused.exit_code == 3);
  CHECK(refused.err.find("would take about") != std::string::npos);
  CHECK(refused.err.find("--no-per-run") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "results.sqlite"));
}

TEST_CASE("scenarios paired run by run beyond the memory budget are refused before anything runs",
          "[app][bounded-memory]") {
  const TempDir dir;
  // Two scenarios of 10 targets keep 2 × 90 bytes a run to be paired: 10
  // million runs need 1.7 GiB, above a budget of 64 MiB.
  const std::string scenarios = "--scenario " + (targetcast::test::source_dir() / "scenarios/baseline.toml").string() +
                                " --scenario " + (targetcast::test::source_dir() / "scenarios/funding-plus-50.toml").string();
  const auto refused = run_cli("simulate --no-per-run --runs 10000000 --memory-mb 64 " + scenarios, dir.path());
  CHECK(refused.exit_code != 0);
  CHECK(refused.err.find("--runs") != std::string::npos);
  CHECK(refused.err.find("--memory-mb 64") != std::string::npos);
  CHECK(refused.err.find("use at most") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "results.sqlite"));
  // Within the budget the same pair runs.
  const auto ran = run_cli("simulate --no-per-run --runs 200 --memory-mb 64 " + scenarios, dir.path());
  CHECK(ran.exit_code == 0);
}
