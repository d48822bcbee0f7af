// Sensitivity analyses and lever solves in the results database. Tables and
// columns: docs/schema.md.
#include "store/sensitivity_store.h"

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

std::int64_t insert_analysis(sqlite3* db, const std::string& path, const char* method, const AnalysisInfo& info,
                             const model::CompiledModel& model, const analysis::SensitivityOptions& options,
                             std::size_t evaluations) {
  Statement s(db, path, R"sql(
    INSERT INTO sensitivity_analyses (created, method, command_line, program_version, plan_id, scenario_id,
      base_year, horizon, samples, bootstrap, evaluations, master_seed, threads, rng_layout_version, wall_seconds)
    VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14))sql");
  s.bind(1, std::string_view(method)).bind(2, info.command_line).bind(3, version_of(info));
  s.bind(4, model.plan.id).bind(5, model.scenario.id).bind(6, model.base_year).bind(7, model.horizon);
  s.bind(8, static_cast<std::uint64_t>(options.samples)).bind(9, static_cast<std::uint64_t>(options.bootstrap));
  s.bind(10, static_cast<std::uint64_t>(evaluations)).bind(11, options.master_seed).bind(12, info.threads);
  s.bind(13, model::kRngLayoutVersion).bind(14, info.wall_seconds);
  s.run();
  return sqlite3_last_insert_rowid(db);
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

std::int64_t SensitivityStore::write_sobol(const AnalysisInfo& info, const model::CompiledModel& model,
                                           std::span<const analysis::LeverRange> levers,
                                           const analysis::SensitivityOptions& options,
                                           const analysis::SobolAnalysis& analysis) {
  store_->require_writable();
  sqlite3* db = store_->connection();
  const std::string& path = store_->path();
  Transaction tx(db, path);
  const std::int64_t id = insert_analysis(db, path, "sobol", info, model, options, analysis.evaluations);
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
  tx.commit();
  return id;
}

std::int64_t SensitivityStore::write_tornado(const AnalysisInfo& info, const model::CompiledModel& model,
                                             std::span<const analysis::LeverRange> levers,
                                             const analysis::SensitivityOptions& options,
                                             const analysis::TornadoAnalysis& analysis) {
  store_->require_writable();
  sqlite3* db = store_->connection();
  const std::string& path = store_->path();
  Transaction tx(db, path);
  analysis::SensitivityOptions recorded = options;
  recorded.bootstrap = 0;
  const std::int64_t id =
      insert_analysis(db, path, "tornado", info, model, recorded, analysis.runs * (1 + 2 * analysis.inputs.size()));
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
  tx.commit();
  return id;
}

std::int64_t SensitivityStore::write_solve(const AnalysisInfo& info, const model::CompiledModel& model,
                                           const analysis::LeverSearchOptions& o,
                                           const analysis::LeverSearchResult& r) {
  store_->require_writable();
  sqlite3* db = store_->connection();
  const std::string& path = store_->path();
  Transaction tx(db, path);
  Statement s(db, path, R"sql(
    INSERT INTO lever_solves (created, command_line, program_version, plan_id, scenario_id, target_id, lever,
      from_year, range_low, range_high, required_probability, runs, master_seed, reached, value,
      confirmation_seed, confirmation_runs, confirmation_met, confirmation_probability, confirmation_ci_low,
      confirmation_ci_high, threads, rng_layout_version, wall_seconds)
    VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
      ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23))sql");
  s.bind(1, info.command_line).bind(2, version_of(info)).bind(3, model.plan.id).bind(4, model.scenario.id);
  s.bind(5, target_id(model, o.target)).bind(6, analysis::to_string(o.range.lever)).bind(7, o.range.from_year);
  s.bind(8, o.range.low).bind(9, o.range.high).bind(10, o.probability);
  s.bind(11, static_cast<std::uint64_t>(o.runs)).bind(12, o.master_seed).bind(13, r.reached ? 1 : 0);
  s.bind(14, r.value).bind(15, o.confirmation_seed).bind(16, r.confirmation.runs).bind(17, r.confirmation.met);
  s.bind(18, r.confirmation.probability()).bind(19, r.confirmation_low).bind(20, r.confirmation_high);
  s.bind(21, info.threads).bind(22, model::kRngLayoutVersion).bind(23, info.wall_seconds);
  s.run();
  const std::int64_t id = sqlite3_last_insert_rowid(db);
  Statement step(db, path, R"sql(
    INSERT INTO lever_solve_steps (solve_id, step, value, runs, met, probability)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql");
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const analysis::LeverCandidate& c = r.steps[i];
    step.bind(1, id).bind(2, static_cast<std::uint64_t>(i + 1)).bind(3, c.value).bind(4, c.runs).bind(5, c.met);
    step.bind(6, c.probability());
    step.run();
  }
  tx.commit();
  return id;
}

}  // namespace targetcast::store
