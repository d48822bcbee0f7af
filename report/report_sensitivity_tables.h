#pragma once
// The report tables of "What drives the odds" (docs/sensitivity.md): the top
// drivers of every target by Sobol total-order index, flagged when the
// parameter's prior rests on an assumption, and the lever solves.
#include <string>

#include "report/report_options.h"
#include "report/report_table.h"
#include "store/report_data.h"

namespace targetcast::report {

// The heading and introduction of the section in the report's language.
std::string drivers_heading(const ReportOptions& options);
std::string drivers_intro(const store::ReportData& data, const ReportOptions& options);

// Under a target's tornado: what the centre is, its P(met) beside the
// headline's, and why they differ.
std::string tornado_caption(const store::ReportData& data, const store::ReportTornadoTarget& tornado,
                            const ReportOptions& options);

// Top `top` inputs per target (table id "drivers").
ReportTable drivers_table(const store::ReportData& data, const ReportOptions& options, std::size_t top = 5);
// Latest solve per target, lever and probability (table id "solves").
ReportTable solves_table(const store::ReportData& data, const ReportOptions& options);

// The target's name in the report's language ("*": every target).
std::string sensitivity_target_name(const store::ReportData& data, const std::string& target_id,
                                    const ReportOptions& options);

}  // namespace targetcast::report
