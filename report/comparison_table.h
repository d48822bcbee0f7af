#pragma once
// The table printed by `targetcast compare` (and by simulate with several
// scenarios): per target and scenario, P(met) against the reference, the paired
// difference with its 95% interval, the unpaired interval for contrast, the
// variance reduction factor and the difference of the indicator at the deadline.
#include <span>
#include <string>
#include <string_view>

#include "analysis/comparison.h"

namespace targetcast::report {

std::string format_comparison_table(std::span<const analysis::ScenarioComparison> comparisons,
                                    std::string_view lang = "en");

}  // namespace targetcast::report
