// End-to-end calibration on the shipped Guangdong plan and observations:
// calibrate → simulate --posterior → revisions → calibrate --from → backtest,
// checked through exit codes, messages and the SQLite rows; bad observation
// files write nothing; the same seed gives the same posterior on any number of
// threads.
#include <catch2/catch.hpp>
#include <string>

#include "cli.h"
#include "sqlite_query.h"

using targetcast::test::run_cli;
using targetcast::test::query_text;
using targetcast::test::TempDir;

namespace {

// Small and quick: a few generations of a few particles.
const std::string kQuick = " --particles 60 --generations 3 --threads 2";

}  // namespace

TEST_CASE("calibrate, simulate from the posterior, revisions, refine with new data", "[app][e2e][calibration]") {
  TempDir dir;
  const auto db = dir / "results.sqlite";
  auto r = run_cli("simulate --runs 100 --no-per-run --threads 2", dir.path());
  REQUIRE(r.exit_code == 0);

  r = run_cli("calibrate" + kQuick + " --forecast-runs 100", dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("generation  2:") != std::string::npos);
  CHECK(r.out.find("pre-sample run 2017..2021") != std::string::npos);
  CHECK(r.out.find("n0_2017") != std::string::npos);
  CHECK(r.out.find("forecast drawn from the posterior: experiment 2") != std::string::npos);
  CHECK(query_text(db, "SELECT status || ' ' || purpose || ' ' || presample_start_year || ' ' || generations "
                  "FROM calibrations WHERE id = 1") == "complete calibration 2017 3");
  CHECK(query_text(db, "SELECT count(*) FROM calibration_generations") == "3");
  CHECK(query_text(db, "SELECT count(*) FROM calibration_particles") == "180");
  CHECK(query_text(db, "SELECT count(*) FROM calibration_observations WHERE use = 'fit'") == "6");
  // Every fitted figure keeps the posterior's standardised error, and only those.
  CHECK(query_text(db, "SELECT count(*) FROM calibration_observations WHERE fit_p50 IS NOT NULL") == "6");
  CHECK(query_text(db, "SELECT count(*) FROM calibration_observations WHERE use = 'fit' AND NOT "
                       "(fit_p05 <= fit_p50 AND fit_p50 <= fit_p95)") == "0");
  CHECK(query_text(db, "SELECT count(*) FROM calibration_input_files WHERE role = 'observations'") == "1");
  CHECK(query_text(db, "SELECT abs(sum(weight) - 1) < 1e-9 FROM calibration_particles WHERE generation = 2") == "1");
  CHECK(query_text(db, "SELECT count(DISTINCT name) FROM calibration_posterior WHERE name IN ('n0', 'c0', 'lambda0')") ==
        "3");
  CHECK(query_text(db, "SELECT count(*) FROM calibration_parameters WHERE in_kernel = 1") != "0");
  // The plan says 超1500家 (more than 1500 AI firms in 2021): no particle's
  // pre-sample may hand the forecast fewer (issue 14, item 6).
  CHECK(query_text(db, "SELECT count(*) FROM calibration_posterior WHERE name = 'n0'") == "60");
  CHECK(query_text(db, "SELECT min(value) >= 1500 FROM calibration_posterior WHERE name = 'n0'") == "1");
  CHECK(query_text(db, "SELECT posterior FROM experiments WHERE id = 2") == "1");

  r = run_cli("simulate --posterior 1 --runs 100 --no-per-run --threads 2", dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("parameters drawn from the posterior of calibration 1") != std::string::npos);
  CHECK(query_text(db, "SELECT posterior FROM experiments WHERE id = 3") == "1");
  // The starting stock comes from the pre-sample run, not the n0 prior U(1500, 1650).
  CHECK(query_text(db, "SELECT p05 < 1500 OR p95 > 1650 FROM indicator_summary WHERE experiment_id = 3 AND "
                  "indicator_id = 'firms' AND year = 2021") == "1");

  r = run_cli("revisions --target gd-2025-core-industry", dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("forecast history of target gd-2025-core-industry") != std::string::npos);
  CHECK(r.out.find("prior") != std::string::npos);
  CHECK(r.out.find("calibration 1") != std::string::npos);
  // The indicator id that solve and sensitivity accept names the same target here.
  const auto by_indicator = run_cli("revisions --target core_industry", dir.path());
  INFO(by_indicator.err);
  CHECK(by_indicator.exit_code == 0);
  CHECK(by_indicator.out == r.out);
  const auto unknown = run_cli("revisions --target core_industy", dir.path());
  CHECK(unknown.exit_code != 0);
  CHECK(unknown.err.find("no experiment in this file has the target or target indicator 'core_industy'") !=
        std::string::npos);

  dir.write("new.csv",
            "region,indicator,year,measure,value,relative_sd,source,quote\n"
            "guangdong,firms,2022,floor,1600,0.1,test figure,\n"
            // A figure no run can come near: revisions must say so.
            "guangdong,core_industry,2022,level,60000,0.05,test figure,\n");
  r = run_cli("calibrate --from 1 --observations new.csv" + kQuick + " --forecast-runs 100", dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(query_text(db, "SELECT parent_id FROM calibrations WHERE id = 2") == "1");
  CHECK(query_text(db, "SELECT count(*) FROM calibration_observations WHERE calibration_id = 2") == "11");
  r = run_cli("revisions --target gd-2025-core-industry", dir.path());
  CHECK(r.out.find("calibration 2") != std::string::npos);
  CHECK(r.out.find("figures not reproduced") != std::string::npos);
  CHECK(r.out.find("core_industry 2022 (") != std::string::npos);
  CHECK(r.out.find("could not reproduce the figures named") != std::string::npos);

  r = run_cli("calibrate --from 1" + kQuick, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--from refines a calibration with NEW observations") != std::string::npos);
  r = run_cli("simulate --posterior 99 --runs 10", dir.path());
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("there is no calibration 99") != std::string::npos);
}

TEST_CASE("backtest: calibrate before the cut, score the held-out figures", "[app][e2e][calibration]") {
  TempDir dir;
  const auto r = run_cli("backtest --cut 2020 --predictive-runs 200" + kQuick, dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("held-out observations (from 2020 on)") != std::string::npos);
  CHECK(r.out.find("coverage over 3 scored observations") != std::string::npos);
  const auto db = dir / "results.sqlite";
  CHECK(query_text(db, "SELECT purpose || ' ' || cut_year FROM calibrations") == "backtest 2020");
  CHECK(query_text(db, "SELECT count(*) FROM calibration_observations WHERE use = 'held_out'") == "5");
  CHECK(query_text(db, "SELECT count(*) FROM backtest_scores") == "5");
  CHECK(query_text(db, "SELECT count(*) FROM backtest_scores WHERE pit BETWEEN 0 AND 1 AND crps >= 0") == "3");
  CHECK(query_text(db, "SELECT count(*) FROM backtest_scores WHERE p_at_least BETWEEN 0 AND 1") == "2");
  CHECK(query_text(db, "SELECT count(*) FROM experiments") == "0");
}

TEST_CASE("backtest --all: a backtest at every cut the shipped figures allow, the track record in the report",
          "[app][e2e][calibration]") {
  TempDir dir;
  auto r = run_cli("backtest --all --predictive-runs 200" + kQuick, dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // Guangdong's figures are of 2017, 2018, 2020 and 2021: 2018 leaves nothing
  // to fit before it (2017 only starts the pre-sample), 2020 and 2021 do.
  CHECK(r.out.find("skipped cut 2018") != std::string::npos);
  CHECK(r.out.find("rolling-origin backtest written to results.sqlite (2 cuts)") != std::string::npos);
  CHECK(r.out.find("all ") != std::string::npos);
  const auto db = dir / "results.sqlite";
  CHECK(query_text(db, "SELECT group_concat(cut_year) FROM (SELECT cut_year FROM calibrations "
                       "WHERE purpose = 'backtest' AND status = 'complete' ORDER BY cut_year)") == "2020,2021");
  // Every held-out figure has a Brier score in [0, 1]: 5 at the 2020 cut, 3 at 2021.
  CHECK(query_text(db, "SELECT count(*) FROM backtest_scores WHERE brier BETWEEN 0 AND 1") == "8");
  CHECK(run_cli("backtest --predictive-runs 200" + kQuick, dir.path()).exit_code == 2);  // neither --cut nor --all

  // The report of a forecast of the same plan shows the track record.
  REQUIRE(run_cli("simulate --runs 50 --no-per-run --threads 2", dir.path()).exit_code == 0);
  REQUIRE(run_cli("report --format md --out r.md", dir.path()).exit_code == 0);
  const std::string md = targetcast::test::read_text(dir / "r.md");
  CHECK(md.find("How well has this model forecast before?") != std::string::npos);
  CHECK(md.find("| 2020 | 3 values + 2 lower bounds |") != std::string::npos);
  CHECK(md.find("| 2021 | 2 values + 1 lower bounds |") != std::string::npos);
}

TEST_CASE("on every shipped plan a figure observed after the base year pins the forecast near it",
          "[app][e2e][calibration][conditioned]") {
  // A hypothetical firm count one year after the base year, 30% above the
  // prior forecast's median (a test figure, not a published one), ±5%.
  struct Plan {
    const char* file;
    const char* region;
    int base_year;
  };
  for (const Plan& p : {Plan{"guangdong-ai-2025.toml", "guangdong", 2021}, Plan{"guangzhou-ai-2023.toml", "guangzhou", 2020},
                        Plan{"dongguan-ai.toml", "dongguan", 2019}, Plan{"guangxi-ai.toml", "guangxi", 2020}}) {
    INFO(p.file);
    TempDir dir;
    const std::string plan = " --baseline " + (targetcast::test::source_dir() / "seeds" / p.file).string();
    const int year = p.base_year + 1;
    REQUIRE(run_cli("simulate --runs 200 --no-per-run --threads 2" + plan, dir.path()).exit_code == 0);
    const auto db = dir / "results.sqlite";
    const std::string at_year = " FROM indicator_summary WHERE indicator_id = 'firms' AND year = " +
                                std::to_string(year);
    const double figure = 1.3 * std::stod(query_text(db, "SELECT p50" + at_year + " AND experiment_id = 1"));
    dir.write("new.csv", "region,indicator,year,value,relative_sd,source,quote\n" + std::string(p.region) + ",firms," +
                             std::to_string(year) + "," + std::to_string(figure) + ",0.05,test figure,\n");
    const auto r = run_cli("calibrate --observations new.csv --particles 100 --generations 8 --min-acceptance 0.01 "
                           "--forecast-runs 1000 --threads 2" + plan,
                           dir.path());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("each run continues one of the simulations calibration 1 accepted, unchanged up to " +
                     std::to_string(year)) != std::string::npos);
    CHECK(query_text(db, "SELECT posterior_paths || ' ' || paths_through_year FROM experiments WHERE id = 2") ==
          "continued " + std::to_string(year));
    // The forecast's 90% band of that year holds the figure within ±15% (the
    // accepted paths are within about 1 stated sd, 5%, of it).
    const double p05 = std::stod(query_text(db, "SELECT p05" + at_year + " AND experiment_id = 2"));
    const double p95 = std::stod(query_text(db, "SELECT p95" + at_year + " AND experiment_id = 2"));
    CHECK(p05 <= figure);
    CHECK(p95 >= figure);
    CHECK(p05 >= 0.85 * figure);
    CHECK(p95 <= 1.15 * figure);
  }
}

TEST_CASE("bad observation files are refused before anything is written", "[app][e2e][calibration]") {
  TempDir dir;
  dir.write("bad.csv",
            "region,indicator,year,measure,value,relative_sd,source,quote\n"
            "guangdong,unicorns,2021,level,3,0.1,test,\n"
            "guangdong,firms,2031,level,3,0.1,test,\n"
            "guangdong,firms,2022,level,-3,0.1,test,\n");
  auto r = run_cli("calibrate --observations bad.csv" + kQuick, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("bad.csv:4: value: must be a number > 0") != std::string::npos);
  // The checks against the plan run in the same pass, on the rows that did read.
  CHECK(r.err.find("bad.csv:2: indicator: unknown indicator 'unicorns'") != std::string::npos);
  CHECK(r.err.find("bad.csv:3: year: 2031 is after the model's horizon 2030") != std::string::npos);
  dir.write("bad.csv",
            "region,indicator,year,measure,value,relative_sd,source,quote\n"
            "guangdong,unicorns,2021,level,3,0.1,test,\n"
            "guangdong,core_industy,2022,level,3,0.1,test,\n"
            "guangdong,firms,2031,level,3,0.1,test,\n");
  r = run_cli("calibrate --observations bad.csv" + kQuick, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("bad.csv:2: indicator: unknown indicator 'unicorns'") != std::string::npos);
  CHECK(r.err.find("bad.csv:3: indicator: unknown indicator 'core_industy'; did you mean 'core_industry'?") !=
        std::string::npos);
  CHECK(r.err.find("bad.csv:4: year: 2031 is after the model's horizon 2030") != std::string::npos);
  dir.write("dup.csv",
            "region,indicator,year,value,relative_sd,source,quote\n"
            "guangdong,firms,2021,1500,0.1,test,\n");
  r = run_cli("calibrate --observations dup.csv --observations dup.csv" + kQuick, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("duplicate row") != std::string::npos);
  dir.write("nocol.csv", "region,indicator,year,value,source,quote\n");
  r = run_cli("calibrate --observations nocol.csv" + kQuick, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("nocol.csv:1: relative_sd: missing column") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "results.sqlite"));
}

TEST_CASE("the same seed gives the same posterior with 1 thread and with 2", "[app][e2e][calibration][reproducible]") {
  TempDir dir;
  const std::string quick = " --particles 40 --generations 3 --forecast-runs 0 --rng-seed 9";
  REQUIRE(run_cli("calibrate --threads 1 --db one.sqlite" + quick, dir.path()).exit_code == 0);
  REQUIRE(run_cli("calibrate --threads 2 --db two.sqlite" + quick, dir.path()).exit_code == 0);
  const std::string sql =
      "SELECT group_concat(name || ':' || particle || '=' || printf('%.17g', value) || '@' || printf('%.17g', weight), "
      "';') FROM (SELECT * FROM calibration_posterior ORDER BY name, particle)";
  const std::string one = query_text(dir / "one.sqlite", sql);
  CHECK(one.size() > 1000);
  CHECK(one == query_text(dir / "two.sqlite", sql));
}

TEST_CASE("the report of an experiment drawn from a posterior shows prior vs posterior", "[app][e2e][calibration]") {
  TempDir dir;
  const auto cal = run_cli("calibrate --particles 40 --generations 2 --forecast-runs 50", dir.path());
  INFO(cal.err);
  REQUIRE(cal.exit_code == 0);
  const auto report = run_cli("report --format md --out report.md", dir.path());
  INFO(report.err);
  REQUIRE(report.exit_code == 0);
  const std::string md = targetcast::test::read_text(dir / "report.md");
  CHECK(md.find("| parameter | prior | posterior: median") != std::string::npos);
  // The summary at the top says which calibration the odds come from (issue 16, item 13).
  CHECK(md.find("These odds are drawn from calibration 1, fitted to ") < md.find("## Targets at a glance"));
  // c0 is informed by the 2017 figure through the pre-sample run: its row
  // carries a posterior median and 5-95% range beside the prior.
  const std::string prefix = "| core AI industry in the base year | LogNormal(700, 0.4) | ";
  const auto row = md.find(prefix);
  REQUIRE(row != std::string::npos);
  const auto start = row + prefix.size();
  const std::string cell = md.substr(start, md.find(" |", start) - start);
  CHECK(cell.find("\\[") != std::string::npos);
  CHECK(cell.find("–") != std::string::npos);  // the same en dash as every range of the report
}
