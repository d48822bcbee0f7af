// Tests of the SQLite results store (store/store.h, docs/schema.md). The model
// and results are built by hand on tiny plain structs; what the store wrote is
// checked through the raw SQLite C API, the way a planner's pandas or R
// session would read it.
#include <catch2/catch.hpp>

#include <grp.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "io/sha256.h"
#include "store/store.h"

namespace fs = std::filesystem;
namespace model = targetcast::model;
namespace analysis = targetcast::analysis;
using targetcast::store::ExperimentInfo;
using targetcast::store::ExperimentStatus;
using targetcast::store::InputFileRecord;
using targetcast::store::Store;
using targetcast::store::StoreError;

namespace {

// ---- Scaffolding -----------------------------------------------------------

// A fresh folder under the system temp directory, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "targetcast-store-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// A value as SQLite returned it.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
using Rows = std::vector<std::vector<Value>>;

bool is_null(const Value& v) {
  return std::holds_alternative<std::monostate>(v);
}
std::int64_t as_int(const Value& v) {
  return std::get<std::int64_t>(v);
}
double as_real(const Value& v) {
  return std::get<double>(v);
}
const std::string& as_text(const Value& v) {
  return std::get<std::string>(v);
}

// A plain SQLite connection, independent of the store, to check what it wrote.
class Raw {
 public:
  explicit Raw(const std::string& path, bool writable = false) {
    const int flags = writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("Raw: ") + sqlite3_errmsg(db_));
    }
  }
  Raw(const Raw&) = delete;
  Raw& operator=(const Raw&) = delete;
  ~Raw() { sqlite3_close_v2(db_); }

  Rows query(const std::string& sql) const {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      throw std::runtime_error("Raw: " + sql + ": " + sqlite3_errmsg(db_));
    }
    Rows rows;
    int rc = 0;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      std::vector<Value> row;
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_INTEGER:
            row.emplace_back(std::int64_t{sqlite3_column_int64(stmt, c)});
            break;
          case SQLITE_FLOAT:
            row.emplace_back(sqlite3_column_double(stmt, c));
            break;
          case SQLITE_NULL:
            row.emplace_back(std::monostate{});
            break;
          default: {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            row.emplace_back(std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
          }
        }
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) throw std::runtime_error("Raw: " + sql + ": " + sqlite3_errmsg(db_));
    return rows;
  }
  std::int64_t scalar(const std::string& sql) const { return as_int(query(sql).at(0).at(0)); }
  void exec(const std::string& sql) const {
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      throw std::runtime_error("Raw: " + sql + ": " + sqlite3_errmsg(db_));
    }
  }

 private:
  sqlite3* db_ = nullptr;
};

// ---- A tiny hand-made model and its results ---------------------------------

model::Prior prior(std::string name, model::Distribution d, model::Basis basis, std::string quote) {
  model::Prior p;
  p.name = std::move(name);
  p.distribution = d;
  p.provenance = {basis, "seed.docx", std::move(quote), "note on " + p.name};
  p.origin = "seeds/priors.toml";
  p.line = 7;
  return p;
}

// Plan "test_plan", 2023..2027, two indicators, two targets, three parameters.
model::CompiledModel make_model(const std::string& scenario_id = "baseline") {
  model::CompiledModel m;
  m.plan.id = "test_plan";
  m.plan.title = {"测试规划", "Test plan"};
  m.base_year = 2023;
  m.horizon = 2027;
  m.years.resize(5);
  m.scenario.id = scenario_id;
  m.scenario.title = {"情景 " + scenario_id, "Scenario " + scenario_id};
  m.scenario.description = {"描述", "Description"};
  m.scenario.source_path = "scenarios/" + scenario_id + ".toml";

  model::Distribution truncated = model::Distribution::normal(0.1, 0.04);
  truncated.lower = 0.0;
  m.parameters.set(prior("mu_g", truncated, model::Basis::published, "年均增长"));
  m.parameters.set(prior("h0", model::Distribution::fixed(0.05), model::Basis::assumption, ""));
  m.parameters.set(prior("k_e", model::Distribution::uniform(1.0, 3.0), model::Basis::document, "引育"));

  model::CompiledIndicator firms;
  firms.spec.id = "ai_firms";
  firms.spec.name = {"人工智能企业数", "AI firms"};
  firms.spec.unit = {"家", "firms"};
  firms.spec.kind = model::IndicatorKind::firm_count;
  firms.spec.provenance = {model::Basis::document, "plan.docx", "超1500家", ""};
  model::CompiledIndicator revenue;
  revenue.spec.id = "revenue";
  revenue.spec.name = {"核心产业规模", "Core revenue"};
  revenue.spec.unit = {"亿元", "100 million yuan"};
  revenue.spec.kind = model::IndicatorKind::revenue_sum;
  m.indicators = {firms, revenue};

  model::CompiledTarget t_firms;
  t_firms.spec.id = "t_firms";
  t_firms.spec.indicator = "ai_firms";
  t_firms.spec.comparison = model::Comparison::at_least;
  t_firms.spec.threshold = 2000;
  t_firms.spec.deadline = 2027;
  t_firms.spec.name = {"企业2000家以上", "2000+ firms"};
  t_firms.spec.provenance = {model::Basis::document, "plan.docx", "企业数量达到2000家以上", ""};
  t_firms.indicator = 0;
  model::CompiledTarget t_revenue;
  t_revenue.spec.id = "t_revenue";
  t_revenue.spec.indicator = "revenue";
  t_revenue.spec.comparison = model::Comparison::greater;
  t_revenue.spec.threshold = 500.5;
  t_revenue.spec.deadline = 2026;
  t_revenue.spec.name = {"规模突破500亿", "Revenue over 500"};
  t_revenue.spec.provenance = {model::Basis::illustrative, "", "", "not stated numerically"};
  t_revenue.indicator = 1;
  m.targets = {t_firms, t_revenue};
  return m;
}

// Exactly representable, distinct per (scenario salt, run, year, indicator).
double value_of(double salt, std::size_t run, std::size_t year, std::size_t indicator) {
  return salt + 1000.0 * static_cast<double>(indicator + 1) + 10.0 * static_cast<double>(run) +
         static_cast<double>(year) + 0.25;
}
double theta_of(double salt, std::size_t run, std::size_t p) {
  return salt + 0.5 * static_cast<double>(run) + 0.125 * static_cast<double>(p);
}

model::ScenarioResults make_results(const model::CompiledModel& m, std::size_t runs, double salt = 0.0) {
  model::ScenarioResults r;
  r.scenario_id = m.scenario.id;
  r.runs = runs;
  r.years = m.year_count();
  r.indicators = m.indicators.size();
  r.parameters = m.parameters.size();
  r.base_year = m.base_year;
  r.theta.resize(runs * r.parameters);
  r.values.resize(runs * r.years * r.indicators);
  r.target_met.resize(runs * m.targets.size());
  for (std::size_t run = 0; run < runs; ++run) {
    for (std::size_t p = 0; p < r.parameters; ++p) r.theta[run * r.parameters + p] = theta_of(salt, run, p);
    for (std::size_t y = 0; y < r.years; ++y) {
      for (std::size_t k = 0; k < r.indicators; ++k) {
        r.values[(run * r.years + y) * r.indicators + k] = value_of(salt, run, y, k);
      }
    }
    for (std::size_t t = 0; t < m.targets.size(); ++t) {
      r.target_met[run * m.targets.size() + t] = static_cast<std::uint8_t>((run + t) % 2);
    }
  }
  for (std::size_t k = 0; k < r.indicators; ++k) {
    for (std::size_t y = 0; y < r.years; ++y) {
      const double base = salt + static_cast<double>(100 * k + y);
      r.indicator_summaries.push_back(
          {k, m.base_year + static_cast<int>(y), {base + 0.5, base, base + 1, base + 2, base + 3, base + 4}});
    }
  }
  // Target 0: 4 runs reach it in 2025, 1 in 2026, 3 never (8 runs) — median 2025 is
  // the first year by which half (4 of 8) have reached it.
  model::TargetResult t0;
  t0.target = 0;
  t0.runs = 8;
  t0.met = 5;
  t0.probability = 0.625;
  t0.ci_low = 0.24487;
  t0.ci_high = 0.91477;
  t0.at_deadline = {1990.5, 1500, 1800, 2000, 2100, 2400};
  t0.first_passage = {{2023, 2024, 2025, 2026, 2027}, {0, 0, 4, 1, 0}, 3};
  // Target 1: only 3 of 8 runs ever reach it: no median.
  model::TargetResult t1;
  t1.target = 1;
  t1.runs = 8;
  t1.met = 2;
  t1.probability = 0.25 + salt;
  t1.ci_low = 0.03185;
  t1.ci_high = 0.65086;
  t1.at_deadline = {480.25, 300, 400, 470, 520, 610};
  t1.first_passage = {{2023, 2024, 2025, 2026, 2027}, {1, 0, 0, 2, 0}, 5};
  r.targets = {t0, t1};
  r.joint = {8, 2, 0.25, 0.03185, 0.65086};
  return r;
}

ExperimentInfo make_info(const std::string& command_line = "targetcast run --runs 8") {
  ExperimentInfo info;
  info.command_line = command_line;
  info.plan_id = "test_plan";
  info.base_year = 2023;
  info.horizon = 2027;
  info.master_seed = 20240601;
  info.runs = 8;
  info.threads = 2;
  info.rng_layout_version = 1;
  info.inputs = {{"plan", "seeds/test_plan.toml", "id = \"test_plan\"\n", ""},
                 {"priors", "embedded:seeds/priors.toml", "[mu_g]\n", ""},
                 {"scenario", "scenarios/baseline.toml", "id = \"baseline\"\n", ""}};
  return info;
}

// Every table the store promises, by name (docs/schema.md).
const std::vector<std::string> kTables = {
    "experiments",    "input_files",          "scenarios",        "parameters",          "indicators",
    "targets",        "run_parameter_values", "run_trajectories", "run_target_outcomes", "indicator_summary",
    "target_results", "first_passage",        "joint_results"};

// Rows belonging to experiment `id` in `table`.
std::int64_t rows_of(const Raw& raw, const std::string& table, std::int64_t id) {
  const std::string key = table == "experiments" ? "id" : "experiment_id";
  return raw.scalar("SELECT count(*) FROM " + table + " WHERE " + key + " = " + std::to_string(id));
}

template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const StoreError& e) {
    return e.what();
  }
  return "(no StoreError)";
}

}  // namespace

// ---- Tests -------------------------------------------------------------------

TEST_CASE("store: a new file gets schema version 1, WAL, and every table", "[io][store]") {
  TempDir dir;
  const std::string path = dir.file("results.sqlite");
  { auto store = Store::open(path); }
  Raw raw(path);
  CHECK(raw.scalar("PRAGMA user_version") == Store::kSchemaVersion);
  CHECK(raw.scalar("PRAGMA application_id") == Store::kApplicationId);
  CHECK(as_text(raw.query("PRAGMA journal_mode").at(0).at(0)) == "wal");
  for (const auto& table : kTables) {
    INFO(table);
    CHECK(raw.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" + table + "'") == 1);
  }
  CHECK(raw.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'view' AND name = 'target_overview'") == 1);
  // Schema 8: the per-run rows by year are a view of the trajectories.
  CHECK(raw.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'view' AND name = 'run_indicators'") == 1);
  CHECK(raw.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'view' AND name = 'run_parameters'") == 1);
  CHECK(raw.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'view' AND name = 'run_targets'") == 1);
  // Opening again neither recreates nor fails.
  {
    auto again = Store::open(path);
    CHECK(again.experiments().empty());
  }
}

TEST_CASE("store: round trip of every table", "[io][store]") {
  TempDir dir;
  const std::string path = dir.file("results.sqlite");
  const auto m = make_model();
  const auto results = make_results(m, 8);
  const auto info = make_info();
  std::int64_t id = 0;
  {
    auto store = Store::open(path);
    id = store.begin_experiment(info);
    store.write_scenario(id, m, results);
    store.finish_experiment(id, 12.5);
  }
  Raw raw(path);
  const std::string where = " WHERE experiment_id = " + std::to_string(id);

  SECTION("experiments") {
    const auto rows = raw.query(
        "SELECT status, command_line, program_version, plan_id, base_year, horizon, master_seed, "
        "master_seed_text, runs, threads, rng_layout_version, wall_seconds, posterior, message, "
        "created, finished FROM experiments");
    REQUIRE(rows.size() == 1);
    const auto& r = rows[0];
    CHECK(as_text(r[0]) == "complete");
    CHECK(as_text(r[1]) == info.command_line);
    CHECK(as_text(r[2]) == TARGETCAST_VERSION);
    CHECK(as_text(r[3]) == "test_plan");
    CHECK(as_int(r[4]) == 2023);
    CHECK(as_int(r[5]) == 2027);
    CHECK(as_int(r[6]) == 20240601);
    CHECK(as_text(r[7]) == "20240601");
    CHECK(as_int(r[8]) == 8);
    CHECK(as_int(r[9]) == 2);
    CHECK(as_int(r[10]) == 1);
    CHECK(as_real(r[11]) == 12.5);
    CHECK(is_null(r[12]));  // posterior: priors
    CHECK(is_null(r[13]));
    // UTC ISO 8601, e.g. 2025-03-01T08:30:00Z.
    CHECK(as_text(r[14]).size() == 20);
    CHECK(as_text(r[14]).back() == 'Z');
    CHECK(as_text(r[14])[10] == 'T');
    CHECK(as_text(r[15]) >= as_text(r[14]));

    auto store = Store::open(path, Store::Mode::read_only);
    const auto experiments = store.experiments();
    REQUIRE(experiments.size() == 1);
    const auto& e = experiments[0];
    CHECK(e.id == id);
    CHECK(e.status == "complete");
    CHECK(e.plan_id == "test_plan");
    CHECK(e.runs == 8);
    CHECK(e.master_seed == 20240601);
    CHECK(e.threads == 2);
    CHECK(e.wall_seconds == 12.5);
    CHECK(e.scenarios == std::vector<std::string>{"baseline"});
    CHECK(e.command_line == info.command_line);
    CHECK(e.program_version == TARGETCAST_VERSION);
    CHECK(e.created == as_text(r[14]));
    CHECK(e.finished == as_text(r[15]));
    CHECK(e.base_year == 2023);
    CHECK(e.horizon == 2027);
    CHECK(e.rng_layout_version == 1);
    CHECK(e.posterior.empty());
    REQUIRE(store.experiment(id).has_value());
    CHECK(store.experiment(id)->scenarios == e.scenarios);
    CHECK_FALSE(store.experiment(id + 1).has_value());
  }

  SECTION("input_files") {
    const auto rows = raw.query("SELECT file_index, role, path, sha256, bytes, content FROM input_files" + where +
                                " ORDER BY file_index");
    REQUIRE(rows.size() == info.inputs.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      CHECK(as_int(rows[i][0]) == static_cast<std::int64_t>(i));
      CHECK(as_text(rows[i][1]) == info.inputs[i].role);
      CHECK(as_text(rows[i][2]) == info.inputs[i].path);
      CHECK(as_text(rows[i][3]) == targetcast::io::sha256_hex(info.inputs[i].content));
      CHECK(as_int(rows[i][4]) == static_cast<std::int64_t>(info.inputs[i].content.size()));
      CHECK(as_text(rows[i][5]) == info.inputs[i].content);
    }
    auto store = Store::open(path);
    const auto files = store.input_files(id);
    REQUIRE(files.size() == 3);
    CHECK(files[1].role == "priors");
    CHECK(files[1].path == "embedded:seeds/priors.toml");
    CHECK(files[1].content == "[mu_g]\n");
    CHECK(files[1].sha256 == targetcast::io::sha256_hex("[mu_g]\n"));
  }

  SECTION("scenarios") {
    const auto rows = raw.query(
        "SELECT scenario_id, scenario_index, title_zh, title_en, description_zh, description_en, "
        "source_path, runs, base_year, horizon, per_run, written FROM scenarios" +
        where);
    REQUIRE(rows.size() == 1);
    const auto& r = rows[0];
    CHECK(as_text(r[0]) == "baseline");
    CHECK(as_int(r[1]) == 0);
    CHECK(as_text(r[2]) == "情景 baseline");
    CHECK(as_text(r[3]) == "Scenario baseline");
    CHECK(as_text(r[4]) == "描述");
    CHECK(as_text(r[5]) == "Description");
    CHECK(as_text(r[6]) == "scenarios/baseline.toml");
    CHECK(as_int(r[7]) == 8);
    CHECK(as_int(r[8]) == 2023);
    CHECK(as_int(r[9]) == 2027);
    CHECK(as_int(r[10]) == 1);
    CHECK_FALSE(is_null(r[11]));
  }

  SECTION("parameters") {
    const auto rows = raw.query(
        "SELECT parameter_index, name, distribution, distribution_kind, a, b, lower, upper, basis, "
        "source, quote, note, origin, line FROM parameters" +
        where + " ORDER BY parameter_index");
    REQUIRE(rows.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
      const auto& p = m.parameters[i];
      const auto& r = rows[i];
      INFO(p.name);
      CHECK(as_int(r[0]) == static_cast<std::int64_t>(i));
      CHECK(as_text(r[1]) == p.name);
      CHECK(as_text(r[2]) == model::describe(p.distribution));
      CHECK(as_text(r[3]) == model::to_string(p.distribution.kind));
      CHECK(as_real(r[4]) == p.distribution.a);
      CHECK(as_text(r[8]) == model::to_string(p.provenance.basis));
      CHECK(as_text(r[9]) == "seed.docx");
      CHECK(as_text(r[10]) == p.provenance.quote);
      CHECK(as_text(r[11]) == "note on " + p.name);
      CHECK(as_text(r[12]) == "seeds/priors.toml");
      CHECK(as_int(r[13]) == 7);
    }
    // mu_g: Normal truncated below at 0; h0: fixed (no b); no bound is NULL.
    CHECK(as_real(rows[0][5]) == 0.04);
    CHECK(as_real(rows[0][6]) == 0.0);
    CHECK(is_null(rows[0][7]));
    CHECK(is_null(rows[1][5]));
    CHECK(is_null(rows[1][6]));
    CHECK(as_real(rows[2][5]) == 3.0);
  }

  SECTION("indicators and targets") {
    const auto ind = raw.query(
        "SELECT indicator_index, indicator_id, name_zh, name_en, unit_zh, unit_en, kind, basis, "
        "source, quote, note FROM indicators" +
        where + " ORDER BY indicator_index");
    REQUIRE(ind.size() == 2);
    CHECK(as_text(ind[0][1]) == "ai_firms");
    CHECK(as_text(ind[0][2]) == "人工智能企业数");
    CHECK(as_text(ind[0][3]) == "AI firms");
    CHECK(as_text(ind[0][4]) == "家");
    CHECK(as_text(ind[0][5]) == "firms");
    CHECK(as_text(ind[0][6]) == model::to_string(model::IndicatorKind::firm_count));
    CHECK(as_text(ind[0][7]) == "document");
    CHECK(as_text(ind[0][9]) == "超1500家");
    CHECK(as_text(ind[1][1]) == "revenue");
    CHECK(as_text(ind[1][5]) == "100 million yuan");

    const auto tg = raw.query(
        "SELECT target_index, target_id, indicator_id, comparison, threshold, deadline, name_zh, "
        "name_en, basis, source, quote, note FROM targets" +
        where + " ORDER BY target_index");
    REQUIRE(tg.size() == 2);
    CHECK(as_text(tg[0][1]) == "t_firms");
    CHECK(as_text(tg[0][2]) == "ai_firms");
    CHECK(as_text(tg[0][3]) == model::to_string(model::Comparison::at_least));
    CHECK(as_real(tg[0][4]) == 2000.0);
    CHECK(as_int(tg[0][5]) == 2027);
    CHECK(as_text(tg[0][6]) == "企业2000家以上");
    CHECK(as_text(tg[0][10]) == "企业数量达到2000家以上");
    CHECK(as_text(tg[1][2]) == "revenue");
    CHECK(as_text(tg[1][3]) == model::to_string(model::Comparison::greater));
    CHECK(as_real(tg[1][4]) == 500.5);
    CHECK(as_text(tg[1][8]) == "illustrative");
    CHECK(as_text(tg[1][11]) == "not stated numerically");
  }

  SECTION("run_parameters: every run's θ") {
    const auto rows =
        raw.query("SELECT run, name, value FROM run_parameters" + where + " AND scenario_id = 'baseline'");
    REQUIRE(rows.size() == 24);  // runs × parameters
    for (const auto& r : rows) {
      std::size_t p = 0;
      while (p < m.parameters.size() && m.parameters[p].name != as_text(r[1])) ++p;
      REQUIRE(p < m.parameters.size());
      CHECK(as_real(r[2]) == results.parameter(static_cast<std::size_t>(as_int(r[0])), p));
    }
  }

  SECTION("run_indicators: every run's trajectory") {
    const auto rows = raw.query("SELECT run, indicator_id, year, value FROM run_indicators" + where +
                                " AND scenario_id = 'baseline' ORDER BY run, year, indicator_id");
    REQUIRE(rows.size() == 80);  // runs × years × indicators
    std::size_t i = 0;
    for (std::size_t run = 0; run < 8; ++run) {
      for (std::size_t y = 0; y < 5; ++y) {
        for (std::size_t k = 0; k < 2; ++k, ++i) {
          CHECK(as_int(rows[i][0]) == static_cast<std::int64_t>(run));
          CHECK(as_text(rows[i][1]) == m.indicators[k].spec.id);  // "ai_firms" < "revenue"
          CHECK(as_int(rows[i][2]) == 2023 + static_cast<std::int64_t>(y));
          CHECK(as_real(rows[i][3]) == results.value(run, y, k));
        }
      }
    }
  }

  SECTION("run_targets") {
    const auto rows = raw.query("SELECT run, target_id, met FROM run_targets" + where + " ORDER BY target_id, run");
    REQUIRE(rows.size() == 16);  // runs × targets
    for (const auto& r : rows) {
      const std::size_t run = static_cast<std::size_t>(as_int(r[0]));
      const std::size_t t = as_text(r[1]) == "t_firms" ? 0 : 1;
      CHECK(as_int(r[2]) == results.target_met[run * 2 + t]);
    }
  }

  SECTION("indicator_summary") {
    const auto rows = raw.query("SELECT indicator_id, year, mean, p05, p25, p50, p75, p95 FROM indicator_summary" +
                                where + " ORDER BY indicator_id, year");
    REQUIRE(rows.size() == results.indicator_summaries.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& s = results.indicator_summaries[i];
      CHECK(as_text(rows[i][0]) == m.indicators[s.indicator].spec.id);
      CHECK(as_int(rows[i][1]) == s.year);
      CHECK(as_real(rows[i][2]) == s.value.mean);
      CHECK(as_real(rows[i][3]) == s.value.p05);
      CHECK(as_real(rows[i][4]) == s.value.p25);
      CHECK(as_real(rows[i][5]) == s.value.p50);
      CHECK(as_real(rows[i][6]) == s.value.p75);
      CHECK(as_real(rows[i][7]) == s.value.p95);
    }
  }

  SECTION("target_results, first_passage and joint_results") {
    const auto rows = raw.query(
        "SELECT target_id, probability, ci_low, ci_high, runs, met, deadline_mean, deadline_p05, "
        "deadline_p25, deadline_p50, deadline_p75, deadline_p95, first_passage_median_year, "
        "never_reached FROM target_results" +
        where + " ORDER BY target_id");
    REQUIRE(rows.size() == 2);
    CHECK(as_text(rows[0][0]) == "t_firms");
    CHECK(as_real(rows[0][1]) == 0.625);
    CHECK(as_real(rows[0][2]) == 0.24487);
    CHECK(as_real(rows[0][3]) == 0.91477);
    CHECK(as_int(rows[0][4]) == 8);
    CHECK(as_int(rows[0][5]) == 5);
    CHECK(as_real(rows[0][6]) == 1990.5);
    CHECK(as_real(rows[0][7]) == 1500.0);
    CHECK(as_real(rows[0][9]) == 2000.0);
    CHECK(as_real(rows[0][11]) == 2400.0);
    CHECK(as_int(rows[0][12]) == 2025);
    CHECK(as_int(rows[0][13]) == 3);
    CHECK(is_null(rows[1][12]));  // only 3 of 8 ever reach it
    CHECK(as_int(rows[1][13]) == 5);

    const auto fp = raw.query("SELECT year, runs, cumulative_runs, cumulative_share FROM first_passage" + where +
                              " AND target_id = 't_firms' ORDER BY year");
    REQUIRE(fp.size() == 5);
    const std::vector<std::int64_t> runs = {0, 0, 4, 1, 0}, cumulative = {0, 0, 4, 5, 5};
    for (std::size_t i = 0; i < 5; ++i) {
      CHECK(as_int(fp[i][0]) == 2023 + static_cast<std::int64_t>(i));
      CHECK(as_int(fp[i][1]) == runs[i]);
      CHECK(as_int(fp[i][2]) == cumulative[i]);
      CHECK(as_real(fp[i][3]) == Approx(static_cast<double>(cumulative[i]) / 8.0));
    }

    const auto joint = raw.query("SELECT plan_id, probability, ci_low, ci_high, runs, met FROM joint_results" + where);
    REQUIRE(joint.size() == 1);
    CHECK(as_text(joint[0][0]) == "test_plan");
    CHECK(as_real(joint[0][1]) == 0.25);
    CHECK(as_real(joint[0][2]) == 0.03185);
    CHECK(as_real(joint[0][3]) == 0.65086);
    CHECK(as_int(joint[0][4]) == 8);
    CHECK(as_int(joint[0][5]) == 2);

    auto store = Store::open(path);
    const auto typed = store.target_results(id);
    REQUIRE(typed.size() == 2);
    CHECK(typed[0].scenario_id == "baseline");
    CHECK(typed[0].target_id == "t_firms");
    CHECK(typed[0].probability == 0.625);
    CHECK(typed[0].runs == 8);
    CHECK(typed[0].met == 5);
    CHECK(typed[0].at_deadline.p75 == 2100.0);
    CHECK(typed[0].first_passage_median_year == 2025);
    CHECK(typed[0].never_reached == 3);
    CHECK(typed[1].target_id == "t_revenue");
    CHECK_FALSE(typed[1].first_passage_median_year.has_value());
    const auto joints = store.joint_results(id);
    REQUIRE(joints.size() == 1);
    CHECK(joints[0].plan_id == "test_plan");
    CHECK(joints[0].met == 2);
    CHECK(joints[0].ci_high == 0.65086);

    const auto overview = raw.query("SELECT target_id, probability, status FROM target_overview ORDER BY target_index");
    REQUIRE(overview.size() == 2);
    CHECK(as_text(overview[0][0]) == "t_firms");
    CHECK(as_text(overview[1][2]) == "complete");
  }
}

TEST_CASE("store: per_run = false writes the summaries only", "[io][store]") {
  TempDir dir;
  const auto m = make_model();
  auto results = make_results(m, 8);
  results.theta.clear();  // a runner that keeps no per-run data
  results.values.clear();
  results.target_met.clear();
  auto store = Store::open(dir.file("r.sqlite"));
  const auto id = store.begin_experiment(make_info());
  store.write_scenario(id, m, results, /*per_run=*/false);
  store.finish_experiment(id, 1.0);
  Raw raw(dir.file("r.sqlite"));
  CHECK(rows_of(raw, "run_parameters", id) == 0);
  CHECK(rows_of(raw, "run_indicators", id) == 0);
  CHECK(rows_of(raw, "run_targets", id) == 0);
  CHECK(rows_of(raw, "target_results", id) == 2);
  CHECK(rows_of(raw, "indicator_summary", id) == 10);
  CHECK(raw.scalar("SELECT per_run FROM scenarios") == 0);
}

TEST_CASE("store: many experiments and scenarios share one file", "[io][store]") {
  TempDir dir;
  const std::string path = dir.file("shared.sqlite");
  const auto base = make_model("baseline");
  const auto cut = make_model("funding_cut");
  auto first = Store::open(path);
  auto second = Store::open(path);  // a second connection, as a second targetcast would have

  const auto a = first.begin_experiment(make_info("targetcast run A"));
  const auto b = second.begin_experiment(make_info("targetcast run B"));
  CHECK(a != b);
  first.write_scenario(a, base, make_results(base, 4, 0.0));
  second.write_scenario(b, base, make_results(base, 3, 7.0));
  first.write_scenario(a, cut, make_results(cut, 4, 1.0));
  second.finish_experiment(b, 2.0);
  first.finish_experiment(a, 3.0);

  const auto rows = first.experiments();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].id == a);
  CHECK(rows[0].command_line == "targetcast run A");
  CHECK(rows[0].scenarios == std::vector<std::string>{"baseline", "funding_cut"});
  CHECK(rows[1].id == b);
  CHECK(rows[1].scenarios == std::vector<std::string>{"baseline"});
  CHECK(rows[0].status == "complete");
  CHECK(rows[1].status == "complete");

  Raw raw(path);
  CHECK(raw.scalar("SELECT scenario_index FROM scenarios WHERE experiment_id = " + std::to_string(a) +
                   " AND scenario_id = 'funding_cut'") == 1);
  CHECK(raw.scalar("SELECT count(*) FROM run_indicators WHERE experiment_id = " + std::to_string(a)) ==
        80);  // 2 scenarios × 4 runs × 5 years × 2 indicators
  CHECK(raw.scalar("SELECT count(*) FROM run_indicators WHERE experiment_id = " + std::to_string(b)) == 30);
  // Indicators and targets are stored once per experiment, not per scenario.
  CHECK(rows_of(raw, "indicators", a) == 2);
  CHECK(rows_of(raw, "targets", a) == 2);
  CHECK(rows_of(raw, "parameters", a) == 6);  // per scenario: the priors may differ
  // Each experiment's values are its own.
  const auto v = raw.query("SELECT value FROM run_indicators WHERE experiment_id = " + std::to_string(b) +
                           " AND scenario_id = 'baseline' AND indicator_id = 'revenue' AND run = 2 AND year = 2026");
  REQUIRE(v.size() == 1);
  CHECK(as_real(v[0][0]) == value_of(7.0, 2, 3, 1));
  const auto typed = first.target_results(a);
  REQUIRE(typed.size() == 4);
  CHECK(typed[2].scenario_id == "funding_cut");
  CHECK(typed[2].target_id == "t_firms");
  CHECK(typed[3].probability == 1.25);
}

TEST_CASE("store: status rules", "[io][store]") {
  TempDir dir;
  const std::string path = dir.file("status.sqlite");
  const auto m = make_model();
  const auto results = make_results(m, 2);

  SECTION("running until finished; complete is final") {
    auto store = Store::open(path);
    const auto id = store.begin_experiment(make_info());
    CHECK(store.experiment(id)->status == "running");
    CHECK(store.experiment(id)->finished.empty());
    store.write_scenario(id, m, results);
    CHECK(store.experiment(id)->status == "running");
    store.finish_experiment(id, 4.25);
    CHECK(store.experiment(id)->status == "complete");
    CHECK_FALSE(store.experiment(id)->finished.empty());
    CHECK(store.experiment(id)->wall_seconds == 4.25);

    const auto other = make_model("other");
    CHECK_THROWS_WITH(store.write_scenario(id, other, make_results(other, 2)), Catch::Contains("is 'complete'"));
    CHECK_THROWS_AS(store.finish_experiment(id, 1.0), StoreError);
    CHECK_THROWS_AS(store.mark_experiment(id, ExperimentStatus::failed, "late"), StoreError);
    CHECK(store.experiment(id)->status == "complete");
    CHECK(store.experiment(id)->scenarios == std::vector<std::string>{"baseline"});
  }

  SECTION("a crash leaves the experiment running, never complete") {
    std::int64_t id = 0;
    {
      auto store = Store::open(path);
      id = store.begin_experiment(make_info());
      store.write_scenario(id, m, results);
    }  // no finish_experiment: the process died
    auto store = Store::open(path);
    CHECK(store.experiment(id)->status == "running");
    CHECK(store.experiment(id)->finished.empty());
  }

  SECTION("failed and interrupted carry a message") {
    auto store = Store::open(path);
    const auto failed = store.begin_experiment(make_info());
    store.mark_experiment(failed, ExperimentStatus::failed, "disk full while writing scenario 2");
    const auto interrupted = store.begin_experiment(make_info());
    store.mark_experiment(interrupted, ExperimentStatus::interrupted, "Ctrl-C");
    CHECK(store.experiment(failed)->status == "failed");
    CHECK(store.experiment(failed)->message == "disk full while writing scenario 2");
    CHECK_FALSE(store.experiment(failed)->finished.empty());
    CHECK(store.experiment(interrupted)->status == "interrupted");
    CHECK(store.experiment(interrupted)->message == "Ctrl-C");
    CHECK_THROWS_AS(store.finish_experiment(failed, 1.0), StoreError);
    CHECK_THROWS_AS(store.write_scenario(failed, m, results), StoreError);
    CHECK_THROWS_AS(store.mark_experiment(failed, ExperimentStatus::complete, ""), std::invalid_argument);
    CHECK_THROWS_AS(store.mark_experiment(failed, ExperimentStatus::running, ""), std::invalid_argument);
  }

  SECTION("unknown experiments are named") {
    auto store = Store::open(path);
    CHECK_THROWS_WITH(store.finish_experiment(42, 1.0), Catch::Contains("no experiment 42"));
    CHECK_THROWS_WITH(store.write_scenario(42, m, results), Catch::Contains("no experiment 42"));
    CHECK_THROWS_WITH(store.delete_experiment(42), Catch::Contains("no experiment 42"));
  }

  SECTION("the database refuses a status outside the four") {
    {
      auto store = Store::open(path);
      store.begin_experiment(make_info());
    }
    Raw raw(path, /*writable=*/true);
    CHECK_THROWS(raw.exec("UPDATE experiments SET status = 'done'"));
  }
}

TEST_CASE("store: a scenario that does not fit is refused whole", "[io][store]") {
  TempDir dir;
  const std::string path = dir.file("bad.sqlite");
  const auto m = make_model();
  auto store = Store::open(path);
  const auto id = store.begin_experiment(make_info());
  store.write_scenario(id, m, make_results(m, 2));

  SECTION("the same scenario twice") {
    CHECK_THROWS_WITH(store.write_scenario(id, m, make_results(m, 2)),
                      Catch::Contains("already has results for scenario 'baseline'"));
  }
  SECTION("results that do not match the model") {
    const auto other = make_model("other");
    auto r = make_results(other, 2);
    r.values.pop_back();
    CHECK_THROWS_AS(store.write_scenario(id, other, r), std::invalid_argument);
  }
  SECTION("a scenario of another plan") {
    auto other = make_model("other");
    other.plan.id = "another_plan";
    CHECK_THROWS_AS(store.write_scenario(id, other, make_results(other, 2)), std::invalid_argument);
  }
  SECTION("other targets than the experiment's first scenario") {
    auto other = make_model("other");
    other.targets[1].spec.threshold = 600;
    CHECK_THROWS_AS(store.write_scenario(id, other, make_results(other, 2)), std::invalid_argument);
  }
  // Nothing of the refused scenario was written.
  Raw raw(path);
  CHECK(raw.scalar("SELECT count(*) FROM scenarios") == 1);
  CHECK(raw.scalar("SELECT count(*) FROM target_results") == 2);
  CHECK(raw.scalar("SELECT count(*) FROM parameters") == 3);
  CHECK(raw.scalar("SELECT count(*) FROM run_indicators") == 20);  // 2 runs × 5 years × 2 indicators
}

TEST_CASE("store: a file written by a newer targetcast is refused and left untouched", "[io][store]") {
  constexpr int kFuture = Store::kSchemaVersion + 1;
  TempDir dir;
  const std::string path = dir.file("future.sqlite");
  {
    Raw raw(path, /*writable=*/true);
    raw.exec("PRAGMA journal_mode = WAL");
    raw.exec("CREATE TABLE experiments (id INTEGER PRIMARY KEY, future_column TEXT)");
    raw.exec("INSERT INTO experiments VALUES (1, 'from the future')");
    raw.exec("PRAGMA application_id = " + std::to_string(Store::kApplicationId));
    raw.exec("PRAGMA user_version = " + std::to_string(kFuture));
  }
  const std::string before = targetcast::io::sha256_hex(read_bytes(path));
  const std::string message = error_of([&] { Store::open(path); });
  CHECK_THAT(message, Catch::Contains(path));
  CHECK_THAT(message, Catch::Contains(fmt::format("written by a newer targetcast (schema {}); this program "
                                                  "understands up to {}",
                                                  kFuture, Store::kSchemaVersion)));
  CHECK(targetcast::io::sha256_hex(read_bytes(path)) == before);
  CHECK_FALSE(fs::exists(path + "-wal"));  // nothing left next to it either
  CHECK_THAT(error_of([&] { Store::open(path, Store::Mode::read_only); }), Catch::Contains("newer targetcast"));
  CHECK(targetcast::io::sha256_hex(read_bytes(path)) == before);
  Raw raw(path);
  CHECK(raw.scalar("PRAGMA user_version") == kFuture);
  CHECK(as_text(raw.query("SELECT future_column FROM experiments").at(0).at(0)) == "from the future");
}

TEST_CASE("store: paths that cannot hold a store give a clear error", "[io][store]") {
  TempDir dir;

  SECTION("a folder") {
    const std::string message = error_of([&] { Store::open(dir.path().string()); });
    CHECK_THAT(message, Catch::Contains(dir.path().string()));
    CHECK_THAT(message, Catch::Contains("is a folder"));
  }
  SECTION("a folder that does not exist") {
    const std::string path = dir.file("missing/results.sqlite");
    const std::string message = error_of([&] { Store::open(path); });
    CHECK_THAT(message, Catch::Contains(path));
    CHECK_THAT(message, Catch::Contains("does not exist"));
    CHECK_FALSE(fs::exists(dir.path() / "missing"));
  }
  SECTION("a file that is not a database") {
    const std::string path = dir.file("report.html");
    const std::string html = "<!doctype html><html><body>Report</body></html>\n";
    write_bytes(path, html);
    const std::string message = error_of([&] { Store::open(path); });
    CHECK_THAT(message, Catch::Contains(path));
    CHECK_THAT(message, Catch::Contains("not an SQLite database"));
    CHECK(read_bytes(path) == html);
  }
  SECTION("another program's SQLite database") {
    const std::string path = dir.file("other.sqlite");
    {
      Raw raw(path, true);
      raw.exec("CREATE TABLE customers (name TEXT)");
    }
    const std::string before = read_bytes(path);
    CHECK_THAT(error_of([&] { Store::open(path); }), Catch::Contains("not a targetcast results store"));
    CHECK(read_bytes(path) == before);
  }
  SECTION("read-only opening of a missing file creates nothing") {
    const std::string path = dir.file("absent.sqlite");
    CHECK_THAT(error_of([&] { Store::open(path, Store::Mode::read_only); }), Catch::Contains("no such file"));
    CHECK_FALSE(fs::exists(path));
  }
}

namespace {

// Runs `body` where file permissions apply: as user nobody in a child process
// when the tests run as root (root writes through 0444), else in this process.
// Returns the body's result, or nullopt when privileges cannot be dropped.
std::optional<std::string> where_permissions_apply(const std::function<std::string()>& body) {
  if (geteuid() != 0) return body();
  int fds[2];
  if (pipe(fds) != 0) return std::nullopt;
  std::cout.flush();
  const pid_t pid = fork();
  if (pid < 0) return std::nullopt;
  if (pid == 0) {  // child: no Catch2 here, only _exit
    close(fds[0]);
    std::string out;
    constexpr uid_t kNobody = 65534;
    if (setgroups(0, nullptr) != 0 || setgid(kNobody) != 0 || setuid(kNobody) != 0) {
      out =
          "\x01"
          "cannot drop privileges";
    } else {
      try {
        out = body();
      } catch (const std::exception& e) {
        out = std::string("unexpected exception: ") + e.what();
      }
    }
    const char* p = out.data();
    std::size_t left = out.size();
    while (left > 0) {
      const ssize_t n = write(fds[1], p, left);
      if (n <= 0) break;
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    close(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  std::string out;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = read(fds[0], buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!out.empty() && out[0] == '\x01') return std::nullopt;
  return out;
}

// Tries to open the store and begin an experiment; returns the error or "ok".
std::string try_to_write(const std::string& path) {
  try {
    auto store = Store::open(path);
    store.begin_experiment(make_info());
    return "ok";
  } catch (const StoreError& e) {
    return e.what();
  }
}

}  // namespace

TEST_CASE("store: a read-only file or folder fails at open with a clear error", "[io][store]") {
  TempDir dir;
  const std::string path = dir.file("results.sqlite");
  {
    auto store = Store::open(path);
    const auto id = store.begin_experiment(make_info());
    store.finish_experiment(id, 1.0);
  }
  const std::string before = targetcast::io::sha256_hex(read_bytes(path));

  SECTION("read-only file (chmod 0444) in a writable folder") {
    fs::permissions(dir.path(), fs::perms::all);  // the child may create files here
    fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    const auto result = where_permissions_apply([&] { return try_to_write(path); });
    if (!result) {
      WARN("cannot drop root privileges here: the read-only file case is not checked");
      return;
    }
    CHECK_THAT(*result, Catch::Contains(path));
    CHECK_THAT(*result, Catch::Contains("read-only"));
  }
  SECTION("writable file in a read-only folder") {
    fs::permissions(path, fs::perms::all);
    fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                    fs::perms::others_read | fs::perms::others_exec);
    const auto result = where_permissions_apply([&] { return try_to_write(path); });
    if (!result) {
      WARN("cannot drop root privileges here: the read-only folder case is not checked");
      return;
    }
    CHECK_THAT(*result, Catch::Contains(path));
    CHECK_THAT(*result, Catch::Contains("Make the folder writable"));
    const std::string fresh = dir.file("new.sqlite");
    const auto created = where_permissions_apply([&] { return try_to_write(fresh); });
    REQUIRE(created);
    CHECK_THAT(*created, Catch::Contains(fresh));
    CHECK_THAT(*created, Catch::Contains("cannot create it"));
    CHECK_FALSE(fs::exists(fresh));
    // Reading needs no write access to the folder.
    const auto read = where_permissions_apply([&] {
      try {
        return std::to_string(Store::open(path, Store::Mode::read_only).experiments().size());
      } catch (const StoreError& e) {
        return std::string(e.what());
      }
    });
    REQUIRE(read);
    CHECK(*read == "1");
  }
  fs::permissions(dir.path(), fs::perms::owner_all, fs::perm_options::add);
  CHECK(targetcast::io::sha256_hex(read_bytes(path)) == before);  // not half-written
  Raw raw(path);
  CHECK(raw.scalar("SELECT count(*) FROM experiments") == 1);
}

TEST_CASE("store: opened read-only, it reads and refuses writes", "[io][store]") {
  TempDir dir;
  const std::string path = dir.file("results.sqlite");
  const auto m = make_model();
  std::int64_t id = 0;
  {
    auto store = Store::open(path);
    id = store.begin_experiment(make_info());
    store.write_scenario(id, m, make_results(m, 2));
    store.finish_experiment(id, 1.0);
  }
  auto store = Store::open(path, Store::Mode::read_only);
  CHECK(store.experiments().size() == 1);
  CHECK(store.target_results(id).size() == 2);
  CHECK_THROWS_WITH(store.begin_experiment(make_info()), Catch::Contains("opened read-only"));
  CHECK_THROWS_WITH(store.delete_experiment(id), Catch::Contains("opened read-only"));
}

TEST_CASE("store: text with quotes, SQL, HTML and control characters round-trips unchanged", "[io][store]") {
  static constexpr char kControl[] = "tab\there\nnewline\r\ncr \x01\x1f\x7f nul:\0:end";
  static constexpr char kInvalidUtf8[] = "\xff\xfe invalid UTF-8 \xc3";
  const std::vector<std::string> nasty = {"it's \"quoted\" `back`",
                                          "'); DROP TABLE experiments; --",
                                          "<script>alert('x')</script> &amp; <b>bold</b>",
                                          std::string(kControl, sizeof kControl - 1),  // with the NUL
                                          "人工智能产业规模突破500亿元 — “引号” ≥ 😀",
                                          "%s %d {} \\ \\n $1 ?1 :name @x",
                                          std::string(kInvalidUtf8, sizeof kInvalidUtf8 - 1),
                                          ""};
  TempDir dir;
  const std::string path = dir.file("text.sqlite");
  for (std::size_t i = 0; i < nasty.size(); ++i) {
    const std::string& text = nasty[i];
    INFO("string " << i);
    auto m = make_model();
    m.scenario.title.en = text;
    m.scenario.description.zh = text;
    m.indicators[1].spec.name.zh = text;
    m.targets[0].spec.name.en = text;
    m.targets[0].spec.provenance.quote = text;
    m.parameters.set(prior("extra", model::Distribution::fixed(1.0), model::Basis::assumption, text));
    auto info = make_info(text);
    info.inputs[0].content = text;
    info.inputs[0].path = text;
    info.posterior = text;
    const auto results = make_results(m, 2);

    auto store = Store::open(path);
    const auto id = store.begin_experiment(info);
    store.write_scenario(id, m, results);
    store.mark_experiment(id, ExperimentStatus::failed, text);

    const auto row = store.experiment(id);
    REQUIRE(row);
    CHECK(row->command_line == text);
    CHECK(row->message == text);
    if (!text.empty()) CHECK(row->posterior == text);
    const auto files = store.input_files(id);
    CHECK(files[0].content == text);
    CHECK(files[0].path == text);
    CHECK(files[0].sha256 == targetcast::io::sha256_hex(text));

    Raw raw(path);
    const std::string where = " WHERE experiment_id = " + std::to_string(id);
    const auto check = [&](const std::string& column, const std::string& table, const std::string& filter) {
      const std::string sql = fmt::format("SELECT {} FROM {}{} AND {}", column, table, where, filter);
      INFO(sql);
      const auto rows = raw.query(sql);
      REQUIRE(rows.size() == 1);
      CHECK(as_text(rows[0][0]) == text);
    };
    check("title_en", "scenarios", "1");
    check("description_zh", "scenarios", "1");
    check("name_zh", "indicators", "indicator_index = 1");
    check("name_en", "targets", "target_index = 0");
    check("quote", "targets", "target_index = 0");
    check("quote", "parameters", "name = 'extra'");
    check("content", "input_files", "file_index = 0");
    CHECK(as_text(raw.query("SELECT command_line FROM experiments WHERE id = " + std::to_string(id)).at(0).at(0)) ==
          text);
  }
  Raw raw(path);
  CHECK(raw.scalar("SELECT count(*) FROM experiments") == static_cast<std::int64_t>(nasty.size()));
}

TEST_CASE("store: delete_experiment cascades to every table", "[io][store]") {
  TempDir dir;
  const std::string path = dir.file("delete.sqlite");
  const auto base = make_model("baseline");
  const auto cut = make_model("funding_cut");
  auto store = Store::open(path);
  // Two experiments with two scenarios each, so that both have comparisons.
  const std::vector<model::CompiledModel> models = {base, cut};
  const auto write = [&](std::size_t runs) {
    const auto id = store.begin_experiment(make_info());
    const std::vector<model::ScenarioResults> results = {make_results(base, runs), make_results(cut, runs)};
    store.write_scenario(id, base, results[0]);
    store.write_scenario(id, cut, results[1]);
    store.write_comparisons(id, analysis::compare_with_first(models, results));
    store.finish_experiment(id, 1.0);
    return id;
  };
  const auto a = write(3);
  const auto b = write(2);
  std::vector<std::string> tables = kTables;
  tables.emplace_back("comparisons");

  Raw raw(path);
  for (const auto& table : tables) {
    INFO(table);
    CHECK(rows_of(raw, table, a) > 0);
  }
  std::vector<std::int64_t> b_rows;
  b_rows.reserve(tables.size());
  for (const auto& table : tables) b_rows.push_back(rows_of(raw, table, b));

  store.delete_experiment(a);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    INFO(tables[i]);
    CHECK(rows_of(raw, tables[i], a) == 0);
    CHECK(rows_of(raw, tables[i], b) == b_rows[i]);  // the other experiment is intact
  }
  CHECK_THROWS_WITH(store.delete_experiment(a), Catch::Contains("no experiment " + std::to_string(a)));

  // Ids are never reused, even for the highest one deleted.
  store.delete_experiment(b);
  const auto c = store.begin_experiment(make_info());
  CHECK(c > b);
  CHECK(raw.query("PRAGMA foreign_key_check").empty());
}

TEST_CASE("store: a running experiment is deleted only when asked to", "[io][store]") {
  TempDir dir;
  const std::string path = dir.file("running.sqlite");
  const auto m = make_model();
  auto store = Store::open(path);
  const auto id = store.begin_experiment(make_info());
  store.write_scenario(id, m, make_results(m, 2));  // then the process was killed
  CHECK_THROWS_WITH(store.delete_experiment(id), Catch::Contains("is 'running'") && Catch::Contains("--force"));
  CHECK(store.experiment(id)->status == "running");
  Raw raw(path);
  CHECK(rows_of(raw, "run_indicators", id) > 0);  // nothing deleted
  store.delete_experiment(id, Store::IfRunning::delete_anyway);
  CHECK_FALSE(store.experiment(id));
  for (const auto& table : kTables) {
    INFO(table);
    CHECK(rows_of(raw, table, id) == 0);
  }
}

TEST_CASE("store: master seeds up to 2^64 - 1 round-trip", "[io][store]") {
  TempDir dir;
  auto store = Store::open(dir.file("seed.sqlite"));
  auto info = make_info();
  info.master_seed = std::numeric_limits<std::uint64_t>::max();
  const auto id = store.begin_experiment(info);
  CHECK(store.experiment(id)->master_seed == std::numeric_limits<std::uint64_t>::max());
  Raw raw(dir.file("seed.sqlite"));
  CHECK(as_text(raw.query("SELECT master_seed_text FROM experiments").at(0).at(0)) == "18446744073709551615");
}

TEST_CASE("store: an input file's stated digest must match its content", "[io][store]") {
  TempDir dir;
  auto store = Store::open(dir.file("digest.sqlite"));
  auto info = make_info();
  info.inputs[0].sha256 = targetcast::io::sha256_hex(info.inputs[0].content);
  CHECK_NOTHROW(store.begin_experiment(info));
  info.inputs[0].sha256 = targetcast::io::sha256_hex("something else");
  CHECK_THROWS_AS(store.begin_experiment(info), std::invalid_argument);
  info.inputs[0].sha256.clear();
  info.inputs[0].role = "seeds";
  CHECK_THROWS_AS(store.begin_experiment(info), std::invalid_argument);
  CHECK(store.experiments().size() == 1);
}

TEST_CASE("store: median first-passage year", "[io][store]") {
  using targetcast::store::first_passage_median_year;
  CHECK(first_passage_median_year({{2024, 2025, 2026}, {1, 1, 0}, 2}) == 2025);  // 2 of 4 by 2025
  CHECK(first_passage_median_year({{2024, 2025, 2026}, {3, 0, 0}, 0}) == 2024);
  CHECK(first_passage_median_year({{2024, 2025, 2026}, {0, 1, 1}, 3}) == std::nullopt);  // 2 of 5
  CHECK(first_passage_median_year({{2024, 2025}, {0, 0}, 0}) == std::nullopt);           // no runs
  CHECK(first_passage_median_year({{2024, 2025}, {0, 2}, 2}) == 2025);                   // exactly half
}

// Not run by default: `targetcast_tests "[.benchmark]"`. 10,000 runs × 10
// years × 15 indicators = 1.5M run_indicators rows, the size of a typical run.
TEST_CASE("store: insert rate of a full-size scenario", "[.benchmark][io][store]") {
  TempDir dir;
  const std::string path = dir.file("bench.sqlite");
  auto m = make_model();
  m.years.resize(10);
  m.horizon = m.base_year + 9;
  const auto firms = m.indicators[0];
  m.indicators.clear();
  for (int k = 0; k < 15; ++k) {
    auto ci = firms;
    ci.spec.id = "indicator_" + std::to_string(k);
    m.indicators.push_back(ci);
  }
  for (auto& t : m.targets) t.indicator = 0;
  for (int p = 0; p < 40; ++p) {
    m.parameters.set(prior("p" + std::to_string(p), model::Distribution::uniform(0, 1), model::Basis::assumption, ""));
  }
  const std::size_t runs = 10'000;
  auto r = make_results(m, runs);
  for (auto& t : r.targets) {
    t.first_passage.years = {2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032};
    t.first_passage.runs.assign(10, 0);
  }
  // Realistic values: half counts (integers), half money with fractions.
  std::uint64_t state = 88172645463325252ULL;
  for (std::size_t i = 0; i < r.values.size(); ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    const double u = static_cast<double>(state >> 11) * 0x1.0p-53;
    r.values[i] = (i % 2 == 0) ? std::floor(2000.0 * u) : 500.0 * u;
  }
  r.indicator_summaries.clear();
  auto store = Store::open(path);
  const auto id = store.begin_experiment(make_info());
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  store.write_scenario(id, m, r);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  store.finish_experiment(id, seconds);
  const std::size_t rows = r.values.size() + r.theta.size() + r.target_met.size();
  std::cout << "store benchmark: " << r.values.size() << " run_indicators + " << r.theta.size() << " run_parameters + "
            << r.target_met.size() << " run_targets rows in " << seconds << " s (CPU " << cpu_seconds
            << " s) = " << static_cast<double>(rows) / seconds << " rows/s; file "
            << static_cast<double>(fs::file_size(path)) / 1e6 << " MB\n";
  Raw raw(path);
  CHECK(raw.scalar("SELECT count(*) FROM run_indicators") == static_cast<std::int64_t>(r.values.size()));
}
