// The results store: opening a file (store/store.h) and the connection's
// settings. Schema and rules: docs/schema.md. The rest of Store is split by
// job: store/schema.cpp (tables, versions, migrations),
// store/experiment_writer.cpp, store/scenario_writer.cpp and
// store/read_back.cpp.
//
// Every statement is prepared once per call site and finalised by RAII; every
// value is bound, never spliced into SQL text. Writes run in BEGIN IMMEDIATE
// transactions so that a second targetcast writing to the same file waits
// (busy_timeout) instead of failing half-way through a read-then-write.
#include "store/store.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "store/schema.h"
#include "store/sqlite_statement.h"

namespace targetcast::store {
namespace {

using sqlite::Statement;
using sqlite::with_advice;

// "file:<path>?immutable=1" with the characters that URIs reserve escaped
// (https://www.sqlite.org/uri.html).
std::string immutable_uri(const std::string& path) {
  std::string uri = "file:";
  for (const char ch : path) {
    switch (ch) {
      case '%':
        uri += "%25";
        break;
      case '?':
        uri += "%3f";
        break;
      case '#':
        uri += "%23";
        break;
      default:
        uri += ch;
    }
  }
  return uri + "?immutable=1";
}

}  // namespace

std::string_view to_string(ExperimentStatus status) {
  switch (status) {
    case ExperimentStatus::running:
      return "running";
    case ExperimentStatus::complete:
      return "complete";
    case ExperimentStatus::failed:
      return "failed";
    case ExperimentStatus::interrupted:
      return "interrupted";
  }
  return "running";
}

std::optional<ExperimentStatus> find_experiment_status(std::string_view name) {
  for (auto s : {ExperimentStatus::running, ExperimentStatus::complete, ExperimentStatus::failed,
                 ExperimentStatus::interrupted}) {
    if (to_string(s) == name) return s;
  }
  return std::nullopt;
}

std::optional<int> first_passage_median_year(const model::FirstPassage& passage) {
  std::uint64_t total = passage.never;
  for (auto r : passage.runs) total += r;
  if (total == 0) return std::nullopt;
  std::uint64_t reached = 0;
  for (std::size_t i = 0; i < passage.years.size() && i < passage.runs.size(); ++i) {
    reached += passage.runs[i];
    if (2 * reached >= total) return passage.years[i];
  }
  return std::nullopt;
}

void Store::Closer::operator()(sqlite3* db) const noexcept {
  sqlite3_close_v2(db);
}

Store::Store(std::unique_ptr<sqlite3, Closer> db, std::string path, Mode mode)
    : db_(std::move(db)), path_(std::move(path)), mode_(mode) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Store Store::open(const std::string& path, Mode mode) {
  namespace fs = std::filesystem;
  if (path.empty()) throw StoreError(path, "no file name given.");
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (fs::is_directory(status)) {
    throw StoreError(path, fmt::format("this is a folder, not a file: give a file name such as "
                                       "'{}'.",
                                       (fs::path(path) / "results.sqlite").string()));
  }
  const bool exists = fs::exists(status);
  if (!exists && mode == Mode::read_only) {
    throw StoreError(path, "no such file: check the name (read-only opening never creates one).");
  }
  if (!exists) {
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty() && !fs::is_directory(parent, ec)) {
      throw StoreError(path, fmt::format("the folder '{}' does not exist: create it or choose "
                                         "another file.",
                                         parent.string()));
    }
  }

  // One Store per thread: SQLite's own mutexes are not needed (NOMUTEX).
  const int flags = (mode == Mode::read_write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) |
                    SQLITE_OPEN_NOMUTEX;
  try {
    return connect(path, path, mode, flags, exists);
  } catch (const StoreError& e) {
    const int code = e.sqlite_code() & 0xFF;
    if (mode == Mode::read_write || (code != SQLITE_READONLY && code != SQLITE_CANTOPEN)) throw;
    // Reading from a read-only folder (an archive, a shared drive): SQLite
    // cannot create the WAL's '-shm' file, so read the file as immutable. The
    // store then sees the file as it is now, not later writes by others.
    return connect(path, immutable_uri(path), mode, flags | SQLITE_OPEN_URI, exists);
  }
}

// A file written by an older targetcast, opened for reading (report,
// experiments, revisions): upgrade it in place first when it may be written,
// so that a planner's old results stay readable after an update. False when
// it cannot be written (then it is refused with the way to upgrade it).
bool Store::upgraded_in_place(const std::string& path) {
  try {
    Store writer = open(path, Mode::read_write);  // migrates
    return true;
  } catch (const StoreError&) {
    return false;
  }
}

Store Store::connect(const std::string& path, const std::string& filename, Mode mode, int flags, bool exists) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(filename.c_str(), &raw, flags, nullptr);
  std::unique_ptr<sqlite3, Closer> db(raw);  // closed even when opening failed
  if (rc != SQLITE_OK) {
    const std::string message = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    if (!exists && (rc & 0xFF) == SQLITE_CANTOPEN) {
      throw StoreError(path,
                       fmt::format("cannot create it ({}): check that you may create files in "
                                   "the folder '{}', or choose a file in another folder.",
                                   message, folder_of(path)),
                       rc);
    }
    throw StoreError(path, with_advice(fmt::format("cannot open it: {}.", message), rc), rc);
  }
  Store store(std::move(db), path, mode);
  store.configure_connection();
  const std::int64_t version = schema::identify(store.connection(), path);
  if (mode == Mode::read_only) {
    if (version > 0 && version < schema::kVersion && !upgraded_in_place(path)) {
      schema::require_current(version, path);  // says how to upgrade it
    }
    if (version > 0 && version < schema::kVersion) {
      store.db_.reset();  // the upgrade committed: read the file as it is now
      return connect(path, filename, mode, flags, exists);
    }
    schema::require_current(version, path);
  } else {
    store.use_write_ahead_log();
    schema::migrate(store.connection(), path);
  }
  return store;
}

// Connection settings only: these change nothing in the file.
void Store::configure_connection() {
  sqlite3_extended_result_codes(db_.get(), 1);
  sqlite::exec(db_.get(), path_, "PRAGMA busy_timeout = 10000");
  sqlite::exec(db_.get(), path_, "PRAGMA foreign_keys = ON");
  limit_pages_for_tests();
  // SQLite silently opens a file it may not write read-only; say so now rather
  // than at the first write.
  if (mode_ == Mode::read_write && sqlite3_db_readonly(db_.get(), "main") == 1) {
    throw StoreError(path_,
                     "the file is read-only (its permissions, or a read-only disk): results "
                     "cannot be written to it. Make it writable or choose another file.");
  }
}

// For tests only (docs/reliability.md): TARGETCAST_TEST_MAX_PAGE_COUNT=N caps
// the file at N pages (SQLite's max_page_count, a connection setting), so that
// a test can fill "the disk" without filling one. SQLite never sets the cap
// below the file's current size.
void Store::limit_pages_for_tests() {
  const char* pages = std::getenv("TARGETCAST_TEST_MAX_PAGE_COUNT");
  if (pages == nullptr || *pages == '\0') return;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(pages, &end, 10);
  if (*end != '\0' || n == 0) {
    throw StoreError(path_, fmt::format("TARGETCAST_TEST_MAX_PAGE_COUNT='{}' is not a positive whole number.", pages));
  }
  sqlite::exec(db_.get(), path_, fmt::format("PRAGMA max_page_count = {}", n).c_str());
}

// WAL: readers (a planner's notebook) never block the writer, and a crash
// cannot corrupt committed experiments. With WAL, synchronous = NORMAL is
// durable except for the last transactions before a power cut.
//
// Two processes opening one new file at once: SQLite answers the second's
// switch with SQLITE_BUSY at once, without its busy handler, while the first
// holds the lock of its schema transaction; so the switch is retried for as
// long as busy_timeout would have waited.
void Store::use_write_ahead_log() {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (;;) {
    try {
      Statement wal(db_.get(), path_, "PRAGMA journal_mode = WAL");
      if (!wal.step() || wal.text(0) != "wal") {
        throw StoreError(path_, with_advice("cannot switch the database to WAL journal mode.", SQLITE_CANTOPEN));
      }
      break;
    } catch (const StoreError& e) {
      if ((e.sqlite_code() & 0xFF) != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  sqlite::exec(db_.get(), path_, "PRAGMA synchronous = NORMAL");
}

void Store::require_writable() const {
  if (mode_ == Mode::read_only) {
    throw StoreError(path_, "opened read-only: results cannot be written. Open it for writing.");
  }
}

}  // namespace targetcast::store
