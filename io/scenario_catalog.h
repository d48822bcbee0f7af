#pragma once
// `targetcast scenarios list`: the scenarios built into the program and the
// scenario files of a folder (./scenarios by default), each with its title and
// what it changes, in words a planner reads.
#include <string>
#include <string_view>
#include <vector>

#include "model/scenario.h"
#include "model/spec_error.h"

namespace targetcast::io {

struct ScenarioEntry {
  std::string path;  // "scenarios/x.toml" on disk, or "embedded:scenarios/x.toml"
  bool embedded = false;
  model::ScenarioSpec spec;              // valid only when problems is empty
  std::vector<model::Problem> problems;  // why the file does not load
};

// The *.toml scenario files of `folder` (name order; files of another kind are
// skipped), then the embedded scenarios whose file name the folder lacks. A
// missing folder lists the embedded ones only.
std::vector<ScenarioEntry> list_scenarios(const std::string& folder);

// What a scenario changes against its plan, e.g. "funding ×1.5 from 2023;
// +4 parks in 2023"; "nothing (the baseline)" for none.
std::string describe_changes(const model::ScenarioSpec& spec, std::string_view lang = "en");

}  // namespace targetcast::io
