// End-to-end: killing `targetcast simulate`. SIGINT and SIGTERM stop it
// promptly, while it simulates or while it writes, and mark the experiment
// 'interrupted'; SIGKILL at seeded random moments leaves the database
// openable, every earlier experiment whole, and the killed one 'running' —
// never 'complete'. The figures (time to stop, kills survived) are printed on
// standard output for docs/reliability.md.
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "cli.h"
#include "sqlite_query.h"

using targetcast::test::count_now;
using targetcast::test::query_int;
using targetcast::test::query_text;
using targetcast::test::read_text;
using targetcast::test::rows_of_experiment;
using targetcast::test::run_cli;
using targetcast::test::start_cli;
using targetcast::test::TempDir;
using Clock = std::chrono::steady_clock;

namespace {

// Waits for `pid` at most `limit`; kills it and fails the test past that.
int wait_for(pid_t pid, std::chrono::seconds limit = std::chrono::seconds(120)) {
  const auto deadline = Clock::now() + limit;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (Clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      FAIL("targetcast did not stop within " << limit.count() << " s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return status;
}

// Polls until `sql` on the database gives a positive count (the run reached a
// phase), or the process ended. True when the phase was reached.
bool wait_until(const std::filesystem::path& db, const std::string& sql, pid_t pid) {
  for (;;) {
    if (std::filesystem::exists(db) && count_now(db, sql) > 0) return true;
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) != 0) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// SplitMix64 (Steele, Lea & Flood 2014): the kill moments from a fixed seed.
std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace

TEST_CASE("SIGINT and SIGTERM stop a run promptly and mark the experiment interrupted, never complete",
          "[app][signals]") {
  const auto signal = GENERATE(SIGINT, SIGTERM);
  // While simulating (a job far too long to finish), and while writing per-run
  // rows: sent as soon as the first batch of them is committed.
  const auto phase = GENERATE(as<std::string>{}, "simulating", "writing");
  INFO(strsignal(signal) << " while " << phase);
  TempDir dir;
  const auto db = dir / "results.sqlite";
  // 200,000 runs take minutes; 1,500 runs make ~240,000 per-run rows, written
  // in three transactions (kRowsPerTransaction in store/store.cpp).
  const std::vector<std::string> args =
      phase == "simulating" ? std::vector<std::string>{"simulate", "--runs", "200000", "--threads", "1", "--no-per-run"}
                            : std::vector<std::string>{"simulate", "--runs", "1500", "--threads", "2"};
  const pid_t pid = start_cli(args, dir.path());
  const bool reached = phase == "simulating" ? wait_until(db, "SELECT count(*) FROM experiments", pid)
                                             : wait_until(db, "SELECT count(*) FROM run_parameters", pid);
  REQUIRE(reached);
  if (phase == "simulating") std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto sent = Clock::now();
  kill(pid, signal);
  const int status = wait_for(pid);
  const double stop_seconds = seconds_since(sent);
  std::cout << "figure: " << strsignal(signal) << " while " << phase << ": stopped in " << stop_seconds << " s\n";
  INFO(read_text(dir / "err.txt"));
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK(read_text(dir / "err.txt").find("interrupted") != std::string::npos);
  CHECK(query_text(db, "SELECT status FROM experiments WHERE id = 1") == "interrupted");
  CHECK(query_text(db, "SELECT message FROM experiments WHERE id = 1").find("signal") != std::string::npos);
  CHECK(query_int(db, "SELECT count(*) FROM scenarios WHERE written IS NOT NULL") == 0);
  CHECK(query_text(db, "PRAGMA integrity_check") == "ok");
  // A guard against a lost signal, not a speed test (docs/reliability.md has
  // the measured figures): stopping takes one run or one batch of rows.
  CHECK(stop_seconds < 10.0);
}

TEST_CASE("SIGKILL at seeded random moments: the database opens, earlier experiments intact, never complete",
          "[app][signals][kill]") {
  TempDir dir;
  const auto db = dir / "results.sqlite";
  for (const char* seed : {"1", "2"}) {
    REQUIRE(run_cli(std::string("simulate --runs 50 --threads 1 --rng-seed ") + seed, dir.path()).exit_code == 0);
  }
  std::vector<long long> rows = {rows_of_experiment(db, 1), rows_of_experiment(db, 2)};

  // Each kill: either a moment after the start (loading, opening, simulating)
  // or a moment after the first per-run rows were committed (writing); the
  // moments come from a fixed seed, so the same schedule runs every time.
  constexpr int kKills = 8;
  // Long enough that most moments fall inside the run on a fast machine too.
  constexpr long long kRuns = 4000;
  std::uint64_t state = 20250601;
  int survived = 0;
  for (int k = 0; k < kKills; ++k) {
    const bool while_writing = k % 2 == 1;
    const auto delay = std::chrono::milliseconds(splitmix64(state) % (while_writing ? 600 : 1500));
    INFO("kill " << k << (while_writing ? " while writing" : " from the start") << ", after " << delay.count()
                 << " ms");
    const auto before = query_int(db, "SELECT max(id) FROM experiments");
    REQUIRE(before >= 2);
    const pid_t pid =
        start_cli({"simulate", "--runs", std::to_string(kRuns), "--threads", "2", "--rng-seed", std::to_string(10 + k)},
                  dir.path());
    if (while_writing)
      wait_until(db, "SELECT count(*) FROM run_parameters WHERE experiment_id > " + std::to_string(before), pid);
    std::this_thread::sleep_for(delay);
    kill(pid, SIGKILL);
    const int status = wait_for(pid);
    const bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;

    // The file opens and is sound; the earlier experiments are whole.
    REQUIRE(query_text(db, "PRAGMA integrity_check") == "ok");
    const auto listed = run_cli("experiments", dir.path());
    REQUIRE(listed.exit_code == 0);
    for (std::size_t id = 1; id <= rows.size(); ++id) {
      if (rows[id - 1] < 0) continue;  // a killed one: may be partial
      CHECK(rows_of_experiment(db, static_cast<long long>(id)) == rows[id - 1]);
    }
    const auto after = query_int(db, "SELECT max(id) FROM experiments");
    if (killed) {
      // Killed before or after it began its experiment; if after, it is
      // 'running' (nothing can mark it) and its rows never count as whole —
      // unless the kill came in the last instant, after 'complete' was
      // committed (it is written after every row), while the process was
      // exiting: then every run's rows are there.
      CHECK(query_int(db, "SELECT count(*) FROM experiments WHERE id > " + std::to_string(before) +
                              " AND status NOT IN ('running', 'complete')") == 0);
      for (const auto& id : targetcast::test::query_column(
               db, "SELECT id FROM experiments WHERE status = 'complete' AND id > " + std::to_string(before))) {
        CHECK(query_int(db, "SELECT count(DISTINCT run) FROM run_targets WHERE experiment_id = " + id) == kRuns);
      }
      ++survived;
    } else {  // it finished before the kill: then it is complete and whole
      CHECK(WIFEXITED(status));
      CHECK(query_text(db, "SELECT status FROM experiments WHERE id = " + std::to_string(after)) == "complete");
    }
    for (long long id = static_cast<long long>(rows.size()) + 1; id <= after; ++id) {
      rows.push_back(killed ? -1 : rows_of_experiment(db, id));
    }
  }
  std::cout << "figure: SIGKILL: " << survived << " of " << kKills << " kills survived\n";
  CHECK(survived >= kKills / 2);  // most moments fall inside the run
  // The file still takes experiments, and the killed ones can be removed.
  REQUIRE(run_cli("simulate --runs 50 --threads 1", dir.path()).exit_code == 0);
  CHECK(query_text(db, "SELECT status FROM experiments ORDER BY id DESC LIMIT 1") == "complete");
  for (const auto& id : targetcast::test::query_column(db, "SELECT id FROM experiments WHERE status = 'running'")) {
    CHECK(run_cli("experiments delete " + id + " --force", dir.path()).exit_code == 0);
  }
  CHECK(query_int(db, "SELECT count(*) FROM experiments WHERE status = 'running'") == 0);
  CHECK(query_text(db, "PRAGMA integrity_check") == "ok");
}
