#pragma once
// The what-if workbench page served by `targetcast serve` (issue 15): one
// self-contained HTML document (Apache ECharts and report/workbench_page.js
// inlined, allowed by their CSP hashes; no request leaves the machine but the
// page's own calls to the server that served it), in Chinese or English.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/compiled_model.h"

namespace targetcast::report {

// `initial_json`: the baseline's results (report/workbench_json.h) the page
// shows before any lever moves. `runs` and `posterior` (none = the priors)
// are shown in its header.
std::string workbench_html(const model::CompiledModel& baseline, std::string_view initial_json, std::uint32_t runs,
                           std::optional<std::int64_t> posterior, std::string_view lang);

}  // namespace targetcast::report
