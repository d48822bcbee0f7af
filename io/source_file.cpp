#include "io/source_file.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string_view>
#include <utility>

#include "io/embedded_files.h"
#include "model/spec_error.h"

namespace targetcast::io {

namespace {

namespace fs = std::filesystem;

bool is_embedded(std::string_view path) {
  return path.starts_with(kEmbeddedPrefix);
}

model::SpecError cannot_read(const std::string& path, const std::string& why) {
  return model::SpecError(model::Problem{path, 0, "", "cannot read file: " + why});
}

SourceFile read_embedded(const std::string& path) {
  const std::string_view rel = std::string_view(path).substr(std::strlen(kEmbeddedPrefix));
  std::string known;
  for (const EmbeddedFile& f : embedded_files()) {
    if (f.path == rel) return SourceFile{path, std::string(f.content), true};
    known += known.empty() ? "" : ", ";
    known += f.path;
  }
  throw cannot_read(path,
                    "no such embedded file (embedded files: " + (known.empty() ? std::string("none") : known) + ")");
}

}  // namespace

SourceFile read_source(const std::string& path) {
  if (is_embedded(path)) return read_embedded(path);

  std::error_code ec;
  if (fs::is_directory(path, ec)) throw cannot_read(path, std::strerror(EISDIR));
  errno = 0;
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw cannot_read(path, std::strerror(errno != 0 ? errno : ENOENT));
  std::string content;
  std::array<char, 1 << 16> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) {
    content.append(buffer.data(), n);
  }
  if (std::ferror(file.get()) != 0) throw cannot_read(path, std::strerror(errno != 0 ? errno : EIO));
  return SourceFile{path, std::move(content), false};
}

std::string resolve_relative(const SourceFile& from, const std::string& rel) {
  if (is_embedded(rel)) return rel;
  const fs::path rel_path(rel);
  if (rel_path.is_absolute()) return rel;
  if (from.embedded || is_embedded(from.path)) {
    const fs::path base = fs::path(from.path.substr(std::strlen(kEmbeddedPrefix))).parent_path();
    return kEmbeddedPrefix + (base / rel_path).lexically_normal().generic_string();
  }
  const fs::path base = fs::path(from.path).parent_path();
  return (base / rel_path).lexically_normal().string();
}

}  // namespace targetcast::io
