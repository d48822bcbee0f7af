// Sensitivity analyses and lever solves in the results database. Tables and
// columns: docs/schema.md.
#include "store/sensitivity_store.h"

#include <numeric>

#include "model/distribution.h"
#include "model/provenance.h"
#include "model/rng.h"
#include "store/sqlite_statement.h"

#ifndef TARGETCAST_VERSION
#error "TARGETCAST_VERSION must be defined (io/CMakeLists.txt sets it from the project version)"
#endif

namespace targetcast::store {
namespace {

using sqlite::Statement;
using sqlite::Transaction;

std::string version_of(const AnalysisInfo& info) {
  return info.program_version.empty() ? std::string(TARGETCAST_VERSION) : info.program_version;
}

std::string target_id(const model::CompiledModel& model, std::size_t target) {
  return target == model::kNoIndex ? std::string(kAllTargets) : model.targets[target].spec.id;
}

// 'running' → `status` of row `id` of `table`, with the finished time; a row
// no longer running is left as it is.
void set_status(sqlite3* db, const std::string& path, const char* table, std::int64_t id, std::string_view status,
                const std::string& message) {
  Statement s(db, path,
              std::string("UPDATE ") + table +
                  " SET status = ?2, message = ?3, finished = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                  "WHERE id = ?1 AND status = 'running'");
  s.bind(1, id).bind(2, status).bind_optional(3, message);
  s.run();
}

// Throws unless the last UPDATE changed a row: the row must be 'running'.
void require_changed(sqlite3* db, const std::string& path, const char* what, std::int64_t id) {
  if (sqlite3_changes(db) == 0) {
    throw StoreError(path, std::string("no running ") + what + " " + std::to_string(id) +
                               " to finish: it was deleted, or already marked failed or interrupted");
  }
}

// The analysis's evaluations and time, and 'running' → 'complete'.
void complete_analysis(sqlite3* db, const std::string& path, std::int64_t id, std::size_t evaluations,
                       double wall_seconds) {
  Statement s(db, path, R"sql(
    UPDATE sensitivity_analyses SET evaluations = ?2, wall_seconds = ?3, status = 'complete',
      finished = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    WHERE id = ?1 AND status = 'running')sql");
  s.bind(1, id).bind(2, static_cast<std::uint64_t>(evaluations)).bind(3, wall_seconds);
  s.run();
  require_changed(db, path, "sensitivity analysis", id);
}

std::vector<InputFileRecord> input_files_of(sqlite3* db, const std::string& path, const char* table, const char* owner,
                                            std::int64_t id) {
  std::vector<InputFileRecord> files;
  Statement s(db, path,
              std::string("SELECT role, path, content, sha256 FROM ") + table + " WHERE " + owner +
                  " = ?1 ORDER BY file_index");
  s.bind(1, id);
  while (s.step()) files.push_back({s.text(0), s.text(1), s.text(2), s.text(3)});
  return files;
}

void insert_inputs(sqlite3* db, const std::string& path, std::int64_t id, const model::CompiledModel& model,
                   std::span<const analysis::LeverRange> levers, std::span<const analysis::SensitivityInput> inputs) {
  Statement s(db, path, R"sql(
    INSERT INTO sensitivity_inputs (analysis_id, input_index, name, kind, distribution, basis, note,
      value_p05, value_p50, value_p95) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10))sql");
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const analysis::SensitivityInput& in = inputs[i];
    s.bind(1, id).bind(2, static_cast<std::uint64_t>(i)).bind(3, in.name).bind(4, analysis::to_string(in.kind));
    if (in.kind == analysis::InputKind::parameter) {
      const model::Prior& p = model.parameters[in.parameter];
      s.bind(5, model::describe(p.distribution)).bind(6, model::to_string(p.provenance.basis));
      s.bind_optional(7, p.provenance.note);
    } else if (in.kind == analysis::InputKind::lever) {
      const analysis::LeverRange& l = levers[in.lever];
      s.bind(5, fmt::format("{}({}, {})", analysis::is_integer(l.lever) ? "UniformInteger" : "Uniform", l.low, l.high));
      s.bind(6, std::string_view("lever")).bind_null(7);
    } else {
      s.bind(5, std::string_view("the run's own random draws (run index)")).bind_null(6).bind_null(7);
    }
    s.bind(8, in.value_at(model, levers, 0.05)).bind(9, in.value_at(model, levers, 0.5));
    s.bind(10, in.value_at(model, levers, 0.95));
    s.run();
  }
}

}  // namespace

std::int64_t SensitivityStore::begin_analysis(std::string_view method, const AnalysisInfo& info,
                                              const model::CompiledModel& model,
                                              const analysis::SensitivityOptions& options) {
  store_->require_writable();
  sqlite3* db = store_->connection();
  const std::string& path = store_->path();
  Transaction tx(db, path);
  // evaluations and wall_seconds: 0 until finished.
  Statement s(db, path, R"sql(
    INSERT INTO sensitivity_analyses (created, method, command_line, program_version, plan_id, scenario_id,
      base_year, horizon, samples, bootstrap, evaluations, master_seed, threads, rng_layout_version, wall_seconds,
      status)
    VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, ?11, ?12, 0,
      'running'))sql");
  s.bind(1, method).bind(2, info.command_line).bind(3, version_of(info));
  s.bind(4, model.plan.id).bind(5, model.scenario.id).bind(6, model.base_year).bind(7, model.horizon);
  // A tornado has no bootstrap.
  const std::size_t bootstrap = method == "tornado" ? 0 : options.bootstrap;
  s.bind(8, static_cast<std::uint64_t>(options.samples)).bind(9, static_cast<std::uint64_t>(bootstrap));
  s.bind(10, options.master_seed).bind(11, info.threads).bind(12, model::kRngLayoutVersion);
  s.run();
  const std::int64_t id = sqlite3_last_insert_rowid(db);
  sqlite::insert_input_files(db, path, "sensitivity_input_files", "analysis_id", id, info.inputs);
  tx.commit();
  return id;
}

void SensitivityStore::mark_analysis(std::int64_t id, ExperimentStatus status, const std::string& message) {
  store_->require_writable();
  set_status(store_->connection(), store_->path(), "sensitivity_analyses", id, to_string(status), message);
}

void SensitivityStore::mark_solve(std::int64_t id, ExperimentStatus status, const std::string& message) {
  store_->require_writable();
  set_status(store_->connection(), store_->path(), "lever_solves", id, to_string(status), message);
}

std::vector<InputFileRecord> SensitivityStore::analysis_input_files(std::int64_t id) const {
  return input_files_of(store_->connection(), store_->path(), "sensitivity_input_files", "analysis_id", id);
}

std::vector<InputFileRecord> SensitivityStore::solve_input_files(std::int64_t id) const {
  return input_files_of(store_->connection(), store_->path(), "solve_input_files", "solve_id", id);
}

void SensitivityStore::finish_sobol(std::int64_t id, const AnalysisInfo& info, const model::CompiledModel& model,
                                    std::span<const analysis::LeverRange> levers,
                                    const analysis::SobolAnalysis& analysis) {
  store_->require_writable();
  sqlite3* db = store_->connection();
  const std::string& path = store_->path();
  Transaction tx(db, path);
  insert_inputs(db, path, id, model, levers, analysis.inputs);
  Statement s(db, path, R"sql(
    INSERT INTO sensitivity_indices (analysis_id, target_id, output, input_index, first_order, first_low,
      first_high, total_order, total_low, total_high, output_mean, output_variance)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12))sql");
  for (const analysis::TargetSobol& t : analysis.targets) {
    const std::string target = target_id(model, t.target);
    for (const auto& [output, result] : {std::pair{"value", &t.value}, std::pair{"met", &t.met}}) {
      for (std::size_t i = 0; i < result->indices.size(); ++i) {
        const analysis::SobolIndex& x = result->indices[i];
        s.bind(1, id).bind(2, target).bind(3, std::string_view(output)).bind(4, static_cast<std::uint64_t>(i));
        s.bind(5, x.first).bind(6, x.first_low).bind(7, x.first_high);
        s.bind(8, x.total).bind(9, x.total_low).bind(10, x.total_high);
        s.bind(11, result->mean).bind(12, result->variance);
        s.run();
      }
    }
  }
  complete_analysis(db, path, id, analysis.evaluations, info.wall_seconds);
  tx.commit();
}

void SensitivityStore::finish_tornado(std::int64_t id, const AnalysisInfo& info, const model::CompiledModel& model,
                                      std::span<const analysis::LeverRange> levers,
                                      const analysis::TornadoAnalysis& analysis) {
  store_->require_writable();
  sqlite3* db = store_->connection();
  const std::string& path = store_->path();
  Transaction tx(db, path);
  insert_inputs(db, path, id, model, levers, analysis.inputs);
  Statement s(db, path, R"sql(
    INSERT INTO tornado_bars (analysis_id, target_id, input_index, input_low, input_high, probability_low,
      probability_high, median_low, median_high, probability_base, median_base)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11))sql");
  for (const analysis::TargetTornado& t : analysis.targets) {
    const std::string target = target_id(model, t.target);
    for (const analysis::TornadoBar& b : t.bars) {
      s.bind(1, id).bind(2, target).bind(3, static_cast<std::uint64_t>(b.input));
      s.bind(4, b.input_low).bind(5, b.input_high).bind(6, b.probability_low).bind(7, b.probability_high);
      s.bind(8, b.median_low).bind(9, b.median_high).bind(10, t.probability).bind(11, t.median);
      s.run();
    }
  }
  complete_analysis(db, path, id, analysis.runs * (2 + 2 * analysis.inputs.size()), info.wall_seconds);
  tx.commit();
}

std::int64_t SensitivityStore::begin_solve(const AnalysisInfo& info, const model::CompiledModel& model,
                                           const analysis::LeverSearchOptions& o) {
  store_->require_writable();
  sqlite3* db = store_->connection();
  const std::string& path = store_->path();
  Transaction tx(db, path);
  // The outcome (reached .. confirmation_ci_high) and wall_seconds: 0 until finished.
  Statement s(db, path, R"sql(
    INSERT INTO lever_solves (created, command_line, program_version, plan_id, scenario_id, target_id, lever,
      from_year, range_low, range_high, required_probability, runs, master_seed, reached, value,
      confirmation_seed, confirmation_runs, confirmation_met, confirmation_probability, confirmation_ci_low,
      confirmation_ci_high, threads, rng_layout_version, wall_seconds, status, last_year, scenario_funding_yi)
    VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, 0,
      ?13, ?14, 0, 0, 0, 0, ?15, ?16, 0, 'running', ?17, ?18))sql");
  s.bind(1, info.command_line).bind(2, version_of(info)).bind(3, model.plan.id).bind(4, model.scenario.id);
  s.bind(5, target_id(model, o.target)).bind(6, analysis::to_string(o.range.lever)).bind(7, o.range.from_year);
  s.bind(8, o.range.low).bind(9, o.range.high).bind(10, o.probability);
  s.bind(11, static_cast<std::uint64_t>(o.runs)).bind(12, o.master_seed);
  s.bind(13, o.confirmation_seed).bind(14, static_cast<std::uint64_t>(o.confirmation_runs));
  s.bind(15, info.threads).bind(16, model::kRngLayoutVersion);
  const int last_year = analysis::last_deadline(model, o.target);
  s.bind(17, last_year);
  if (o.range.lever == analysis::PolicyLever::funding_multiplier) {
    const std::vector<double> funding = analysis::funding_path_yi(model, o.range.from_year, last_year);
    s.bind(18, std::accumulate(funding.begin(), funding.end(), 0.0));
  } else {
    s.bind_null(18);
  }
  s.run();
  const std::int64_t id = sqlite3_last_insert_rowid(db);
  sqlite::insert_input_files(db, path, "solve_input_files", "solve_id", id, info.inputs);
  tx.commit();
  return id;
}

void SensitivityStore::finish_solve(std::int64_t id, const AnalysisInfo& info, const analysis::LeverSearchResult& r) {
  store_->require_writable();
  sqlite3* db = store_->connection();
  const std::string& path = store_->path();
  Transaction tx(db, path);
  Statement s(db, path, R"sql(
    UPDATE lever_solves SET reached = ?2, value = ?3, confirmation_runs = ?4, confirmation_met = ?5,
      confirmation_probability = ?6, confirmation_ci_low = ?7, confirmation_ci_high = ?8, wall_seconds = ?9,
      confirmation_seed = ?10, rounds = ?11, confirmed = ?12,
      status = 'complete', finished = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    WHERE id = ?1 AND status = 'running')sql");
  s.bind(1, id).bind(2, r.reached ? 1 : 0).bind(3, r.value).bind(4, r.confirmation.runs).bind(5, r.confirmation.met);
  s.bind(6, r.confirmation.probability()).bind(7, r.confirmation_low).bind(8, r.confirmation_high);
  s.bind(9, info.wall_seconds).bind(10, r.confirmation.seed).bind(11, r.rounds).bind(12, r.confirmed ? 1 : 0);
  s.run();
  require_changed(db, path, "solve", id);
  Statement step(db, path, R"sql(
    INSERT INTO lever_solve_steps (solve_id, step, value, runs, met, probability, round, seed)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql");
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const analysis::LeverCandidate& c = r.steps[i];
    step.bind(1, id).bind(2, static_cast<std::uint64_t>(i + 1)).bind(3, c.value).bind(4, c.runs).bind(5, c.met);
    step.bind(6, c.probability()).bind(7, c.round).bind(8, c.seed);
    step.run();
  }
  tx.commit();
}

std::int64_t SensitivityStore::write_sobol(const AnalysisInfo& info, const model::CompiledModel& model,
                                           std::span<const analysis::LeverRange> levers,
                                           const analysis::SensitivityOptions& options,
                                           const analysis::SobolAnalysis& analysis) {
  const std::int64_t id = begin_analysis("sobol", info, model, options);
  finish_sobol(id, info, model, levers, analysis);
  return id;
}

std::int64_t SensitivityStore::write_tornado(const AnalysisInfo& info, const model::CompiledModel& model,
                                             std::span<const analysis::LeverRange> levers,
                                             const analysis::SensitivityOptions& options,
                                             const analysis::TornadoAnalysis& analysis) {
  const std::int64_t id = begin_analysis("tornado", info, model, options);
  finish_tornado(id, info, model, levers, analysis);
  return id;
}

std::int64_t SensitivityStore::write_solve(const AnalysisInfo& info, const model::CompiledModel& model,
                                           const analysis::LeverSearchOptions& options,
                                           const analysis::LeverSearchResult& result) {
  const std::int64_t id = begin_solve(info, model, options);
  finish_solve(id, info, result);
  return id;
}

}  // namespace targetcast::store
