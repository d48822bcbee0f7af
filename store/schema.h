#pragma once
// The schema of the results database and its migrations: every table of every
// writer (experiments, calibrations, sensitivity analyses and solves; columns
// in docs/schema.md), the file's identity (PRAGMA application_id) and its
// version (PRAGMA user_version).
//
// A new file is created at version 1 and then taken through every migration,
// so that a new file and an upgraded one have the same tables and columns.
// A version's DDL never changes once released: add a version and a migration.
// Internal to store/ (Store::open calls it).
#include <cstdint>
#include <string>

struct sqlite3;

namespace targetcast::store::schema {

// PRAGMA user_version of the files this program writes.
inline constexpr int kVersion = 8;
// PRAGMA application_id of a targetcast store, "TCAS".
inline constexpr std::int32_t kApplicationId = 0x54434153;

// The file's schema version (0: a new, empty file), after checking, without
// writing anything, that this program may open it: StoreError when it is not
// an SQLite database, is another program's database, was written by a newer
// targetcast, or cannot be read (a WAL file in a read-only folder).
std::int64_t identify(sqlite3* db, const std::string& path);

// For reading only: StoreError unless `version` (from identify) is kVersion,
// since a read-only file cannot be upgraded.
void require_current(std::int64_t version, const std::string& path);

// Creates the schema in an empty file, or upgrades an older one to kVersion,
// in one BEGIN IMMEDIATE transaction; does nothing at kVersion. Reads the
// version again inside the transaction: another process may have created or
// upgraded the file since identify().
void migrate(sqlite3* db, const std::string& path);

}  // namespace targetcast::store::schema
