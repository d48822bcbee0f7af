#pragma once
// Checks that every quote of a plan appears in the document its `source`
// names (docs/seed-format.md, "Quotes"). The shipped plans are checked against
// their documents by the test suite; this check is for a planner's own plan,
// run by `targetcast validate`.
//
// A document is looked for beside the plan file, then in each folder the user
// names (--documents). When it is found, each quote citing it must appear in
// it once whitespace is removed and full-width letters, digits and signs are
// read as their ASCII forms (a copy from a PDF breaks lines and mixes widths);
// a quote that does not is a problem. When it is not found, one warning names
// it and how many quotes went unchecked.
#include <string>
#include <string_view>
#include <vector>

#include "io/source_file.h"
#include "model/plan.h"
#include "model/spec_error.h"

namespace targetcast::io {

// The text as compared: no whitespace (ASCII or U+3000), full-width forms
// U+FF01..U+FF5E as ASCII.
std::string normalise_for_quote(std::string_view text);

struct QuoteFindings {
  std::vector<model::Problem> problems;  // quotes not in their found document
  std::vector<model::Problem> warnings;  // documents not found
};

// Each provenance of a plan with the dotted key of what it belongs to
// ("target.gd-2025-firms") and the line of that table (0: not kept).
struct Cited {
  std::string key;
  const model::Provenance* provenance;
  int line = 0;
};
std::vector<Cited> citations(const model::PlanSpec& plan);

QuoteFindings check_quotes(const model::PlanSpec& plan, const SourceFile& plan_file,
                           const std::vector<std::string>& document_folders);

// True for a plan file shipped with the program (byte for byte one of the
// embedded files): its quotes are the test suite's to check.
bool is_shipped(const SourceFile& file);

}  // namespace targetcast::io
