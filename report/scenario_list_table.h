#pragma once
// `targetcast scenarios list` as a terminal table (io/scenario_catalog.h finds
// the scenarios and says what each changes).
#include <string>
#include <string_view>
#include <vector>

#include "io/scenario_catalog.h"

namespace targetcast::report {

// The list as a table: id, title, what it changes, file.
std::string format_scenario_list(const std::vector<io::ScenarioEntry>& entries, std::string_view lang = "en");

}  // namespace targetcast::report
