#pragma once
// The seed and scenario files shipped in seeds/ and scenarios/, compiled into the
// program so that the default run needs no file on disk.
#include <span>
#include <string_view>

namespace targetcast::io {

struct EmbeddedFile {
  std::string_view path;     // relative to the repository root, e.g. "seeds/priors.toml"
  std::string_view content;  // the file's bytes
};

// Every embedded file, in a fixed order.
std::span<const EmbeddedFile> embedded_files();

}  // namespace targetcast::io
