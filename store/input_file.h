#pragma once
// One input file as the results database keeps it (tables input_files,
// calibration_input_files, sensitivity_input_files, solve_input_files;
// docs/schema.md).
#include <string>

namespace targetcast::store {

// One input file of an experiment (or calibration, analysis, solve), stored verbatim.
struct InputFileRecord {
  std::string role;     // "plan" | "scenario" | "priors" (calibrations: also "observations")
  std::string path;     // as the user gave it, or "embedded:seeds/..."
  std::string content;  // the file's bytes
  std::string sha256;   // lower-case hex; computed when written when empty
};

}  // namespace targetcast::store
