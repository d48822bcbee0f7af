// Plan files found by their [plan] id (io/plan_catalog.h).
#include "io/plan_catalog.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include <toml++/toml.h>

#include "io/embedded_files.h"

namespace targetcast::io {
namespace {

namespace fs = std::filesystem;

// The [plan] id of a TOML text; empty when it is not a readable plan.
std::string plan_id_of(std::string_view content, std::string_view path) {
  try {
    const toml::table root = toml::parse(content, path);
    return std::string(root["plan"]["id"].value_or(std::string_view()));
  } catch (const toml::parse_error&) {
    return {};
  }
}

// The plan files of one folder, in name order.
std::optional<std::string> search_folder(const fs::path& folder, const std::string& id,
                                         std::vector<std::string>& known) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return std::nullopt;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (entry.path().extension() == ".toml" && entry.is_regular_file(ec)) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    try {
      const SourceFile file = read_source(p.string());
      const std::string found = plan_id_of(file.content, file.path);
      if (found == id) return p.lexically_normal().string();
      if (!found.empty()) known.push_back(found);
    } catch (const std::exception&) {
      // An unreadable file is not the plan looked for.
    }
  }
  return std::nullopt;
}

}  // namespace

PlanSearch find_plan(const std::string& id, const SourceFile& scenario) {
  PlanSearch out;
  std::vector<fs::path> folders;
  if (!scenario.embedded) {
    const fs::path here = fs::path(scenario.path).parent_path();
    folders.push_back(here.empty() ? fs::path(".") : here);
    folders.push_back((here.empty() ? fs::path("..") : here / "..") / "seeds");
    folders.push_back("seeds");
  }
  std::set<fs::path> seen;
  for (const fs::path& folder : folders) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(folder, ec);
    if (!seen.insert(ec ? folder : canonical).second) continue;
    if (auto path = search_folder(folder, id, out.known)) {
      out.path = std::move(path);
      return out;
    }
  }
  for (const EmbeddedFile& f : embedded_files()) {
    if (!f.path.ends_with(".toml")) continue;
    const std::string found = plan_id_of(f.content, f.path);
    if (found == id) {
      out.path = kEmbeddedPrefix + std::string(f.path);
      return out;
    }
    if (!found.empty()) out.known.push_back(found);
  }
  std::sort(out.known.begin(), out.known.end());
  out.known.erase(std::unique(out.known.begin(), out.known.end()), out.known.end());
  return out;
}

}  // namespace targetcast::io
