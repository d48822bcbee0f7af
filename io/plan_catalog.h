#pragma once
// Where a scenario's `baseline = "<plan id>"` leads (docs/scenarios.md): a
// plan file of that id beside the scenario file, else in the seeds/ folder
// beside the scenario's folder (the shipped layout: scenarios/ and seeds/),
// else in ./seeds, else the plan of that id built into the program (a
// built-in scenario looks only there). Naming
// the plan by id rather than by path lets a scenario be copied anywhere.
#include <optional>
#include <string>
#include <vector>

#include "io/source_file.h"

namespace targetcast::io {

struct PlanSearch {
  std::optional<std::string> path;  // the plan file found ("embedded:seeds/..." for a built-in one)
  std::vector<std::string> known;   // the plan ids seen on the way, for a did-you-mean
};

PlanSearch find_plan(const std::string& id, const SourceFile& scenario);

}  // namespace targetcast::io
