// Schema versions 5 and later (store/schema_views.h); docs/schema.md
// documents every table, view and column.
#include "store/schema_views.h"

#include <cstdint>
#include <limits>

#include "store/sqlite_statement.h"
#include "store/trajectory_json.h"

namespace targetcast::store::schema {
namespace {

// --- Version 5 --------------------------------------------------------------
// Views that explain themselves (issue 16, item 11): target_results keeps
// `deadline_p50` (the indicator's value at the deadline, not a year) and
// `never_reached` (a count of runs), and experiments.posterior is a calibration
// id stored as text. Renaming released columns would break every query and
// older program on old files, so the tables stay and these views give each
// value a name that says what it is, with its unit beside it. Views hold no
// rows: an upgraded file reads them at once. Notes a planner reads get their
// Chinese text beside the English `note` (note_zh; NULL: one text only).
constexpr const char* kMigration4To5 = R"sql(
ALTER TABLE parameters ADD COLUMN note_zh TEXT;
ALTER TABLE indicators ADD COLUMN note_zh TEXT;
ALTER TABLE targets ADD COLUMN note_zh TEXT;

CREATE VIEW target_outcomes AS
SELECT r.experiment_id, r.scenario_id, s.title_en AS scenario_en, s.title_zh AS scenario_zh,
       r.target_id, t.name_en AS target_en, t.name_zh AS target_zh, t.indicator_id,
       t.comparison, t.threshold, i.unit_en AS threshold_unit_en, i.unit_zh AS threshold_unit_zh,
       t.deadline AS deadline_year,
       r.probability AS p_met, r.ci_low AS p_met_ci95_low, r.ci_high AS p_met_ci95_high,
       r.runs, r.met AS runs_met,
       r.deadline_p05 AS value_at_deadline_p05, r.deadline_p25 AS value_at_deadline_p25,
       r.deadline_p50 AS value_at_deadline_p50, r.deadline_p75 AS value_at_deadline_p75,
       r.deadline_p95 AS value_at_deadline_p95, r.deadline_mean AS value_at_deadline_mean,
       i.unit_en AS value_unit_en, i.unit_zh AS value_unit_zh,
       r.first_passage_median_year AS first_reached_median_year,
       r.never_reached AS runs_never_reached,
       CASE WHEN r.runs > 0 THEN CAST(r.never_reached AS REAL) / r.runs END AS share_never_reached
FROM target_results AS r
JOIN scenarios AS s ON s.experiment_id = r.experiment_id AND s.scenario_id = r.scenario_id
JOIN targets AS t ON t.experiment_id = r.experiment_id AND t.target_id = r.target_id
LEFT JOIN indicators AS i ON i.experiment_id = r.experiment_id AND i.indicator_id = t.indicator_id;

CREATE VIEW indicator_outcomes AS
SELECT v.experiment_id, v.scenario_id, v.indicator_id, i.name_en AS indicator_en, i.name_zh AS indicator_zh,
       v.year, v.p05 AS value_p05, v.p25 AS value_p25, v.p50 AS value_p50, v.p75 AS value_p75,
       v.p95 AS value_p95, v.mean AS value_mean, i.unit_en AS value_unit_en, i.unit_zh AS value_unit_zh
FROM indicator_summary AS v
LEFT JOIN indicators AS i ON i.experiment_id = v.experiment_id AND i.indicator_id = v.indicator_id;

CREATE VIEW experiment_overview AS
SELECT e.id AS experiment_id, e.status, e.created, e.finished, e.plan_id, e.base_year, e.horizon AS horizon_year,
       e.runs, e.master_seed_text AS master_seed, e.wall_seconds,
       CAST(e.posterior AS INTEGER) AS posterior_calibration_id,
       CASE WHEN e.posterior IS NULL THEN 'priors' ELSE 'posterior' END AS drawn_from,
       e.posterior_paths, e.paths_through_year
FROM experiments AS e;
)sql";

// --- Version 6 --------------------------------------------------------------
// A parameter's human name (name = { zh, en } in its [prior.<name>] table) is
// carried with it, so a report names a parameter a planner declared in their
// own plan file (issue 16, item 8). NULL: no file named it.
constexpr const char* kMigration5To6 = R"sql(
ALTER TABLE parameters ADD COLUMN name_zh TEXT;
ALTER TABLE parameters ADD COLUMN name_en TEXT;
)sql";

// --- Version 7 --------------------------------------------------------------
// The documents the input files cite, by title and issuing body ([[document]]
// tables), so that a report names a planner's own document instead of its file
// name (issue 16, item 8). An upgraded file has no rows: its reports show the
// file names, as before.
constexpr const char* kMigration6To7 = R"sql(
CREATE TABLE documents (
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  file          TEXT NOT NULL,
  title_zh      TEXT NOT NULL,
  title_en      TEXT NOT NULL,
  issuer_zh     TEXT NOT NULL,
  issuer_en     TEXT NOT NULL,
  origin        TEXT NOT NULL,
  line          INTEGER NOT NULL,
  PRIMARY KEY (experiment_id, file)
);
)sql";

// --- Version 8 --------------------------------------------------------------
// One row per run and indicator holding the run's whole trajectory (issue 17):
// one row per run, indicator and year made the per-run rows of a 10,000-run
// experiment 1.4 million rows, most of the database's size and of the time to
// write it. run_indicators becomes a view that expands the arrays into the
// rows and columns it had, so every query of it reads as before.
constexpr const char* kRunTrajectoriesV8 = R"sql(
CREATE TABLE run_trajectories (
  experiment_id INTEGER NOT NULL,
  scenario_id   TEXT NOT NULL,
  indicator_id  TEXT NOT NULL,
  run           INTEGER NOT NULL,
  first_year    INTEGER NOT NULL,
  trajectory    TEXT NOT NULL,
  PRIMARY KEY (experiment_id, scenario_id, indicator_id, run),
  FOREIGN KEY (experiment_id, scenario_id)
    REFERENCES scenarios (experiment_id, scenario_id) ON DELETE CASCADE
) WITHOUT ROWID;
)sql";

// CAST: json_each gives a whole number as an integer; the table gave REAL.
constexpr const char* kRunIndicatorsViewV8 = R"sql(
DROP TABLE run_indicators;
CREATE VIEW run_indicators AS
SELECT r.experiment_id, r.scenario_id, r.run, r.indicator_id, r.first_year + j.key AS year,
       CAST(j.value AS REAL) AS value
FROM run_trajectories AS r, json_each(r.trajectory) AS j;
)sql";

// The rows of the version-7 table run_indicators as trajectories, each year in
// order. The numbers are formatted here, not by SQLite's json_group_array,
// which keeps 15 significant digits only. A year missing inside a trajectory
// (never written by targetcast) becomes null.
void copy_run_indicators(sqlite3* db, const std::string& path) {
  sqlite::Statement read(db, path, R"sql(
    SELECT experiment_id, scenario_id, indicator_id, run, year, value FROM run_indicators
    ORDER BY experiment_id, scenario_id, indicator_id, run, year)sql");
  sqlite::Statement write(db, path, R"sql(
    INSERT INTO run_trajectories (experiment_id, scenario_id, indicator_id, run, first_year, trajectory)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql");
  struct Key {
    std::int64_t experiment = 0, run = 0;
    std::string scenario, indicator;
    bool operator==(const Key&) const = default;
  };
  Key key;
  std::string json;
  std::int64_t next_year = 0;
  bool open = false;
  const auto flush = [&] {
    json += ']';
    write.bind(1, key.experiment).bind(2, key.scenario).bind(3, key.indicator).bind(4, key.run);
    write.bind(6, std::string_view(json));
    write.run();
  };
  while (read.step()) {
    Key row{read.int64(0), read.int64(3), read.text(1), read.text(2)};
    const std::int64_t year = read.int64(4);
    if (!open || !(row == key)) {
      if (open) flush();
      key = std::move(row);
      write.bind(5, year);
      json = "[";
      next_year = year;
      open = true;
    }
    for (; next_year < year; ++next_year) json += "null,";
    if (json.size() > 1 && json.back() != ',') json += ',';
    append_trajectory_value(json, read.is_null(5) ? std::numeric_limits<double>::quiet_NaN() : read.real(5));
    ++next_year;
  }
  if (open) flush();
}

// Every run's parameter draws and target outcomes packed across runs (issue
// 17): one row per scenario, parameter (or target) and block of runs, the
// block's values in run order as one JSON array, run = first_run + the
// position in it. The main job's 520,000 run_parameters and 100,000
// run_targets rows were most of what its per-run rows still cost once the
// trajectories were packed. A block is the runs one write gets: a scenario
// written at once is one block. Not WITHOUT ROWID: a row holds thousands of
// numbers, and big rows belong in a rowid table.
constexpr const char* kPackedRunsV8 = R"sql(
CREATE TABLE run_parameter_values (
  experiment_id INTEGER NOT NULL,
  scenario_id   TEXT NOT NULL,
  name          TEXT NOT NULL,
  first_run     INTEGER NOT NULL,
  draws         TEXT NOT NULL,
  PRIMARY KEY (experiment_id, scenario_id, name, first_run),
  FOREIGN KEY (experiment_id, scenario_id)
    REFERENCES scenarios (experiment_id, scenario_id) ON DELETE CASCADE
);
CREATE TABLE run_target_outcomes (
  experiment_id INTEGER NOT NULL,
  scenario_id   TEXT NOT NULL,
  target_id     TEXT NOT NULL,
  first_run     INTEGER NOT NULL,
  met           TEXT NOT NULL,
  PRIMARY KEY (experiment_id, scenario_id, target_id, first_run),
  FOREIGN KEY (experiment_id, scenario_id)
    REFERENCES scenarios (experiment_id, scenario_id) ON DELETE CASCADE
);
)sql";

// The old tables' columns and types: CAST as for run_indicators.
constexpr const char* kPackedRunsViewsV8 = R"sql(
DROP TABLE run_parameters;
CREATE VIEW run_parameters AS
SELECT p.experiment_id, p.scenario_id, p.first_run + j.key AS run, p.name, CAST(j.value AS REAL) AS value
FROM run_parameter_values AS p, json_each(p.draws) AS j;
DROP TABLE run_targets;
CREATE VIEW run_targets AS
SELECT o.experiment_id, o.scenario_id, o.first_run + j.key AS run, o.target_id, CAST(j.value AS INTEGER) AS met
FROM run_target_outcomes AS o, json_each(o.met) AS j;
)sql";

// Copies the version-7 rows (experiment, scenario, key, run, value) of
// `read_sql`, in that order, into packed rows of `write_sql`: one block per
// unbroken run of runs (targetcast writes runs 0..n-1, so one block).
void pack_rows(sqlite3* db, const std::string& path, const char* read_sql, const char* write_sql) {
  sqlite::Statement read(db, path, read_sql);
  sqlite::Statement write(db, path, write_sql);
  std::int64_t experiment = 0, next_run = 0;
  std::string scenario, key, json;
  bool open = false;
  const auto flush = [&] {
    json += ']';
    write.bind(4, std::string_view(json));
    write.run();
  };
  while (read.step()) {
    const std::int64_t run = read.int64(3);
    if (!open || read.int64(0) != experiment || read.text(1) != scenario || read.text(2) != key || run != next_run) {
      if (open) flush();
      experiment = read.int64(0);
      scenario = read.text(1);
      key = read.text(2);
      write.bind(1, experiment).bind(2, scenario).bind(3, key).bind(5, run);
      json = "[";
      open = true;
    } else {
      json += ',';
    }
    append_trajectory_value(json, read.is_null(4) ? std::numeric_limits<double>::quiet_NaN() : read.real(4));
    next_run = run + 1;
  }
  if (open) flush();
}

void pack_run_parameters_and_targets(sqlite3* db, const std::string& path) {
  sqlite::exec(db, path, kPackedRunsV8);
  pack_rows(db, path,
            "SELECT experiment_id, scenario_id, name, run, value FROM run_parameters "
            "ORDER BY experiment_id, scenario_id, name, run",
            "INSERT INTO run_parameter_values (experiment_id, scenario_id, name, draws, first_run) "
            "VALUES (?1, ?2, ?3, ?4, ?5)");
  pack_rows(db, path,
            "SELECT experiment_id, scenario_id, target_id, run, met FROM run_targets "
            "ORDER BY experiment_id, scenario_id, target_id, run",
            "INSERT INTO run_target_outcomes (experiment_id, scenario_id, target_id, met, first_run) "
            "VALUES (?1, ?2, ?3, ?4, ?5)");
  sqlite::exec(db, path, kPackedRunsViewsV8);
}

void trajectories_in_place_of_rows(sqlite3* db, const std::string& path) {
  sqlite::exec(db, path, kRunTrajectoriesV8);
  copy_run_indicators(db, path);
  sqlite::exec(db, path, kRunIndicatorsViewV8);
  pack_run_parameters_and_targets(db, path);
}

}  // namespace

void migrate_4_to_5(sqlite3* db, const std::string& path) { sqlite::exec(db, path, kMigration4To5); }
void migrate_5_to_6(sqlite3* db, const std::string& path) { sqlite::exec(db, path, kMigration5To6); }
void migrate_6_to_7(sqlite3* db, const std::string& path) { sqlite::exec(db, path, kMigration6To7); }
void migrate_7_to_8(sqlite3* db, const std::string& path) { trajectories_in_place_of_rows(db, path); }

}  // namespace targetcast::store::schema
