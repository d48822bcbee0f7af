#pragma once
// Runs the built `targetcast` binary for end-to-end tests.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace targetcast::test {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `targetcast <arguments>` in `workdir` (arguments are passed to the shell
// as is). `prefix`: shell words before the program, such as `env NAME=VALUE`
// or `setpriv ...`.
CliResult run_cli(const std::string& arguments, const std::filesystem::path& workdir, const std::string& prefix = "");

// Starts `targetcast <args>` in `workdir` without waiting, standard output and
// error to out.txt and err.txt there; returns the child's pid (for tests that
// signal or kill it while it runs).
pid_t start_cli(const std::vector<std::string>& args, const std::filesystem::path& workdir);

// A fresh empty folder under the system temp folder, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  // Writes `content` to `name` inside the folder and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

std::string read_text(const std::filesystem::path& file);
std::filesystem::path source_dir();  // the repository root

}  // namespace targetcast::test
