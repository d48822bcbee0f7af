// End-to-end: scenario files through the `targetcast` binary. Bad scenarios
// (issue #3's list) are refused by simulate, compare and validate with one
// message naming file, line and key, exit code 2 and no database; the shipped
// scenarios validate and run; compare prints and stores the paired table, and
// recomputing it from the stored runs gives the same numbers.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "cli.h"

using targetcast::test::run_cli;
using targetcast::test::TempDir;

namespace {

std::string scenario_path(const std::string& name) {
  return (targetcast::test::source_dir() / "scenarios" / (name + ".toml")).string();
}

const std::vector<std::string> kShipped = {"baseline",      "funding-plus-50", "funding-cut-30", "new-parks",
                                           "entry-support", "downturn-2023",   "package-2023"};

// Rows of a query, each row's columns joined by '|'.
std::vector<std::string> query_rows(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  std::vector<std::string> rows;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      const auto* text = sqlite3_column_text(stmt, c);
      row += (c > 0 ? "|" : "") + std::string(text != nullptr ? reinterpret_cast<const char*>(text) : "NULL");
    }
    rows.push_back(row);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return rows;
}

// A scenario file for the Guangdong plan with `body` after its [scenario] table
// (lines 1-6; the body starts on line 7).
std::filesystem::path bad_scenario(const TempDir& dir, const std::string& body, const std::string& baseline = "") {
  const std::string plan =
      baseline.empty() ? (targetcast::test::source_dir() / "seeds" / "guangdong-ai-2025.toml").string() : baseline;
  return dir.write("bad.toml",
                   "format = 1\n[scenario]\nid = \"bad\"\ntitle = { zh = \"坏\", en = \"bad\" }\n"
                   "baseline = \"" +
                       plan + "\"\n\n" + body);
}

}  // namespace

TEST_CASE("bad scenarios: one message with file, line and key, exit 2, nothing written",
          "[app][bad-input][scenarios]") {
  struct Case {
    const char* what;
    std::string body;
    std::string baseline;
    std::string expect;  // "bad.toml:<line>: <key>: ..." fragment
    std::string detail;  // another fragment of the message
  };
  const Case cases[] = {
      {"unknown lever", "[[lever]]\nname = \"funding_multiplyer\"\nfrom = 2023\nvalue = 1.5\n", "",
       "bad.toml:8: lever[1].name:", "did you mean 'funding_multiplier'"},
      {"a year before the base year", "[[lever]]\nname = \"funding_multiplier\"\nfrom = 2019\nvalue = 1.5\n", "",
       "bad.toml:7: lever[1].from:", "2022..2030"},
      {"a year beyond the horizon", "[[shock]]\nrule = \"growth\"\nfrom = 2029\nto = 2031\nvalue = -0.1\n", "",
       "bad.toml:7: shock[1].to:", "2022..2030"},
      {"negative money", "[[lever]]\nname = \"funding_yi\"\nfrom = 2023\nvalue = -2\n", "",
       "bad.toml:10: lever[1].value:", "≥ 0"},
      {"a multiplier of 0", "[[lever]]\nname = \"entry_multiplier\"\nfrom = 2023\nvalue = 0\n", "",
       "bad.toml:10: lever[1].value:", "> 0"},
      {"a negative multiplier", "[[lever]]\nname = \"exit_multiplier\"\nfrom = 2023\nvalue = -0.5\n", "",
       "bad.toml:10: lever[1].value:", "> 0"},
      {"a shock on an unknown indicator",
       "[[shock]]\nrule = \"counter\"\nindicator = \"scenarioz\"\nfrom = 2023\nvalue = -0.3\n", "",
       "bad.toml:7: shock[1].indicator:", "not a counter indicator"},
      {"a missing baseline file", "", "../seeds/no-such-plan.toml",
       "bad.toml:5: scenario.baseline:", "no-such-plan.toml"},
  };
  for (const Case& c : cases) {
    SECTION(c.what) {
      TempDir dir;
      const auto file = bad_scenario(dir, c.body, c.baseline);
      const std::string quoted = "'" + file.string() + "'";
      for (const std::string& command :
           {"simulate --runs 5 --scenario " + quoted,
            "compare --runs 5 --scenarios " + scenario_path("baseline") + " " + quoted, "validate " + quoted}) {
        INFO(command);
        const auto r = run_cli(command, dir.path());
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(c.expect) != std::string::npos);
        CHECK(r.err.find(c.detail) != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(dir / "results.sqlite"));
      }
    }
  }
}

TEST_CASE("every shipped scenario validates with its plan", "[app][scenarios]") {
  TempDir dir;
  std::string args = "validate";
  for (const std::string& s : kShipped) args += " '" + scenario_path(s) + "'";
  const auto r = run_cli(args, dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  for (const std::string& s : kShipped) CHECK(r.out.find(s + ".toml: ok") != std::string::npos);
}

TEST_CASE("scenarios list shows the built-in scenarios with what they change", "[app][scenarios]") {
  TempDir dir;  // no ./scenarios here: the embedded copies
  const auto r = run_cli("scenarios list", dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  for (const std::string& s : kShipped) CHECK(r.out.find("embedded:scenarios/" + s + ".toml") != std::string::npos);
  CHECK(r.out.find("funding ×1.5 from 2023") != std::string::npos);
  CHECK(r.out.find("+4 parks in 2023") != std::string::npos);
  CHECK(r.out.find("growth shock −10% 2023–2024") != std::string::npos);
  // A file of one's own in ./scenarios comes first; a broken one is flagged.
  std::filesystem::create_directories(dir / "scenarios");
  dir.write("scenarios/mine.toml",
            "format = 1\n[scenario]\nid = \"mine\"\ntitle = { zh = \"我的\", en = \"Mine\" }\n[[lever]]\n"
            "name = \"exit_multiplier\"\nfrom = 2024\nto = 2025\nvalue = 0.8\n");
  const auto mine = run_cli("scenarios list --lang zh", dir.path());
  CHECK(mine.exit_code == 0);
  CHECK(mine.out.find("退出风险×0.8(2024–2025)") != std::string::npos);
  dir.write("scenarios/broken.toml", "format = 1\n[scenario]\nid = \"broken\"\n");
  CHECK(run_cli("scenarios list", dir.path()).exit_code == 2);
}

TEST_CASE("compare runs every shipped scenario against the baseline, prints and stores the paired table",
          "[app][scenarios][compare]") {
  TempDir dir;
  std::string args = "compare --runs 150 --threads 2 --scenarios";
  for (const std::string& s : kShipped) args += " '" + scenario_path(s) + "'";
  const auto r = run_cli(args, dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Paired comparison with the reference scenario baseline") != std::string::npos);
  for (std::size_t s = 1; s < kShipped.size(); ++s) CHECK(r.out.find(kShipped[s]) != std::string::npos);
  const auto db = dir / "results.sqlite";
  // 6 scenarios × 10 targets, each against the baseline.
  CHECK(query_rows(db, "SELECT COUNT(*) FROM comparisons WHERE reference_scenario_id = 'baseline'") ==
        std::vector<std::string>{"60"});
  CHECK(query_rows(db,
                   "SELECT COUNT(*) FROM comparisons WHERE runs <> 150 OR "
                   "both_met + scenario_only_met + reference_only_met + neither_met <> 150") ==
        std::vector<std::string>{"0"});
  // P(met) agrees with target_results; the interval holds the difference.
  CHECK(query_rows(db, R"sql(
      SELECT COUNT(*) FROM comparisons AS c
      JOIN target_results AS s ON s.experiment_id = c.experiment_id AND s.scenario_id = c.scenario_id
                              AND s.target_id = c.target_id
      JOIN target_results AS r ON r.experiment_id = c.experiment_id AND r.scenario_id = c.reference_scenario_id
                              AND r.target_id = c.target_id
      WHERE abs(c.probability - s.probability) > 1e-12 OR abs(c.reference_probability - r.probability) > 1e-12
         OR c.difference < c.ci_low OR c.difference > c.ci_high)sql") == std::vector<std::string>{"0"});
  // Where a lever moves the odds, the paired interval is the narrower one.
  CHECK(query_rows(db,
                   "SELECT COUNT(*) FROM comparisons WHERE scenario_only_met + reference_only_met > 0 AND "
                   "ci_high - ci_low >= unpaired_ci_high - unpaired_ci_low") == std::vector<std::string>{"0"});
  // The funding lever resolves a rise in application scenarios.
  CHECK(query_rows(db,
                   "SELECT indicator_difference_ci_low > 0 FROM comparisons WHERE scenario_id = "
                   "'funding-plus-50' AND target_id = 'gd-2025-scenarios'") == std::vector<std::string>{"1"});
}

TEST_CASE("compare --experiment recomputes a stored experiment's comparisons from its runs, identically",
          "[app][scenarios][compare]") {
  TempDir dir;
  const auto sim = run_cli("simulate --runs 60 --threads 2 --scenario '" + scenario_path("baseline") +
                               "' --scenario '" + scenario_path("entry-support") + "'",
                           dir.path());
  INFO(sim.err);
  REQUIRE(sim.exit_code == 0);
  CHECK(sim.out.find("Paired comparison") != std::string::npos);
  const auto db = dir / "results.sqlite";
  const std::string all = "SELECT * FROM comparisons ORDER BY scenario_id, target_id";
  const auto written = query_rows(db, all);
  REQUIRE(written.size() == 10);
  const auto again = run_cli("compare --db results.sqlite --experiment 1", dir.path());
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(again.out.find("entry-support") != std::string::npos);
  CHECK(query_rows(db, all) == written);

  // An experiment without per-run rows, with one scenario, or absent: a clear refusal.
  REQUIRE(run_cli("simulate --runs 20 --no-per-run --scenario '" + scenario_path("baseline") + "' --scenario '" +
                      scenario_path("new-parks") + "'",
                  dir.path())
              .exit_code == 0);
  const auto no_runs = run_cli("compare --db results.sqlite --experiment 2", dir.path());
  CHECK(no_runs.exit_code == 3);
  CHECK(no_runs.err.find("--no-per-run") != std::string::npos);
  CHECK(query_rows(db, "SELECT COUNT(*) FROM comparisons WHERE experiment_id = 2") ==
        std::vector<std::string>{"10"});  // simulate stored them from memory
  REQUIRE(run_cli("simulate --runs 20", dir.path()).exit_code == 0);
  const auto single = run_cli("compare --db results.sqlite --experiment 3", dir.path());
  CHECK(single.exit_code == 3);
  CHECK(single.err.find("two or more") != std::string::npos);
  const auto absent = run_cli("compare --db results.sqlite --experiment 9", dir.path());
  CHECK(absent.exit_code == 3);
  CHECK(absent.err.find("no experiment 9") != std::string::npos);
  CHECK(run_cli("compare --db missing.sqlite --experiment 1", dir.path()).exit_code == 3);
  CHECK_FALSE(std::filesystem::exists(dir / "missing.sqlite"));
}

// Issue 16, item 9: a what-if report lists what each scenario changes,
// generated from its stored file (not only its description), and carries the
// fan charts of every scenario.
TEST_CASE("a what-if report lists each scenario's changes and has every scenario's fans", "[app][scenarios][report]") {
  TempDir dir;
  const auto sim = run_cli("simulate --runs 20 --threads 2 --no-per-run --scenario '" + scenario_path("baseline") +
                               "' --scenario '" + scenario_path("new-parks") + "' --report report.md",
                           dir.path());
  INFO(sim.err);
  REQUIRE(sim.exit_code == 0);
  const std::string md = targetcast::test::read_text(dir / "report.md");
  CHECK(md.find("| Four new parks | +4 parks in 2023 | Four provincial AI parks open in 2023") != std::string::npos);
  CHECK(md.find("| Baseline | nothing: the plan's baseline as it stands |") != std::string::npos);
  REQUIRE(run_cli("report --lang zh --out report.html", dir.path()).exit_code == 0);
  const std::string html = targetcast::test::read_text(dir / "report.html");
  CHECK(html.find("2023年新增4个园区") != std::string::npos);
  CHECK(html.find("<select id=\"fan-scenario\">") != std::string::npos);
}
