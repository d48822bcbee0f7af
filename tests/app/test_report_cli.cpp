// End-to-end: `targetcast simulate --report` and `targetcast report` on the
// shipped Guangdong plan, through the binary, its exit codes and the files it
// writes. The HTML page itself is checked in a browser (tests/report/).
#include <catch2/catch.hpp>
#include <string>

#include "cli.h"

using targetcast::test::read_text;
using targetcast::test::run_cli;
using targetcast::test::TempDir;

TEST_CASE("simulate --report and report write HTML, Markdown and CSV of the experiment", "[app][e2e][report]") {
  TempDir dir;
  const auto sim = run_cli("simulate --runs 60 --threads 2 --no-per-run --lang zh --report first.md", dir.path());
  INFO(sim.err);
  REQUIRE(sim.exit_code == 0);
  CHECK(sim.out.find("report of experiment 1 written to first.md") != std::string::npos);
  const std::string md = read_text(dir / "first.md");
  CHECK(md.rfind("# 规划目标能否如期实现?", 0) == 0);
  CHECK(md.find("广东省新一代人工智能创新发展行动计划") != std::string::npos);
  CHECK(md.find("| 序号 | 目标 | 指标 |") != std::string::npos);

  const auto html = run_cli("report", dir.path());  // defaults: results.sqlite → report.html, English
  INFO(html.err);
  REQUIRE(html.exit_code == 0);
  const std::string page = read_text(dir / "report.html");
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("Will the plan&#39;s targets be met?") != std::string::npos);
  CHECK(page.find("targetcast report") != std::string::npos);  // the report command, in the provenance

  const auto csv = run_cli("report --experiment 1 --format csv --out out.csv --on-track 0.9 --at-risk 0.6", dir.path());
  REQUIRE(csv.exit_code == 0);
  const std::string table = read_text(dir / "out.csv");
  CHECK(table.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(table.find("P(met) at least 90%") != std::string::npos);

  const auto stdout_md = run_cli("report --format md --out -", dir.path());
  REQUIRE(stdout_md.exit_code == 0);
  CHECK(stdout_md.out.rfind("# Will the plan's targets be met?", 0) == 0);
}

TEST_CASE("report refuses bad options and a missing database", "[app][e2e][report]") {
  TempDir dir;
  const auto missing = run_cli("report --db missing.sqlite", dir.path());
  CHECK(missing.exit_code == 3);
  CHECK(missing.err.find("missing.sqlite") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "report.html"));

  const auto thresholds = run_cli("report --on-track 0.4 --at-risk 0.6", dir.path());
  CHECK(thresholds.exit_code == 2);
  CHECK(thresholds.err.find("at-risk <= on-track") != std::string::npos);

  // Checked before anything is simulated: nothing is written.
  const auto sim = run_cli("simulate --runs 10 --report r.html --on-track 0.4 --at-risk 0.6", dir.path());
  CHECK(sim.exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(dir / "results.sqlite"));

  const auto format = run_cli("report --format pdf", dir.path());
  CHECK(format.exit_code != 0);
}

TEST_CASE(
    "'not reached' reads the same, with the same year, in the terminal and every report format and an indicator "
    "no random rule moves is marked wherever its P(met) appears",
    "[app][e2e][report]") {
  TempDir dir;
  // Guangzhou: horizon 2026; 4 parks, a target of 10 that only a scenario's new parks could reach.
  const std::string plan =
      " --baseline " + (targetcast::test::source_dir() / "seeds" / "guangzhou-ai-2023.toml").string();
  const auto zh = run_cli("simulate --runs 40 --threads 2 --lang zh --report r.md" + plan, dir.path());
  INFO(zh.out << zh.err);
  REQUIRE(zh.exit_code == 0);
  REQUIRE(run_cli("report --lang zh --out r.csv", dir.path()).exit_code == 0);
  REQUIRE(run_cli("report --lang zh --out r.html", dir.path()).exit_code == 0);
  const std::string md = read_text(dir / "r.md"), csv = read_text(dir / "r.csv"), page = read_text(dir / "r.html");
  for (const std::string* text : {&zh.out, &md, &csv, &page}) {
    CHECK(text->find("到2026年仍未达到") != std::string::npos);
    CHECK(text->find("年前未达到") == std::string::npos);
    CHECK(text->find("◇ 仅由情景决定") != std::string::npos);
  }
  CHECK(zh.out.find("建设10个人工智能产业园 ◇ 仅由情景决定") != std::string::npos);
  CHECK(md.find("◇ 仅由情景决定:没有任何随机规则改变该指标") != std::string::npos);
  CHECK(csv.find("◇ 仅由情景决定:没有任何随机规则改变该指标") != std::string::npos);
  CHECK(page.find("<span class=\"scenario-only\"") != std::string::npos);  // beside the first-year chart's P(met)

  const auto en = run_cli("simulate --runs 40 --threads 2 --report e.md" + plan, dir.path());
  REQUIRE(en.exit_code == 0);
  const std::string emd = read_text(dir / "e.md");
  for (const std::string* text : {&en.out, &emd}) {
    CHECK(text->find("not by 2026") != std::string::npos);
    CHECK(text->find("◇ scenario only: no random rule moves this indicator") != std::string::npos);
  }
  CHECK(emd.find("| ◇ scenario only | 4 ") != std::string::npos);  // beside the parks row's P(met): 4 at the deadline
}
