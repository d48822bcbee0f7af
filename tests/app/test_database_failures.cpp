// End-to-end: a results database that cannot take an experiment (read-only,
// full, a folder, a newer schema) gives a clear message and exit 3, and the
// experiments already in it stay exactly as they were. Two processes writing
// to one database at once both succeed with every row.
// (io/ level: tests/io/test_store.cpp; docs/reliability.md lists both.)
#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "cli.h"
#include "sqlite_query.h"
#include "store/store.h"

using targetcast::test::execute_sql;
using targetcast::test::query_int;
using targetcast::test::query_text;
using targetcast::test::read_text;
using targetcast::test::rows_of_experiment;
using targetcast::test::run_cli;
using targetcast::test::TempDir;

namespace {

// A database holding one complete experiment; returns its number of rows.
long long one_experiment(const TempDir& dir) {
  const auto r = run_cli("simulate --runs 40 --threads 1", dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return rows_of_experiment(dir / "results.sqlite", 1);
}

// The experiment is still there, whole, and the file is a sound database.
void check_intact(const std::filesystem::path& db, long long rows) {
  CHECK(query_text(db, "PRAGMA integrity_check") == "ok");
  CHECK(query_text(db, "SELECT status FROM experiments WHERE id = 1") == "complete");
  CHECK(rows_of_experiment(db, 1) == rows);
}

}  // namespace

TEST_CASE("database failure: a read-only file gives exit 3 and is left untouched", "[app][database]") {
  TempDir dir;
  const long long rows = one_experiment(dir);
  const auto db = dir / "results.sqlite";
  const std::string before = read_text(db);
  std::filesystem::permissions(dir.path(), std::filesystem::perms::all);  // the folder stays writable
  chmod(db.c_str(), 0444);
  // Root writes through 0444: run the program as user nobody then.
  const std::string prefix = geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups" : "";
  if (geteuid() == 0 && std::system("setpriv --reuid=65534 --regid=65534 --clear-groups true") != 0) {
    WARN("cannot run as user nobody here: the read-only file case is not checked");
    return;
  }
  const auto r = run_cli("simulate --runs 10 --threads 1", dir.path(), prefix);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("results.sqlite") != std::string::npos);
  CHECK(r.err.find("read-only") != std::string::npos);
  const auto del = run_cli("experiments delete 1", dir.path(), prefix);
  CHECK(del.exit_code == 3);
  CHECK(del.err.find("read-only") != std::string::npos);
  // Listing needs no write access.
  CHECK(run_cli("experiments", dir.path(), prefix).exit_code == 0);
  CHECK(read_text(db) == before);
  check_intact(db, rows);
}

TEST_CASE("database failure: a full disk gives exit 3, earlier experiments intact, the new one never complete",
          "[app][database]") {
  TempDir dir;
  const long long rows = one_experiment(dir);
  const auto db = dir / "results.sqlite";
  // SQLite's max_page_count stands in for a full disk: 40 pages (160 KiB)
  // more than the file has now hold the new experiment's inputs but not its
  // per-run rows.
  const long long pages = query_int(db, "PRAGMA page_count");
  const auto r = run_cli("simulate --runs 400 --threads 1", dir.path(),
                         "env TARGETCAST_TEST_MAX_PAGE_COUNT=" + std::to_string(pages + 40));
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("full") != std::string::npos);
  check_intact(db, rows);
  CHECK(query_int(db, "SELECT count(*) FROM experiments WHERE id > 1 AND status = 'complete'") == 0);
  CHECK(query_int(db, "SELECT count(*) FROM experiments WHERE id > 1 AND status NOT IN ('failed', 'running')") == 0);
  // Once there is room again the same file takes the next experiment.
  const auto again = run_cli("simulate --runs 40 --threads 1", dir.path());
  INFO(again.err);
  CHECK(again.exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM experiments WHERE status = 'complete'") == 2);
  check_intact(db, rows);

  const auto bad = run_cli("experiments", dir.path(), "env TARGETCAST_TEST_MAX_PAGE_COUNT=lots");
  CHECK(bad.exit_code == 3);
  CHECK(bad.err.find("TARGETCAST_TEST_MAX_PAGE_COUNT") != std::string::npos);
}

TEST_CASE("database failure: a folder where the file should be gives exit 3 for every command", "[app][database]") {
  TempDir dir;
  std::filesystem::create_directories(dir / "results.sqlite");
  for (const std::string command : {"simulate --runs 10", "experiments", "experiments delete 1", "report"}) {
    INFO(command);
    const auto r = run_cli(command, dir.path());
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("results.sqlite") != std::string::npos);
    CHECK(r.err.find("folder") != std::string::npos);
  }
  CHECK(std::filesystem::is_empty(dir / "results.sqlite"));
}

TEST_CASE("database failure: a database of a newer schema gives exit 3 and is left untouched", "[app][database]") {
  TempDir dir;
  const long long rows = one_experiment(dir);
  const auto db = dir / "results.sqlite";
  const int newer = targetcast::store::Store::kSchemaVersion + 1;
  execute_sql(db, "PRAGMA user_version = " + std::to_string(newer));
  const std::string before = read_text(db);
  for (const std::string command : {"simulate --runs 10", "experiments", "experiments delete 1", "report"}) {
    INFO(command);
    const auto r = run_cli(command, dir.path());
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("newer targetcast (schema " + std::to_string(newer) + ")") != std::string::npos);
  }
  CHECK(read_text(db) == before);
  CHECK(query_int(db, "PRAGMA user_version") == newer);
  execute_sql(db, "PRAGMA user_version = " + std::to_string(newer - 1));
  check_intact(db, rows);
}

TEST_CASE("two processes writing experiments to one database at once both succeed with every row",
          "[app][database][concurrent]") {
  TempDir dir;
  // Both start together; each has several transactions of per-run rows, so
  // their writes interleave and one waits for the other's lock (busy_timeout).
  const std::string binary = TARGETCAST_BINARY;
  dir.write("both.sh", "for seed in 1 2; do\n"
                       "  '" + binary + "' simulate --runs 1500 --threads 1 --rng-seed $seed > out$seed.txt 2> err$seed.txt &\n"
                       "  eval pid$seed=$!\n"
                       "done\n"
                       "wait $pid1; echo $? > code1.txt\nwait $pid2; echo $? > code2.txt\n");
  const std::string command = "cd '" + dir.path().string() + "' && timeout -s KILL 300 bash both.sh";
  REQUIRE(std::system(command.c_str()) == 0);
  INFO(read_text(dir / "err1.txt") << read_text(dir / "err2.txt"));
  CHECK(read_text(dir / "code1.txt") == "0\n");
  CHECK(read_text(dir / "code2.txt") == "0\n");
  const auto db = dir / "results.sqlite";
  CHECK(query_int(db, "SELECT count(*) FROM experiments WHERE status = 'complete'") == 2);
  CHECK(query_int(db, "SELECT count(DISTINCT master_seed) FROM experiments") == 2);
  // The same plan and runs: the same number of rows in each, every run present.
  CHECK(rows_of_experiment(db, 1) == rows_of_experiment(db, 2));
  CHECK(query_int(db, "SELECT count(DISTINCT run) FROM run_indicators WHERE experiment_id = 1") == 1500);
  CHECK(query_int(db, "SELECT count(DISTINCT run) FROM run_indicators WHERE experiment_id = 2") == 1500);
  CHECK(query_text(db, "PRAGMA integrity_check") == "ok");
}
