#pragma once
// The later schema versions (store/schema.h): version 5, views that name each
// value for what it is, the columns added since, and version 8, the per-run
// trajectories behind the run_indicators view. Kept apart from the released
// tables of versions 1-4 in store/schema.cpp. Internal to store/.
#include <string>

struct sqlite3;

namespace targetcast::store::schema {

// Each takes a file of the version before to its own, within the caller's transaction.
void migrate_4_to_5(sqlite3* db, const std::string& path);
void migrate_5_to_6(sqlite3* db, const std::string& path);
void migrate_6_to_7(sqlite3* db, const std::string& path);
void migrate_7_to_8(sqlite3* db, const std::string& path);

}  // namespace targetcast::store::schema
