// End-to-end: `targetcast sensitivity` and `targetcast solve` on the shipped
// Guangdong plan with tiny sample sizes: they print, store their tables, and
// the report shows them; bad options exit 2 before anything is simulated.
#include <catch2/catch.hpp>
#include <string>

#include "cli.h"
#include "sqlite_query.h"

using targetcast::test::query_int;
using targetcast::test::query_text;
using targetcast::test::run_cli;
using targetcast::test::TempDir;

TEST_CASE("sensitivity and solve run on the Guangdong plan, store their results and show in the report",
          "[app][sensitivity]") {
  TempDir dir;
  const auto sensitivity =
      run_cli("sensitivity --db s.sqlite --threads 2 --samples 8 --bootstrap 20 --tornado-runs 3 "
              "--target leading_firms --lever funding_multiplier:0.5:2:2023 --lever new_parks:0:4",
              dir.path());
  INFO(sensitivity.out << sensitivity.err);
  REQUIRE(sensitivity.exit_code == 0);
  CHECK(sensitivity.out.find("Sobol indices, gd-2025-leading-firms") != std::string::npos);
  CHECK(sensitivity.out.find("Tornado, gd-2025-leading-firms") != std::string::npos);
  CHECK(sensitivity.out.find("(assumption)") != std::string::npos);
  // The tornado says what its centre is and gives simulate's headline beside it.
  CHECK(sensitivity.out.find("centre (one world: every parameter at its prior median, funding_multiplier_from_2023 "
                             "at 1, new_parks_2023 at 0)") != std::string::npos);
  CHECK(sensitivity.out.find("the same runs with the parameters drawn from their priors, as simulate draws them") !=
        std::string::npos);
  const auto db = dir / "s.sqlite";
  CHECK(query_int(db, "SELECT count(*) FROM sensitivity_analyses") == 2);
  // Inputs: the uncertain parameters, the two levers, the intrinsic randomness.
  CHECK(query_text(db, "SELECT kind FROM sensitivity_inputs WHERE analysis_id = 1 ORDER BY input_index DESC") ==
        "intrinsic");
  CHECK(query_int(db, "SELECT count(*) FROM sensitivity_inputs WHERE analysis_id = 1 AND kind = 'lever'") == 2);
  const long long inputs = query_int(db, "SELECT count(*) FROM sensitivity_inputs WHERE analysis_id = 1");
  CHECK(query_int(db, "SELECT evaluations FROM sensitivity_analyses WHERE id = 1") == 8 * (inputs + 2));
  // Every target and the joint outcome ('*'), both outputs for targets, 'met' only for the joint.
  const long long targets = query_int(db, "SELECT count(DISTINCT target_id) FROM sensitivity_indices");
  CHECK(targets > 5);
  CHECK(query_int(db, "SELECT count(*) FROM sensitivity_indices WHERE target_id = '*' AND output = 'met'") == inputs);
  CHECK(query_int(db, "SELECT count(*) FROM tornado_bars WHERE analysis_id = 2") == targets * (inputs - 1));
  CHECK(query_int(db, "SELECT count(*) FROM tornado_bars WHERE analysis_id = 2 AND input_index IN (SELECT input_index "
                      "FROM sensitivity_inputs WHERE analysis_id = 2 AND name = 'funding_multiplier_from_2023') AND "
                      "input_low = 0.5 AND input_high = 2") == targets);

  const auto solve = run_cli("solve --db s.sqlite --threads 2 --target gd-2025-leading-firms --probability 0.99 "
                             "--lever new_parks --range 0 2 --runs 20 --confirm-runs 30",
                             dir.path());
  INFO(solve.out << solve.err);
  REQUIRE(solve.exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM lever_solves") == 1);
  CHECK(query_int(db, "SELECT confirmation_runs FROM lever_solves") == 30);
  CHECK(query_int(db, "SELECT count(*) FROM lever_solve_steps") >= 1);
  if (query_int(db, "SELECT reached FROM lever_solves") == 0) {
    CHECK(solve.out.find("NO value in [0, 2] reaches 99%") != std::string::npos);
  }

  const auto simulate = run_cli("simulate --db s.sqlite --runs 20 --threads 2 --no-per-run --report r.md", dir.path());
  REQUIRE(simulate.exit_code == 0);
  const std::string md = targetcast::test::read_text(dir / "r.md");
  CHECK(md.find("## What drives the odds") != std::string::npos);
  CHECK(md.find("this result rests on an assumption") != std::string::npos);
  CHECK(md.find("Lever needed for a required P(met)") != std::string::npos);
  CHECK(md.find("every other input at the centre: one world") != std::string::npos);
  REQUIRE(run_cli("report --db s.sqlite --out r.html", dir.path()).exit_code == 0);
  const std::string html = targetcast::test::read_text(dir / "r.html");
  CHECK(html.find("Centre (one world, every parameter at its prior median): P(met) ") != std::string::npos);
  CHECK(html.find("headline (averaged over the priors): ") != std::string::npos);
}

TEST_CASE("sensitivity and solve refuse bad options with exit 2 and write nothing", "[app][sensitivity]") {
  TempDir dir;
  CHECK(run_cli("sensitivity --db s.sqlite --lever bogus:1:2", dir.path()).exit_code == 2);
  CHECK(run_cli("sensitivity --db s.sqlite --lever funding_multiplier:2:1", dir.path()).exit_code == 2);
  CHECK(run_cli("sensitivity --db s.sqlite --target no-such-target", dir.path()).exit_code == 2);
  CHECK(run_cli("solve --db s.sqlite --probability 0.8", dir.path()).exit_code == 2);
  CHECK(run_cli("solve --db s.sqlite --target leading_firms --probability 0.8 --lever new_parks --range 0 2.5",
                dir.path())
            .exit_code == 2);
  CHECK(run_cli("solve --db s.sqlite --target leading_firms --probability 0.8 --from 2040", dir.path()).exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(dir / "s.sqlite"));
}

TEST_CASE("solve states a funding multiplier in money, and the report says when a value is not confirmed",
          "[app][sensitivity]") {
  TempDir dir;
  const auto solve = run_cli("solve --db s.sqlite --threads 2 --target gd-2025-leading-firms --probability 0.1 "
                             "--range 1 3 --runs 20 --confirm-runs 30",
                             dir.path());
  INFO(solve.out << solve.err);
  REQUIRE(solve.exit_code == 0);
  // The Guangdong baseline funds 1.8亿元 a year (2018–2020 programmes); 2023–2025 up to the deadline.
  CHECK(solve.out.find("× the scenario's provincial funding in 2023–2025") != std::string::npos);
  CHECK(solve.out.find("2024   1.8") != std::string::npos);
  CHECK(solve.out.find("total  5.4") != std::string::npos);
  const auto db = dir / "s.sqlite";
  CHECK(query_text(db, "SELECT printf('%.1f', scenario_funding_yi) FROM lever_solves") == "5.4");
  CHECK(query_int(db, "SELECT last_year FROM lever_solves") == 2025);
  CHECK(query_int(db, "SELECT count(*) FROM lever_solve_steps WHERE round IS NULL OR seed IS NULL") == 0);
  REQUIRE(query_int(db, "SELECT reached FROM lever_solves") == 1);

  // A value whose confirmation fell short after every round: the report must not show it as the answer.
  targetcast::test::execute_sql(db, "UPDATE lever_solves SET confirmed = 0, value = 1.5, "
                                    "confirmation_probability = 0.1, confirmation_ci_low = 0.02, "
                                    "confirmation_ci_high = 0.15");
  REQUIRE(run_cli("simulate --db s.sqlite --runs 20 --threads 2 --no-per-run --report r.md", dir.path()).exit_code == 0);
  const std::string md = targetcast::test::read_text(dir / "r.md");
  INFO(md);
  CHECK(md.find("above 1.5 (not confirmed)") != std::string::npos);
  CHECK(md.find("more than 0.81 billion yuan of provincial funding in 2023–2025 (0.27 billion a year on average), "
                "against the scenario's 0.54 billion (+0.27 billion)") != std::string::npos);
  REQUIRE(run_cli("report --db s.sqlite --lang zh --out r-zh.md", dir.path()).exit_code == 0);
  const std::string zh = targetcast::test::read_text(dir / "r-zh.md");
  CHECK(zh.find("高于 1.5(未能验证)") != std::string::npos);
  CHECK(zh.find("超过2023–2025年省级资金共8.1亿元(年均2.7亿元),情景原为5.4亿元(+2.7亿元)") != std::string::npos);
}
