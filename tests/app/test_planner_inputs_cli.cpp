// What a planner stumbles on (issue 16), through the `targetcast` binary: a
// copied scenario keeps finding its plan; validate reports every problem of a
// scenario at once; quotes of a planner's own plan are checked against its
// documents; a region running on a generic placeholder or on a default sized
// for another region is warned about.
#include <catch2/catch.hpp>
#include <string>

#include "cli.h"
#include "sqlite_query.h"

using targetcast::test::run_cli;
using targetcast::test::read_text;
using targetcast::test::TempDir;

namespace {

std::string shipped(const std::string& path) {
  return "'" + (targetcast::test::source_dir() / path).string() + "'";
}

// A small region of 900 firms with no [prior.c0], no [prior.lambda0] and no
// funding history: everything a planner starting a plan of their own leaves out.
std::string small_plan(const std::string& extra_baseline = "", const std::string& quote = "人工智能企业900家") {
  return R"(format = 1
[region]
id = "smallland"
name = { zh = "小省", en = "Smallland" }

[plan]
id = "small-ai"
title = { zh = "小省人工智能计划", en = "Smallland AI plan" }
source = "plan.txt"
base_year = 2021
horizon = 2026

[baseline.firms]
value = 900
bound = "exact"
basis = "document"
source = "plan.txt"
quote = ")" + quote + R"("

[baseline.parks]
value = 2
bound = "exact"
basis = "assumption"
note = "Two parks."
)" + extra_baseline + R"(
[[indicator]]
id = "firms"
name = { zh = "企业", en = "firms" }
kind = "firm_count"

[[indicator]]
id = "core"
name = { zh = "核心产业", en = "core industry" }
kind = "revenue_sum"

[[target]]
id = "small-firms"
indicator = "firms"
comparison = ">="
threshold = 1000
deadline = 2025
name = { zh = "企业1000家", en = "1000 firms" }
basis = "illustrative"
note = "Test target."
)";
}

}  // namespace

TEST_CASE("a shipped scenario copied elsewhere still finds its plan, and validate takes --baseline",
          "[app][scenarios][issue16]") {
  TempDir dir;
  const std::string copy = "my-boost.toml";
  dir.write(copy, targetcast::test::read_text(targetcast::test::source_dir() / "scenarios" / "funding-plus-50.toml"));
  auto r = run_cli("validate " + copy, dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("my-boost.toml: ok") != std::string::npos);
  r = run_cli("simulate --runs 5 --no-per-run --scenario " + copy, dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  // With a shipped scenario, which finds the plan in seeds/ on disk while the copy finds the built-in one:
  // the same plan, so one experiment.
  r = run_cli("simulate --runs 5 --no-per-run --scenario " + shipped("scenarios/baseline.toml") + " --scenario " + copy,
              dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  r = run_cli("validate --baseline " + shipped("seeds/guangdong-ai-2025.toml") + " " + copy, dir.path());
  CHECK(r.exit_code == 0);
  // --baseline decides, as for simulate: a plan file that is not there is the option's problem.
  r = run_cli("validate --baseline no-such-plan.toml " + copy, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("command line: --baseline: 'no-such-plan.toml'") != std::string::npos);

  // A mistyped plan id is named with the plan it is probably meant to be.
  const std::string text = targetcast::test::read_text(dir / copy);
  std::string typo = text;
  typo.replace(typo.find("\"guangdong-ai-2025\""), 19, "\"guangdong-ai-2052\"");
  dir.write("typo.toml", typo);
  r = run_cli("validate typo.toml", dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("typo.toml:27: scenario.baseline: no plan has the id 'guangdong-ai-2052'") != std::string::npos);
  CHECK(r.err.find("did you mean 'guangdong-ai-2025'?") != std::string::npos);
  // The old path form still works where the path leads somewhere.
  std::string by_path = text;
  by_path.replace(by_path.find("\"guangdong-ai-2025\""), 19,
                  "\"" + (targetcast::test::source_dir() / "seeds" / "guangdong-ai-2025.toml").string() + "\"");
  dir.write("by-path.toml", by_path);
  r = run_cli("validate by-path.toml", dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("validate reports every problem of a scenario at once", "[app][scenarios][issue16]") {
  TempDir dir;
  dir.write("bad.toml",
            "format = 1\n[scenario]\nid = \"bad\"\ntitle = { zh = \"坏\", en = \"Bad\" }\n"
            "baseline = \"guangdong-ai-2025\"\n"
            "[[lever]]\nname = \"funding_yi\"\nform = 2023\nvalue = -1\n"  // lines 6-9
            "[[park]]\nyear = 2035\n"                                        // lines 10-11
            "[[shock]]\nrule = \"growth\"\nfrom = 2019\nvalue = -0.1\n"      // lines 12-15
            "[[lever]]\nname = \"entry_multiplier\"\nfrom = 2040\nvalue = 1.2\n");  // lines 16-19
  const auto r = run_cli("validate bad.toml", dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("bad.toml:8: lever[1].form: unknown key 'form'; did you mean 'from'?") != std::string::npos);
  CHECK(r.err.find("bad.toml:9: lever[1].value:") != std::string::npos);
  CHECK(r.err.find("bad.toml:10: park[1].year: year 2035 must lie in 2022..2030") != std::string::npos);
  CHECK(r.err.find("bad.toml:12: shock[1].from: year 2019 must lie in 2022..2030") != std::string::npos);
  // The year the planner wrote, not a span with the horizon they never wrote.
  CHECK(r.err.find("bad.toml:16: lever[2].from: year 2040 must lie in 2022..2030") != std::string::npos);
  CHECK(r.err.find("2040..2030") == std::string::npos);
  // In file order, each once.
  CHECK(r.err.find("bad.toml:8:") < r.err.find("bad.toml:12:"));
  CHECK(r.err.find("park[1].year") == r.err.rfind("park[1].year"));
}

TEST_CASE("a horizon before the targets' deadlines is one problem", "[app][issue16]") {
  TempDir dir;
  const auto r = run_cli("simulate --runs 5 --horizon 2024", dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("1 problem in the input") != std::string::npos);
  CHECK(r.err.find("--horizon: the horizon 2024 ends before the deadline of 10 targets") != std::string::npos);
  CHECK(r.err.find("expected a horizon of at least 2025") != std::string::npos);
}

TEST_CASE("the quotes of a planner's own plan are checked against its documents", "[app][issue16]") {
  TempDir dir;
  dir.write("plan.toml", small_plan());
  // No document anywhere: one warning, not a failure.
  auto r = run_cli("validate plan.toml", dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("warning: plan.toml: source: the document 'plan.txt' was not found beside the plan or in a "
                   "--documents folder: 1 quote citing it not checked") != std::string::npos);
  // Found in a folder the planner names: the quote is compared without line breaks, full-width digits as ASCII.
  std::filesystem::create_directories(dir / "docs");
  dir.write("docs/plan.txt", "全区拥有人工智能\n企业９００家。");
  r = run_cli("validate --documents docs plan.toml", dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("'plan.txt' was not found") == std::string::npos);
  r = run_cli("validate plan.toml", dir.path(), "env TARGETCAST_SEED_DOCS=docs");
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("'plan.txt' was not found") == std::string::npos);
  // A quote that is not in the document fails, beside the plan as in a --documents folder.
  dir.write("plan.toml", small_plan("", "人工智能企业1900家"));
  dir.write("plan.txt", "全区拥有人工智能企业900家。");
  r = run_cli("validate plan.toml", dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("plan.toml:18: baseline.firms.quote: the quote is not in its source document 'plan.txt'") !=
        std::string::npos);
}

TEST_CASE("a region on a generic placeholder or a default sized for another region is warned about",
          "[app][issue16]") {
  TempDir dir;
  dir.write("plan.txt", "人工智能企业900家");
  dir.write("plan.toml", small_plan());
  auto r = run_cli("validate plan.toml", dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("warning: plan.toml: prior.c0: runs on the generic placeholder LogNormal(500, 0.5)") !=
        std::string::npos);
  CHECK(r.err.find("warning: plan.toml: prior.lambda0: runs on the default LogNormal(250, 0.3)") != std::string::npos);
  CHECK(r.err.find("sized for a region of about 1500 firms, but this region starts with 900") != std::string::npos);
  CHECK(r.err.find("warning: plan.toml: funding_history: no [[funding_history]] entry with baseline = true") !=
        std::string::npos);
  r = run_cli("simulate --runs 5 --no-per-run --baseline plan.toml", dir.path());
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("targetcast simulate: warning: plan.toml: prior.c0: runs on the generic placeholder") !=
        std::string::npos);

  // The base-year core industry sets c0: no placeholder left.
  dir.write("plan.toml", small_plan("\n[baseline.core_industry]\nvalue = 120\nbound = \"exact\"\nbasis = \"assumption\"\n"
                                    "note = \"Test figure.\"\n"));
  r = run_cli("validate plan.toml", dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("prior.c0") == std::string::npos);
  CHECK(r.err.find("prior.lambda0") != std::string::npos);

  // The shipped Guangdong plan runs on neither.
  r = run_cli("validate " + shipped("seeds/guangdong-ai-2025.toml"), dir.path());
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("warning") == std::string::npos);
}

// Issue 16, item 8: a parameter a planner declares in their own plan is named
// there, and both reports show that name, never the code; a half name is an
// error naming the file and the key; an unnamed one is warned about.
TEST_CASE("a planner's own parameter shows by the name the plan gives it", "[app][issue16][names]") {
  const auto plan_with = [](const std::string& name_line) {
    return small_plan() + R"(
[[indicator]]
id = "hubs"
name = { zh = "创新中心", en = "innovation hubs" }
unit = { zh = "个", en = "hubs" }
kind = "counter"
baseline = 0
rate_parameter = "rho_hubs"
basis = "assumption"
note = { zh = "测试。", en = "Test." }

[prior.rho_hubs]
)" + name_line + R"(
dist = "uniform"
min = 1
max = 3
basis = "assumption"
note = { zh = "测试。", en = "Test." }
)";
  };
  TempDir dir;
  dir.write("plan.txt", "人工智能企业900家");
  dir.write("plan.toml", plan_with(R"(name = { zh = "每年新建创新中心", en = "innovation hubs opened per year" })"));
  auto r = run_cli("validate plan.toml", dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("has no name") == std::string::npos);
  r = run_cli("simulate --runs 8 --no-per-run --baseline plan.toml --lang zh --report zh.html", dir.path());
  REQUIRE(r.exit_code == 0);
  r = run_cli("report --lang en --format md --out en.md", dir.path());
  REQUIRE(r.exit_code == 0);
  const std::string zh = read_text(dir / "zh.html");
  const std::string en = read_text(dir / "en.md");
  CHECK(zh.find("每年新建创新中心") != std::string::npos);
  CHECK(en.find("innovation hubs opened per year") != std::string::npos);
  CHECK(zh.find(">rho_hubs<") == std::string::npos);
  CHECK(en.find("| rho_hubs |") == std::string::npos);

  dir.write("plan.toml", plan_with(R"(name = { zh = "每年新建创新中心" })"));
  r = run_cli("validate plan.toml", dir.path());
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("plan.toml:") != std::string::npos);
  CHECK(r.err.find("prior.rho_hubs.name.en") != std::string::npos);

  dir.write("plan.toml", plan_with(""));
  r = run_cli("validate plan.toml", dir.path());
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("prior rho_hubs has no name; reports will show its code name") != std::string::npos);
}

TEST_CASE("a results file written before parameters had names still shows them by name", "[app][issue16][names]") {
  // A file of schema 5 or earlier upgrades with empty names: its reports take
  // the names this build's seeds/priors.toml gives the engine's parameters.
  const TempDir dir;
  REQUIRE(run_cli("simulate --runs 50 --no-per-run", dir.path()).exit_code == 0);
  targetcast::test::execute_sql(dir / "results.sqlite", "UPDATE parameters SET name_zh = NULL, name_en = NULL");
  REQUIRE(run_cli("report --lang zh --out old-zh.md", dir.path()).exit_code == 0);
  REQUIRE(run_cli("report --lang en --out old-en.md", dir.path()).exit_code == 0);
  const std::string zh = read_text(dir / "old-zh.md"), en = read_text(dir / "old-en.md");
  CHECK(zh.find("单个企业增速的波动") != std::string::npos);
  CHECK(en.find("volatility of a firm's growth") != std::string::npos);
  CHECK(zh.find("sigma_g") == std::string::npos);
  CHECK(en.find("sigma_g") == std::string::npos);
}
