#pragma once
// One-value SQL queries on a results database, for end-to-end tests.
#include <filesystem>
#include <string>

namespace targetcast::test {

// The first column of the first row as an integer; -1 when there is no row.
long long query_int(const std::filesystem::path& db, const std::string& sql);

// The first column of the first row as text; "" when there is no row or it is NULL.
std::string query_text(const std::filesystem::path& db, const std::string& sql);

}  // namespace targetcast::test
