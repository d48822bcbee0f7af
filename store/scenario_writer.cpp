// One scenario's results in the results store (Store::write_scenario): one
// function per table written. Tables: docs/schema.md.
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "model/distribution.h"
#include "model/monte_carlo.h"
#include "model/plan.h"
#include "model/provenance.h"
#include "store/sqlite_statement.h"
#include "store/store.h"
#include "store/trajectory_json.h"

namespace targetcast::store {
namespace {

using sqlite::Statement;
using sqlite::Transaction;

// Rows per transaction for the per-run tables. Large enough that the commit
// cost vanishes (measured: 50k–250k rows give the same rate), small enough that
// the WAL file stays near 10 MB instead of growing to the size of a whole
// scenario before the next checkpoint.
constexpr std::size_t kRowsPerTransaction = 100'000;

// Rows per multi-row INSERT in the per-run tables. Executing one statement per
// row spends most of the time in SQLite's per-statement work; 64 rows per
// statement cut the CPU time of a 1.5M-row scenario by about 40% (measured; the
// gain levels off from about 10 rows).
constexpr std::size_t kRowsPerStatement = 64;

// "INSERT INTO t (a, b) VALUES (?, ?), (?, ?), ..." with `rows` rows.
std::string multi_row_insert(std::string_view head, int columns, std::size_t rows) {
  std::string row = "(";
  for (int c = 0; c < columns; ++c) row += c == 0 ? "?" : ", ?";
  row += ")";
  std::string sql(head);
  sql += " VALUES ";
  for (std::size_t r = 0; r < rows; ++r) {
    if (r > 0) sql += ", ";
    sql += row;
  }
  return sql;
}

// Inserts rows 0 .. count−1, kRowsPerStatement at a time with `many` and the
// rest one by one with `one`. bind_row(statement, first parameter, row) binds
// one row's `columns` values; written(n) is told of every n rows inserted.
template <typename BindRow, typename Written>
void insert_rows(Statement& many, Statement& one, std::size_t count, int columns, BindRow&& bind_row,
                 Written&& written) {
  std::size_t row = 0;
  while (count - row >= kRowsPerStatement) {
    for (std::size_t i = 0; i < kRowsPerStatement; ++i, ++row) {
      bind_row(many, static_cast<int>(i) * columns + 1, row);
    }
    many.run();
    written(kRowsPerStatement);
  }
  for (; row < count; ++row) {
    bind_row(one, 1, row);
    one.run();
    written(std::size_t{1});
  }
}

// Indices 0 .. n−1 ordered by key(i) (byte order, as SQLite's BINARY collation).
template <typename Key>
std::vector<std::size_t> sorted_order(std::size_t n, Key&& key) {
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  return order;
}

void check_sizes(const model::CompiledModel& model, const model::ScenarioResults& results, bool per_run,
                 std::string_view scenario_id) {
  const auto mismatch = [&](std::string_view what, auto got, auto expected) {
    throw std::invalid_argument(fmt::format("write_scenario({}): {} is {} but the compiled model implies {}",
                                            scenario_id, what, got, expected));
  };
  if (results.indicators != model.indicators.size()) {
    mismatch("results.indicators", results.indicators, model.indicators.size());
  }
  if (results.parameters != model.parameters.size()) {
    mismatch("results.parameters", results.parameters, model.parameters.size());
  }
  if (results.years != model.year_count()) mismatch("results.years", results.years, model.year_count());
  if (results.targets.size() != model.targets.size()) {
    mismatch("results.targets.size()", results.targets.size(), model.targets.size());
  }
  for (const auto& t : results.targets) {
    if (t.target >= model.targets.size()) mismatch("a target index", t.target, model.targets.size());
  }
  for (const auto& s : results.indicator_summaries) {
    if (s.indicator >= model.indicators.size()) {
      mismatch("an indicator_summaries index", s.indicator, model.indicators.size());
    }
  }
  for (const auto& t : model.targets) {
    if (t.indicator >= model.indicators.size()) {
      mismatch("a target's indicator index", t.indicator, model.indicators.size());
    }
  }
  if (results.base_year != model.base_year) {
    mismatch("results.base_year", results.base_year, model.base_year);
  }
  if (!per_run) return;
  if (results.theta.size() != results.runs * results.parameters) {
    mismatch("results.theta.size()", results.theta.size(), results.runs * results.parameters);
  }
  if (results.values.size() != results.runs * results.years * results.indicators) {
    mismatch("results.values.size()", results.values.size(), results.runs * results.years * results.indicators);
  }
  if (!results.target_met.empty() && results.target_met.size() != results.runs * model.targets.size()) {
    mismatch("results.target_met.size()", results.target_met.size(), results.runs * model.targets.size());
  }
}

// What every table of one scenario is written with.
struct ScenarioRows {
  sqlite3* db;
  const std::string& path;
  std::int64_t experiment_id;
  std::string_view scenario_id;  // bound with bind_static: outlives every statement
  const model::CompiledModel& model;
  const model::ScenarioResults& results;
  std::uint32_t first_run = 0;  // results' run 0 is this run of the scenario (a block of a streamed one)
};

// The scenario's place in the experiment (0 for the first); refuses a
// scenario compiled for another plan or already written.
std::int64_t next_scenario_index(const ScenarioRows& w) {
  {
    Statement plan(w.db, w.path, "SELECT plan_id FROM experiments WHERE id = ?1");
    plan.bind(1, w.experiment_id);
    if (plan.step() && !plan.text(0).empty() && plan.text(0) != w.model.plan.id) {
      throw std::invalid_argument(
          fmt::format("write_scenario: experiment {} is for plan '{}' but scenario '{}' was compiled for plan '{}'",
                      w.experiment_id, plan.text(0), w.scenario_id, w.model.plan.id));
    }
  }
  Statement existing(w.db, w.path,
                     "SELECT count(*), coalesce(sum(scenario_id = ?2), 0) FROM scenarios "
                     "WHERE experiment_id = ?1");
  existing.bind(1, w.experiment_id).bind(2, w.scenario_id);
  existing.step();
  if (existing.int64(1) > 0) {
    throw StoreError(w.path, fmt::format("experiment {} already has results for scenario '{}': each "
                                         "scenario is written once per experiment.",
                                         w.experiment_id, w.scenario_id));
  }
  return existing.int64(0);
}

void insert_scenario(const ScenarioRows& w, std::int64_t scenario_index, bool per_run) {
  Statement s(w.db, w.path, R"sql(
    INSERT INTO scenarios (experiment_id, scenario_id, scenario_index, title_zh, title_en,
                           description_zh, description_en, source_path, runs, base_year,
                           horizon, per_run)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12))sql");
  const model::CompiledModel& model = w.model;
  s.bind(1, w.experiment_id)
      .bind(2, w.scenario_id)
      .bind(3, scenario_index)
      .bind(4, model.scenario.title.zh)
      .bind(5, model.scenario.title.en)
      .bind(6, model.scenario.description.zh)
      .bind(7, model.scenario.description.en)
      .bind(8, model.scenario.source_path)
      .bind(9, static_cast<std::uint64_t>(w.results.runs))
      .bind(10, model.base_year)
      .bind(11, model.horizon)
      .bind(12, per_run ? 1 : 0);
  s.run();
}

void insert_indicators(const ScenarioRows& w) {
  Statement s(w.db, w.path, R"sql(
    INSERT INTO indicators (experiment_id, indicator_index, indicator_id, name_zh, name_en,
                            unit_zh, unit_en, kind, basis, source, quote, note, note_zh)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13))sql");
  std::int64_t index = 0;
  for (const auto& ci : w.model.indicators) {
    const auto& spec = ci.spec;
    s.bind(1, w.experiment_id)
        .bind(2, index++)
        .bind(3, spec.id)
        .bind(4, spec.name.zh)
        .bind(5, spec.name.en)
        .bind(6, spec.unit.zh)
        .bind(7, spec.unit.en)
        .bind(8, model::to_string(spec.kind))
        .bind(9, model::to_string(spec.provenance.basis))
        .bind(10, spec.provenance.source)
        .bind(11, spec.provenance.quote)
        .bind(12, spec.provenance.note)
        .bind_optional(13, spec.provenance.note_zh);
    s.run();
  }
}

// A distribution's mean and quantiles (mean, p05, p25, p50, p75, p95) into
// six parameters from `first` on, as indicator_summary and target_results keep them.
void bind_summary(Statement& s, int first, const model::DistributionSummary& v) {
  s.bind(first, v.mean)
      .bind(first + 1, v.p05)
      .bind(first + 2, v.p25)
      .bind(first + 3, v.p50)
      .bind(first + 4, v.p75)
      .bind(first + 5, v.p95);
}

void insert_targets(const ScenarioRows& w) {
  Statement t(w.db, w.path, R"sql(
    INSERT INTO targets (experiment_id, target_index, target_id, indicator_id, comparison,
                         threshold, deadline, name_zh, name_en, basis, source, quote, note, rests_on_assumption,
                         note_zh)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15))sql");
  std::int64_t index = 0;
  for (const auto& ct : w.model.targets) {
    const auto& spec = ct.spec;
    t.bind(1, w.experiment_id)
        .bind(2, index++)
        .bind(3, spec.id)
        .bind(4, w.model.indicators[ct.indicator].spec.id)
        .bind(5, model::to_string(spec.comparison))
        .bind(6, spec.threshold)
        .bind(7, spec.deadline)
        .bind(8, spec.name.zh)
        .bind(9, spec.name.en)
        .bind(10, model::to_string(spec.provenance.basis))
        .bind(11, spec.provenance.source)
        .bind(12, spec.provenance.quote)
        .bind(13, spec.provenance.note)
        .bind(14, ct.rests_on_assumption ? 1 : 0)
        .bind_optional(15, spec.provenance.note_zh);
    t.run();
  }
}

// Whether the indicators and targets already stored for the experiment are
// the model's (ids, in order; targets also by comparison, threshold, deadline).
bool same_plan_rows(const ScenarioRows& w) {
  const model::CompiledModel& model = w.model;
  Statement ids(w.db, w.path, "SELECT indicator_id FROM indicators WHERE experiment_id = ?1 ORDER BY indicator_index");
  ids.bind(1, w.experiment_id);
  std::vector<std::string> stored;
  while (ids.step()) stored.push_back(ids.text(0));
  bool same = stored.size() == model.indicators.size();
  for (std::size_t i = 0; same && i < stored.size(); ++i) same = stored[i] == model.indicators[i].spec.id;
  Statement targets(w.db, w.path, R"sql(
    SELECT target_id, indicator_id, comparison, threshold, deadline FROM targets
    WHERE experiment_id = ?1 ORDER BY target_index)sql");
  targets.bind(1, w.experiment_id);
  std::size_t i = 0;
  while (targets.step()) {
    same = same && i < model.targets.size() && targets.text(0) == model.targets[i].spec.id &&
           targets.text(1) == model.indicators[model.targets[i].indicator].spec.id &&
           targets.text(2) == model::to_string(model.targets[i].spec.comparison) &&
           targets.real(3) == model.targets[i].spec.threshold && targets.integer(4) == model.targets[i].spec.deadline;
    ++i;
  }
  return same && i == model.targets.size();
}

// The plan's indicators and targets: written with the first scenario; every
// later scenario must declare the same, since results rows refer to them.
void write_plan_rows(const ScenarioRows& w) {
  Statement count(w.db, w.path, "SELECT count(*) FROM indicators WHERE experiment_id = ?1");
  count.bind(1, w.experiment_id);
  count.step();
  if (count.int64(0) == 0) {
    insert_indicators(w);
    insert_targets(w);
  } else if (!same_plan_rows(w)) {
    throw std::invalid_argument(
        fmt::format("write_scenario: scenario '{}' declares other indicators or targets than the scenarios "
                    "already written to experiment {}; all scenarios of an experiment share the plan's",
                    w.scenario_id, w.experiment_id));
  }
}

// The documents the plan and the priors file declare; the plan's own first,
// so that its title wins. Every scenario of an experiment runs the same plan:
// the rows of a later scenario are already there.
void insert_documents(const ScenarioRows& w) {
  Statement s(w.db, w.path, R"sql(
    INSERT OR IGNORE INTO documents (experiment_id, file, title_zh, title_en, issuer_zh, issuer_en, origin, line)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql");
  for (const auto* list : {&w.model.plan.documents, &w.model.parameters.documents()}) {
    for (const model::SourceDocument& d : *list) {
      s.bind(1, w.experiment_id).bind(2, d.file).bind(3, d.title.zh).bind(4, d.title.en);
      s.bind(5, d.issuer.zh).bind(6, d.issuer.en).bind(7, d.origin).bind(8, d.line);
      s.run();
    }
  }
}

void insert_parameters(const ScenarioRows& w) {
  Statement s(w.db, w.path, R"sql(
    INSERT INTO parameters (experiment_id, scenario_id, parameter_index, name, distribution,
                            distribution_kind, a, b, lower, upper, basis, source, quote, note,
                            origin, line, note_zh, name_zh, name_en)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19))sql");
  std::int64_t index = 0;
  for (const auto& prior : w.model.parameters.priors()) {
    s.bind(1, w.experiment_id).bind(2, w.scenario_id).bind(3, index++).bind(4, prior.name);
    sqlite::bind_prior(s, 5, prior);
    s.bind(16, prior.line);
    s.bind_optional(17, prior.provenance.note_zh);
    s.bind_optional(18, prior.label.zh);
    s.bind_optional(19, prior.label.en);
    s.run();
  }
}

void insert_indicator_summaries(const ScenarioRows& w) {
  Statement s(w.db, w.path, R"sql(
    INSERT INTO indicator_summary (experiment_id, scenario_id, indicator_id, year, mean, p05, p25,
                                   p50, p75, p95)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10))sql");
  for (const auto& summary : w.results.indicator_summaries) {
    const auto& v = summary.value;
    s.bind(1, w.experiment_id)
        .bind(2, w.scenario_id)
        .bind(3, w.model.indicators[summary.indicator].spec.id)
        .bind(4, summary.year);
    bind_summary(s, 5, v);
    s.run();
  }
}

// One target's rows of first_passage: runs first reaching the threshold each
// year, cumulated, and as a share of all runs (never-reaching ones included).
void insert_first_passage(const ScenarioRows& w, Statement& fp, const std::string& target_id,
                          const model::FirstPassage& passage) {
  if (passage.years.size() != passage.runs.size()) {
    throw std::invalid_argument(fmt::format("write_scenario: first passage of target '{}' has {} years but {} counts",
                                            target_id, passage.years.size(), passage.runs.size()));
  }
  std::uint64_t total = passage.never;
  for (auto n : passage.runs) total += n;
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < passage.years.size(); ++i) {
    cumulative += passage.runs[i];
    fp.bind(1, w.experiment_id)
        .bind(2, w.scenario_id)
        .bind(3, target_id)
        .bind(4, passage.years[i])
        .bind(5, passage.runs[i])
        .bind(6, cumulative);
    if (total > 0) {
      fp.bind(7, static_cast<double>(cumulative) / static_cast<double>(total));
    } else {
      fp.bind_null(7);
    }
    fp.run();
  }
}

// target_results, and each target's first_passage after its row.
void insert_target_results(const ScenarioRows& w) {
  Statement s(w.db, w.path, R"sql(
    INSERT INTO target_results (experiment_id, scenario_id, target_id, probability, ci_low,
                                ci_high, runs, met, deadline_mean, deadline_p05, deadline_p25,
                                deadline_p50, deadline_p75, deadline_p95,
                                first_passage_median_year, never_reached)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16))sql");
  Statement fp(w.db, w.path, R"sql(
    INSERT INTO first_passage (experiment_id, scenario_id, target_id, year, runs,
                               cumulative_runs, cumulative_share)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql");
  for (const auto& r : w.results.targets) {
    const std::string& target_id = w.model.targets[r.target].spec.id;
    const auto& d = r.at_deadline;
    s.bind(1, w.experiment_id)
        .bind(2, w.scenario_id)
        .bind(3, target_id)
        .bind(4, r.probability)
        .bind(5, r.ci_low)
        .bind(6, r.ci_high)
        .bind(7, r.runs)
        .bind(8, r.met);
    bind_summary(s, 9, d);
    if (const auto median = first_passage_median_year(r.first_passage)) {
      s.bind(15, *median);
    } else {
      s.bind_null(15);
    }
    s.bind(16, r.first_passage.never);
    s.run();
    insert_first_passage(w, fp, target_id, r.first_passage);
  }
}

void insert_joint_result(const ScenarioRows& w) {
  Statement s(w.db, w.path, R"sql(
    INSERT INTO joint_results (experiment_id, scenario_id, plan_id, probability, ci_low, ci_high,
                               runs, met)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql");
  const auto& j = w.results.joint;
  s.bind(1, w.experiment_id)
      .bind(2, w.scenario_id)
      .bind(3, w.model.plan.id)
      .bind(4, j.probability)
      .bind(5, j.ci_low)
      .bind(6, j.ci_high)
      .bind(7, j.runs)
      .bind(8, j.met);
  s.run();
}

// Told of every per-run row written: commits every kRowsPerTransaction rows
// and, after such a commit, stops on Ctrl-C (a fraction of a second apart)
// rather than after every row.
class PerRunCommits {
 public:
  PerRunCommits(Transaction& tx, const std::atomic<bool>* stop) : tx_(&tx), stop_(stop) {}
  void operator()(std::size_t n) {
    rows_ += n;
    if (rows_ >= next_commit_) {
      tx_->commit_and_continue();
      next_commit_ = rows_ + kRowsPerTransaction;
      if (stop_ != nullptr && stop_->load()) throw model::Interrupted();
    }
  }

 private:
  Transaction* tx_;
  const std::atomic<bool>* stop_;
  std::size_t rows_ = 0;
  std::size_t next_commit_ = kRowsPerTransaction;
};

std::int64_t run_param(const ScenarioRows& w, std::size_t run) {
  return static_cast<std::int64_t>(w.first_run) + static_cast<std::int64_t>(run);
}

// One row per parameter (or target) of the block's runs, in the order of
// their names: its values in run order as one JSON array (store/
// trajectory_json.h) from first_run on, which the run_parameters (or
// run_targets) view expands. Commits are counted in values, as when each was
// a row. `value_at(run, i)` is item i's value in that run.
template <typename NameOf, typename ValueAt>
void insert_packed_runs(const ScenarioRows& w, PerRunCommits& written, const char* insert_sql, std::size_t count,
                        NameOf&& name_of, ValueAt&& value_at) {
  if (w.results.runs == 0) return;
  Statement s(w.db, w.path, insert_sql);
  std::string json;
  for (const std::size_t i : sorted_order(count, name_of)) {
    write_trajectory(json, w.results.runs, [&](std::size_t run) { return value_at(run, i); });
    s.bind(1, w.experiment_id).bind_static(2, w.scenario_id).bind_static(3, name_of(i)).bind(4, run_param(w, 0));
    s.bind_static(5, json);
    s.run();
    written(w.results.runs);
  }
}

void insert_run_parameters(const ScenarioRows& w, PerRunCommits& written) {
  const model::CompiledModel& model = w.model;
  insert_packed_runs(
      w, written, R"sql(
    INSERT INTO run_parameter_values (experiment_id, scenario_id, name, first_run, draws)
    VALUES (?1, ?2, ?3, ?4, ?5))sql",
      model.parameters.size(), [&](std::size_t p) -> const std::string& { return model.parameters[p].name; },
      [&](std::size_t run, std::size_t p) { return w.results.parameter(run, p); });
}

// One row per run and indicator: the run's values of every year as one JSON
// array (store/trajectory_json.h), built in one buffer reused row after row.
// Commits are counted in values, as when each value was a row, so that a
// transaction, and the WAL file, stay as large as before.
void insert_run_trajectories(const ScenarioRows& w, PerRunCommits& written) {
  const model::CompiledModel& model = w.model;
  const auto indicator_order = sorted_order(
      model.indicators.size(), [&](std::size_t i) -> const std::string& { return model.indicators[i].spec.id; });
  constexpr const char* kHead =
      "INSERT INTO run_trajectories (experiment_id, scenario_id, indicator_id, run, first_year, trajectory)";
  Statement many(w.db, w.path, multi_row_insert(kHead, 6, kRowsPerStatement));
  Statement one(w.db, w.path, multi_row_insert(kHead, 6, 1));
  const std::size_t years = w.results.years;
  std::string json;
  for (const std::size_t k : indicator_order) {
    const std::string_view indicator = model.indicators[k].spec.id;
    insert_rows(
        many, one, w.results.runs, 6,
        [&](Statement& s, int at, std::size_t run) {
          write_trajectory(json, years, [&](std::size_t y) { return w.results.value(run, y, k); });
          s.bind(at, w.experiment_id)
              .bind_static(at + 1, w.scenario_id)
              .bind_static(at + 2, indicator)
              .bind(at + 3, run_param(w, run))
              .bind(at + 4, w.results.base_year)
              .bind(at + 5, std::string_view(json));
        },
        [&](std::size_t rows) { written(rows * years); });
  }
}

// The targets' rows: 1 (met) or 0 for each run.
void insert_run_targets(const ScenarioRows& w, PerRunCommits& written) {
  const model::CompiledModel& model = w.model;
  if (w.results.target_met.empty()) return;
  const std::size_t target_count = model.targets.size();
  insert_packed_runs(
      w, written, R"sql(
    INSERT INTO run_target_outcomes (experiment_id, scenario_id, target_id, first_run, met)
    VALUES (?1, ?2, ?3, ?4, ?5))sql",
      target_count, [&](std::size_t t) -> const std::string& { return model.targets[t].spec.id; },
      [&](std::size_t run, std::size_t t) { return w.results.target_met[run * target_count + t] != 0 ? 1.0 : 0.0; });
}

// The summaries of every run: quantiles by indicator and year, P(met) by
// target, and every target met together.
void insert_summaries(const ScenarioRows& w) {
  insert_indicator_summaries(w);
  insert_target_results(w);
  insert_joint_result(w);
}

// The scenario's `written` time: every row of it is in.
void mark_written(const ScenarioRows& w) {
  Statement s(w.db, w.path,
              "UPDATE scenarios SET written = " TARGETCAST_NOW " WHERE experiment_id = ?1 AND scenario_id = ?2");
  s.bind(1, w.experiment_id).bind(2, w.scenario_id);
  s.run();
}


// Refuses rows for a scenario that was not begun as per-run
// (begin_scenario_runs) or is already written.
void require_begun(const ScenarioRows& w, std::string_view caller) {
  Statement begun(w.db, w.path,
                  "SELECT count(*) FROM scenarios WHERE experiment_id = ?1 AND scenario_id = ?2 AND per_run = 1 "
                  "AND written IS NULL");
  begun.bind(1, w.experiment_id).bind(2, w.scenario_id);
  begun.step();
  if (begun.int64(0) != 1) {
    throw std::invalid_argument(fmt::format("{}: scenario '{}' of experiment {} was not begun as per-run, or is "
                                            "already written",
                                            caller, w.scenario_id, w.experiment_id));
  }
}

// What write_scenario writes of the per-run tables.
enum class RunRows {
  none,     // summary-only
  written,  // every run's rows from the results, now
  later,    // the scenario is per-run; its rows come block by block (write_run_block), its summaries last
};

void write_scenario_rows(sqlite3* db, const std::string& path, std::int64_t experiment_id,
                         const model::CompiledModel& model, const model::ScenarioResults& results, RunRows rows,
                         const std::atomic<bool>* stop, const std::function<void(std::string_view)>& require_running) {
  const std::string scenario_id = results.scenario_id.empty() ? model.scenario.id : results.scenario_id;
  if (!results.scenario_id.empty() && results.scenario_id != model.scenario.id) {
    throw std::invalid_argument(
        fmt::format("write_scenario: results are for scenario '{}' but the "
                    "model is scenario '{}'",
                    results.scenario_id, model.scenario.id));
  }
  check_sizes(model, results, rows == RunRows::written, scenario_id);
  const ScenarioRows w{db, path, experiment_id, scenario_id, model, results};

  // --- Everything but the per-run rows: one transaction. ---
  Transaction tx(w.db, path);
  require_running(fmt::format("write scenario '{}'", scenario_id));
  insert_scenario(w, next_scenario_index(w), rows != RunRows::none);
  write_plan_rows(w);
  insert_parameters(w);
  insert_documents(w);
  if (rows != RunRows::later) insert_summaries(w);

  // --- Per-run rows, in primary-key order (so that inserts append to the
  // clustered tables), committed every kRowsPerTransaction rows. ---
  if (rows == RunRows::written) {
    PerRunCommits written(tx, stop);
    insert_run_parameters(w, written);
    insert_run_trajectories(w, written);
    insert_run_targets(w, written);
  }
  if (rows != RunRows::later) mark_written(w);
  tx.commit();
}

}  // namespace

void Store::write_scenario(std::int64_t experiment_id, const model::CompiledModel& model,
                           const model::ScenarioResults& results, bool per_run, const std::atomic<bool>* stop) {
  require_writable();
  write_scenario_rows(db_.get(), path_, experiment_id, model, results, per_run ? RunRows::written : RunRows::none,
                      stop, [&](std::string_view what) { require_running(experiment_id, what); });
}

void Store::write_run_block(std::int64_t experiment_id, const model::CompiledModel& model,
                            const model::ScenarioResults& block, std::uint32_t first_run,
                            const std::atomic<bool>* stop) {
  require_writable();
  check_sizes(model, block, true, model.scenario.id);
  const ScenarioRows w{db_.get(), path_, experiment_id, model.scenario.id, model, block, first_run};
  Transaction tx(w.db, path_);
  require_running(experiment_id, fmt::format("write runs of scenario '{}'", w.scenario_id));
  require_begun(w, "write_run_block");
  PerRunCommits written(tx, stop);
  insert_run_parameters(w, written);
  insert_run_trajectories(w, written);
  insert_run_targets(w, written);
  tx.commit();
}

void Store::begin_scenario_runs(std::int64_t experiment_id, const model::CompiledModel& model,
                                std::uint32_t runs) {
  require_writable();
  model::ScenarioResults head = model::shaped_results(model, runs);  // the shape only: no summaries yet
  head.targets.resize(model.targets.size());
  for (std::size_t t = 0; t < head.targets.size(); ++t) head.targets[t].target = t;
  write_scenario_rows(db_.get(), path_, experiment_id, model, head, RunRows::later, nullptr,
                      [&](std::string_view what) { require_running(experiment_id, what); });
}

void Store::finish_scenario_runs(std::int64_t experiment_id, const model::CompiledModel& model,
                                 const model::ScenarioResults& summaries) {
  require_writable();
  check_sizes(model, summaries, false, model.scenario.id);
  const ScenarioRows w{db_.get(), path_, experiment_id, model.scenario.id, model, summaries};
  Transaction tx(w.db, path_);
  require_running(experiment_id, fmt::format("write the summaries of scenario '{}'", w.scenario_id));
  require_begun(w, "finish_scenario_runs");
  insert_summaries(w);
  mark_written(w);
  tx.commit();
}

std::uint64_t Store::estimated_run_rows_bytes(const model::CompiledModel& model, std::uint64_t runs) {
  constexpr std::uint64_t kBytesPerRow = 48;
  constexpr std::uint64_t kBytesPerTrajectoryValue = 20;
  constexpr std::uint64_t kBytesPerTargetOutcome = 2;  // "0," or "1,"
  const std::uint64_t numbers_per_run = model.year_count() * model.indicators.size() + model.parameters.size();
  return runs * (model.indicators.size() * kBytesPerRow + numbers_per_run * kBytesPerTrajectoryValue +
                 model.targets.size() * kBytesPerTargetOutcome);
}

}  // namespace targetcast::store
