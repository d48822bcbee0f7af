#pragma once
// The documents a plan or the priors file cites, by title and issuing body
// ([[document]] tables, docs/seed-format.md), and the warnings that keep them
// in step with the citations: reports show a cited document's title, so a
// document cited without a [[document]] shows its bare file name.
#include <vector>

#include "model/parameters.h"
#include "model/plan.h"
#include "model/spec_error.h"

namespace targetcast::io {

// One warning for each [[document]] its own file never cites, and one for
// each document cited (basis = "document", any source that is a file name such
// as "my-plan.txt", or a plan's [plan] source) that
// neither the plan nor the priors file declares.
std::vector<model::Problem> document_warnings(const model::PlanSpec& plan, const model::ParameterSpace& defaults);

}  // namespace targetcast::io
