#pragma once
// Defaults that move results a lot and that a region can run on without
// noticing (docs/priors.md, "Defaults a region should replace"): a generic
// placeholder prior of the priors file (placeholder = true) the plan does not
// replace, a prior sized for a region of another size (sized_for_firms) the
// plan keeps, a plan with no baseline funding, and a prior no file names
// (name = { zh, en }), which reports can only show by its code. validate and simulate
// print each as one warning line; they stop nothing.
#include <vector>

#include "model/compiled_model.h"
#include "model/parameters.h"
#include "model/spec_error.h"

namespace targetcast::workflow {

// `defaults`: the priors file as read (with its notes on its defaults).
std::vector<model::Problem> default_warnings(const model::CompiledModel& model, const model::ParameterSpace& defaults);

}  // namespace targetcast::workflow
