#pragma once
// Terminal tables of `targetcast sensitivity` and `targetcast solve`
// (docs/sensitivity.md): inputs ranked by their total-order index, the
// tornado, and the lever found with its confirmation.
#include <cstddef>
#include <span>
#include <string>

#include "analysis/lever_search.h"
#include "analysis/sensitivity.h"

namespace targetcast::report {

// The name of target `t` (kNoIndex: every target) for headings.
std::string target_heading(const model::CompiledModel& model, std::size_t target);

// Inputs ranked by total-order index on P(met) and on the indicator, the
// first `top` of each, with 95% intervals; parameters whose prior basis is an
// assumption are marked "(assumption)".
std::string format_sobol_table(const model::CompiledModel& model, const analysis::SobolAnalysis& analysis,
                               std::size_t target, std::size_t top);

// Inputs ranked by the spread of P(met) between their 5% and 95% quantile.
std::string format_tornado_table(const model::CompiledModel& model, const analysis::TornadoAnalysis& analysis,
                                 std::size_t target, std::size_t top);

std::string format_solve(const model::CompiledModel& model, const analysis::LeverSearchOptions& options,
                         const analysis::LeverSearchResult& result);

// "(assumption)" when input `i` is a parameter whose prior rests on an assumption.
bool rests_on_assumption(const model::CompiledModel& model, const analysis::SensitivityInput& input);

}  // namespace targetcast::report
