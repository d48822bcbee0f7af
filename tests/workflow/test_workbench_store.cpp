// A what-if kept from the workbench (issue 15): saved as the next free
// scenario file and run as an experiment — the baseline, then the what-if,
// with the workbench's seed and runs — whose numbers are the ones the page
// showed, and which `targetcast report` reports.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <atomic>
#include <string>

#include "model/spec_error.h"
#include "report/report_options.h"
#include "store/store_error.h"
#include "cli.h"
#include "sqlite_query.h"
#include "workflow/report.h"
#include "workflow/workbench.h"

using namespace targetcast;
using test::TempDir;

namespace {

const std::string kFunding =
    "format = 1\n[scenario]\nid = \"what-if\"\ntitle = { zh = \"试\", en = \"test\" }\n"
    "[[lever]]\nname = \"funding_multiplier\"\nfrom = 2023\nvalue = 2.0\n"
    "[[shock]]\nrule = \"growth\"\nfrom = 2024\nto = 2025\nvalue = -0.1\n"
    "[prior.mu_g]\ndist = \"normal\"\nmean = 0.15\nsd = 0.12\nbasis = \"assumption\"\nnote = \"workbench\"\n";

workflow::WorkbenchOptions options(const TempDir& dir) {
  workflow::WorkbenchOptions o;
  o.runs = 300;
  o.threads = 2;
  o.db_path = (dir / "results.sqlite").string();
  return o;
}

}  // namespace

TEST_CASE("a stored what-if is an experiment with the numbers the page showed", "[workflow][workbench]") {
  const TempDir dir;
  const workflow::Workbench bench(options(dir));
  const workflow::WhatIf shown = bench.run(kFunding);
  const workflow::StoredWhatIf stored = bench.store(kFunding, dir.path());

  CHECK(stored.scenario_file == dir / "what-if-1.toml");
  CHECK(test::read_text(stored.scenario_file) == kFunding);
  const auto db = dir / "results.sqlite";
  const std::string id = std::to_string(stored.experiment_id);
  CHECK(test::query_text(db, "SELECT status FROM experiments WHERE id = " + id) == "complete");
  CHECK(test::query_int(db, "SELECT runs FROM scenarios WHERE scenario_index = 1 AND experiment_id = " + id) == 300);
  CHECK(test::query_column(db, "SELECT scenario_id FROM scenarios WHERE experiment_id = " + id +
                                   " ORDER BY scenario_index") ==
        std::vector<std::string>{"baseline", "what-if"});
  // Run for run the same simulation: every P(met) equal to the page's, to the bit.
  for (std::size_t t = 0; t < bench.baseline().targets.size(); ++t) {
    const std::string target = bench.baseline().targets[t].spec.id;
    INFO(target);
    const std::string where = " FROM target_results WHERE experiment_id = " + id + " AND target_id = '" + target + "'";
    // 17 digits: the literal reads back as the very same double.
    CHECK(test::query_int(db, fmt::format("SELECT probability = {:.17g}", shown.results.targets[t].probability) +
                                  where + " AND scenario_id = 'what-if'") == 1);
    CHECK(test::query_int(db, fmt::format("SELECT probability = {:.17g}", bench.baseline_results().targets[t].probability) +
                                  where + " AND scenario_id = 'baseline'") == 1);
  }
  // The saved file is valid on its own, and the report of the experiment names the what-if.
  report::ReportOptions o;
  o.lang = "zh";
  const std::string html = workflow::render_report_of(db.string(), stored.experiment_id, o);
  CHECK(html.find("<!DOCTYPE html>") == 0);
  CHECK(html.find("what-if-1.toml") != std::string::npos);
  // The next one never overwrites.
  CHECK(bench.store(kFunding, dir.path()).scenario_file == dir / "what-if-2.toml");
}

TEST_CASE("a what-if that is not valid is neither saved nor stored", "[workflow][workbench]") {
  const TempDir dir;
  const workflow::Workbench bench(options(dir));
  CHECK_THROWS_AS(bench.store("format = 1\n[scenario]\nid = \"x\"\n[[lever]]\nname = \"funding\"\n", dir.path()),
                  model::SpecError);
  CHECK_FALSE(std::filesystem::exists(dir / "what-if-1.toml"));
  CHECK_FALSE(std::filesystem::exists(dir / "results.sqlite"));
}

TEST_CASE("a stored what-if stopped by a signal is marked interrupted", "[workflow][workbench]") {
  const TempDir dir;
  const workflow::Workbench bench(options(dir));
  const std::atomic<bool> stop{true};
  CHECK_THROWS_AS(bench.store(kFunding, dir.path(), &stop), model::Interrupted);
  CHECK(test::query_text(dir / "results.sqlite", "SELECT status FROM experiments") == "interrupted");
}

TEST_CASE("a database that cannot take the what-if is a store error, not a crash", "[workflow][workbench]") {
  const TempDir dir;
  workflow::WorkbenchOptions o = options(dir);
  o.db_path = (dir / "no-such-folder" / "results.sqlite").string();
  const workflow::Workbench bench(o);
  CHECK_THROWS_AS(bench.store(kFunding, dir.path()), store::StoreError);
}
