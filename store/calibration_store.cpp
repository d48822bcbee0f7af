// Calibrations in the results database. Tables and columns: docs/schema.md.
#include "store/calibration_store.h"

#include <cmath>
#include <limits>

#include "io/sha256.h"
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

constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

// Rows per transaction when writing particle values (as store/scenario_writer.cpp).
constexpr std::size_t kRowsPerTransaction = 100'000;

std::optional<std::int64_t> optional_id(const Statement& s, int column) {
  if (s.is_null(column)) return std::nullopt;
  return s.int64(column);
}

// The row of `calibrations`, status 'running'; returns its id.
std::int64_t insert_calibration(sqlite3* db, const std::string& path, const CalibrationInfo& info,
                                const calibration::ObservationModel& model) {
  const model::CompiledModel& forecast = model.forecast();
  const calibration::AbcOptions& abc = info.abc;
  Statement insert(db, path,
                   fmt::format(R"sql(
    INSERT INTO calibrations (created, status, purpose, parent_id, command_line, program_version, plan_id,
                              region_id, base_year, horizon, presample_start_year, cut_year, particles,
                              max_generations, min_epsilon, min_acceptance, max_simulations, tolerance_quantile,
                              master_seed, master_seed_text, threads, rng_layout_version)
    VALUES ({}, 'running', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
            ?20))sql",
                               kNow));
  insert.bind(1, info.purpose);
  if (info.parent) {
    insert.bind(2, *info.parent);
  } else {
    insert.bind_null(2);
  }
  insert.bind(3, info.command_line)
      .bind(4, info.program_version.empty() ? std::string_view(TARGETCAST_VERSION)
                                            : std::string_view(info.program_version))
      .bind(5, forecast.plan.id)
      .bind(6, forecast.plan.region_id)
      .bind(7, forecast.base_year)
      .bind(8, forecast.horizon);
  if (model.has_presample()) {
    insert.bind(9, model.presample_start_year());
  } else {
    insert.bind_null(9);
  }
  if (info.cut_year > 0) {
    insert.bind(10, info.cut_year);
  } else {
    insert.bind_null(10);
  }
  insert.bind(11, static_cast<std::uint64_t>(abc.particles))
      .bind(12, abc.max_generations)
      .bind(13, abc.min_epsilon)
      .bind(14, abc.min_acceptance)
      .bind(15, abc.max_simulations)
      .bind(16, abc.quantile)
      .bind(17, static_cast<std::int64_t>(abc.master_seed))  // two's complement above 2^63; the text keeps it
      .bind(18, std::to_string(abc.master_seed))
      .bind(19, info.threads)
      .bind(20, model::kRngLayoutVersion);
  insert.run();
  return sqlite3_last_insert_rowid(db);
}

// What the particles hold (coordinates and derived values), with their priors.
void insert_calibration_parameters(sqlite3* db, const std::string& path, std::int64_t id,
                                   const calibration::ObservationModel& model) {
  Statement s(db, path, R"sql(
    INSERT INTO calibration_parameters (calibration_id, parameter_index, name, role, distribution,
                                        distribution_kind, a, b, lower, upper, basis, source, quote, note,
                                        origin)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15))sql");
  std::int64_t index = 0;
  for (const calibration::CalibrationParameter& p : model.parameters()) {
    s.bind(1, id).bind(2, index++).bind(3, p.name).bind(4, calibration::to_string(p.role));
    sqlite::bind_prior(s, 5, p.prior);
    s.run();
  }
}

// The observations, with what each is used for.
void insert_observations(sqlite3* db, const std::string& path, std::int64_t id,
                         const calibration::ObservationModel& model) {
  Statement s(db, path, R"sql(
    INSERT INTO calibration_observations (calibration_id, observation_index, region_id, indicator_id, year,
                                          measure, value, relative_sd, use, source, quote, note, file, line,
                                          definition, definition_sd)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16))sql");
  const auto obs = model.observations();
  for (std::size_t i = 0; i < obs.size(); ++i) {
    const calibration::Observation& o = obs[i];
    s.bind(1, id)
        .bind(2, static_cast<std::int64_t>(i))
        .bind(3, o.region)
        .bind(4, o.indicator)
        .bind(5, o.year)
        .bind(6, calibration::to_string(o.measure))
        .bind(7, o.value)
        .bind(8, o.relative_sd)
        .bind(9, calibration::to_string(model.uses()[i]))
        .bind(10, o.source)
        .bind(11, o.quote)
        .bind(12, o.note)
        .bind(13, o.file)
        .bind(14, o.line)
        .bind_optional(15, o.definition);
    if (o.definition.empty()) {
      s.bind_null(16);
    } else {
      s.bind(16, o.definition_sd);
    }
    s.run();
  }
}

}  // namespace

std::int64_t CalibrationStore::begin(const CalibrationInfo& info, const calibration::ObservationModel& model) {
  const auto [db, path] = writable();
  Transaction tx(db, path);
  if (info.parent) {
    Statement parent(db, path, "SELECT count(*) FROM calibrations WHERE id = ?1");
    parent.bind(1, *info.parent);
    if (!parent.step() || parent.int64(0) == 0) {
      throw StoreError(path, fmt::format("there is no calibration {} to refine in this file.", *info.parent));
    }
  }
  const std::int64_t id = insert_calibration(db, path, info, model);
  sqlite::insert_input_files(db, path, "calibration_input_files", "calibration_id", id, info.inputs);
  insert_calibration_parameters(db, path, id, model);
  insert_observations(db, path, id, model);
  tx.commit();
  return id;
}

void CalibrationStore::write_generation(std::int64_t id, const calibration::ObservationModel& model,
                                        const calibration::Generation& g) {
  const auto [db, path] = writable();
  const calibration::ParticleSet& ps = g.particles;
  Transaction tx(db, path);
  {
    Statement s(db, path, R"sql(
      INSERT INTO calibration_generations (calibration_id, generation, epsilon, attempts, simulations,
                                           acceptance_rate, ess, wall_seconds)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql");
    s.bind(1, id)
        .bind(2, g.index)
        .bind_finite(3, g.epsilon)
        .bind(4, g.attempts)
        .bind(5, g.simulations)
        .bind(6, g.acceptance_rate)
        .bind(7, g.ess)
        .bind(8, g.wall_seconds);
    s.run();
  }
  {
    Statement s(db, path, R"sql(
      INSERT INTO calibration_particles (calibration_id, generation, particle, weight, distance, path_seed, path_run)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql");
    const bool paths = ps.paths.size() == ps.size();
    for (std::size_t j = 0; j < ps.size(); ++j) {
      s.bind(1, id)
          .bind(2, g.index)
          .bind(3, static_cast<std::int64_t>(j))
          .bind(4, ps.weights[j])
          .bind_finite(5, ps.distances[j]);
      // Seeds ≥ 2^63 wrap to negative (two's complement, read back exactly).
      if (paths) s.bind(6, static_cast<std::int64_t>(ps.paths[j].seed)).bind(7, std::int64_t{ps.paths[j].run});
      s.run();
    }
  }
  {
    Statement s(db, path, R"sql(
      INSERT INTO calibration_particle_values (calibration_id, generation, name, particle, value)
      VALUES (?1, ?2, ?3, ?4, ?5))sql");
    const auto params = model.parameters();
    std::size_t rows = 0;
    for (std::size_t i = 0; i < params.size(); ++i) {
      const bool coordinate = i < model.dimension();
      for (std::size_t j = 0; j < ps.size(); ++j) {
        const double value = coordinate ? ps.particle(j)[i] : ps.derived_of(j)[i - model.dimension()];
        s.bind(1, id)
            .bind(2, g.index)
            .bind_static(3, params[i].name)
            .bind(4, static_cast<std::int64_t>(j))
            .bind(5, value);
        s.run();
        if (++rows % kRowsPerTransaction == 0) tx.commit_and_continue();
      }
    }
  }
  tx.commit();
}

void CalibrationStore::finish(std::int64_t id, const calibration::ObservationModel& model,
                              const calibration::AbcResult& result, const calibration::Posterior& posterior,
                              const std::vector<calibration::ObservationFit>& fit, double wall_seconds) {
  const auto [db, path] = writable();
  Transaction tx(db, path);
  {
    Statement s(db, path, R"sql(
      UPDATE calibration_observations SET fit_p05 = ?3, fit_p50 = ?4, fit_p95 = ?5
      WHERE calibration_id = ?1 AND observation_index = ?2)sql");
    for (const calibration::ObservationFit& f : fit) {
      s.bind(1, id).bind(2, static_cast<std::int64_t>(f.observation)).bind(3, f.p05).bind(4, f.p50).bind(5, f.p95);
      s.run();
    }
  }
  {
    Statement s(db, path, R"sql(
      INSERT INTO calibration_posterior (calibration_id, name, particle, weight, value)
      VALUES (?1, ?2, ?3, ?4, ?5))sql");
    for (std::size_t c = 0; c < posterior.names.size(); ++c) {
      for (std::size_t j = 0; j < posterior.size(); ++j) {
        s.bind(1, id)
            .bind_static(2, posterior.names[c])
            .bind(3, static_cast<std::int64_t>(j))
            .bind(4, posterior.weights[j])
            .bind(5, posterior.value(j, c));
        s.run();
      }
    }
  }
  {
    Statement s(db, path, "UPDATE calibration_parameters SET in_kernel = ?3 WHERE calibration_id = ?1 AND name = ?2");
    for (std::size_t i = 0; i < result.active.size(); ++i) {
      s.bind(1, id).bind(2, model.parameters()[i].name).bind(3, result.active[i] != 0 ? 1 : 0);
      s.run();
    }
  }
  Statement s(db, path,
              fmt::format(R"sql(
    UPDATE calibrations SET status = 'complete', finished = {}, generations = ?2, simulations = ?3,
                            final_epsilon = ?4, stop_reason = ?5, wall_seconds = ?6,
                            path_through_year = ?7
    WHERE id = ?1 AND status = 'running')sql",
                          kNow));
  s.bind(1, id)
      .bind(2, static_cast<std::int64_t>(result.generations.size()))
      .bind(3, result.simulations)
      .bind_finite(4, result.last().epsilon)
      .bind(5, calibration::to_string(result.stop))
      .bind(6, wall_seconds);
  if (posterior.can_continue_paths()) s.bind(7, posterior.path_through_year);
  s.run();
  if (sqlite3_changes(db) != 1) {
    throw StoreError(path, fmt::format("cannot finish calibration {}: it is not 'running'.", id));
  }
  tx.commit();
}

void CalibrationStore::mark_quietly(std::int64_t id, ExperimentStatus status, const std::string& message) noexcept {
  try {
    const auto [db, path] = handle();
    Statement s(db, path,
                fmt::format(R"sql(
      UPDATE calibrations SET status = ?2, finished = {}, message = ?3 WHERE id = ?1 AND status = 'running')sql",
                            kNow));
    s.bind(1, id).bind(2, to_string(status)).bind(3, message);
    s.run();
  } catch (...) {
    // The original error matters more: the calibration stays 'running', never 'complete'.
  }
}

void CalibrationStore::write_scores(std::int64_t id, const std::vector<calibration::ObservationScore>& scores,
                                    std::uint32_t predictive_runs) {
  const auto [db, path] = writable();
  Transaction tx(db, path);
  Statement s(db, path, R"sql(
    INSERT INTO backtest_scores (calibration_id, observation_index, predictive_runs, mean, p05, p25, p50, p75, p95,
                                 in_50, in_90, crps, relative_crps, pit, p_at_least, brier)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16))sql");
  for (const calibration::ObservationScore& sc : scores) {
    s.bind(1, id)
        .bind(2, static_cast<std::int64_t>(sc.observation))
        .bind(3, static_cast<std::int64_t>(predictive_runs))
        .bind(4, sc.predictive.mean)
        .bind(5, sc.predictive.p05)
        .bind(6, sc.predictive.p25)
        .bind(7, sc.predictive.p50)
        .bind(8, sc.predictive.p75)
        .bind(9, sc.predictive.p95);
    if (std::isnan(sc.crps)) {
      s.bind_null(10).bind_null(11);
    } else {
      s.bind(10, sc.in_50 ? 1 : 0).bind(11, sc.in_90 ? 1 : 0);
    }
    s.bind(12, sc.crps).bind(13, sc.relative_crps).bind(14, sc.pit).bind(15, sc.p_at_least).bind(16, sc.brier);
    s.run();
  }
  tx.commit();
}

namespace {

constexpr const char* kCalibrationColumns = R"sql(
  c.id, c.created, coalesce(c.finished, ''), c.status, coalesce(c.message, ''), c.purpose, c.parent_id,
  c.command_line, c.program_version, c.plan_id, c.region_id, c.base_year, c.horizon,
  coalesce(c.presample_start_year, 0), coalesce(c.cut_year, 0), c.particles, c.max_simulations,
  c.master_seed, coalesce(c.simulations, 0), c.max_generations, c.threads, c.rng_layout_version,
  coalesce(c.generations, 0), c.min_epsilon, c.min_acceptance, c.tolerance_quantile, c.final_epsilon,
  coalesce(c.wall_seconds, 0), coalesce(c.stop_reason, ''),
  (SELECT count(*) FROM calibration_observations AS o WHERE o.calibration_id = c.id)
)sql";

CalibrationRow read_calibration(const Statement& s) {
  CalibrationRow r;
  r.id = s.int64(0);
  r.created = s.text(1);
  r.finished = s.text(2);
  r.status = s.text(3);
  r.message = s.text(4);
  r.purpose = s.text(5);
  r.parent = optional_id(s, 6);
  r.command_line = s.text(7);
  r.program_version = s.text(8);
  r.plan_id = s.text(9);
  r.region_id = s.text(10);
  r.base_year = s.integer(11);
  r.horizon = s.integer(12);
  r.presample_start_year = s.integer(13);
  r.cut_year = s.integer(14);
  r.particles = s.uint64(15);
  r.max_simulations = s.uint64(16);
  r.master_seed = s.uint64(17);
  r.simulations = s.uint64(18);
  r.max_generations = s.integer(19);
  r.threads = s.integer(20);
  r.rng_layout_version = s.integer(21);
  r.generations = s.integer(22);
  r.min_epsilon = s.real(23);
  r.min_acceptance = s.real(24);
  r.quantile = s.real(25);
  r.final_epsilon = s.real_or(26, std::numeric_limits<double>::infinity());
  r.wall_seconds = s.real(27);
  r.stop_reason = s.text(28);
  r.observations = static_cast<std::size_t>(s.int64(29));
  return r;
}

}  // namespace

std::vector<CalibrationRow> CalibrationStore::calibrations() const {
  Statement s(handle().db, handle().path,
              fmt::format("SELECT {} FROM calibrations AS c ORDER BY c.id", kCalibrationColumns));
  std::vector<CalibrationRow> rows;
  while (s.step()) rows.push_back(read_calibration(s));
  return rows;
}

std::optional<CalibrationRow> CalibrationStore::calibration(std::int64_t id) const {
  Statement s(handle().db, handle().path,
              fmt::format("SELECT {} FROM calibrations AS c WHERE c.id = ?1", kCalibrationColumns));
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_calibration(s);
}

CalibrationRow CalibrationStore::require_complete(std::int64_t id, std::string_view action) const {
  const auto row = calibration(id);
  if (!row) {
    throw StoreError(store_->path(), fmt::format("cannot {}: there is no calibration {} in this file (list them "
                                                 "with `sqlite3 {} 'SELECT id, status, plan_id FROM calibrations'`).",
                                                 action, id, store_->path()));
  }
  if (row->status != "complete") {
    throw StoreError(store_->path(), fmt::format("cannot {}: calibration {} is '{}', not 'complete'{}.", action, id,
                                                 row->status, row->message.empty() ? "" : " (" + row->message + ")"));
  }
  return *row;
}

calibration::Posterior CalibrationStore::posterior(std::int64_t id) const {
  const CalibrationRow row = require_complete(id, "draw from its posterior");
  calibration::Posterior p;
  p.calibration_id = id;
  p.plan_id = row.plan_id;
  Statement s(handle().db, handle().path, R"sql(
    SELECT p.name, p.particle, p.weight, p.value FROM calibration_posterior AS p
    JOIN calibration_parameters AS q ON q.calibration_id = p.calibration_id AND q.name = p.name
    WHERE p.calibration_id = ?1 ORDER BY q.parameter_index, p.particle)sql");
  s.bind(1, id);
  std::vector<std::vector<double>> columns;
  std::vector<double> weights;
  while (s.step()) {
    const std::string name = s.text(0);
    if (p.names.empty() || p.names.back() != name) {
      p.names.push_back(name);
      columns.emplace_back();
    }
    if (p.names.size() == 1) weights.push_back(s.real(2));
    columns.back().push_back(s.real_or(3, std::numeric_limits<double>::quiet_NaN()));
  }
  const std::size_t n = weights.size();
  if (n == 0) throw StoreError(store_->path(), fmt::format("calibration {} has no posterior rows.", id));
  p.weights = weights;
  p.values.resize(n * p.names.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].size() != n) {
      throw StoreError(store_->path(), fmt::format("calibration {}: posterior column '{}' has {} particles, not {}.",
                                                   id, p.names[c], columns[c].size(), n));
    }
    for (std::size_t j = 0; j < n; ++j) p.values[j * p.names.size() + c] = columns[c][j];
  }
  read_paths(id, row.generations - 1, p);
  return p;
}

void CalibrationStore::read_paths(std::int64_t id, int generation, calibration::Posterior& p) const {
  const auto [db, path] = handle();
  Statement through(db, path, "SELECT path_through_year FROM calibrations WHERE id = ?1");
  through.bind(1, id);
  if (!through.step() || through.is_null(0)) return;  // nothing to continue, or written before schema 3
  Statement s(db, path, R"sql(
    SELECT path_seed, path_run FROM calibration_particles
    WHERE calibration_id = ?1 AND generation = ?2 AND path_seed IS NOT NULL AND path_run IS NOT NULL
    ORDER BY particle)sql");
  s.bind(1, id).bind(2, generation);
  std::vector<model::RunKey> paths;
  while (s.step()) paths.push_back(model::RunKey{s.uint64(0), static_cast<std::uint32_t>(s.int64(1))});
  if (paths.size() != p.size()) return;  // incomplete: the forecast draws fresh paths (and says so)
  p.paths = std::move(paths);
  p.path_through_year = through.integer(0);
}

calibration::WarmStart CalibrationStore::final_particles(std::int64_t id, const std::vector<std::string>& names) const {
  const CalibrationRow row = require_complete(id, "refine it");
  const int last = row.generations - 1;
  const auto [db, path] = handle();
  calibration::WarmStart start;
  calibration::ParticleSet& ps = start.particles;
  ps.dimension = names.size();
  {
    Statement s(db, path, R"sql(
      SELECT weight, coalesce(distance, 0) FROM calibration_particles
      WHERE calibration_id = ?1 AND generation = ?2 ORDER BY particle)sql");
    s.bind(1, id).bind(2, last);
    while (s.step()) {
      ps.weights.push_back(s.real(0));
      ps.distances.push_back(s.real(1));
    }
  }
  ps.x.assign(ps.size() * names.size(), std::numeric_limits<double>::quiet_NaN());
  Statement s(db, path, R"sql(
    SELECT particle, value FROM calibration_particle_values
    WHERE calibration_id = ?1 AND generation = ?2 AND name = ?3 ORDER BY particle)sql");
  for (std::size_t i = 0; i < names.size(); ++i) {
    s.bind(1, id).bind(2, last).bind(3, names[i]);
    std::size_t found = 0;
    while (s.step()) {
      const auto j = static_cast<std::size_t>(s.int64(0));
      if (j < ps.size()) ps.x[j * names.size() + i] = s.real(1);
      ++found;
    }
    s.reset();
    if (found != ps.size()) {
      throw StoreError(path, fmt::format("calibration {} did not calibrate '{}': refine only a calibration of the same "
                                         "parameters (same plan and priors), or calibrate afresh without --from.",
                                         id, names[i]));
    }
  }
  double total = 0.0;
  for (double w : ps.weights) total += w;
  for (double& w : ps.weights) w /= total;
  Statement kernel(db, path,
                   "SELECT coalesce(in_kernel, 1) FROM calibration_parameters WHERE calibration_id = ?1 AND name = ?2");
  for (const std::string& name : names) {
    kernel.bind(1, id).bind(2, name);
    start.active.push_back(kernel.step() && kernel.int64(0) == 0 ? 0 : 1);
    kernel.reset();
  }
  return start;
}

std::vector<calibration::Observation> CalibrationStore::observations(std::int64_t id) const {
  Statement s(handle().db, handle().path, R"sql(
    SELECT region_id, indicator_id, year, measure, value, relative_sd, source, quote, note, file, line,
           coalesce(definition, ''), coalesce(definition_sd, 0)
    FROM calibration_observations WHERE calibration_id = ?1 ORDER BY observation_index)sql");
  s.bind(1, id);
  std::vector<calibration::Observation> out;
  while (s.step()) {
    calibration::Observation o;
    o.region = s.text(0);
    o.indicator = s.text(1);
    o.year = s.integer(2);
    o.measure = calibration::find_measure(s.text(3)).value_or(calibration::Measure::level);
    o.value = s.real(4);
    o.relative_sd = s.real(5);
    o.source = s.text(6);
    o.quote = s.text(7);
    o.note = s.text(8);
    o.file = s.text(9);
    o.line = s.integer(10);
    o.definition = s.text(11);
    o.definition_sd = s.real(12);
    out.push_back(std::move(o));
  }
  return out;
}

std::string CalibrationStore::resolve_target(const std::string& name) const {
  const auto [db, path] = handle();
  Statement s(db, path, R"sql(
    SELECT target_id, indicator_id FROM targets WHERE experiment_id =
      (SELECT max(experiment_id) FROM targets WHERE target_id = ?1 OR indicator_id = ?1)
    ORDER BY target_index)sql");
  s.bind(1, name);
  std::vector<model::TargetName> targets;
  while (s.step()) targets.push_back({s.text(0), s.text(1)});
  if (targets.empty()) {
    throw StoreError(path, fmt::format("no experiment in this file has the target or target indicator '{}': check "
                                       "the id (`targetcast targets` lists them) or run `targetcast simulate` first.",
                                       name));
  }
  const model::TargetLookup found = model::lookup_target(targets, name);
  if (!found.problem.empty()) throw StoreError(path, found.problem);
  return targets[found.index].id;
}

std::vector<RevisionRow> CalibrationStore::revisions(const std::string& target_id) const {
  const auto [db, path] = handle();
  std::string plan_id;
  {
    Statement s(db, path, R"sql(
      SELECT e.plan_id FROM targets AS t JOIN experiments AS e ON e.id = t.experiment_id
      WHERE t.target_id = ?1 ORDER BY e.id DESC LIMIT 1)sql");
    s.bind(1, target_id);
    if (!s.step()) {
      throw StoreError(path, fmt::format("no experiment in this file has the target '{}': check the id "
                                         "(`targetcast targets` lists them) or run `targetcast simulate` first.",
                                         target_id));
    }
    plan_id = s.text(0);
  }
  // The latest complete forecast of the target on the experiment's first
  // scenario, with no posterior (?2 NULL) or with calibration ?2.
  Statement forecast(db, path, R"sql(
    SELECT e.id, e.created, r.scenario_id, r.probability, r.ci_low, r.ci_high, r.runs
    FROM experiments AS e
    JOIN scenarios AS s ON s.experiment_id = e.id AND s.scenario_index = 0
    JOIN target_results AS r ON r.experiment_id = e.id AND r.scenario_id = s.scenario_id AND r.target_id = ?1
    WHERE e.status = 'complete' AND e.plan_id = ?3 AND e.posterior IS ?2
    ORDER BY e.id DESC LIMIT 1)sql");
  const auto read_forecast = [&](RevisionRow& row, bool prior) {
    forecast.bind(1, target_id).bind(3, plan_id);
    if (row.calibration) {
      forecast.bind(2, std::to_string(*row.calibration));
    } else {
      forecast.bind_null(2);
    }
    if (forecast.step()) {
      row.experiment = forecast.int64(0);
      if (prior) row.created = forecast.text(1);
      row.scenario_id = forecast.text(2);
      row.probability = forecast.real(3);
      row.ci_low = forecast.real(4);
      row.ci_high = forecast.real(5);
      row.runs = forecast.uint64(6);
    }
    forecast.reset();
  };
  std::vector<RevisionRow> rows;
  RevisionRow prior;
  read_forecast(prior, true);
  rows.push_back(prior);
  Statement cal(db, path, R"sql(
    SELECT c.id, c.parent_id, c.created,
           (SELECT count(*) FROM calibration_observations AS o WHERE o.calibration_id = c.id AND o.use = 'fit')
    FROM calibrations AS c WHERE c.status = 'complete' AND c.purpose = 'calibration' AND c.plan_id = ?1
    ORDER BY c.id)sql");
  cal.bind(1, plan_id);
  while (cal.step()) {
    RevisionRow row;
    row.calibration = cal.int64(0);
    row.parent = optional_id(cal, 1);
    row.created = cal.text(2);
    row.observations = static_cast<std::size_t>(cal.int64(3));
    rows.push_back(row);
  }
  Statement missed(db, path, R"sql(
    SELECT indicator_id, year, fit_p50 FROM calibration_observations
    WHERE calibration_id = ?1 AND use = 'fit' AND abs(fit_p50) > ?2 ORDER BY observation_index)sql");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    read_forecast(rows[i], false);
    missed.bind(1, *rows[i].calibration).bind(2, kNotReproducedSds);
    while (missed.step()) {
      rows[i].not_reproduced.push_back(
          fmt::format("{} {} ({:+.1f} sd)", missed.text(0), missed.int64(1), missed.real(2)));
    }
    missed.reset();
  }
  return rows;
}

}  // namespace targetcast::store
