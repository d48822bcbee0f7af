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

void trajectories_in_place_of_rows(sqlite3* db, const std::string& path) {
  sqlite::exec(db, path, kRunTrajectoriesV8);
  copy_run_indicators(db, path);
  sqlite::exec(db, path, kRunIndicatorsViewV8);
}

}  // namespace

void migrate_4_to_5(sqlite3* db, const std::string& path) { sqlite::exec(db, path, kMigration4To5); }
void migrate_5_to_6(sqlite3* db, const std::string& path) { sqlite::exec(db, path, kMigration5To6); }
void migrate_6_to_7(sqlite3* db, const std::string& path) { sqlite::exec(db, path, kMigration6To7); }
void migrate_7_to_8(sqlite3* db, const std::string& path) { trajectories_in_place_of_rows(db, path); }

}  // namespace targetcast::store::schema
