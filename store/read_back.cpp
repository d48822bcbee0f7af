// Reading the results store back: experiments, their input files, target
// and joint results, and any SELECT for the report. Tables: docs/schema.md.
#include <sqlite3.h>

#include <limits>
#include <memory>
#include <utility>

#include <fmt/format.h>

#include "store/sqlite_statement.h"
#include "store/store.h"

namespace targetcast::store {

using sqlite::Statement;
using sqlite::throw_sqlite;

namespace {

constexpr const char* kExperimentColumns =
    "SELECT id, created, finished, status, command_line, plan_id, runs, master_seed, threads, "
    "wall_seconds, message, program_version, posterior, base_year, horizon, rng_layout_version, "
    "coalesce(posterior_paths, ''), coalesce(paths_through_year, 0) "
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
  row.posterior_paths = s.text(16);
  row.paths_through_year = s.integer(17);
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

}  // namespace targetcast::store
