// End-to-end: the `targetcast` binary on the shipped Guangdong seed and on bad
// input, checked through its exit code, its messages and the SQLite rows.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <string>

#include "cli.h"
#include "sqlite_query.h"

using targetcast::test::query_int;
using targetcast::test::query_text;
using targetcast::test::run_cli;
using targetcast::test::TempDir;

namespace {

// The indicators of the Guangdong targets, by the names the table shows (not their ids).
const char* const kGuangdongTargets[] = {"globally leading landmark results or breakthroughs",
                                         "key labs, new R&D institutions, engineering",
                                         "national-level R&D institutions",
                                         "AI industrial technology innovation alliances",
                                         "AI think tanks",
                                         "deep-integration application scenarios",
                                         "top firms",
                                         "leading firms",
                                         "core AI industry",
                                         "related industries driven by AI"};

std::string seed(const std::string& name) { return (targetcast::test::source_dir() / "seeds" / name).string(); }

// The Guangdong plan with one line replaced, written into `dir`.
std::filesystem::path edited_plan(const TempDir& dir, const std::string& from, const std::string& to) {
  std::string text = targetcast::test::read_text(seed("guangdong-ai-2025.toml"));
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  dir.write("priors.toml", targetcast::test::read_text(seed("priors.toml")));
  return dir.write("plan.toml", text);
}

}  // namespace

TEST_CASE("simulate on the embedded default writes a complete experiment with every target", "[app][e2e]") {
  TempDir dir;
  const auto r = run_cli("simulate --runs 400 --threads 2", dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  for (const char* indicator : kGuangdongTargets) CHECK(r.out.find(indicator) != std::string::npos);
  CHECK(r.out.find("all 10 targets together") != std::string::npos);
  const auto db = dir / "results.sqlite";
  CHECK(query_int(db, "SELECT COUNT(*) FROM experiments WHERE status = 'complete'") == 1);
  CHECK(query_int(db, "SELECT COUNT(*) FROM target_results") == 10);
  CHECK(query_int(db, "SELECT COUNT(*) FROM target_results WHERE probability < ci_low OR probability > ci_high") == 0);
  CHECK(query_int(db, "SELECT COUNT(DISTINCT run) FROM run_indicators") == 400);
  CHECK(query_int(db, "SELECT COUNT(*) FROM joint_results") == 1);
  CHECK(query_int(db, "SELECT runs FROM experiments") == 400);
  CHECK(query_int(db, "SELECT COUNT(*) FROM input_files WHERE length(sha256) = 64") == 3);
  // The core-industry row at the base year is C0's draw: positive, finite.
  CHECK(query_int(db, "SELECT COUNT(*) FROM indicator_summary WHERE indicator_id = 'core_industry' AND year = 2021 AND "
                      "p05 > 0 AND p95 < 1e5") == 1);
}

TEST_CASE("the same seed gives the same stored results with 1 thread and 2", "[app][e2e][reproducible]") {
  TempDir dir;
  REQUIRE(run_cli("simulate --runs 100 --threads 1 --db one.sqlite", dir.path()).exit_code == 0);
  REQUIRE(run_cli("simulate --runs 100 --threads 2 --db two.sqlite", dir.path()).exit_code == 0);
  // Every stored value, printed with all 17 significant digits, in a fixed order.
  const std::string q =
      "SELECT group_concat(printf('%!.17g', value), ',') FROM (SELECT value FROM run_indicators "
      "ORDER BY scenario_id, indicator_id, run, year)";
  const std::string one = query_text(dir / "one.sqlite", q);
  CHECK(one.size() > 1000);
  CHECK(one == query_text(dir / "two.sqlite", q));
}

TEST_CASE("targets lists the plan's targets with their quotes", "[app]") {
  TempDir dir;
  const auto r = run_cli("targets --lang zh", dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("核心产业规模突破1500亿元") != std::string::npos);
  // The document by its title and issuing body, not its file name (issue 16, item 8).
  CHECK(r.out.find("广东省人民政府《广东省新一代人工智能创新发展行动计划(2022-2025年)》") != std::string::npos);
  CHECK(r.out.find("002_b10e5fe339225739.txt") == std::string::npos);
}

TEST_CASE("validate accepts every shipped file", "[app]") {
  TempDir dir;
  const auto root = targetcast::test::source_dir();
  std::string args = "validate";
  for (const char* folder : {"seeds", "scenarios"}) {
    for (const auto& entry : std::filesystem::directory_iterator(root / folder)) {
      if (entry.path().extension() == ".toml") args += " '" + entry.path().string() + "'";
    }
  }
  const auto r = run_cli(args, dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("bad input: a clear message naming file, line and key, a non-zero exit, nothing complete in the database",
          "[app][bad-input]") {
  struct Case {
    const char* what;
    std::string from, to;
    std::string expect;  // fragment of the message
  };
  const Case cases[] = {
      {"malformed TOML", "[plan]", "[plan", "plan.toml:"},
      {"unknown key", "base_year = 2021", "base_year = 2021\nbase_yaer = 2021", "base_yaer"},
      {"negative funding", "provincial_yi = 5.4", "provincial_yi = -5.4", "provincial_yi"},
      {"deadline before the base year", "deadline = 2025", "deadline = 2020", "deadline"},
      {"unknown indicator", "indicator = \"core_industry\"", "indicator = \"core_industy\"", "core_industy"},
      {"missing key", "threshold = 1500\n", "\n", "threshold"},
  };
  for (const Case& c : cases) {
    SECTION(c.what) {
      TempDir dir;
      const auto plan = edited_plan(dir, c.from, c.to);
      const auto r = run_cli("simulate --runs 10 --baseline '" + plan.string() + "'", dir.path());
      INFO(r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find("plan.toml") != std::string::npos);
      CHECK(r.err.find(c.expect) != std::string::npos);
      CHECK_FALSE(std::filesystem::exists(dir / "results.sqlite"));
    }
  }
}

TEST_CASE("bad input: a missing seed file is named", "[app][bad-input]") {
  TempDir dir;
  const auto r = run_cli("simulate --runs 10 --baseline no-such-plan.toml", dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no-such-plan.toml") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "results.sqlite"));
}

TEST_CASE("bad input: an unwritable database path fails before any run", "[app][bad-input]") {
  TempDir dir;
  std::filesystem::create_directories(dir / "a-folder.sqlite");
  const auto r = run_cli("simulate --runs 10 --db a-folder.sqlite", dir.path());
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("a-folder.sqlite") != std::string::npos);
}

TEST_CASE("a failed experiment never shows as complete next to earlier ones", "[app][bad-input]") {
  TempDir dir;
  REQUIRE(run_cli("simulate --runs 20", dir.path()).exit_code == 0);
  const auto plan = edited_plan(dir, "deadline = 2025", "deadline = 2019");
  CHECK(run_cli("simulate --runs 20 --baseline '" + plan.string() + "'", dir.path()).exit_code == 2);
  const auto db = dir / "results.sqlite";
  CHECK(query_int(db, "SELECT COUNT(*) FROM experiments") == 1);
  CHECK(query_int(db, "SELECT COUNT(*) FROM experiments WHERE status = 'complete'") == 1);
}
