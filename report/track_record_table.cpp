#include "report/track_record_table.h"

#include <fmt/format.h>

#include <cmath>

#include "report/report_format.h"
#include "report/report_text.h"

namespace targetcast::report {

ReportTable track_record_table(const store::ReportData& data, const ReportOptions& options) {
  const ReportText& t = report_text(options.lang);
  ReportTable table("track_record", t.sec_track);
  table.column(t.col_cut, true);
  table.column(t.col_held_out);
  table.column(t.col_in50, true);
  table.column(t.col_in90, true);
  table.column(t.col_crps, true);
  table.column(t.col_brier, true);
  const auto share = [](double p) { return std::isnan(p) ? std::string("—") : format_percent(p); };
  const auto number = [](double x) { return std::isnan(x) ? std::string("—") : fmt::format("{:.3f}", x); };
  for (const store::ReportBacktestCut& c : data.track_record) {
    std::string counts = fill(t.held_out_counts, "scored", std::to_string(c.scored));
    counts = fill(counts, "floors", std::to_string(c.floors));
    table.add({std::to_string(c.cut_year), counts, share(c.coverage_50), share(c.coverage_90),
               share(c.mean_relative_crps), number(c.mean_brier)});
  }
  return table;
}

}  // namespace targetcast::report
