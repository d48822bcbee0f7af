#include "workflow/report.h"

#include "report/plain_summary.h"
#include "store/report_data.h"
#include "store/store.h"

namespace targetcast::workflow {

std::int64_t write_report_file(const std::string& db, std::optional<std::int64_t> experiment,
                               const report::ReportOptions& options, const std::string& path) {
  report::check_report_options(options);
  const store::Store store = store::Store::open(db, store::Store::Mode::read_only);
  const store::ReportData data = store::load_report_data(store, experiment);
  report::write_report(data, options, path);
  return data.experiment.id;
}

std::string render_report_of(const std::string& db, std::int64_t experiment, const report::ReportOptions& options) {
  report::check_report_options(options);
  const store::Store store = store::Store::open(db, store::Store::Mode::read_only);
  return report::render_report(store::load_report_data(store, experiment), options);
}

std::string summary_text(const std::string& db, std::int64_t experiment, const report::ReportOptions& options) {
  const store::Store store = store::Store::open(db, store::Store::Mode::read_only);
  return report::plain_summary_text(store::load_report_data(store, experiment), options);
}

}  // namespace targetcast::workflow
