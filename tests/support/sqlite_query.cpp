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
  return first_row(db, sql, [](sqlite3_stmt* stmt, bool row) -> long long {
    return row ? sqlite3_column_int64(stmt, 0) : -1;
  });
}

std::string query_text(const std::filesystem::path& db, const std::string& sql) {
  return first_row(db, sql, [](sqlite3_stmt* stmt, bool row) {
    const unsigned char* text = row ? sqlite3_column_text(stmt, 0) : nullptr;
    return text != nullptr ? std::string(reinterpret_cast<const char*>(text)) : std::string();
  });
}

}  // namespace targetcast::test
