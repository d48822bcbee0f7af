// The schema of the results database and its migrations (store/schema.h).
// docs/schema.md documents every table and column; keep the two in step.
#include "store/schema.h"

#include <sqlite3.h>

#include <iterator>

#include <fmt/format.h>

#include "store/schema_views.h"
#include "store/sqlite_statement.h"
#include "store/store_error.h"

namespace targetcast::store::schema {
namespace {

using sqlite::Statement;
using sqlite::Transaction;

// --- Version 1 --------------------------------------------------------------
// Released DDL: never edit it. Change the schema with a new version and its
// migration below.

// Experiments, version 1 (docs/schema.md documents every column). Parents
// cascade deletes to children; per-run tables are WITHOUT ROWID, clustered on
// their primary key and filled in key order, so that inserts append.
constexpr const char* kExperimentTablesV1 = R"sql(
CREATE TABLE experiments (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  created            TEXT NOT NULL,
  finished           TEXT,
  status             TEXT NOT NULL DEFAULT 'running'
                     CHECK (status IN ('running', 'complete', 'failed', 'interrupted')),
  message            TEXT,
  command_line       TEXT NOT NULL,
  program_version    TEXT NOT NULL,
  plan_id            TEXT NOT NULL,
  base_year          INTEGER NOT NULL,
  horizon            INTEGER NOT NULL,
  master_seed        INTEGER NOT NULL,
  master_seed_text   TEXT NOT NULL,
  runs               INTEGER NOT NULL,
  threads            INTEGER NOT NULL,
  rng_layout_version INTEGER NOT NULL,
  wall_seconds       REAL,
  posterior          TEXT
);

CREATE TABLE input_files (
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  file_index    INTEGER NOT NULL,
  role          TEXT NOT NULL,
  path          TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  bytes         INTEGER NOT NULL,
  content       TEXT NOT NULL,
  PRIMARY KEY (experiment_id, file_index)
);
CREATE INDEX input_files_by_sha256 ON input_files (sha256);

CREATE TABLE scenarios (
  experiment_id  INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  scenario_id    TEXT NOT NULL,
  scenario_index INTEGER NOT NULL,
  title_zh       TEXT NOT NULL,
  title_en       TEXT NOT NULL,
  description_zh TEXT NOT NULL,
  description_en TEXT NOT NULL,
  source_path    TEXT NOT NULL,
  runs           INTEGER NOT NULL,
  base_year      INTEGER NOT NULL,
  horizon        INTEGER NOT NULL,
  per_run        INTEGER NOT NULL CHECK (per_run IN (0, 1)),
  written        TEXT,
  PRIMARY KEY (experiment_id, scenario_id),
  UNIQUE (experiment_id, scenario_index)
);

CREATE TABLE parameters (
  experiment_id     INTEGER NOT NULL,
  scenario_id       TEXT NOT NULL,
  parameter_index   INTEGER NOT NULL,
  name              TEXT NOT NULL,
  distribution      TEXT NOT NULL,
  distribution_kind TEXT NOT NULL,
  a                 REAL,
  b                 REAL,
  lower             REAL,
  upper             REAL,
  basis             TEXT NOT NULL,
  source            TEXT NOT NULL,
  quote             TEXT NOT NULL,
  note              TEXT NOT NULL,
  origin            TEXT NOT NULL,
  line              INTEGER NOT NULL,
  PRIMARY KEY (experiment_id, scenario_id, name),
  UNIQUE (experiment_id, scenario_id, parameter_index),
  FOREIGN KEY (experiment_id, scenario_id)
    REFERENCES scenarios (experiment_id, scenario_id) ON DELETE CASCADE
);

CREATE TABLE indicators (
  experiment_id   INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  indicator_index INTEGER NOT NULL,
  indicator_id    TEXT NOT NULL,
  name_zh         TEXT NOT NULL,
  name_en         TEXT NOT NULL,
  unit_zh         TEXT NOT NULL,
  unit_en         TEXT NOT NULL,
  kind            TEXT NOT NULL,
  basis           TEXT NOT NULL,
  source          TEXT NOT NULL,
  quote           TEXT NOT NULL,
  note            TEXT NOT NULL,
  PRIMARY KEY (experiment_id, indicator_id),
  UNIQUE (experiment_id, indicator_index)
);

CREATE TABLE targets (
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  target_index  INTEGER NOT NULL,
  target_id     TEXT NOT NULL,
  indicator_id  TEXT NOT NULL,
  comparison    TEXT NOT NULL,
  threshold     REAL NOT NULL,
  deadline      INTEGER NOT NULL,
  name_zh       TEXT NOT NULL,
  name_en       TEXT NOT NULL,
  basis         TEXT NOT NULL,
  source        TEXT NOT NULL,
  quote         TEXT NOT NULL,
  note          TEXT NOT NULL,
  PRIMARY KEY (experiment_id, target_id),
  UNIQUE (experiment_id, target_index),
  FOREIGN KEY (experiment_id, indicator_id)
    REFERENCES indicators (experiment_id, indicator_id) ON DELETE CASCADE
);

CREATE TABLE run_parameters (
  experiment_id INTEGER NOT NULL,
  scenario_id   TEXT NOT NULL,
  run           INTEGER NOT NULL,
  name          TEXT NOT NULL,
  value         REAL,
  PRIMARY KEY (experiment_id, scenario_id, name, run),
  FOREIGN KEY (experiment_id, scenario_id)
    REFERENCES scenarios (experiment_id, scenario_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE run_indicators (
  experiment_id INTEGER NOT NULL,
  scenario_id   TEXT NOT NULL,
  run           INTEGER NOT NULL,
  indicator_id  TEXT NOT NULL,
  year          INTEGER NOT NULL,
  value         REAL,
  PRIMARY KEY (experiment_id, scenario_id, indicator_id, run, year),
  FOREIGN KEY (experiment_id, scenario_id)
    REFERENCES scenarios (experiment_id, scenario_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE run_targets (
  experiment_id INTEGER NOT NULL,
  scenario_id   TEXT NOT NULL,
  run           INTEGER NOT NULL,
  target_id     TEXT NOT NULL,
  met           INTEGER NOT NULL CHECK (met IN (0, 1)),
  PRIMARY KEY (experiment_id, scenario_id, target_id, run),
  FOREIGN KEY (experiment_id, scenario_id)
    REFERENCES scenarios (experiment_id, scenario_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE indicator_summary (
  experiment_id INTEGER NOT NULL,
  scenario_id   TEXT NOT NULL,
  indicator_id  TEXT NOT NULL,
  year          INTEGER NOT NULL,
  mean          REAL,
  p05           REAL,
  p25           REAL,
  p50           REAL,
  p75           REAL,
  p95           REAL,
  PRIMARY KEY (experiment_id, scenario_id, indicator_id, year),
  FOREIGN KEY (experiment_id, scenario_id)
    REFERENCES scenarios (experiment_id, scenario_id) ON DELETE CASCADE
);

CREATE TABLE target_results (
  experiment_id             INTEGER NOT NULL,
  scenario_id               TEXT NOT NULL,
  target_id                 TEXT NOT NULL,
  probability               REAL,
  ci_low                    REAL,
  ci_high                   REAL,
  runs                      INTEGER NOT NULL,
  met                       INTEGER NOT NULL,
  deadline_mean             REAL,
  deadline_p05              REAL,
  deadline_p25              REAL,
  deadline_p50              REAL,
  deadline_p75              REAL,
  deadline_p95              REAL,
  first_passage_median_year INTEGER,
  never_reached             INTEGER NOT NULL,
  PRIMARY KEY (experiment_id, scenario_id, target_id),
  FOREIGN KEY (experiment_id, scenario_id)
    REFERENCES scenarios (experiment_id, scenario_id) ON DELETE CASCADE,
  FOREIGN KEY (experiment_id, target_id)
    REFERENCES targets (experiment_id, target_id) ON DELETE CASCADE
);

CREATE TABLE first_passage (
  experiment_id    INTEGER NOT NULL,
  scenario_id      TEXT NOT NULL,
  target_id        TEXT NOT NULL,
  year             INTEGER NOT NULL,
  runs             INTEGER NOT NULL,
  cumulative_runs  INTEGER NOT NULL,
  cumulative_share REAL,
  PRIMARY KEY (experiment_id, scenario_id, target_id, year),
  FOREIGN KEY (experiment_id, scenario_id)
    REFERENCES scenarios (experiment_id, scenario_id) ON DELETE CASCADE,
  FOREIGN KEY (experiment_id, target_id)
    REFERENCES targets (experiment_id, target_id) ON DELETE CASCADE
);

CREATE TABLE joint_results (
  experiment_id INTEGER NOT NULL,
  scenario_id   TEXT NOT NULL,
  plan_id       TEXT NOT NULL,
  probability   REAL,
  ci_low        REAL,
  ci_high       REAL,
  runs          INTEGER NOT NULL,
  met           INTEGER NOT NULL,
  PRIMARY KEY (experiment_id, scenario_id, plan_id),
  FOREIGN KEY (experiment_id, scenario_id)
    REFERENCES scenarios (experiment_id, scenario_id) ON DELETE CASCADE
);

-- Paired comparison of each scenario with the experiment's first (analysis/comparison.h).
CREATE TABLE comparisons (
  experiment_id                INTEGER NOT NULL,
  scenario_id                  TEXT NOT NULL,
  reference_scenario_id        TEXT NOT NULL,
  target_id                    TEXT NOT NULL,
  indicator_id                 TEXT NOT NULL,
  runs                         INTEGER NOT NULL,
  probability                  REAL,
  reference_probability        REAL,
  difference                   REAL,
  ci_low                       REAL,
  ci_high                      REAL,
  unpaired_ci_low              REAL,
  unpaired_ci_high             REAL,
  variance_reduction           REAL,
  both_met                     INTEGER NOT NULL,
  scenario_only_met            INTEGER NOT NULL,
  reference_only_met           INTEGER NOT NULL,
  neither_met                  INTEGER NOT NULL,
  indicator_mean               REAL,
  reference_indicator_mean     REAL,
  indicator_difference_mean    REAL,
  indicator_difference_median  REAL,
  indicator_difference_ci_low  REAL,
  indicator_difference_ci_high REAL,
  indicator_unpaired_ci_low    REAL,
  indicator_unpaired_ci_high   REAL,
  indicator_variance_reduction REAL,
  PRIMARY KEY (experiment_id, scenario_id, target_id),
  FOREIGN KEY (experiment_id, scenario_id)
    REFERENCES scenarios (experiment_id, scenario_id) ON DELETE CASCADE,
  FOREIGN KEY (experiment_id, reference_scenario_id)
    REFERENCES scenarios (experiment_id, scenario_id) ON DELETE CASCADE,
  FOREIGN KEY (experiment_id, target_id)
    REFERENCES targets (experiment_id, target_id) ON DELETE CASCADE
);

-- One row per target and scenario with everything a planner reads first.
CREATE VIEW target_overview AS
SELECT e.id AS experiment_id, e.status, e.created, e.plan_id,
       s.scenario_index, s.scenario_id, s.title_zh AS scenario_zh, s.title_en AS scenario_en,
       t.target_index, t.target_id, t.name_zh, t.name_en, t.indicator_id, t.comparison,
       t.threshold, t.deadline, t.basis,
       r.probability, r.ci_low, r.ci_high, r.runs, r.met,
       r.deadline_p05, r.deadline_p50, r.deadline_p95,
       r.first_passage_median_year, r.never_reached
FROM target_results AS r
JOIN experiments AS e ON e.id = r.experiment_id
JOIN scenarios AS s ON s.experiment_id = r.experiment_id AND s.scenario_id = r.scenario_id
JOIN targets AS t ON t.experiment_id = r.experiment_id AND t.target_id = r.target_id;
)sql";

// Calibrations, version 1 (docs/schema.md, "Calibrations").
constexpr const char* kCalibrationTablesV1 = R"sql(
CREATE TABLE calibrations (
  id                   INTEGER PRIMARY KEY AUTOINCREMENT,
  created              TEXT NOT NULL,
  finished             TEXT,
  status               TEXT NOT NULL DEFAULT 'running'
                       CHECK (status IN ('running', 'complete', 'failed', 'interrupted')),
  message              TEXT,
  purpose              TEXT NOT NULL CHECK (purpose IN ('calibration', 'backtest')),
  parent_id            INTEGER REFERENCES calibrations(id) ON DELETE SET NULL,
  command_line         TEXT NOT NULL,
  program_version      TEXT NOT NULL,
  plan_id              TEXT NOT NULL,
  region_id            TEXT NOT NULL,
  base_year            INTEGER NOT NULL,
  horizon              INTEGER NOT NULL,
  presample_start_year INTEGER,
  cut_year             INTEGER,
  particles            INTEGER NOT NULL,
  max_generations      INTEGER NOT NULL,
  min_epsilon          REAL NOT NULL,
  min_acceptance       REAL NOT NULL,
  max_simulations      INTEGER NOT NULL,
  tolerance_quantile   REAL NOT NULL,
  master_seed          INTEGER NOT NULL,
  master_seed_text     TEXT NOT NULL,
  threads              INTEGER NOT NULL,
  rng_layout_version   INTEGER NOT NULL,
  generations          INTEGER,
  simulations          INTEGER,
  final_epsilon        REAL,
  stop_reason          TEXT,
  wall_seconds         REAL
);

CREATE TABLE calibration_input_files (
  calibration_id INTEGER NOT NULL REFERENCES calibrations(id) ON DELETE CASCADE,
  file_index     INTEGER NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('plan', 'priors', 'scenario', 'observations')),
  path           TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  bytes          INTEGER NOT NULL,
  content        TEXT NOT NULL,
  PRIMARY KEY (calibration_id, file_index)
);

CREATE TABLE calibration_parameters (
  calibration_id    INTEGER NOT NULL REFERENCES calibrations(id) ON DELETE CASCADE,
  parameter_index   INTEGER NOT NULL,
  name              TEXT NOT NULL,
  role              TEXT NOT NULL CHECK (role IN ('calibrated', 'presample', 'derived')),
  distribution      TEXT NOT NULL,
  distribution_kind TEXT NOT NULL,
  a                 REAL,
  b                 REAL,
  lower             REAL,
  upper             REAL,
  basis             TEXT NOT NULL,
  source            TEXT NOT NULL,
  quote             TEXT NOT NULL,
  note              TEXT NOT NULL,
  origin            TEXT NOT NULL,
  in_kernel         INTEGER CHECK (in_kernel IN (0, 1)),
  PRIMARY KEY (calibration_id, name),
  UNIQUE (calibration_id, parameter_index)
);

CREATE TABLE calibration_observations (
  calibration_id    INTEGER NOT NULL REFERENCES calibrations(id) ON DELETE CASCADE,
  observation_index INTEGER NOT NULL,
  region_id         TEXT NOT NULL,
  indicator_id      TEXT NOT NULL,
  year              INTEGER NOT NULL,
  measure           TEXT NOT NULL CHECK (measure IN ('level', 'floor', 'growth')),
  value             REAL NOT NULL,
  relative_sd       REAL NOT NULL,
  use               TEXT NOT NULL CHECK (use IN ('fit', 'initial_condition', 'held_out')),
  source            TEXT NOT NULL,
  quote             TEXT NOT NULL,
  note              TEXT NOT NULL,
  file              TEXT NOT NULL,
  line              INTEGER NOT NULL,
  PRIMARY KEY (calibration_id, observation_index)
);

CREATE TABLE calibration_generations (
  calibration_id  INTEGER NOT NULL REFERENCES calibrations(id) ON DELETE CASCADE,
  generation      INTEGER NOT NULL,
  epsilon         REAL,
  attempts        INTEGER NOT NULL,
  simulations     INTEGER NOT NULL,
  acceptance_rate REAL NOT NULL,
  ess             REAL NOT NULL,
  wall_seconds    REAL NOT NULL,
  PRIMARY KEY (calibration_id, generation)
);

CREATE TABLE calibration_particles (
  calibration_id INTEGER NOT NULL,
  generation     INTEGER NOT NULL,
  particle       INTEGER NOT NULL,
  weight         REAL NOT NULL,
  distance       REAL,
  PRIMARY KEY (calibration_id, generation, particle),
  FOREIGN KEY (calibration_id, generation)
    REFERENCES calibration_generations (calibration_id, generation) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE calibration_particle_values (
  calibration_id INTEGER NOT NULL,
  generation     INTEGER NOT NULL,
  name           TEXT NOT NULL,
  particle       INTEGER NOT NULL,
  value          REAL,
  PRIMARY KEY (calibration_id, generation, name, particle),
  FOREIGN KEY (calibration_id, generation)
    REFERENCES calibration_generations (calibration_id, generation) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE calibration_posterior (
  calibration_id INTEGER NOT NULL REFERENCES calibrations(id) ON DELETE CASCADE,
  name           TEXT NOT NULL,
  particle       INTEGER NOT NULL,
  weight         REAL NOT NULL,
  value          REAL,
  PRIMARY KEY (calibration_id, name, particle)
) WITHOUT ROWID;

CREATE TABLE backtest_scores (
  calibration_id    INTEGER NOT NULL,
  observation_index INTEGER NOT NULL,
  predictive_runs   INTEGER NOT NULL,
  mean              REAL,
  p05               REAL,
  p25               REAL,
  p50               REAL,
  p75               REAL,
  p95               REAL,
  in_50             INTEGER CHECK (in_50 IN (0, 1)),
  in_90             INTEGER CHECK (in_90 IN (0, 1)),
  crps              REAL,
  relative_crps     REAL,
  pit               REAL,
  p_at_least        REAL,
  PRIMARY KEY (calibration_id, observation_index),
  FOREIGN KEY (calibration_id, observation_index)
    REFERENCES calibration_observations (calibration_id, observation_index) ON DELETE CASCADE
);
)sql";

// Sensitivity analyses and solves, version 1 (docs/schema.md, "Sensitivity and
// solve"). IF NOT EXISTS: these tables were added to version 1 after its first
// files were written, so the migration to version 2 runs this DDL again to
// create them in such files before it alters them.
constexpr const char* kSensitivityTablesV1 = R"sql(
CREATE TABLE IF NOT EXISTS sensitivity_analyses (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  created            TEXT NOT NULL,
  method             TEXT NOT NULL CHECK (method IN ('sobol', 'tornado')),
  command_line       TEXT NOT NULL,
  program_version    TEXT NOT NULL,
  plan_id            TEXT NOT NULL,
  scenario_id        TEXT NOT NULL,
  base_year          INTEGER NOT NULL,
  horizon            INTEGER NOT NULL,
  samples            INTEGER NOT NULL,
  bootstrap          INTEGER NOT NULL,
  evaluations        INTEGER NOT NULL,
  master_seed        INTEGER NOT NULL,
  threads            INTEGER NOT NULL,
  rng_layout_version INTEGER NOT NULL,
  wall_seconds       REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sensitivity_inputs (
  analysis_id   INTEGER NOT NULL REFERENCES sensitivity_analyses(id) ON DELETE CASCADE,
  input_index   INTEGER NOT NULL,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('parameter', 'lever', 'intrinsic')),
  distribution  TEXT,
  basis         TEXT,
  note          TEXT,
  value_p05     REAL,
  value_p50     REAL,
  value_p95     REAL,
  PRIMARY KEY (analysis_id, input_index)
);
CREATE TABLE IF NOT EXISTS sensitivity_indices (
  analysis_id     INTEGER NOT NULL REFERENCES sensitivity_analyses(id) ON DELETE CASCADE,
  target_id       TEXT NOT NULL,
  output          TEXT NOT NULL CHECK (output IN ('value', 'met')),
  input_index     INTEGER NOT NULL,
  first_order     REAL,
  first_low       REAL,
  first_high      REAL,
  total_order     REAL,
  total_low       REAL,
  total_high      REAL,
  output_mean     REAL,
  output_variance REAL,
  PRIMARY KEY (analysis_id, target_id, output, input_index)
);
CREATE TABLE IF NOT EXISTS tornado_bars (
  analysis_id      INTEGER NOT NULL REFERENCES sensitivity_analyses(id) ON DELETE CASCADE,
  target_id        TEXT NOT NULL,
  input_index      INTEGER NOT NULL,
  input_low        REAL,
  input_high       REAL,
  probability_low  REAL NOT NULL,
  probability_high REAL NOT NULL,
  median_low       REAL,
  median_high      REAL,
  probability_base REAL NOT NULL,
  median_base      REAL,
  PRIMARY KEY (analysis_id, target_id, input_index)
);
CREATE TABLE IF NOT EXISTS lever_solves (
  id                       INTEGER PRIMARY KEY AUTOINCREMENT,
  created                  TEXT NOT NULL,
  command_line             TEXT NOT NULL,
  program_version          TEXT NOT NULL,
  plan_id                  TEXT NOT NULL,
  scenario_id              TEXT NOT NULL,
  target_id                TEXT NOT NULL,
  lever                    TEXT NOT NULL,
  from_year                INTEGER NOT NULL,
  range_low                REAL NOT NULL,
  range_high               REAL NOT NULL,
  required_probability     REAL NOT NULL,
  runs                     INTEGER NOT NULL,
  master_seed              INTEGER NOT NULL,
  reached                  INTEGER NOT NULL CHECK (reached IN (0, 1)),
  value                    REAL NOT NULL,
  confirmation_seed        INTEGER NOT NULL,
  confirmation_runs        INTEGER NOT NULL,
  confirmation_met         INTEGER NOT NULL,
  confirmation_probability REAL NOT NULL,
  confirmation_ci_low      REAL NOT NULL,
  confirmation_ci_high     REAL NOT NULL,
  threads                  INTEGER NOT NULL,
  rng_layout_version       INTEGER NOT NULL,
  wall_seconds             REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS lever_solve_steps (
  solve_id    INTEGER NOT NULL REFERENCES lever_solves(id) ON DELETE CASCADE,
  step        INTEGER NOT NULL,
  value       REAL NOT NULL,
  runs        INTEGER NOT NULL,
  met         INTEGER NOT NULL,
  probability REAL NOT NULL,
  PRIMARY KEY (solve_id, step)
);
)sql";

// --- Version 2 --------------------------------------------------------------
// Sensitivity analyses and solves get a status, as experiments and
// calibrations have, so that one can be recorded when it begins and a crash
// leaves it 'running'; rows written before version 2 were written once
// finished, hence the default 'complete'. (`created` exists since version 1.)
// And their input files, as input_files keeps an experiment's. Targets record
// whether their P(met) rests on an assumption (docs/model.md §7); NULL for
// targets stored before version 2 (not known). Fitted observations keep the
// posterior's standardised error (fit_p05/p50/p95; NULL when not fitted or
// stored before version 2), so that `revisions` can say which figures a
// calibration could not reproduce.
constexpr const char* kMigration1To2 = R"sql(
ALTER TABLE targets ADD COLUMN rests_on_assumption INTEGER CHECK (rests_on_assumption IN (0, 1));
ALTER TABLE calibration_observations ADD COLUMN fit_p05 REAL;
ALTER TABLE calibration_observations ADD COLUMN fit_p50 REAL;
ALTER TABLE calibration_observations ADD COLUMN fit_p95 REAL;
ALTER TABLE sensitivity_analyses ADD COLUMN status TEXT NOT NULL DEFAULT 'complete'
  CHECK (status IN ('running', 'complete', 'failed', 'interrupted'));
ALTER TABLE sensitivity_analyses ADD COLUMN message TEXT;
ALTER TABLE sensitivity_analyses ADD COLUMN finished TEXT;

ALTER TABLE lever_solves ADD COLUMN status TEXT NOT NULL DEFAULT 'complete'
  CHECK (status IN ('running', 'complete', 'failed', 'interrupted'));
ALTER TABLE lever_solves ADD COLUMN message TEXT;
ALTER TABLE lever_solves ADD COLUMN finished TEXT;

CREATE TABLE sensitivity_input_files (
  analysis_id INTEGER NOT NULL REFERENCES sensitivity_analyses(id) ON DELETE CASCADE,
  file_index  INTEGER NOT NULL,
  role        TEXT NOT NULL,
  path        TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  bytes       INTEGER NOT NULL,
  content     TEXT NOT NULL,
  PRIMARY KEY (analysis_id, file_index)
);
CREATE INDEX sensitivity_input_files_by_sha256 ON sensitivity_input_files (sha256);

CREATE TABLE solve_input_files (
  solve_id   INTEGER NOT NULL REFERENCES lever_solves(id) ON DELETE CASCADE,
  file_index INTEGER NOT NULL,
  role       TEXT NOT NULL,
  path       TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  bytes      INTEGER NOT NULL,
  content    TEXT NOT NULL,
  PRIMARY KEY (solve_id, file_index)
);
CREATE INDEX solve_input_files_by_sha256 ON solve_input_files (sha256);
)sql";

// --- Version 3 --------------------------------------------------------------
// Forecasts that continue a calibration's accepted paths (docs/model.md §8):
// each particle's random streams, the last year its forecast run was fitted
// to, and how an experiment drawn from a posterior made its runs; the Brier
// score of each backtest figure; the definition a figure was published under.
constexpr const char* kMigration2To3 = R"sql(
ALTER TABLE calibration_particles ADD COLUMN path_seed INTEGER;
ALTER TABLE calibration_particles ADD COLUMN path_run INTEGER;
ALTER TABLE calibrations ADD COLUMN path_through_year INTEGER;
ALTER TABLE experiments ADD COLUMN posterior_paths TEXT CHECK (posterior_paths IN ('continued', 'fresh'));
ALTER TABLE experiments ADD COLUMN paths_through_year INTEGER;
ALTER TABLE backtest_scores ADD COLUMN brier REAL;
ALTER TABLE calibration_observations ADD COLUMN definition TEXT;
ALTER TABLE calibration_observations ADD COLUMN definition_sd REAL;
)sql";

// --- Version 4 --------------------------------------------------------------
// A solve searches in rounds (docs/sensitivity.md, "solve"): a confirmation
// whose interval lies below the required probability starts another round on
// its own runs, so each step records its round and seed, and the solve whether
// its last confirmation reached the probability. A funding multiplier is also
// stated in money: the scenario's provincial funding it scales, summed from
// the lever's first year to the last year it can act on the target. NULL in
// solves stored before version 4 (not known).
constexpr const char* kMigration3To4 = R"sql(
ALTER TABLE lever_solves ADD COLUMN rounds INTEGER;
ALTER TABLE lever_solves ADD COLUMN confirmed INTEGER CHECK (confirmed IN (0, 1));
ALTER TABLE lever_solves ADD COLUMN last_year INTEGER;
ALTER TABLE lever_solves ADD COLUMN scenario_funding_yi REAL;
ALTER TABLE lever_solve_steps ADD COLUMN round INTEGER;
ALTER TABLE lever_solve_steps ADD COLUMN seed INTEGER;
)sql";

// --- Migrations -------------------------------------------------------------

void create_version_1(sqlite3* db, const std::string& path) {
  sqlite::exec(db, path, kExperimentTablesV1);
  sqlite::exec(db, path, kCalibrationTablesV1);
  sqlite::exec(db, path, kSensitivityTablesV1);
  sqlite::exec(db, path, fmt::format("PRAGMA application_id = {}", kApplicationId).c_str());
}

void migrate_1_to_2(sqlite3* db, const std::string& path) {
  sqlite::exec(db, path, kSensitivityTablesV1);
  sqlite::exec(db, path, kMigration1To2);
}

// Step i takes a file of version to − 1 (0: empty) to version `to`, within the
// caller's transaction. Append a step for every new version.
struct Migration {
  int to;
  void (*apply)(sqlite3* db, const std::string& path);
};
void migrate_2_to_3(sqlite3* db, const std::string& path) { sqlite::exec(db, path, kMigration2To3); }
void migrate_3_to_4(sqlite3* db, const std::string& path) { sqlite::exec(db, path, kMigration3To4); }

constexpr Migration kMigrations[] = {
    {1, create_version_1}, {2, migrate_1_to_2}, {3, migrate_2_to_3}, {4, migrate_3_to_4}, {5, migrate_4_to_5},
    {6, migrate_5_to_6}, {7, migrate_6_to_7}, {8, migrate_7_to_8}};
static_assert(std::size(kMigrations) == kVersion && kMigrations[kVersion - 1].to == kVersion,
              "one migration per version, the last one to kVersion");

std::int64_t pragma_integer(sqlite3* db, const std::string& path, const char* sql) {
  Statement s(db, path, sql);
  if (!s.step()) throw StoreError(path, fmt::format("'{}' returned nothing.", sql));
  return s.int64(0);
}

[[noreturn]] void throw_newer(const std::string& path, std::int64_t version) {
  throw StoreError(path, fmt::format("written by a newer targetcast (schema {}); this program "
                                     "understands up to {}. Use a newer targetcast to read or "
                                     "add to it, or choose another file.",
                                     version, kVersion));
}

struct Header {
  std::int64_t application_id = 0;
  std::int64_t version = 0;
};

// Reading the header is the first access to the file's bytes, so a file that
// is not a database, or a WAL file that cannot be read here, fails here.
Header read_header(sqlite3* db, const std::string& path) {
  try {
    return {pragma_integer(db, path, "PRAGMA application_id"), pragma_integer(db, path, "PRAGMA user_version")};
  } catch (const StoreError& e) {
    const int code = e.sqlite_code() & 0xFF;
    if (code == SQLITE_NOTADB) {
      throw StoreError(path,
                       "this file is not an SQLite database (a report, a seed file?): "
                       "choose another file name for the results.",
                       e.sqlite_code());
    }
    if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN) {
      // A WAL database needs its "-wal" and "-shm" files even to be read.
      throw StoreError(path,
                       fmt::format("cannot read it: SQLite must create '{0}-wal' and '{0}-shm' "
                                   "next to it, and the folder '{1}' does not allow that (is it "
                                   "read-only?). Make the folder writable, or copy the file to "
                                   "a writable folder.",
                                   file_name_of(path), folder_of(path)),
                       e.sqlite_code());
    }
    throw;
  }
}

}  // namespace

std::int64_t identify(sqlite3* db, const std::string& path) {
  const Header header = read_header(db, path);
  if (header.application_id != 0 && header.application_id != kApplicationId) {
    throw StoreError(path, fmt::format("this SQLite database belongs to another program "
                                       "(application_id {:#x}): choose another file for "
                                       "targetcast results.",
                                       header.application_id));
  }
  if (header.version > kVersion) throw_newer(path, header.version);
  if (header.version == 0 && pragma_integer(db, path, "SELECT count(*) FROM sqlite_schema") > 0) {
    throw StoreError(path,
                     "this SQLite database has tables but is not a targetcast results "
                     "store: choose another file for targetcast results.");
  }
  return header.version;
}

void require_current(std::int64_t version, const std::string& path) {
  if (version >= kVersion) return;
  throw StoreError(path, version == 0 ? std::string("this file is empty, not a targetcast results store.")
                                      : fmt::format("written by an older targetcast (schema {}): open it "
                                                    "once for writing to upgrade it to schema {}.",
                                                    version, kVersion));
}

void migrate(sqlite3* db, const std::string& path) {
  if (pragma_integer(db, path, "PRAGMA user_version") >= kVersion) return;  // no write lock when current
  Transaction tx(db, path);
  // Another process may have created or upgraded the file since we looked.
  const std::int64_t version = pragma_integer(db, path, "PRAGMA user_version");
  if (version > kVersion) throw_newer(path, version);
  for (const Migration& step : kMigrations) {
    if (version < step.to) {
      step.apply(db, path);
      sqlite::exec(db, path, fmt::format("PRAGMA user_version = {}", step.to).c_str());
    }
  }
  tx.commit();
}

}  // namespace targetcast::store::schema
