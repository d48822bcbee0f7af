// Golden end-to-end regression (as OpenMC keeps results_true.dat per input
// deck): every shipped plan runs a small fixed-seed simulate, a tornado and a
// solve (Guangdong also a second scenario, a tiny Sobol analysis, a tiny
// calibration, a forecast from its posterior and a backtest: it is the only plan
// with observed figures), and every result table of the database is reduced to
// its row count and the SHA-256 of its sorted rows. The test fails on any change
// and names the tables that moved. A refactor must leave every hash as it is.
//
// Regenerate on purpose only, with the reason in the commit message:
//     scripts/update-golden build
// (runs this test with TARGETCAST_UPDATE_GOLDEN=1, which rewrites tests/golden/*.tsv).
#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli.h"
#include "io/sha256.h"

namespace {

using targetcast::test::run_cli;
using targetcast::test::source_dir;
using targetcast::test::TempDir;

// Columns that record when, where and by which build something ran, not what it
// computed: they differ on every run and are left out of the hashes.
const std::set<std::string> kVolatileColumns = {
    "created",      "started",     "finished",        "completed", "updated",
    "command_line", "wall_seconds", "program_version", "path",      "source_path", "written"};

struct TableDigest {
  std::string columns;  // comma-separated, in table order, volatile ones left out
  long long rows = 0;
  std::string sha256;
};

// Text with the checkout's own path written as $SOURCE: a file's origin is
// stored with its absolute path, which differs between checkouts.
std::string without_checkout_path(std::string text) {
  const std::string root = source_dir().string();
  for (auto at = text.find(root); at != std::string::npos; at = text.find(root, at)) text.replace(at, root.size(), "$SOURCE");
  return text;
}

// One value in a form that keeps every bit: integers as is, reals in the
// shortest form that reads back to the same double, text and blobs as bytes
// (the checkout's path aside).
std::string cell(sqlite3_stmt* stmt, int column) {
  switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_NULL: return "NULL";
    case SQLITE_INTEGER: return fmt::format("{}", sqlite3_column_int64(stmt, column));
    case SQLITE_FLOAT: return fmt::format("{}", sqlite3_column_double(stmt, column));
    default: {
      const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt, column));
      const int size = sqlite3_column_bytes(stmt, column);
      return "'" + without_checkout_path(std::string(bytes != nullptr ? bytes : "", static_cast<std::size_t>(size))) + "'";
    }
  }
}

std::vector<std::string> column_names(sqlite3* db, const std::string& table) {
  std::vector<std::string> names;
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, fmt::format("PRAGMA table_info(\"{}\")", table).c_str(), -1, &stmt, nullptr) ==
          SQLITE_OK);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)));
  }
  sqlite3_finalize(stmt);
  return names;
}

// Row count and hash of `table` over `columns`; rows are sorted, so the order in
// which a writer inserts them does not matter, only what they hold.
TableDigest digest(sqlite3* db, const std::string& table, const std::vector<std::string>& columns) {
  std::string select;
  for (const auto& c : columns) select += (select.empty() ? "\"" : ", \"") + c + "\"";
  std::vector<std::string> rows;
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, fmt::format("SELECT {} FROM \"{}\"", select, table).c_str(), -1, &stmt, nullptr) ==
          SQLITE_OK);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) row += (i == 0 ? "" : "\x1f") + cell(stmt, i);
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  std::sort(rows.begin(), rows.end());
  std::string all;
  for (const auto& r : rows) all += r + "\x1e";
  std::string joined;
  for (const auto& c : columns) joined += (joined.empty() ? "" : ",") + c;
  return {joined, static_cast<long long>(rows.size()), targetcast::io::sha256_hex(all)};
}

std::vector<std::string> split(const std::string& text, char by) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, by);) parts.push_back(part);
  return parts;
}

// The golden file: one line per table, "table<TAB>columns<TAB>rows<TAB>sha256".
std::map<std::string, TableDigest> read_golden(const std::filesystem::path& file) {
  std::map<std::string, TableDigest> tables;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line, '\t');
    REQUIRE(f.size() == 4);
    tables[f[0]] = {f[1], std::stoll(f[2]), f[3]};
  }
  return tables;
}

void write_golden(const std::filesystem::path& file, const std::map<std::string, TableDigest>& tables) {
  std::ofstream out(file);
  out << "# Golden results of tests/golden/test_golden.cpp: table, columns hashed, rows, SHA-256 of the sorted rows.\n"
         "# Regenerate only on purpose (scripts/update-golden), with the reason in the commit message.\n";
  for (const auto& [name, d] : tables) out << name << '\t' << d.columns << '\t' << d.rows << '\t' << d.sha256 << '\n';
}

// The tables, and run_indicators, run_parameters and run_targets, tables until
// schema 8 and since then views of run_trajectories, run_parameter_values and
// run_target_outcomes that must give the same rows.
std::vector<std::string> tables_of(sqlite3* db) {
  std::vector<std::string> names;
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db,
                             "SELECT name FROM sqlite_master WHERE type = 'table' OR (type = 'view' AND name IN "
                             "('run_indicators', 'run_parameters', 'run_targets')) ORDER BY name",
                             -1, &stmt, nullptr) == SQLITE_OK);
  while (sqlite3_step(stmt) == SQLITE_ROW) names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  sqlite3_finalize(stmt);
  return names;
}

// Compares the database with tests/golden/<name>.tsv (or rewrites it). A table
// or column that is new since the golden file was written is not compared
// (a later issue may add one); a golden table or column that is gone fails.
void check_against_golden(const std::string& name, const std::filesystem::path& db_path) {
  const auto golden_file = source_dir() / "tests" / "golden" / (name + ".tsv");
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  const char* update = std::getenv("TARGETCAST_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::map<std::string, TableDigest> now;
    for (const auto& table : tables_of(db)) {
      std::vector<std::string> columns;
      for (const auto& c : column_names(db, table)) {
        if (kVolatileColumns.count(c) == 0) columns.push_back(c);
      }
      now[table] = digest(db, table, columns);
    }
    write_golden(golden_file, now);
    sqlite3_close(db);
    WARN("rewrote " << golden_file.string());
    return;
  }
  REQUIRE(std::filesystem::exists(golden_file));
  const auto golden = read_golden(golden_file);
  const auto present = tables_of(db);
  std::vector<std::string> moved;
  for (const auto& [table, expected] : golden) {
    if (std::find(present.begin(), present.end(), table) == present.end()) {
      moved.push_back(table + ": the table is gone");
      continue;
    }
    const auto have = column_names(db, table);
    std::vector<std::string> columns = split(expected.columns, ',');
    std::vector<std::string> missing;
    for (const auto& c : columns) {
      if (std::find(have.begin(), have.end(), c) == have.end()) missing.push_back(c);
    }
    if (!missing.empty()) {
      moved.push_back(table + ": columns gone: " + fmt::format("{}", fmt::join(missing, ", ")));
      continue;
    }
    const auto now = digest(db, table, columns);
    if (now.rows != expected.rows || now.sha256 != expected.sha256) {
      moved.push_back(fmt::format("{}: {} rows (golden {}), sha256 {} (golden {})", table, now.rows, expected.rows,
                                  now.sha256.substr(0, 12), expected.sha256.substr(0, 12)));
    }
  }
  sqlite3_close(db);
  INFO("tables that moved in " << name << ":\n" << fmt::format("{}", fmt::join(moved, "\n")));
  CHECK(moved.empty());
}

void run_ok(const std::string& arguments, const TempDir& dir) {
  const auto result = run_cli(arguments, dir.path());
  INFO("targetcast " << arguments << "\n" << result.out << result.err);
  REQUIRE(result.exit_code == 0);
}

struct GoldenPlan {
  std::string name;         // tests/golden/<name>.tsv
  std::string plan;         // seeds/<plan>
  std::string solve_target;
};

}  // namespace

TEST_CASE("every shipped plan gives its golden results: simulate, tornado and solve", "[golden]") {
  const std::vector<GoldenPlan> plans = {
      {"guangzhou", "guangzhou-ai-2023.toml", "gz-2023-firms"},
      {"dongguan", "dongguan-ai.toml", "dg-2025-songshan-firms"},
      {"guangxi", "guangxi-ai.toml", "gx-2025-firms"},
  };
  for (const auto& p : plans) {
    SECTION(p.name) {
      TempDir dir;
      const std::string common =
          fmt::format(" --db g.sqlite --threads 2 --baseline {}", (source_dir() / "seeds" / p.plan).string());
      run_ok("simulate --runs 120 --rng-seed 11" + common, dir);
      run_ok("sensitivity --method tornado --tornado-runs 4 --no-levers --rng-seed 12" + common, dir);
      run_ok(fmt::format("solve --target {} --probability 0.9 --lever new_parks --range 0 3 --runs 20 "
                         "--confirm-runs 30 --rng-seed 13",
                         p.solve_target) +
                 common,
             dir);
      check_against_golden(p.name, dir / "g.sqlite");
    }
  }
}

TEST_CASE("the Guangdong plan gives its golden results: scenarios, Sobol, solve, calibration, posterior forecast "
          "and backtest",
          "[golden]") {
  TempDir dir;
  const auto scenarios = source_dir() / "scenarios";
  const std::string common = " --db g.sqlite --threads 2";
  run_ok(fmt::format("simulate --runs 150 --rng-seed 21 --scenario {} --scenario {}",
                     (scenarios / "baseline.toml").string(), (scenarios / "funding-plus-50.toml").string()) +
             common,
         dir);
  run_ok("sensitivity --method both --samples 8 --bootstrap 20 --tornado-runs 3 --target gd-2025-leading-firms "
         "--lever funding_multiplier:0.5:2:2023 --rng-seed 22" +
             common,
         dir);
  run_ok("solve --target gd-2025-leading-firms --probability 0.5 --lever funding_multiplier --range 1 3 --runs 20 "
         "--confirm-runs 30 --rng-seed 23" +
             common,
         dir);
  const std::string quick = " --particles 40 --generations 2 --max-simulations 4000";
  run_ok("calibrate --forecast-runs 60 --rng-seed 24" + quick + common, dir);
  run_ok("simulate --posterior 1 --runs 80 --rng-seed 25" + common, dir);
  run_ok("backtest --cut 2020 --predictive-runs 50 --rng-seed 26" + quick + common, dir);
  check_against_golden("guangdong", dir / "g.sqlite");
}
