#pragma once
// "How well has this model forecast before?": the stored rolling-origin
// backtests of the report's plan as a table (docs/validation.md).
#include "report/report_options.h"
#include "report/report_table.h"
#include "store/report_data.h"

namespace targetcast::report {

// One row per cut year: figures forecast, share inside the 50% and 90%
// intervals, mean relative CRPS, mean Brier score; no rows when the file
// holds no backtest of the plan (the report then says so: ReportText::
// no_track; else it introduces the table with intro_track).
ReportTable track_record_table(const store::ReportData& data, const ReportOptions& options);

}  // namespace targetcast::report
