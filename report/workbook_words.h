#pragma once
// The words of the Excel workbook that the other report formats do not need:
// sheet tab names (Excel allows 31 characters and no []:*?/\) and the headings
// of the columns a workbook splits out of "median [5%-95%]" and "[lo–hi]".
// Everything else comes from report/report_text.h.
#include <string>
#include <string_view>

namespace targetcast::report {

struct WorkbookWords {
  // Sheet tabs, by table id.
  std::string_view tab_targets, tab_indicators, tab_first_passage, tab_scenarios, tab_differences, tab_drivers,
      tab_solves, tab_track_record, tab_parameters, tab_provenance;
  // "95% interval" → its two bounds; "value at deadline" and its quantiles.
  std::string_view low, high, at_deadline;
  std::string_view posterior;  // its median and 5%, 95% quantiles follow
  // Drivers (report/report_sensitivity_tables.cpp words them for the HTML).
  std::string_view col_rank, col_input, col_st_met, col_s_met, col_st_value, no_attribution, irreducible, rests;
  // Lever solves.
  std::string_view col_lever, col_from_year, col_range, col_required, col_value_needed, col_confirmation,
      col_confirmation_runs, none_in_range;
};

const WorkbookWords& workbook_words(std::string_view lang);

// "label: part" in English; "label:part" in Chinese, or run together for a
// bound ("95%区间下限").
std::string column_part(std::string_view label, std::string_view part, std::string_view lang);

}  // namespace targetcast::report
