// Tests of the schema versions and their migrations (store/schema.h,
// docs/schema.md "Schema version"): a file of version 1, made with the DDL as
// released (schema_v1_as_released.h), is upgraded in place to the current
// version with every row intact, and ends with the same tables and columns as
// a new file.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <bit>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "cli.h"
#include "io/sha256.h"
#include "schema_v1_as_released.h"
#include "sqlite_query.h"
#include "store/store.h"

namespace {

using targetcast::store::Store;
using targetcast::test::execute_sql;
using targetcast::test::query_column;
using targetcast::test::query_int;
using targetcast::test::query_text;
using targetcast::test::TempDir;

// One experiment with an input file, one Sobol analysis with an input and an
// index, one solve with a step: rows of the tables that version 2 changes and
// of one it does not.
constexpr const char* kVersion1Rows = R"sql(
INSERT INTO experiments (id, created, finished, status, command_line, program_version, plan_id, base_year,
                         horizon, master_seed, master_seed_text, runs, threads, rng_layout_version, wall_seconds)
VALUES (1, '2025-03-01T08:30:00Z', '2025-03-01T08:31:00Z', 'complete', 'targetcast simulate', '0.1.0', 'gd-2025',
        2024, 2030, 7, '7', 100, 2, 1, 60.5);
INSERT INTO input_files VALUES (1, 0, 'plan', 'plan.toml', 'abc', 3, 'x=1');
INSERT INTO sensitivity_analyses (id, created, method, command_line, program_version, plan_id, scenario_id,
                                  base_year, horizon, samples, bootstrap, evaluations, master_seed, threads,
                                  rng_layout_version, wall_seconds)
VALUES (4, '2025-03-02T09:00:00Z', 'sobol', 'targetcast sensitivity', '0.1.0', 'gd-2025', 'baseline', 2024, 2030,
        64, 100, 512, 11, 2, 1, 12.25);
INSERT INTO sensitivity_inputs (analysis_id, input_index, name, kind) VALUES (4, 0, 'growth', 'parameter');
INSERT INTO sensitivity_indices (analysis_id, target_id, output, input_index, first_order, total_order)
VALUES (4, '*', 'met', 0, 0.25, 0.5);
INSERT INTO lever_solves (id, created, command_line, program_version, plan_id, scenario_id, target_id, lever,
                          from_year, range_low, range_high, required_probability, runs, master_seed, reached, value,
                          confirmation_seed, confirmation_runs, confirmation_met, confirmation_probability,
                          confirmation_ci_low, confirmation_ci_high, threads, rng_layout_version, wall_seconds)
VALUES (9, '2025-03-03T10:00:00Z', 'targetcast solve', '0.1.0', 'gd-2025', 'baseline', '*', 'funding_multiplier',
        2025, 1.0, 3.0, 0.8, 200, 5, 1, 1.75, 6, 400, 330, 0.825, 0.785, 0.86, 2, 1, 30.0);
INSERT INTO lever_solve_steps VALUES (9, 0, 1.75, 200, 165, 0.825);
)sql";

// Runs `sql` on `path`, creating the file when absent; SQLite's result code.
int run_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc;
}

std::string version_1_file(const TempDir& dir, bool with_sensitivity_tables) {
  const std::string path = (dir / "v1.sqlite").string();
  std::string ddl = std::string("PRAGMA journal_mode = WAL;") + targetcast::test::kSchemaV1ExperimentTables +
                    targetcast::test::kSchemaV1CalibrationTables;
  if (with_sensitivity_tables) ddl += targetcast::test::kSchemaV1SensitivityTables;
  ddl += "PRAGMA application_id = 1413693779; PRAGMA user_version = 1;";
  REQUIRE(run_sql(path, ddl) == SQLITE_OK);
  return path;
}

// Every table and its columns (name, declared type, NOT NULL, default,
// primary-key position), one line per column, in a stable order.
std::vector<std::string> layout(const std::string& path) {
  return query_column(path, R"sql(
    SELECT t.name || '.' || c.name || ' ' || c.type || ' ' || c."notnull" || ' ' || coalesce(c.dflt_value, '-') ||
           ' ' || c.pk
    FROM sqlite_schema AS t, pragma_table_info(t.name) AS c
    WHERE t.type IN ('table', 'view') AND t.name NOT LIKE 'sqlite_%'
    ORDER BY t.name, c.name)sql");
}

// Column `col` of the current row holds `want` to the bit (NULL for none);
// otherwise one more mismatch, with what was read.
void check_real(sqlite3_stmt* read, int col, std::optional<double> want, int& mismatches) {
  if (!want) {
    CHECK(sqlite3_column_type(read, col) == SQLITE_NULL);
    return;
  }
  if (sqlite3_column_type(read, col) != SQLITE_FLOAT ||
      std::bit_cast<std::uint64_t>(sqlite3_column_double(read, col)) != std::bit_cast<std::uint64_t>(*want)) {
    ++mismatches;
    UNSCOPED_INFO("wrote " << *want << ", read " << sqlite3_column_double(read, col));
  }
}

}  // namespace

TEST_CASE("store: a schema-1 file is upgraded to schema 2 in place, its rows intact", "[store][schema]") {
  TempDir dir;
  const std::string path = version_1_file(dir, /*with_sensitivity_tables=*/true);
  execute_sql(path, kVersion1Rows);

  // Opening it to read (report, experiments) upgrades a file that may be
  // written in place first, so that old results stay readable after an update.
  {
    const Store reader = Store::open(path, Store::Mode::read_only);
    CHECK(reader.experiments().size() == 1);
  }
  CHECK(query_int(path, "PRAGMA user_version") == Store::kSchemaVersion);

  {
    const Store store = Store::open(path);
    const auto experiments = store.experiments();
    REQUIRE(experiments.size() == 1);
    CHECK(experiments[0].plan_id == "gd-2025");
    CHECK(experiments[0].wall_seconds == 60.5);
    REQUIRE(store.input_files(1).size() == 1);
    CHECK(store.input_files(1)[0].content == "x=1");
  }
  CHECK(query_int(path, "PRAGMA user_version") == Store::kSchemaVersion);
  CHECK(query_int(path, "PRAGMA user_version") == Store::kSchemaVersion);
  CHECK(query_int(path, "PRAGMA application_id") == Store::kApplicationId);

  // The rows of version 1, column by column, and the new columns' defaults.
  CHECK(query_text(path, "SELECT created || method || evaluations || wall_seconds FROM sensitivity_analyses") ==
        "2025-03-02T09:00:00Zsobol51212.25");
  CHECK(query_text(path, "SELECT status FROM sensitivity_analyses WHERE id = 4") == "complete");
  CHECK(query_int(path, "SELECT count(*) FROM sensitivity_analyses WHERE message IS NULL AND finished IS NULL") == 1);
  CHECK(query_text(path, "SELECT name FROM sensitivity_inputs WHERE analysis_id = 4") == "growth");
  CHECK(query_text(path, "SELECT total_order FROM sensitivity_indices WHERE analysis_id = 4") == "0.5");
  CHECK(query_text(path, "SELECT lever || value || confirmation_met FROM lever_solves WHERE id = 9") ==
        "funding_multiplier1.75330");
  CHECK(query_text(path, "SELECT status FROM lever_solves WHERE id = 9") == "complete");
  CHECK(query_int(path, "SELECT count(*) FROM lever_solves WHERE message IS NULL AND finished IS NULL") == 1);
  CHECK(query_int(path, "SELECT met FROM lever_solve_steps WHERE solve_id = 9") == 165);
  // Version 3: an experiment of version 1 drew no continued paths.
  CHECK(query_int(path, "SELECT count(*) FROM experiments WHERE posterior_paths IS NULL AND "
                        "paths_through_year IS NULL") == 1);
  CHECK((run_sql(path, "UPDATE experiments SET posterior_paths = 'kept'") & 0xFF) == SQLITE_CONSTRAINT);
  // Version 4: a solve of version 1 has no rounds, no confirmation verdict and no money (not known).
  CHECK(query_int(path, "SELECT count(*) FROM lever_solves WHERE rounds IS NULL AND confirmed IS NULL AND "
                        "last_year IS NULL AND scenario_funding_yi IS NULL") == 1);
  CHECK(query_int(path, "SELECT count(*) FROM lever_solve_steps WHERE round IS NULL AND seed IS NULL") == 1);
  CHECK((run_sql(path, "UPDATE lever_solves SET confirmed = 2") & 0xFF) == SQLITE_CONSTRAINT);
  // Version 6: a parameter stored before has no human name (its report shows the code).
  CHECK(query_int(path, "SELECT count(*) FROM parameters WHERE name_zh IS NOT NULL OR name_en IS NOT NULL") == 0);
  // Version 7: an experiment stored before declares no documents (its reports show file names);
  // a document row names its experiment.
  CHECK(query_int(path, "SELECT count(*) FROM documents") == 0);
  CHECK((run_sql(path, "PRAGMA foreign_keys = ON; INSERT INTO documents VALUES (77, 'a.txt', 't', 't', 'i', 'i', "
                       "'p.toml', 3)") & 0xFF) == SQLITE_CONSTRAINT);

  // The new tables: empty, and shaped as input_files.
  CHECK(query_int(path, "SELECT count(*) FROM sensitivity_input_files") == 0);
  CHECK(query_int(path, "SELECT count(*) FROM solve_input_files") == 0);
  const auto shape = [&](const std::string& table) {
    return query_column(path, "SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' || pk FROM pragma_table_info('" +
                                  table + "') WHERE cid > 0 ORDER BY cid");
  };
  CHECK(shape("sensitivity_input_files") == shape("input_files"));
  CHECK(shape("solve_input_files") == shape("input_files"));

  // Status is checked as experiments' is; deleting an analysis deletes its input files.
  CHECK((run_sql(path, "UPDATE lever_solves SET status = 'done' WHERE id = 9") & 0xFF) == SQLITE_CONSTRAINT);
  execute_sql(path,
              "PRAGMA foreign_keys = ON; INSERT INTO sensitivity_input_files VALUES (4, 0, 'plan', 'p', 'h', 1, 'x');"
              "DELETE FROM sensitivity_analyses WHERE id = 4;");
  CHECK(query_int(path, "SELECT count(*) FROM sensitivity_input_files") == 0);

  // Upgraded and new files have the same tables and columns.
  const std::string fresh = (dir / "new.sqlite").string();
  { Store::open(fresh); }
  CHECK(layout(path) == layout(fresh));
  CHECK(query_int(fresh, "PRAGMA user_version") == Store::kSchemaVersion);

  // Opening it again changes nothing.
  { Store::open(path); }
  CHECK(query_int(path, "PRAGMA user_version") == Store::kSchemaVersion);
  CHECK(query_int(path, "SELECT count(*) FROM lever_solves") == 1);
}

TEST_CASE("store: a schema-1 file from before the sensitivity tables gets them on upgrade", "[store][schema]") {
  TempDir dir;
  const std::string path = version_1_file(dir, /*with_sensitivity_tables=*/false);
  CHECK(query_int(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'lever_solves'") == 0);
  { Store::open(path); }
  CHECK(query_int(path, "PRAGMA user_version") == Store::kSchemaVersion);
  const std::string fresh = (dir / "new.sqlite").string();
  { Store::open(fresh); }
  CHECK(layout(path) == layout(fresh));
}

// Issue 16, item 11: target_results.deadline_p50 is the indicator's value at
// the deadline and never_reached a count of runs; experiments.posterior is a
// calibration id stored as text. A file written before schema 5 gets views
// that name each value for what it is, with its unit beside it.
TEST_CASE("store: an old file reads through self-explaining views with units", "[store][schema]") {
  TempDir dir;
  const std::string path = version_1_file(dir, /*with_sensitivity_tables=*/true);
  execute_sql(path, std::string(kVersion1Rows) + R"sql(
UPDATE experiments SET posterior = '12' WHERE id = 1;
INSERT INTO scenarios VALUES (1, 'baseline', 0, '基准', 'Baseline', '', '', '', 100, 2024, 2030, 0, 'yes');
INSERT INTO indicators VALUES (1, 0, 'core_industry', '核心产业规模', 'core industry', '亿元', '100 million yuan',
                               'sum', 'document', '', '', '');
INSERT INTO targets VALUES (1, 0, 'core-60', 'core_industry', '>=', 59.96, 2026, '规模60亿元', 'size 60',
                            'document', '', '', '');
INSERT INTO target_results VALUES (1, 'baseline', 'core-60', 0.4, 0.3, 0.5, 100, 40, 58.0, 40.0, 50.0, 57.5, 65.0,
                                   80.0, 2027, 35);
INSERT INTO indicator_summary VALUES (1, 'baseline', 'core_industry', 2026, 58.0, 40.0, 50.0, 57.5, 65.0, 80.0);
)sql");
  { const Store reader = Store::open(path, Store::Mode::read_only); }
  CHECK(query_int(path, "PRAGMA user_version") == Store::kSchemaVersion);
  CHECK(query_text(path, "SELECT deadline_year || ' ' || value_at_deadline_p50 || ' ' || value_unit_en || ' ' || "
                         "runs_never_reached || ' ' || share_never_reached || ' ' || first_reached_median_year || "
                         "' ' || threshold || ' ' || threshold_unit_zh || ' ' || p_met FROM target_outcomes") ==
        "2026 57.5 100 million yuan 35 0.35 2027 59.96 亿元 0.4");
  CHECK(query_text(path, "SELECT value_p50 || ' ' || value_unit_zh FROM indicator_outcomes") == "57.5 亿元");
  CHECK(query_text(path, "SELECT typeof(posterior_calibration_id) || ' ' || posterior_calibration_id || ' ' || "
                         "drawn_from FROM experiment_overview") == "integer 12 posterior");
}

// Issue 17: schema 8 keeps one row per run and indicator (run_trajectories)
// and makes run_indicators a view of it. The rows of the run_indicators table
// of an older file (no version before 8 changed the table version 1 created)
// are moved into trajectories, year by year, on upgrade, and read through the
// view as before, to the bit.
TEST_CASE("store: a schema-7 file's per-run rows become trajectories, every value to the bit", "[store][schema]") {
  TempDir dir;
  const std::string path = version_1_file(dir, /*with_sensitivity_tables=*/true);
  execute_sql(path, std::string(kVersion1Rows) + R"sql(
INSERT INTO scenarios VALUES (1, 'baseline', 0, '基准', 'Baseline', '', '', '', 3, 2024, 2027, 1, 'yes');
INSERT INTO scenarios VALUES (1, 'cut', 1, '削减', 'Cut', '', '', '', 3, 2024, 2027, 1, 'yes');
)sql");
  // 2 scenarios × 2 indicators × 3 runs × 4 years, inserted out of key order.
  const double values[] = {0.1, 1.0 / 3.0, 1e-300, 5e-324, 1.7976931348623157e308, 1500.0, -2.5e-8,
                           123456789012345678.0, std::numeric_limits<double>::infinity(),
                           -std::numeric_limits<double>::infinity(), 9.87654321e-5, 42.0};
  const auto value_of = [&](int s, int k, int run, int y) -> std::optional<double> {
    if (s == 1 && k == 0 && run == 2 && y == 1) return std::nullopt;  // NaN, stored as NULL
    return values[(s * 17 + k * 7 + run * 5 + y) % 12] * (s == 0 ? 1.0 : -3.0);
  };
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* insert = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO run_indicators VALUES (1, ?1, ?2, ?3, ?4, ?5)", -1, &insert,
                               nullptr) == SQLITE_OK);
    for (int y = 3; y >= 0; --y) {
      for (int s = 0; s < 2; ++s) {
        for (int k = 0; k < 2; ++k) {
          for (int run = 0; run < 3; ++run) {
            sqlite3_bind_text(insert, 1, s == 0 ? "baseline" : "cut", -1, SQLITE_STATIC);
            sqlite3_bind_int(insert, 2, run);
            sqlite3_bind_text(insert, 3, k == 0 ? "ai_firms" : "revenue", -1, SQLITE_STATIC);
            sqlite3_bind_int(insert, 4, 2024 + y);
            if (const auto v = value_of(s, k, run, y)) {
              sqlite3_bind_double(insert, 5, *v);
            } else {
              sqlite3_bind_null(insert, 5);
            }
            REQUIRE(sqlite3_step(insert) == SQLITE_DONE);
            sqlite3_reset(insert);
          }
        }
      }
    }
    sqlite3_finalize(insert);
    sqlite3_close(db);
  }
  { Store::open(path); }
  CHECK(query_int(path, "PRAGMA user_version") == Store::kSchemaVersion);
  CHECK(query_text(path, "SELECT type FROM sqlite_schema WHERE name = 'run_indicators'") == "view");
  CHECK(query_int(path, "SELECT count(*) FROM run_trajectories") == 12);  // scenarios × indicators × runs
  CHECK(query_text(path, "SELECT first_year || ' ' || trajectory FROM run_trajectories WHERE scenario_id = "
                         "'cut' AND indicator_id = 'ai_firms' AND run = 2") ==
        "2024 [-1.5e-323,null,-4500,7.5e-08]");

  // Every row as before, in key order, to the bit.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* read = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT experiment_id, scenario_id, run, indicator_id, year, value "
                                 "FROM run_indicators ORDER BY scenario_id, indicator_id, run, year",
                             -1, &read, nullptr) == SQLITE_OK);
  int rows = 0, mismatches = 0;
  for (int s = 0; s < 2; ++s) {
    for (int k = 0; k < 2; ++k) {
      for (int run = 0; run < 3; ++run) {
        for (int y = 0; y < 4; ++y, ++rows) {
          REQUIRE(sqlite3_step(read) == SQLITE_ROW);
          CHECK(sqlite3_column_int(read, 2) == run);
          CHECK(sqlite3_column_int(read, 4) == 2024 + y);
          check_real(read, 5, value_of(s, k, run, y), mismatches);
        }
      }
    }
  }
  CHECK(sqlite3_step(read) == SQLITE_DONE);
  sqlite3_finalize(read);
  sqlite3_close(db);
  CHECK(rows == 48);
  CHECK(mismatches == 0);

  // Deleting the experiment deletes its trajectories (ON DELETE CASCADE), as it did the rows.
  execute_sql(path, "PRAGMA foreign_keys = ON; DELETE FROM experiments WHERE id = 1");
  CHECK(query_int(path, "SELECT count(*) FROM run_trajectories") == 0);
  CHECK(query_int(path, "SELECT count(*) FROM run_indicators") == 0);
}

// Issue 17, continued: schema 8 also packs run_parameters and run_targets
// across runs (run_parameter_values, run_target_outcomes) and keeps both as
// views. An older file's rows are packed on upgrade, one block per unbroken
// stretch of runs, and read through the views as before, to the bit.
namespace {

const int kPackedRuns[] = {0, 1, 2, 5, 6};  // a gap: two blocks
std::optional<double> packed_value(int s, int p, int run) {
  if (s == 1 && p == 0 && run == 1) return std::nullopt;  // NaN, stored as NULL
  const double values[] = {
      0.1,    1.0 / 3.0, 5e-324, 1.7976931348623157e308, 123456789012345678.0, std::numeric_limits<double>::infinity(),
      -2.5e-8};
  return values[(s * 3 + p * 5 + run) % 7] * (s == 0 ? 1.0 : -1.0);
}
int packed_met(int s, int t, int run) {
  return (s + t + run) % 3 == 0 ? 1 : 0;
}

// The schema-7 rows of run_parameters ("growth", "funding") and run_targets
// ("t_a", "t_b") of both scenarios, inserted in reverse run order.
void insert_schema_7_runs(const std::string& path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* parameter = nullptr;
  sqlite3_stmt* target = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO run_parameters VALUES (1, ?1, ?2, ?3, ?4)", -1, &parameter, nullptr) ==
          SQLITE_OK);
  REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO run_targets VALUES (1, ?1, ?2, ?3, ?4)", -1, &target, nullptr) ==
          SQLITE_OK);
  for (int i = 4; i >= 0; --i) {
    for (int s = 0; s < 2; ++s) {
      for (int p = 0; p < 2; ++p) {
        const int run = kPackedRuns[i];
        sqlite3_bind_text(parameter, 1, s == 0 ? "baseline" : "cut", -1, SQLITE_STATIC);
        sqlite3_bind_int(parameter, 2, run);
        sqlite3_bind_text(parameter, 3, p == 0 ? "growth" : "funding", -1, SQLITE_STATIC);
        if (const auto v = packed_value(s, p, run)) {
          sqlite3_bind_double(parameter, 4, *v);
        } else {
          sqlite3_bind_null(parameter, 4);
        }
        REQUIRE(sqlite3_step(parameter) == SQLITE_DONE);
        sqlite3_reset(parameter);
        sqlite3_bind_text(target, 1, s == 0 ? "baseline" : "cut", -1, SQLITE_STATIC);
        sqlite3_bind_int(target, 2, run);
        sqlite3_bind_text(target, 3, p == 0 ? "t_a" : "t_b", -1, SQLITE_STATIC);
        sqlite3_bind_int(target, 4, packed_met(s, p, run));
        REQUIRE(sqlite3_step(target) == SQLITE_DONE);
        sqlite3_reset(target);
      }
    }
  }
  sqlite3_finalize(parameter);
  sqlite3_finalize(target);
  sqlite3_close(db);
}

}  // namespace

TEST_CASE("store: a schema-7 file's parameter draws and target outcomes are packed across runs, to the bit",
          "[store][schema]") {
  TempDir dir;
  const std::string path = version_1_file(dir, /*with_sensitivity_tables=*/true);
  execute_sql(path, std::string(kVersion1Rows) + R"sql(
INSERT INTO scenarios VALUES (1, 'baseline', 0, '基准', 'Baseline', '', '', '', 3, 2024, 2027, 1, 'yes');
INSERT INTO scenarios VALUES (1, 'cut', 1, '削减', 'Cut', '', '', '', 3, 2024, 2027, 1, 'yes');
)sql");
  insert_schema_7_runs(path);
  { Store::open(path); }
  CHECK(query_text(path, "SELECT type FROM sqlite_schema WHERE name = 'run_parameters'") == "view");
  CHECK(query_text(path, "SELECT type FROM sqlite_schema WHERE name = 'run_targets'") == "view");
  CHECK(query_int(path, "SELECT count(*) FROM run_parameter_values") == 8);  // scenarios × parameters × blocks
  CHECK(query_column(path,
                     "SELECT first_run || ' ' || met FROM run_target_outcomes WHERE scenario_id = 'cut' "
                     "AND target_id = 't_b' ORDER BY first_run") == std::vector<std::string>{"0 [0,1,0]", "5 [0,0]"});
  CHECK(query_column(path,
                     "SELECT first_run || ' ' || draws FROM run_parameter_values WHERE scenario_id = 'cut' "
                     "AND name = 'growth' ORDER BY first_run") ==
        std::vector<std::string>{"0 [-1.7976931348623157e+308,null,-9e999]", "5 [-0.3333333333333333,-5e-324]"});

  // Every row as before, in key order, to the bit.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* read = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, R"sql(
    SELECT p.run, p.value, t.met, typeof(t.met) FROM run_parameters AS p JOIN run_targets AS t
      ON t.experiment_id = p.experiment_id AND t.scenario_id = p.scenario_id AND t.run = p.run
     AND t.target_id = CASE p.name WHEN 'growth' THEN 't_a' ELSE 't_b' END
    ORDER BY p.scenario_id, p.name DESC, p.run)sql",
                             -1, &read, nullptr) == SQLITE_OK);
  int mismatches = 0;
  for (int s = 0; s < 2; ++s) {
    for (int p = 0; p < 2; ++p) {
      for (const int run : kPackedRuns) {
        REQUIRE(sqlite3_step(read) == SQLITE_ROW);
        CHECK(sqlite3_column_int(read, 0) == run);
        CHECK(sqlite3_column_int(read, 2) == packed_met(s, p, run));
        CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(read, 3))) == "integer");
        check_real(read, 1, packed_value(s, p, run), mismatches);
      }
    }
  }
  CHECK(sqlite3_step(read) == SQLITE_DONE);
  sqlite3_finalize(read);
  sqlite3_close(db);
  CHECK(mismatches == 0);

  // Deleting the experiment deletes its packed rows (ON DELETE CASCADE), as it did the rows.
  execute_sql(path, "PRAGMA foreign_keys = ON; DELETE FROM experiments WHERE id = 1");
  CHECK(query_int(path, "SELECT count(*) FROM run_parameter_values") == 0);
  CHECK(query_int(path, "SELECT count(*) FROM run_target_outcomes") == 0);
  CHECK(query_int(path, "SELECT count(*) FROM run_parameters") == 0);
  CHECK(query_int(path, "SELECT count(*) FROM run_targets") == 0);
}
