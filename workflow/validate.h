#pragma once
// `targetcast validate`: every problem of an input file at once, and the
// warnings a run on it would print.
//
// A scenario is read as far as it goes and what was read is checked against
// its plan and the priors in the same pass (years within the simulated span,
// counter shocks on the plan's counters), so that a key typo does not hide a
// year out of range. A plan is also compiled against the priors, and its
// quotes checked against its documents (io/quote_check.h) unless it is one
// of the shipped plans.
#include <string>
#include <vector>

#include "model/spec_error.h"

namespace targetcast::workflow {

struct ValidateOptions {
  std::string baseline;                // plan for scenarios (as simulate --baseline); empty = the one they name
  std::string priors;                  // priors file; empty = as simulate chooses
  std::vector<std::string> documents;  // folders holding the plans' source documents
};

struct FileVerdict {
  std::vector<model::Problem> problems;  // empty = valid
  std::vector<model::Problem> warnings;  // printed, not failing
};

FileVerdict validate_input_file(const std::string& path, const ValidateOptions& options);

}  // namespace targetcast::workflow
