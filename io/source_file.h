#pragma once
// The text of an input file (seed, prior or scenario), from disk or from the
// files compiled into the program (io/embedded_files.h).
#include <string>

namespace targetcast::io {

struct SourceFile {
  std::string path;     // as the user gave it, or "embedded:seeds/priors.toml"
  std::string content;  // the file's bytes (UTF-8)
  bool embedded = false;
};

// Prefix of the paths of embedded files.
inline constexpr const char* kEmbeddedPrefix = "embedded:";

// Reads a file from disk, or from the embedded files when `path` begins with
// "embedded:" (e.g. "embedded:seeds/priors.toml"). Throws model::SpecError
// ("cannot read file: No such file or directory") when it cannot.
SourceFile read_source(const std::string& path);

// `rel` taken relative to the folder of `from`, normalised. An absolute or
// "embedded:" `rel` is returned as is. For an embedded `from` the result is
// embedded too: "embedded:scenarios/baseline.toml" + "../seeds/x.toml" gives
// "embedded:seeds/x.toml".
std::string resolve_relative(const SourceFile& from, const std::string& rel);

}  // namespace targetcast::io
