#pragma once
// The one exception of the results store: what went wrong with the database,
// naming its path and what to do. Its own module so that the SQLite helpers
// (store/sqlite_statement.h) and the schema (store/schema.h) can throw it
// without including store/store.h.
#include <stdexcept>
#include <string>

namespace targetcast::store {

// What went wrong with the results database, naming its path and what to do.
class StoreError : public std::runtime_error {
 public:
  // `sqlite_code`: SQLite's extended result code when SQLite reported the
  // error (SQLITE_BUSY, SQLITE_READONLY, ...), 0 when the store did.
  StoreError(const std::string& path, const std::string& message, int sqlite_code = 0);
  const std::string& path() const { return path_; }
  int sqlite_code() const { return sqlite_code_; }

 private:
  std::string path_;
  int sqlite_code_ = 0;
};

// For messages: the folder a database file lives in ("." for a bare name),
// and its file name.
std::string folder_of(const std::string& path);
std::string file_name_of(const std::string& path);

}  // namespace targetcast::store
