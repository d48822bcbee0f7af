// End-to-end numerical robustness: the Guangdong plan run with priors pushed
// to the edges that overflow or empty the model — explosive growth, certain
// exit, no firms, no parks, absurd money — must store no NaN and no infinity
// anywhere (docs/model.md "Numerical guards" lists the rules; the store writes
// NaN as NULL, so a NULL in a number column that is never optional would be
// one). tests/model/test_monte_carlo.cpp checks the same on a hand-made model.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli.h"
#include "sqlite_query.h"

using targetcast::test::query_column;
using targetcast::test::query_int;
using targetcast::test::run_cli;
using targetcast::test::TempDir;

namespace {

struct Extreme {
  std::string id;
  std::string priors;  // [prior.*] tables of the scenario
};

std::string fixed(const std::string& name, const std::string& value) {
  return "[prior." + name + "]\ndist = \"fixed\"\nvalue = " + value + "\nbasis = \"assumption\"\nnote = \"Extreme.\"\n\n";
}

// A scenario of `plan` replacing the priors of `e`.
std::string scenario(const Extreme& e, const std::string& plan) {
  return "format = 1\n\n[scenario]\nid = \"" + e.id + "\"\ntitle = { zh = \"" + e.id + "\", en = \"" + e.id +
         "\" }\nbaseline = \"" + plan + "\"\n\n" + e.priors;
}

}  // namespace

TEST_CASE("extreme priors never put NaN or infinity into the database", "[app][robustness]") {
  TempDir dir;
  // The Guangdong plan, and a copy of it with no parks at all.
  const std::string plan = (targetcast::test::source_dir() / "seeds" / "guangdong-ai-2025.toml").string();
  std::string no_parks = targetcast::test::read_text(plan);
  const auto at = no_parks.find("value = 11\nbound = \"exact\"");
  REQUIRE(at != std::string::npos);
  no_parks.replace(at, 10, "value = 0");
  dir.write("priors.toml", targetcast::test::read_text(targetcast::test::source_dir() / "seeds" / "priors.toml"));
  const std::string no_parks_plan = dir.write("no-parks.toml", no_parks).string();

  // Entry is switched off (lambda0 = 0) where it is not the point: these
  // priors also make entry explode to millions of firms (measured: ~7·10^6 by
  // 2030, a minute for 12 runs), which the model test covers on a tiny model.
  const std::string no_entry = fixed("lambda0", "0");
  const std::vector<Extreme> extremes = {
      // Every firm grows e^5 ≈ 150-fold a year with the widest shocks allowed.
      {"huge-growth", fixed("mu_g", "5") + fixed("sigma_g", "3") + fixed("sigma_max", "10") + fixed("shock_max", "40") +
                          fixed("nu_t", "2.001") + fixed("kappa", "3") + fixed("gamma_park", "5") + no_entry},
      // Every firm shrinks e^-5-fold a year.
      {"huge-decline", fixed("mu_g", "-5") + fixed("sigma_g", "3") + fixed("sigma_max", "10")},
      // Every firm exits in the first year and none enters: an empty region.
      {"huge-exit", fixed("h0", "1") + fixed("h_max", "1") + fixed("zeta", "0") + no_entry},
      // No firms to begin with (n0 must be > 0: 0.4 rounds to none), no entry,
      // next to no revenue.
      {"zero-firms", fixed("n0", "0.4") + fixed("c0", "1e-300") + no_entry},
      // A core industry at the edge of a double, and one at its smallest.
      {"huge-revenue", fixed("c0", "1e300") + fixed("sigma0", "50")},
      {"tiny-revenue", fixed("c0", "1e-300") + fixed("sigma0", "50") + no_entry},
      // Funding that buys a fortune and allocates it to the largest firm only.
      {"huge-funding", fixed("roi", "1e12") + fixed("alpha_alloc", "50") + fixed("lambda_soc", "1e6") + no_entry},
      // Parks full from the start, entry pushed by them.
      {"crowded-parks", fixed("park_capacity", "1") + fixed("beta_park", "50")},
  };
  std::string arguments = "simulate --runs 12 --threads 2";
  for (const Extreme& e : extremes) {
    arguments += " --scenario '" + dir.write(e.id + ".toml", scenario(e, plan)).string() + "'";
  }
  const auto r = run_cli(arguments, dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // Separately: the plan without parks (one plan per experiment).
  const auto parks = run_cli("simulate --runs 12 --threads 2 --baseline '" + no_parks_plan + "'", dir.path());
  INFO(parks.err);
  REQUIRE(parks.exit_code == 0);

  const auto db = dir / "results.sqlite";
  CHECK(query_int(db, "SELECT count(*) FROM experiments WHERE status = 'complete'") == 2);
  CHECK(query_int(db, "SELECT count(*) FROM scenarios") == static_cast<long long>(extremes.size()) + 1);
  // Every number column that always has a value: no NULL (a NaN), no ±inf.
  const std::vector<std::pair<std::string, std::string>> columns = {
      {"run_indicators", "value"},    {"run_parameters", "value"},    {"indicator_summary", "mean"},
      {"indicator_summary", "p05"},   {"indicator_summary", "p50"},   {"indicator_summary", "p95"},
      {"target_results", "probability"}, {"target_results", "ci_low"}, {"target_results", "ci_high"},
      {"target_results", "deadline_mean"}, {"target_results", "deadline_p50"}, {"joint_results", "probability"},
      {"comparisons", "difference"},  {"comparisons", "indicator_difference_mean"}};
  for (const auto& [table, column] : columns) {
    INFO(table << "." << column);
    CHECK(query_int(db, "SELECT count(*) FROM " + table) > 0);
    CHECK(query_int(db, "SELECT count(*) FROM " + table + " WHERE " + column + " IS NULL OR abs(" + column +
                            ") > 1.7976931348623157e308") == 0);
  }
  // The rules of docs/model.md "Numerical guards": an emptied region stays at
  // zero firms and zero revenue.
  for (const std::string id : {"huge-exit", "zero-firms"}) {
    INFO(id);
    CHECK(query_column(db, "SELECT DISTINCT value FROM run_indicators WHERE scenario_id = '" + id +
                               "' AND indicator_id IN ('firms', 'core_industry') AND year = 2030") ==
          std::vector<std::string>{"0.0"});
  }
}
