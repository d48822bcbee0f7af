#include "sqlite_query.h"

#include <sqlite3.h>

#include <catch2/catch.hpp>

namespace targetcast::test {
namespace {

// Opens `db` read-only, prepares `sql`, steps once and hands the statement to `read`.
template <typename Read>
auto first_row(const std::filesystem::path& db, const std::string& sql, Read&& read) {
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  auto value = read(stmt, sqlite3_step(stmt) == SQLITE_ROW);
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return value;
}

}  // namespace

long long query_int(const std::filesystem::path& db, const std::string& sql) {
  return first_row(db, sql,
                   [](sqlite3_stmt* stmt, bool row) -> long long { return row ? sqlite3_column_int64(stmt, 0) : -1; });
}

long long count_now(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  long long count = 0;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
      count = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(handle);
  return count;
}

std::string query_text(const std::filesystem::path& db, const std::string& sql) {
  return first_row(db, sql, [](sqlite3_stmt* stmt, bool row) {
    const unsigned char* text = row ? sqlite3_column_text(stmt, 0) : nullptr;
    return text != nullptr ? std::string(reinterpret_cast<const char*>(text)) : std::string();
  });
}

std::vector<std::string> query_column(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  std::vector<std::string> values;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    values.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
  }
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return values;
}

void execute_sql(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(handle);
  INFO(sql << ": " << message);
  REQUIRE(rc == SQLITE_OK);
}

long long rows_of_experiment(const std::filesystem::path& db, long long id) {
  const auto tables = query_column(db,
                                   "SELECT m.name FROM sqlite_schema AS m JOIN pragma_table_info(m.name) AS c "
                                   "WHERE m.type = 'table' AND c.name = 'experiment_id'");
  REQUIRE(tables.size() >= 13);  // every table of docs/schema.md that belongs to an experiment
  long long rows = query_int(db, "SELECT count(*) FROM experiments WHERE id = " + std::to_string(id));
  for (const auto& table : tables) {
    rows += query_int(db, "SELECT count(*) FROM \"" + table + "\" WHERE experiment_id = " + std::to_string(id));
  }
  return rows;
}

}  // namespace targetcast::test
