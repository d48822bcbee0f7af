#pragma once
// SQLite helpers shared by the files of the results store (the schema, the
// writers and the read-back of store/): a prepared statement finalised by RAII,
// a BEGIN IMMEDIATE transaction that rolls back unless committed, and errors
// turned into StoreError with advice a planner can act on. Internal to store/.
#include <sqlite3.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "model/parameters.h"
#include "store/input_file.h"
#include "store/store_error.h"

// SQL for the UTC time now, ISO 8601 ("2025-03-01T08:30:00Z"); a macro so that
// it joins string literals.
#define TARGETCAST_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

namespace targetcast::store::sqlite {

// `message` followed by what to do about SQLite error `code`, when we know.
std::string with_advice(std::string message, int code);

// Throws StoreError for the last error of `db`: "<what> failed: <SQLite's message>." plus advice.
[[noreturn]] void throw_sqlite(sqlite3* db, const std::string& path, std::string_view what);

// Runs SQL that returns no rows (DDL, PRAGMA, BEGIN/COMMIT).
void exec(sqlite3* db, const std::string& path, const char* sql);

// `value` as SQLite's signed integer; StoreError when it does not fit.
std::int64_t checked_int64(std::uint64_t value, const std::string& path, std::string_view what);

// A prepared statement, finalised on destruction.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& path, std::string_view sql) : db_(db), path_(&path) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw, nullptr) !=
        SQLITE_OK) {
      throw_sqlite(db, path, fmt::format("preparing '{}'", sql));
    }
    stmt_.reset(raw);
  }

  Statement& bind(int index, std::int64_t value) { return check(sqlite3_bind_int64(stmt_.get(), index, value)); }
  Statement& bind(int index, int value) { return check(sqlite3_bind_int(stmt_.get(), index, value)); }
  Statement& bind(int index, std::uint64_t value) { return bind(index, checked_int64(value, *path_, "a count")); }
  // NaN is stored as NULL (SQLite would do the same, silently).
  Statement& bind(int index, double value) {
    if (std::isnan(value)) return bind_null(index);
    return check(sqlite3_bind_double(stmt_.get(), index, value));
  }
  // Copies the bytes: safe for temporaries.
  Statement& bind(int index, std::string_view text) {
    return check(sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  Statement& bind(int index, const char* text) = delete;  // ambiguous with bool; use string_view
  // Does not copy: `text` must outlive every step() until rebound. For hot loops.
  Statement& bind_static(int index, std::string_view text) {
    return check(sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8));
  }
  Statement& bind_null(int index) { return check(sqlite3_bind_null(stmt_.get(), index)); }
  // Empty text as NULL (optional columns).
  Statement& bind_optional(int index, std::string_view text) {
    return text.empty() ? bind_null(index) : bind(index, text);
  }
  // Infinite bounds as NULL ("none").
  Statement& bind_finite(int index, double value) {
    return std::isfinite(value) ? bind(index, value) : bind_null(index);
  }

  // True when a row is ready, false when done.
  bool step() {
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw_sqlite(db_, *path_, fmt::format("'{}'", sqlite3_sql(stmt_.get())));
  }
  // Runs a statement that returns no rows, then resets it for new bindings.
  void run() {
    if (step()) {
      throw StoreError(*path_, fmt::format("'{}' returned rows", sqlite3_sql(stmt_.get())));
    }
    reset();
  }
  void reset() { sqlite3_reset(stmt_.get()); }

  bool is_null(int column) const { return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL; }
  std::int64_t int64(int column) const { return sqlite3_column_int64(stmt_.get(), column); }
  int integer(int column) const { return static_cast<int>(int64(column)); }
  std::uint64_t uint64(int column) const { return static_cast<std::uint64_t>(int64(column)); }
  double real(int column) const { return sqlite3_column_double(stmt_.get(), column); }
  double real_or(int column, double if_null) const { return is_null(column) ? if_null : real(column); }
  // Every byte, embedded NULs included; "" for NULL.
  std::string text(int column) const {
    const auto* bytes = sqlite3_column_text(stmt_.get(), column);
    if (bytes == nullptr) return {};
    const int length = sqlite3_column_bytes(stmt_.get(), column);
    return std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
  }

 private:
  Statement& check(int rc) {
    if (rc != SQLITE_OK) throw_sqlite(db_, *path_, "binding a value");
    return *this;
  }
  struct Finalizer {
    void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
  };
  sqlite3* db_;
  const std::string* path_;
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
};

// BEGIN IMMEDIATE … COMMIT; rolls back when left without commit() (an exception).
class Transaction {
 public:
  Transaction(sqlite3* db, const std::string& path) : db_(db), path_(&path) {
    exec(db_, *path_, "BEGIN IMMEDIATE");
    open_ = true;
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  void commit() {
    exec(db_, *path_, "COMMIT");
    open_ = false;
  }
  // Commits and starts the next transaction (bounded-size bulk writes).
  void commit_and_continue() {
    commit();
    exec(db_, *path_, "BEGIN IMMEDIATE");
    open_ = true;
  }

 private:
  sqlite3* db_;
  const std::string* path_;
  bool open_ = false;
};

// Inserts `files` in order into `table` (input_files, calibration_input_files:
// owner, file_index, role, path, sha256, bytes, content), the owner in
// `owner_column`. A given sha256 must match the content (std::invalid_argument).
void insert_input_files(sqlite3* db, const std::string& path, std::string_view table, std::string_view owner_column,
                        std::int64_t owner, const std::vector<InputFileRecord>& files);

// Binds a prior to the 11 columns from `first` on: distribution (described),
// distribution_kind, a, b (NULL for a fixed value), lower, upper (NULL = no
// bound), basis, source, quote, note, origin.
void bind_prior(Statement& s, int first, const model::Prior& prior);

}  // namespace targetcast::store::sqlite
