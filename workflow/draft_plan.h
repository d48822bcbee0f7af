#pragma once
// targetcast draft-plan: a commented seed plan drafted from a policy document
// (docs/draft-plan.md). The plan's targets, goals and baseline figures are read
// by io/draft_extract.h, their indicators chosen from the keyword table
// (io/data/draft-indicators.tsv); everything written is marked for review
// (basis = "assumption", a note naming the document and the rule), and what the
// draft could not find is left as commented blocks that say what to fill in.
#include <string>
#include <vector>

#include "io/draft_extract.h"
#include "model/spec_error.h"

namespace targetcast::workflow {

struct DraftRequest {
  std::string document;                         // the plan's text file
  std::vector<std::string> baseline_documents;  // further documents with baseline figures
  std::string region;                           // region id; empty = from the region table
  std::string out_path;                         // where the draft will be written (for its problems)
};

struct DraftResult {
  std::string toml;                      // the draft plan file
  io::draft::DocumentReading plan;       // what the plan document gave
  int targets_written = 0;               // as [[target]] tables
  int targets_commented = 0;             // as commented blocks, with their reason
  std::vector<model::Problem> problems;  // `targetcast validate` on the draft: what to fill in
};

// Throws model::SpecError when a document cannot be read.
DraftResult draft_plan(const DraftRequest& request);

}  // namespace targetcast::workflow
