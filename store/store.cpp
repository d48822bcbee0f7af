// The SQLite results store. Schema and rules: docs/schema.md.
//
// Every statement is prepared once per call site and finalised by RAII; every
// value is bound, never spliced into SQL text. Writes run in BEGIN IMMEDIATE
// transactions so that a second targetcast writing to the same file waits
// (busy_timeout) instead of failing half-way through a read-then-write.
#include "store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "io/sha256.h"
#include "model/distribution.h"
#include "model/monte_carlo.h"
#include "model/plan.h"
#include "model/provenance.h"
#include "store/calibration_store.h"
#include "store/sensitivity_store.h"
#include "store/sqlite_statement.h"

#ifndef TARGETCAST_VERSION
#error "TARGETCAST_VERSION must be defined (io/CMakeLists.txt sets it from the project version)"
#endif

namespace targetcast::store {
namespace {

// Rows per transaction for the per-run tables. Large enough that the commit
// cost vanishes (measured: 50k–250k rows give the same rate), small enough that
// the WAL file stays near 10 MB instead of growing to the size of a whole
// scenario before the next checkpoint.
constexpr std::size_t kRowsPerTransaction = 100'000;

// SQL for the UTC time now, ISO 8601 ("2025-03-01T08:30:00Z").
#define TARGETCAST_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

// The folder a database file lives in, for messages ("." for a bare name).
std::string folder_of(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// "file:<path>?immutable=1" with the characters that URIs reserve escaped
// (https://www.sqlite.org/uri.html).
std::string immutable_uri(const std::string& path) {
  std::string uri = "file:";
  for (const char ch : path) {
    switch (ch) {
      case '%':
        uri += "%25";
        break;
      case '?':
        uri += "%3f";
        break;
      case '#':
        uri += "%23";
        break;
      default:
        uri += ch;
    }
  }
  return uri + "?immutable=1";
}

// Statement, Transaction and the error helpers are shared with the other
// files of the store (store/sqlite_statement.h).
using sqlite::checked_int64;
using sqlite::exec;
using sqlite::Statement;
using sqlite::throw_sqlite;
using sqlite::Transaction;
using sqlite::with_advice;

// Version 1 of the schema (docs/schema.md documents every column). Parents
// cascade deletes to children; per-run tables are WITHOUT ROWID, clustered on
// their primary key and filled in key order, so that inserts append.
constexpr const char* kSchemaV1 = R"sql(
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

}  // namespace

// ---------------------------------------------------------------------------

std::string_view to_string(ExperimentStatus status) {
  switch (status) {
    case ExperimentStatus::running:
      return "running";
    case ExperimentStatus::complete:
      return "complete";
    case ExperimentStatus::failed:
      return "failed";
    case ExperimentStatus::interrupted:
      return "interrupted";
  }
  return "running";
}

std::optional<ExperimentStatus> find_experiment_status(std::string_view name) {
  for (auto s : {ExperimentStatus::running, ExperimentStatus::complete, ExperimentStatus::failed,
                 ExperimentStatus::interrupted}) {
    if (to_string(s) == name) return s;
  }
  return std::nullopt;
}

std::optional<int> first_passage_median_year(const model::FirstPassage& passage) {
  std::uint64_t total = passage.never;
  for (auto r : passage.runs) total += r;
  if (total == 0) return std::nullopt;
  std::uint64_t reached = 0;
  for (std::size_t i = 0; i < passage.years.size() && i < passage.runs.size(); ++i) {
    reached += passage.runs[i];
    if (2 * reached >= total) return passage.years[i];
  }
  return std::nullopt;
}

StoreError::StoreError(const std::string& path, const std::string& message, int sqlite_code)
    : std::runtime_error(fmt::format("results database '{}': {}", path, message)),
      path_(path),
      sqlite_code_(sqlite_code) {}

void Store::Closer::operator()(sqlite3* db) const noexcept {
  sqlite3_close_v2(db);
}

Store::Store(std::unique_ptr<sqlite3, Closer> db, std::string path, Mode mode)
    : db_(std::move(db)), path_(std::move(path)), mode_(mode) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Store Store::open(const std::string& path, Mode mode) {
  namespace fs = std::filesystem;
  if (path.empty()) throw StoreError(path, "no file name given.");
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (fs::is_directory(status)) {
    throw StoreError(path, fmt::format("this is a folder, not a file: give a file name such as "
                                       "'{}'.",
                                       (fs::path(path) / "results.sqlite").string()));
  }
  const bool exists = fs::exists(status);
  if (!exists && mode == Mode::read_only) {
    throw StoreError(path, "no such file: check the name (read-only opening never creates one).");
  }
  if (!exists) {
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty() && !fs::is_directory(parent, ec)) {
      throw StoreError(path, fmt::format("the folder '{}' does not exist: create it or choose "
                                         "another file.",
                                         parent.string()));
    }
  }

  // One Store per thread: SQLite's own mutexes are not needed (NOMUTEX).
  const int flags = (mode == Mode::read_write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) |
                    SQLITE_OPEN_NOMUTEX;
  try {
    return connect(path, path, mode, flags, exists);
  } catch (const StoreError& e) {
    const int code = e.sqlite_code() & 0xFF;
    if (mode == Mode::read_write || (code != SQLITE_READONLY && code != SQLITE_CANTOPEN)) throw;
    // Reading from a read-only folder (an archive, a shared drive): SQLite
    // cannot create the WAL's '-shm' file, so read the file as immutable. The
    // store then sees the file as it is now, not later writes by others.
    return connect(path, immutable_uri(path), mode, flags | SQLITE_OPEN_URI, exists);
  }
}

Store Store::connect(const std::string& path, const std::string& filename, Mode mode, int flags, bool exists) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(filename.c_str(), &raw, flags, nullptr);
  std::unique_ptr<sqlite3, Closer> db(raw);  // closed even when opening failed
  if (rc != SQLITE_OK) {
    const std::string message = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    if (!exists && (rc & 0xFF) == SQLITE_CANTOPEN) {
      throw StoreError(path,
                       fmt::format("cannot create it ({}): check that you may create files in "
                                   "the folder '{}', or choose a file in another folder.",
                                   message, folder_of(path)),
                       rc);
    }
    throw StoreError(path, with_advice(fmt::format("cannot open it: {}.", message), rc), rc);
  }
  Store store(std::move(db), path, mode);
  store.configure_and_migrate();
  return store;
}

void Store::execute(const char* sql) const {
  exec(db_.get(), path_, sql);
}

std::int64_t Store::pragma_integer(const char* sql) const {
  Statement s(db_.get(), path_, sql);
  if (!s.step()) throw StoreError(path_, fmt::format("'{}' returned nothing.", sql));
  return s.int64(0);
}

void Store::configure_and_migrate() {
  namespace fs = std::filesystem;
  sqlite3* db = db_.get();
  sqlite3_extended_result_codes(db, 1);
  // Connection settings only: these change nothing in the file.
  execute("PRAGMA busy_timeout = 10000");
  execute("PRAGMA foreign_keys = ON");
  limit_pages_for_tests();

  // SQLite silently opens a file it may not write read-only; say so now rather
  // than at the first write.
  if (mode_ == Mode::read_write && sqlite3_db_readonly(db, "main") == 1) {
    throw StoreError(path_,
                     "the file is read-only (its permissions, or a read-only disk): results "
                     "cannot be written to it. Make it writable or choose another file.");
  }

  // Identify the file before touching it. Reading the header is the first
  // access to the file's bytes, so a non-database fails here.
  std::int64_t application_id = 0;
  std::int64_t version = 0;
  try {
    application_id = pragma_integer("PRAGMA application_id");
    version = pragma_integer("PRAGMA user_version");
  } catch (const StoreError& e) {
    const int code = e.sqlite_code() & 0xFF;
    if (code == SQLITE_NOTADB) {
      throw StoreError(path_,
                       "this file is not an SQLite database (a report, a seed file?): "
                       "choose another file name for the results.",
                       e.sqlite_code());
    }
    if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN) {
      // A WAL database needs its "-wal" and "-shm" files even to be read.
      throw StoreError(path_,
                       fmt::format("cannot read it: SQLite must create '{0}-wal' and '{0}-shm' "
                                   "next to it, and the folder '{1}' does not allow that (is it "
                                   "read-only?). Make the folder writable, or copy the file to "
                                   "a writable folder.",
                                   fs::path(path_).filename().string(), folder_of(path_)),
                       e.sqlite_code());
    }
    throw;
  }
  if (application_id != 0 && application_id != kApplicationId) {
    throw StoreError(path_, fmt::format("this SQLite database belongs to another program "
                                        "(application_id {:#x}): choose another file for "
                                        "targetcast results.",
                                        application_id));
  }
  if (version > kSchemaVersion) {
    throw StoreError(path_, fmt::format("written by a newer targetcast (schema {}); this program "
                                        "understands up to {}. Use a newer targetcast to read or "
                                        "add to it, or choose another file.",
                                        version, kSchemaVersion));
  }
  if (version == 0) {
    const std::int64_t objects = pragma_integer("SELECT count(*) FROM sqlite_schema");
    if (objects > 0) {
      throw StoreError(path_,
                       "this SQLite database has tables but is not a targetcast results "
                       "store: choose another file for targetcast results.");
    }
  }

  if (mode_ == Mode::read_only) {
    if (version < kSchemaVersion) {
      throw StoreError(path_, version == 0 ? std::string("this file is empty, not a targetcast results store.")
                                           : fmt::format("written by an older targetcast (schema {}): open it "
                                                         "once for writing to upgrade it to schema {}.",
                                                         version, kSchemaVersion));
    }
    return;
  }

  // WAL: readers (a planner's notebook) never block the writer, and a crash
  // cannot corrupt committed experiments. With WAL, synchronous = NORMAL is
  // durable except for the last transactions before a power cut.
  {
    Statement wal(db, path_, "PRAGMA journal_mode = WAL");
    if (!wal.step() || wal.text(0) != "wal") {
      throw StoreError(path_, with_advice("cannot switch the database to WAL journal mode.", SQLITE_CANTOPEN));
    }
  }
  execute("PRAGMA synchronous = NORMAL");

  if (version < kSchemaVersion) {
    Transaction tx(db, path_);
    // Another process may have created or migrated it since we looked.
    switch (pragma_integer("PRAGMA user_version")) {
      case 0:
        create_schema_v1();
        break;
      // Migrations from older versions go here: case 1: migrate_1_to_2(); [[fallthrough]]; ...
      default:
        break;
    }
    tx.commit();
  }
}

// For tests only (docs/reliability.md): TARGETCAST_TEST_MAX_PAGE_COUNT=N caps
// the file at N pages (SQLite's max_page_count, a connection setting), so that
// a test can fill "the disk" without filling one. SQLite never sets the cap
// below the file's current size.
void Store::limit_pages_for_tests() {
  const char* pages = std::getenv("TARGETCAST_TEST_MAX_PAGE_COUNT");
  if (pages == nullptr || *pages == '\0') return;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(pages, &end, 10);
  if (*end != '\0' || n == 0) {
    throw StoreError(path_, fmt::format("TARGETCAST_TEST_MAX_PAGE_COUNT='{}' is not a positive whole number.", pages));
  }
  execute(fmt::format("PRAGMA max_page_count = {}", n).c_str());
}

void Store::create_schema_v1() {
  execute(kSchemaV1);
  execute(calibration_schema_v1());
  execute(sensitivity_schema_v1());
  execute(fmt::format("PRAGMA application_id = {}", kApplicationId).c_str());
  execute(fmt::format("PRAGMA user_version = {}", 1).c_str());
}

void Store::require_writable() const {
  if (mode_ == Mode::read_only) {
    throw StoreError(path_, "opened read-only: results cannot be written. Open it for writing.");
  }
}

std::string Store::experiment_status(std::int64_t id) const {
  Statement s(db_.get(), path_, "SELECT status FROM experiments WHERE id = ?1");
  s.bind(1, id);
  return s.step() ? s.text(0) : std::string();
}

void Store::require_running(std::int64_t id, std::string_view action) const {
  const std::string status = experiment_status(id);
  if (status.empty()) {
    throw StoreError(path_, fmt::format("cannot {}: there is no experiment {} in this file.", action, id));
  }
  if (status != "running") {
    throw StoreError(path_, fmt::format("cannot {}: experiment {} is '{}', and only a 'running' "
                                        "experiment can change. Start a new experiment.",
                                        action, id, status));
  }
}

std::int64_t Store::begin_experiment(const ExperimentInfo& info) {
  require_writable();
  sqlite3* db = db_.get();
  for (const auto& f : info.inputs) {
    if (f.role != "plan" && f.role != "scenario" && f.role != "priors") {
      throw std::invalid_argument(fmt::format(
          "begin_experiment: input file '{}' has role '{}'; expected plan, scenario or priors", f.path, f.role));
    }
  }

  Transaction tx(db, path_);
  Statement insert(db, path_, R"sql(
    INSERT INTO experiments (created, status, command_line, program_version, plan_id, base_year,
                             horizon, master_seed, master_seed_text, runs, threads,
                             rng_layout_version, posterior)
    VALUES ()sql" TARGETCAST_NOW R"sql(, 'running', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11))sql");
  insert.bind(1, info.command_line)
      .bind(2, info.program_version.empty() ? std::string_view(TARGETCAST_VERSION)
                                            : std::string_view(info.program_version))
      .bind(3, info.plan_id)
      .bind(4, info.base_year)
      .bind(5, info.horizon)
      // SQLite integers are signed: seeds ≥ 2^63 wrap to negative here (two's
      // complement, read back exactly); master_seed_text keeps the decimal.
      .bind(6, static_cast<std::int64_t>(info.master_seed))
      .bind(7, std::to_string(info.master_seed))
      .bind(8, info.runs)
      .bind(9, info.threads)
      .bind(10, info.rng_layout_version)
      .bind_optional(11, info.posterior);
  insert.run();
  const std::int64_t id = sqlite3_last_insert_rowid(db);

  sqlite::insert_input_files(db, path_, "input_files", "experiment_id", id, info.inputs);
  tx.commit();
  return id;
}

void Store::write_scenario(std::int64_t experiment_id, const model::CompiledModel& model,
                           const model::ScenarioResults& results, bool per_run, const std::atomic<bool>* stop) {
  require_writable();
  sqlite3* db = db_.get();
  const std::string scenario_id = results.scenario_id.empty() ? model.scenario.id : results.scenario_id;
  if (!results.scenario_id.empty() && results.scenario_id != model.scenario.id) {
    throw std::invalid_argument(
        fmt::format("write_scenario: results are for scenario '{}' but the "
                    "model is scenario '{}'",
                    results.scenario_id, model.scenario.id));
  }
  check_sizes(model, results, per_run, scenario_id);

  // --- Everything but the per-run rows: one transaction. ---
  Transaction tx(db, path_);
  require_running(experiment_id, fmt::format("write scenario '{}'", scenario_id));
  {
    Statement plan(db, path_, "SELECT plan_id FROM experiments WHERE id = ?1");
    plan.bind(1, experiment_id);
    if (plan.step() && !plan.text(0).empty() && plan.text(0) != model.plan.id) {
      throw std::invalid_argument(
          fmt::format("write_scenario: experiment {} is for plan '{}' but scenario '{}' was compiled for plan '{}'",
                      experiment_id, plan.text(0), scenario_id, model.plan.id));
    }
  }
  std::int64_t scenario_index = 0;
  {
    Statement existing(db, path_,
                       "SELECT count(*), coalesce(sum(scenario_id = ?2), 0) FROM scenarios "
                       "WHERE experiment_id = ?1");
    existing.bind(1, experiment_id).bind(2, std::string_view(scenario_id));
    existing.step();
    scenario_index = existing.int64(0);
    if (existing.int64(1) > 0) {
      throw StoreError(path_, fmt::format("experiment {} already has results for scenario '{}': each "
                                          "scenario is written once per experiment.",
                                          experiment_id, scenario_id));
    }
  }
  {
    Statement s(db, path_, R"sql(
      INSERT INTO scenarios (experiment_id, scenario_id, scenario_index, title_zh, title_en,
                             description_zh, description_en, source_path, runs, base_year,
                             horizon, per_run)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12))sql");
    s.bind(1, experiment_id)
        .bind(2, std::string_view(scenario_id))
        .bind(3, scenario_index)
        .bind(4, model.scenario.title.zh)
        .bind(5, model.scenario.title.en)
        .bind(6, model.scenario.description.zh)
        .bind(7, model.scenario.description.en)
        .bind(8, model.scenario.source_path)
        .bind(9, static_cast<std::uint64_t>(results.runs))
        .bind(10, model.base_year)
        .bind(11, model.horizon)
        .bind(12, per_run ? 1 : 0);
    s.run();
  }

  // The plan's indicators and targets: written with the first scenario; every
  // later scenario must declare the same, since results rows refer to them.
  {
    Statement count(db, path_, "SELECT count(*) FROM indicators WHERE experiment_id = ?1");
    count.bind(1, experiment_id);
    count.step();
    if (count.int64(0) == 0) {
      Statement s(db, path_, R"sql(
        INSERT INTO indicators (experiment_id, indicator_index, indicator_id, name_zh, name_en,
                                unit_zh, unit_en, kind, basis, source, quote, note)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12))sql");
      std::int64_t index = 0;
      for (const auto& ci : model.indicators) {
        const auto& spec = ci.spec;
        s.bind(1, experiment_id)
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
            .bind(12, spec.provenance.note);
        s.run();
      }
      Statement t(db, path_, R"sql(
        INSERT INTO targets (experiment_id, target_index, target_id, indicator_id, comparison,
                             threshold, deadline, name_zh, name_en, basis, source, quote, note)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13))sql");
      index = 0;
      for (const auto& ct : model.targets) {
        const auto& spec = ct.spec;
        t.bind(1, experiment_id)
            .bind(2, index++)
            .bind(3, spec.id)
            .bind(4, model.indicators[ct.indicator].spec.id)
            .bind(5, model::to_string(spec.comparison))
            .bind(6, spec.threshold)
            .bind(7, spec.deadline)
            .bind(8, spec.name.zh)
            .bind(9, spec.name.en)
            .bind(10, model::to_string(spec.provenance.basis))
            .bind(11, spec.provenance.source)
            .bind(12, spec.provenance.quote)
            .bind(13, spec.provenance.note);
        t.run();
      }
    } else {
      Statement ids(db, path_, "SELECT indicator_id FROM indicators WHERE experiment_id = ?1 ORDER BY indicator_index");
      ids.bind(1, experiment_id);
      std::vector<std::string> stored;
      while (ids.step()) stored.push_back(ids.text(0));
      bool same = stored.size() == model.indicators.size();
      for (std::size_t i = 0; same && i < stored.size(); ++i) same = stored[i] == model.indicators[i].spec.id;
      Statement targets(db, path_, R"sql(
        SELECT target_id, indicator_id, comparison, threshold, deadline FROM targets
        WHERE experiment_id = ?1 ORDER BY target_index)sql");
      targets.bind(1, experiment_id);
      std::size_t i = 0;
      while (targets.step()) {
        same = same && i < model.targets.size() && targets.text(0) == model.targets[i].spec.id &&
               targets.text(1) == model.indicators[model.targets[i].indicator].spec.id &&
               targets.text(2) == model::to_string(model.targets[i].spec.comparison) &&
               targets.real(3) == model.targets[i].spec.threshold &&
               targets.integer(4) == model.targets[i].spec.deadline;
        ++i;
      }
      same = same && i == model.targets.size();
      if (!same) {
        throw std::invalid_argument(
            fmt::format("write_scenario: scenario '{}' declares other indicators or targets than the scenarios "
                        "already written to experiment {}; all scenarios of an experiment share the plan's",
                        scenario_id, experiment_id));
      }
    }
  }

  {
    Statement s(db, path_, R"sql(
      INSERT INTO parameters (experiment_id, scenario_id, parameter_index, name, distribution,
                              distribution_kind, a, b, lower, upper, basis, source, quote, note,
                              origin, line)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16))sql");
    std::int64_t index = 0;
    for (const auto& prior : model.parameters.priors()) {
      s.bind(1, experiment_id).bind(2, std::string_view(scenario_id)).bind(3, index++).bind(4, prior.name);
      sqlite::bind_prior(s, 5, prior);
      s.bind(16, prior.line);
      s.run();
    }
  }

  {
    Statement s(db, path_, R"sql(
      INSERT INTO indicator_summary (experiment_id, scenario_id, indicator_id, year, mean, p05, p25,
                                     p50, p75, p95)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10))sql");
    for (const auto& summary : results.indicator_summaries) {
      const auto& v = summary.value;
      s.bind(1, experiment_id)
          .bind(2, std::string_view(scenario_id))
          .bind(3, model.indicators[summary.indicator].spec.id)
          .bind(4, summary.year)
          .bind(5, v.mean)
          .bind(6, v.p05)
          .bind(7, v.p25)
          .bind(8, v.p50)
          .bind(9, v.p75)
          .bind(10, v.p95);
      s.run();
    }
  }

  {
    Statement s(db, path_, R"sql(
      INSERT INTO target_results (experiment_id, scenario_id, target_id, probability, ci_low,
                                  ci_high, runs, met, deadline_mean, deadline_p05, deadline_p25,
                                  deadline_p50, deadline_p75, deadline_p95,
                                  first_passage_median_year, never_reached)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16))sql");
    Statement fp(db, path_, R"sql(
      INSERT INTO first_passage (experiment_id, scenario_id, target_id, year, runs,
                                 cumulative_runs, cumulative_share)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql");
    for (const auto& r : results.targets) {
      const std::string& target_id = model.targets[r.target].spec.id;
      const auto& d = r.at_deadline;
      s.bind(1, experiment_id)
          .bind(2, std::string_view(scenario_id))
          .bind(3, target_id)
          .bind(4, r.probability)
          .bind(5, r.ci_low)
          .bind(6, r.ci_high)
          .bind(7, r.runs)
          .bind(8, r.met)
          .bind(9, d.mean)
          .bind(10, d.p05)
          .bind(11, d.p25)
          .bind(12, d.p50)
          .bind(13, d.p75)
          .bind(14, d.p95);
      if (const auto median = first_passage_median_year(r.first_passage)) {
        s.bind(15, *median);
      } else {
        s.bind_null(15);
      }
      s.bind(16, r.first_passage.never);
      s.run();

      const auto& passage = r.first_passage;
      if (passage.years.size() != passage.runs.size()) {
        throw std::invalid_argument(
            fmt::format("write_scenario: first passage of target '{}' has {} years but {} counts", target_id,
                        passage.years.size(), passage.runs.size()));
      }
      std::uint64_t total = passage.never;
      for (auto n : passage.runs) total += n;
      std::uint64_t cumulative = 0;
      for (std::size_t i = 0; i < passage.years.size(); ++i) {
        cumulative += passage.runs[i];
        fp.bind(1, experiment_id)
            .bind(2, std::string_view(scenario_id))
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
  }

  {
    Statement s(db, path_, R"sql(
      INSERT INTO joint_results (experiment_id, scenario_id, plan_id, probability, ci_low, ci_high,
                                 runs, met)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql");
    const auto& j = results.joint;
    s.bind(1, experiment_id)
        .bind(2, std::string_view(scenario_id))
        .bind(3, model.plan.id)
        .bind(4, j.probability)
        .bind(5, j.ci_low)
        .bind(6, j.ci_high)
        .bind(7, j.runs)
        .bind(8, j.met);
    s.run();
  }

  // --- Per-run rows, in primary-key order (so that inserts append to the
  // clustered tables), committed every kRowsPerTransaction rows. ---
  if (per_run) {
    std::size_t rows = 0;
    std::size_t next_commit = kRowsPerTransaction;
    const auto written = [&](std::size_t n) {
      rows += n;
      if (rows >= next_commit) {
        tx.commit_and_continue();
        next_commit = rows + kRowsPerTransaction;
        // Ctrl-C while a large scenario is written: stop at this commit
        // (a fraction of a second apart) rather than after every row.
        if (stop != nullptr && stop->load()) throw model::Interrupted();
      }
    };
    const auto run_param = [](std::size_t run) { return static_cast<std::int64_t>(run); };
    const std::string_view scenario = scenario_id;

    const auto parameter_order = sorted_order(
        model.parameters.size(), [&](std::size_t i) -> const std::string& { return model.parameters[i].name; });
    {
      constexpr const char* kHead = "INSERT INTO run_parameters (experiment_id, scenario_id, run, name, value)";
      Statement many(db, path_, multi_row_insert(kHead, 5, kRowsPerStatement));
      Statement one(db, path_, multi_row_insert(kHead, 5, 1));
      for (const std::size_t p : parameter_order) {
        const std::string_view name = model.parameters[p].name;
        insert_rows(
            many, one, results.runs, 5,
            [&](Statement& s, int at, std::size_t run) {
              s.bind(at, experiment_id)
                  .bind_static(at + 1, scenario)
                  .bind(at + 2, run_param(run))
                  .bind_static(at + 3, name)
                  .bind(at + 4, results.parameter(run, p));
            },
            written);
      }
    }

    const auto indicator_order = sorted_order(
        model.indicators.size(), [&](std::size_t i) -> const std::string& { return model.indicators[i].spec.id; });
    {
      constexpr const char* kHead =
          "INSERT INTO run_indicators (experiment_id, scenario_id, run, indicator_id, year, value)";
      Statement many(db, path_, multi_row_insert(kHead, 6, kRowsPerStatement));
      Statement one(db, path_, multi_row_insert(kHead, 6, 1));
      const std::size_t years = results.years;
      for (const std::size_t k : indicator_order) {
        const std::string_view indicator = model.indicators[k].spec.id;
        // Row i of this indicator: run i / years, year index i % years.
        insert_rows(
            many, one, results.runs * years, 6,
            [&](Statement& s, int at, std::size_t i) {
              const std::size_t run = i / years, y = i % years;
              s.bind(at, experiment_id)
                  .bind_static(at + 1, scenario)
                  .bind(at + 2, run_param(run))
                  .bind_static(at + 3, indicator)
                  .bind(at + 4, results.base_year + static_cast<int>(y))
                  .bind(at + 5, results.value(run, y, k));
            },
            written);
      }
    }

    if (!results.target_met.empty()) {
      const auto target_order = sorted_order(
          model.targets.size(), [&](std::size_t i) -> const std::string& { return model.targets[i].spec.id; });
      constexpr const char* kHead = "INSERT INTO run_targets (experiment_id, scenario_id, run, target_id, met)";
      Statement many(db, path_, multi_row_insert(kHead, 5, kRowsPerStatement));
      Statement one(db, path_, multi_row_insert(kHead, 5, 1));
      const std::size_t target_count = model.targets.size();
      for (const std::size_t t : target_order) {
        const std::string_view target = model.targets[t].spec.id;
        insert_rows(
            many, one, results.runs, 5,
            [&](Statement& s, int at, std::size_t run) {
              s.bind(at, experiment_id)
                  .bind_static(at + 1, scenario)
                  .bind(at + 2, run_param(run))
                  .bind_static(at + 3, target)
                  .bind(at + 4, results.target_met[run * target_count + t] != 0 ? 1 : 0);
            },
            written);
      }
    }
  }

  {
    Statement s(db, path_,
                "UPDATE scenarios SET written = " TARGETCAST_NOW " WHERE experiment_id = ?1 AND scenario_id = ?2");
    s.bind(1, experiment_id).bind(2, std::string_view(scenario_id));
    s.run();
  }
  tx.commit();
}

void Store::finish_experiment(std::int64_t id, double wall_seconds) {
  require_writable();
  Transaction tx(db_.get(), path_);
  require_running(id, "finish the experiment");
  Statement s(db_.get(), path_,
              "UPDATE experiments SET status = 'complete', finished = " TARGETCAST_NOW
              ", wall_seconds = ?2 WHERE id = ?1");
  s.bind(1, id).bind(2, wall_seconds);
  s.run();
  tx.commit();
}

void Store::mark_experiment(std::int64_t id, ExperimentStatus status, const std::string& message) {
  if (status != ExperimentStatus::failed && status != ExperimentStatus::interrupted) {
    throw std::invalid_argument(fmt::format(
        "mark_experiment: status must be failed or interrupted, not {} (use finish_experiment)", to_string(status)));
  }
  require_writable();
  Transaction tx(db_.get(), path_);
  require_running(id, fmt::format("mark the experiment {}", to_string(status)));
  Statement s(db_.get(), path_,
              "UPDATE experiments SET status = ?2, message = ?3, finished = " TARGETCAST_NOW " WHERE id = ?1");
  s.bind(1, id).bind(2, to_string(status)).bind(3, message);
  s.run();
  tx.commit();
}

void Store::write_comparisons(std::int64_t experiment_id, std::span<const analysis::ScenarioComparison> comparisons) {
  require_writable();
  Transaction tx(db_.get(), path_);
  // Comparisons are derived from the per-run rows: a running experiment gets
  // them before it completes, a complete one may have them recomputed.
  const std::string status = experiment_status(experiment_id);
  if (status != "running" && status != "complete") {
    throw StoreError(
        path_, status.empty()
                   ? fmt::format("cannot store comparisons: there is no experiment {} in this file.", experiment_id)
                   : fmt::format("cannot store comparisons: experiment {} is '{}'; only a running or "
                                 "complete experiment can be compared.",
                                 experiment_id, status));
  }
  Statement clear(db_.get(), path_, "DELETE FROM comparisons WHERE experiment_id = ?1");
  clear.bind(1, experiment_id);
  clear.run();
  Statement insert(db_.get(), path_, R"sql(
    INSERT INTO comparisons (experiment_id, scenario_id, reference_scenario_id, target_id, indicator_id, runs,
                             probability, reference_probability, difference, ci_low, ci_high,
                             unpaired_ci_low, unpaired_ci_high, variance_reduction,
                             both_met, scenario_only_met, reference_only_met, neither_met,
                             indicator_mean, reference_indicator_mean, indicator_difference_mean,
                             indicator_difference_ci_low, indicator_difference_ci_high,
                             indicator_unpaired_ci_low, indicator_unpaired_ci_high, indicator_variance_reduction,
                             indicator_difference_median)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,
            ?23, ?24, ?25, ?26, ?27))sql");
  for (const analysis::ScenarioComparison& sc : comparisons) {
    for (const analysis::TargetComparison& t : sc.targets) {
      insert.bind(1, experiment_id)
          .bind(2, sc.scenario_id)
          .bind(3, sc.reference_id)
          .bind(4, t.target_id)
          .bind(5, t.indicator_id)
          .bind(6, t.counts.runs())
          .bind(7, t.probability)
          .bind(8, t.reference_probability)
          .bind(9, t.paired.difference)
          .bind(10, t.paired.low)
          .bind(11, t.paired.high)
          .bind(12, t.unpaired.low)
          .bind(13, t.unpaired.high)
          .bind(14, t.variance_reduction)
          .bind(15, t.counts.both)
          .bind(16, t.counts.scenario_only)
          .bind(17, t.counts.reference_only)
          .bind(18, t.counts.neither)
          .bind(19, t.indicator_mean)
          .bind(20, t.reference_indicator_mean)
          .bind(21, t.indicator.mean)
          .bind(22, t.indicator.low)
          .bind(23, t.indicator.high)
          .bind(24, t.indicator.unpaired_low)
          .bind(25, t.indicator.unpaired_high)
          .bind(26, t.indicator.variance_reduction)
          .bind(27, t.indicator.median);
      insert.run();
    }
  }
  tx.commit();
}

void Store::delete_experiment(std::int64_t id, IfRunning if_running) {
  require_writable();
  Transaction tx(db_.get(), path_);
  // Checked inside the write transaction: no other process can start or
  // finish this experiment between the check and the delete.
  const std::string status = experiment_status(id);
  if (status.empty()) {
    throw StoreError(path_, fmt::format("cannot delete: there is no experiment {} in this file "
                                        "('targetcast experiments' lists them).",
                                        id));
  }
  if (status == "running" && if_running == IfRunning::refuse) {
    throw StoreError(path_, fmt::format("cannot delete: experiment {} is 'running'. If no targetcast is "
                                        "writing it any more (the process was killed), delete it with --force.",
                                        id));
  }
  Statement s(db_.get(), path_, "DELETE FROM experiments WHERE id = ?1");
  s.bind(1, id);
  s.run();
  tx.commit();
}

namespace {

constexpr const char* kExperimentColumns =
    "SELECT id, created, finished, status, command_line, plan_id, runs, master_seed, threads, "
    "wall_seconds, message, program_version, posterior, base_year, horizon, rng_layout_version "
    "FROM experiments";

ExperimentRow read_experiment(const Statement& s) {
  ExperimentRow row;
  row.id = s.int64(0);
  row.created = s.text(1);
  row.finished = s.text(2);
  row.status = s.text(3);
  row.command_line = s.text(4);
  row.plan_id = s.text(5);
  row.runs = s.uint64(6);
  row.master_seed = s.uint64(7);  // two's complement back to the unsigned seed
  row.threads = s.integer(8);
  row.wall_seconds = s.real_or(9, 0.0);
  row.message = s.text(10);
  row.program_version = s.text(11);
  row.posterior = s.text(12);
  row.base_year = s.integer(13);
  row.horizon = s.integer(14);
  row.rng_layout_version = s.integer(15);
  return row;
}

}  // namespace

std::vector<ExperimentRow> Store::experiments() const {
  std::vector<ExperimentRow> rows;
  Statement s(db_.get(), path_, fmt::format("{} ORDER BY id", kExperimentColumns));
  while (s.step()) rows.push_back(read_experiment(s));
  Statement sc(db_.get(), path_,
               "SELECT experiment_id, scenario_id FROM scenarios ORDER BY experiment_id, scenario_index");
  std::size_t i = 0;
  while (sc.step()) {
    const std::int64_t id = sc.int64(0);
    while (i < rows.size() && rows[i].id < id) ++i;
    if (i < rows.size() && rows[i].id == id) rows[i].scenarios.push_back(sc.text(1));
  }
  return rows;
}

std::optional<ExperimentRow> Store::experiment(std::int64_t id) const {
  Statement s(db_.get(), path_, fmt::format("{} WHERE id = ?1", kExperimentColumns));
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  ExperimentRow row = read_experiment(s);
  Statement sc(db_.get(), path_, "SELECT scenario_id FROM scenarios WHERE experiment_id = ?1 ORDER BY scenario_index");
  sc.bind(1, id);
  while (sc.step()) row.scenarios.push_back(sc.text(0));
  return row;
}

std::vector<InputFileRecord> Store::input_files(std::int64_t experiment_id) const {
  std::vector<InputFileRecord> files;
  Statement s(db_.get(), path_,
              "SELECT role, path, content, sha256 FROM input_files WHERE experiment_id = ?1 "
              "ORDER BY file_index");
  s.bind(1, experiment_id);
  while (s.step()) files.push_back({s.text(0), s.text(1), s.text(2), s.text(3)});
  return files;
}

std::vector<TargetResultRow> Store::target_results(std::int64_t experiment_id) const {
  std::vector<TargetResultRow> rows;
  Statement s(db_.get(), path_, R"sql(
    SELECT r.scenario_id, r.target_id, r.probability, r.ci_low, r.ci_high, r.runs, r.met,
           r.deadline_mean, r.deadline_p05, r.deadline_p25, r.deadline_p50, r.deadline_p75,
           r.deadline_p95, r.first_passage_median_year, r.never_reached
    FROM target_results AS r
    JOIN scenarios AS s ON s.experiment_id = r.experiment_id AND s.scenario_id = r.scenario_id
    JOIN targets AS t ON t.experiment_id = r.experiment_id AND t.target_id = r.target_id
    WHERE r.experiment_id = ?1
    ORDER BY s.scenario_index, t.target_index)sql");
  s.bind(1, experiment_id);
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  while (s.step()) {
    TargetResultRow row;
    row.scenario_id = s.text(0);
    row.target_id = s.text(1);
    row.probability = s.real_or(2, kNaN);
    row.ci_low = s.real_or(3, kNaN);
    row.ci_high = s.real_or(4, kNaN);
    row.runs = s.uint64(5);
    row.met = s.uint64(6);
    row.at_deadline = {s.real_or(7, kNaN),  s.real_or(8, kNaN),  s.real_or(9, kNaN),
                       s.real_or(10, kNaN), s.real_or(11, kNaN), s.real_or(12, kNaN)};
    if (!s.is_null(13)) row.first_passage_median_year = s.integer(13);
    row.never_reached = s.uint64(14);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<JointResultRow> Store::joint_results(std::int64_t experiment_id) const {
  std::vector<JointResultRow> rows;
  Statement s(db_.get(), path_, R"sql(
    SELECT j.scenario_id, j.plan_id, j.probability, j.ci_low, j.ci_high, j.runs, j.met
    FROM joint_results AS j
    JOIN scenarios AS s ON s.experiment_id = j.experiment_id AND s.scenario_id = j.scenario_id
    WHERE j.experiment_id = ?1
    ORDER BY s.scenario_index)sql");
  s.bind(1, experiment_id);
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  while (s.step()) {
    rows.push_back(
        {s.text(0), s.text(1), s.real_or(2, kNaN), s.real_or(3, kNaN), s.real_or(4, kNaN), s.uint64(5), s.uint64(6)});
  }
  return rows;
}

bool StoreRow::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
std::int64_t StoreRow::integer(int column) const {
  return sqlite3_column_int64(stmt_, column);
}
double StoreRow::real(int column) const {
  return is_null(column) ? std::numeric_limits<double>::quiet_NaN() : sqlite3_column_double(stmt_, column);
}
std::string StoreRow::text(int column) const {
  const auto* bytes = sqlite3_column_text(stmt_, column);
  if (bytes == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(bytes),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

void Store::select_rows(std::string_view sql, std::int64_t experiment_id,
                        const std::function<void(const StoreRow&)>& on_row) const {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK) {
    throw_sqlite(db_.get(), path_, fmt::format("preparing '{}'", sql));
  }
  const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  if (sqlite3_bind_parameter_count(raw) >= 1 && sqlite3_bind_int64(raw, 1, experiment_id) != SQLITE_OK) {
    throw_sqlite(db_.get(), path_, "binding the experiment id");
  }
  const StoreRow row(raw);
  for (;;) {
    const int rc = sqlite3_step(raw);
    if (rc == SQLITE_DONE) return;
    if (rc != SQLITE_ROW) throw_sqlite(db_.get(), path_, fmt::format("'{}'", sql));
    on_row(row);
  }
}

std::vector<std::string> Store::columns(std::string_view table) const {
  std::vector<std::string> names;
  Statement s(db_.get(), path_, "SELECT name FROM pragma_table_info(?1) ORDER BY cid");
  s.bind(1, table);
  while (s.step()) names.push_back(s.text(0));
  return names;
}

#undef TARGETCAST_NOW

}  // namespace targetcast::store
