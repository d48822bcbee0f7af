#pragma once
// One-value SQL queries on a results database, for end-to-end tests.
#include <filesystem>
#include <string>
#include <vector>

namespace targetcast::test {

// The first column of the first row as an integer; -1 when there is no row.
long long query_int(const std::filesystem::path& db, const std::string& sql);

// The first column of the first row as text; "" when there is no row or it is NULL.
std::string query_text(const std::filesystem::path& db, const std::string& sql);

// The first column of every row, as text (NULL as "").
std::vector<std::string> query_column(const std::filesystem::path& db, const std::string& sql);

// The count `sql` gives, or 0 while the file or table is not there yet or the
// database is busy (a writer creating the schema): for polling a running process.
long long count_now(const std::filesystem::path& db, const std::string& sql);

// Runs `sql` (any statements) on `db` opened for writing; fails the test on error.
void execute_sql(const std::filesystem::path& db, const std::string& sql);

// The rows of experiment `id` in every table of `db` that has an
// experiment_id column, plus its row of `experiments`.
long long rows_of_experiment(const std::filesystem::path& db, long long id);

}  // namespace targetcast::test
