#include "store/sqlite_statement.h"

#include <limits>
#include <stdexcept>

#include "io/sha256.h"
#include "model/distribution.h"

namespace targetcast::store::sqlite {
namespace {

// What to do about an SQLite error, in words a planner can act on.
std::string_view advice(int code) {
  switch (code & 0xFF) {  // primary result code
    case SQLITE_READONLY:
      return "The file or its folder is read-only: make both writable, or choose another file.";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "Another program held the database locked for more than 10 s (another targetcast, "
             "or a viewer such as DB Browser with unsaved changes): close it and try again.";
    case SQLITE_FULL:
      return "The disk is full: free space or choose a file on another disk.";
    case SQLITE_CANTOPEN:
      return "Check that the folder exists and that you may create and write files in it "
             "(SQLite keeps '-wal' and '-shm' files next to the database).";
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return "Access was refused: check the permissions of the file and its folder.";
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return "The file is not a readable SQLite database: choose another file (or restore a "
             "backup).";
    case SQLITE_IOERR:
      return "The operating system reported an I/O error: check the disk and its free space.";
    default:
      return "";
  }
}

}  // namespace

std::string with_advice(std::string message, int code) {
  const std::string_view extra = advice(code);
  if (!extra.empty()) {
    message += ' ';
    message += extra;
  }
  return message;
}

[[noreturn]] void throw_sqlite(sqlite3* db, const std::string& path, std::string_view what) {
  const int code = sqlite3_extended_errcode(db);
  throw StoreError(path, with_advice(fmt::format("{} failed: {}.", what, sqlite3_errmsg(db)), code), code);
}

void exec(sqlite3* db, const std::string& path, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw_sqlite(db, path, fmt::format("'{}'", sql));
  }
}

std::int64_t checked_int64(std::uint64_t value, const std::string& path, std::string_view what) {
  if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    throw StoreError(path, fmt::format("{} = {} does not fit in a 64-bit signed integer.", what, value));
  }
  return static_cast<std::int64_t>(value);
}

void insert_input_files(sqlite3* db, const std::string& path, std::string_view table, std::string_view owner_column,
                        std::int64_t owner, const std::vector<InputFileRecord>& files) {
  Statement file(db, path,
                 fmt::format("INSERT INTO {} ({}, file_index, role, path, sha256, bytes, content) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                             table, owner_column));
  std::int64_t index = 0;
  for (const auto& f : files) {
    const std::string digest = io::sha256_hex(f.content);
    if (!f.sha256.empty() && f.sha256 != digest) {
      throw std::invalid_argument(
          fmt::format("input file '{}' has sha256 {} but its content hashes to {}", f.path, f.sha256, digest));
    }
    file.bind(1, owner)
        .bind(2, index++)
        .bind(3, f.role)
        .bind(4, f.path)
        .bind(5, digest)
        .bind(6, static_cast<std::int64_t>(f.content.size()))
        .bind(7, f.content);
    file.run();
  }
}

void bind_prior(Statement& s, int first, const model::Prior& prior) {
  const model::Distribution& d = prior.distribution;
  s.bind(first, model::describe(d)).bind(first + 1, model::to_string(d.kind)).bind(first + 2, d.a);
  if (d.kind == model::DistributionKind::fixed) {
    s.bind_null(first + 3);
  } else {
    s.bind(first + 3, d.b);
  }
  s.bind_finite(first + 4, d.lower)
      .bind_finite(first + 5, d.upper)
      .bind(first + 6, model::to_string(prior.provenance.basis))
      .bind(first + 7, prior.provenance.source)
      .bind(first + 8, prior.provenance.quote)
      .bind(first + 9, prior.provenance.note)
      .bind(first + 10, prior.origin);
}

}  // namespace targetcast::store::sqlite
