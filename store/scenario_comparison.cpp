#include "store/scenario_comparison.h"

#include <fmt/format.h>

#include <filesystem>
#include <limits>
#include <map>

namespace targetcast::store {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Position of each scenario and target in the outcome arrays.
struct Layout {
  std::map<std::string, std::size_t, std::less<>> scenario;
  std::map<std::string, std::size_t, std::less<>> target;
  std::uint64_t runs = 0;

  // The slot of one per-run row; StoreError for a row that fits no slot.
  std::pair<std::size_t, std::size_t> slot(const Store& store, const StoreRow& row, std::int64_t run) const {
    const auto s = scenario.find(row.text(0));
    const auto t = target.find(row.text(1));
    if (s == scenario.end() || t == target.end() || run < 0 || static_cast<std::uint64_t>(run) >= runs) {
      throw StoreError(store.path(), fmt::format("a per-run row (scenario '{}', target '{}', run {}) belongs to no "
                                                 "scenario, target or run of the experiment: the file is damaged.",
                                                 row.text(0), row.text(1), run));
    }
    return {s->second, t->second};
  }
};

void require_rows(const Store& store, std::int64_t experiment_id, const char* table, std::uint64_t found,
                  std::uint64_t expected) {
  if (found != expected) {
    throw StoreError(store.path(), fmt::format("experiment {} has {} rows in {} where its scenarios, targets and "
                                               "runs call for {}: its per-run rows are incomplete.",
                                               experiment_id, found, table, expected));
  }
}

// The indicator at each target's deadline, picked out of each run's stored
// trajectory (json_extract reads the number back to the identical double).
// CROSS JOIN fixes the loop order (targets, scenarios, then run_trajectories
// sought by its key prefix experiment, scenario, indicator): left to itself
// SQLite scans the whole experiment's trajectories. A deadline outside a
// trajectory gives no row, as a missing year did.
void read_values_at_deadlines(const Store& store, std::int64_t experiment_id, const Layout& layout,
                              std::vector<analysis::ScenarioOutcomes>& out, std::uint64_t expected) {
  std::uint64_t rows = 0;
  store.select_rows(R"sql(
      SELECT scenario_id, target_id, run, json_extract(trajectory, at) FROM (
        SELECT s.scenario_id, t.target_id, rt.run, rt.trajectory,
               CASE WHEN t.deadline >= rt.first_year THEN '$[' || (t.deadline - rt.first_year) || ']' END AS at
        FROM targets AS t CROSS JOIN scenarios AS s CROSS JOIN run_trajectories AS rt
        WHERE t.experiment_id = ?1 AND s.experiment_id = t.experiment_id AND rt.experiment_id = t.experiment_id
          AND rt.scenario_id = s.scenario_id AND rt.indicator_id = t.indicator_id)
      WHERE json_type(trajectory, at) IS NOT NULL)sql",
                    experiment_id, [&](const StoreRow& row) {
                      const std::int64_t run = row.integer(2);
                      const auto [s, t] = layout.slot(store, row, run);
                      out[s].targets[t].value[static_cast<std::size_t>(run)] = row.real(3);
                      ++rows;
                    });
  require_rows(store, experiment_id, "run_trajectories (at the targets' deadlines)", rows, expected);
}

}  // namespace

std::vector<analysis::ScenarioOutcomes> read_outcomes(const Store& store, std::int64_t experiment_id) {
  const auto experiment = store.experiment(experiment_id);
  if (!experiment) {
    throw StoreError(store.path(), fmt::format("there is no experiment {} in this file (`targetcast experiments "
                                               "--db {}` lists them).",
                                               experiment_id, store.path()));
  }
  if (experiment->status != "complete") {
    throw StoreError(store.path(), fmt::format("experiment {} is '{}': only a complete experiment can be "
                                               "compared (the rows of any other may be partial).",
                                               experiment_id, experiment->status));
  }

  std::vector<analysis::ScenarioOutcomes> out;
  Layout layout;
  layout.runs = experiment->runs;
  store.select_rows("SELECT scenario_id, per_run FROM scenarios WHERE experiment_id = ?1 ORDER BY scenario_index",
                    experiment_id, [&](const StoreRow& row) {
                      if (row.integer(1) == 0) {
                        throw StoreError(
                            store.path(),
                            fmt::format("scenario '{}' of experiment {} was run with --no-per-run, so its per-run "
                                        "outcomes were not stored and cannot be paired. simulate stored its "
                                        "comparisons in the table comparisons when it ran; or run it again "
                                        "without --no-per-run.",
                                        row.text(0), experiment_id));
                      }
                      layout.scenario.emplace(row.text(0), out.size());
                      out.push_back(analysis::ScenarioOutcomes{row.text(0), {}});
                    });
  if (out.size() < 2) {
    throw StoreError(store.path(),
                     fmt::format("experiment {} has {} scenario{}; a comparison needs two or more (run "
                                 "`targetcast simulate` with several --scenario files, the reference first).",
                                 experiment_id, out.size(), out.size() == 1 ? "" : "s"));
  }

  std::vector<analysis::TargetOutcomes> targets;
  store.select_rows(
      "SELECT target_id, indicator_id FROM targets WHERE experiment_id = ?1 ORDER BY target_index", experiment_id,
      [&](const StoreRow& row) {
        layout.target.emplace(row.text(0), targets.size());
        targets.push_back(analysis::TargetOutcomes{row.text(0), row.text(1), std::vector<std::uint8_t>(layout.runs, 0),
                                                   std::vector<double>(layout.runs, kNaN)});
      });
  for (analysis::ScenarioOutcomes& s : out) s.targets = targets;
  const std::uint64_t expected = out.size() * targets.size() * layout.runs;

  std::uint64_t rows = 0;
  store.select_rows("SELECT scenario_id, target_id, run, met FROM run_targets WHERE experiment_id = ?1", experiment_id,
                    [&](const StoreRow& row) {
                      const std::int64_t run = row.integer(2);
                      const auto [s, t] = layout.slot(store, row, run);
                      out[s].targets[t].met[static_cast<std::size_t>(run)] = row.integer(3) != 0 ? 1 : 0;
                      ++rows;
                    });
  require_rows(store, experiment_id, "run_targets", rows, expected);

  read_values_at_deadlines(store, experiment_id, layout, out, expected);
  return out;
}

std::vector<analysis::ScenarioComparison> compare_stored_experiment(const std::string& db_path,
                                                                    std::int64_t experiment_id) {
  // Opening for writing would create a missing file: say it is missing instead.
  std::error_code ec;
  if (!std::filesystem::exists(db_path, ec)) {
    throw StoreError(db_path, "no such file: give the results database that holds the experiment (--db).");
  }
  Store store = Store::open(db_path);
  const std::vector<analysis::ScenarioOutcomes> outcomes = read_outcomes(store, experiment_id);
  std::vector<analysis::ScenarioComparison> comparisons = analysis::compare_with_first(outcomes);
  store.write_comparisons(experiment_id, comparisons);
  return comparisons;
}

}  // namespace targetcast::store
