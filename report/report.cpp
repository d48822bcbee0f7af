#include "report/report.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "report/report_csv.h"
#include "report/report_html.h"
#include "report/report_markdown.h"
#include "report/xlsx_report.h"

namespace targetcast::report {

std::string render_report(const store::ReportData& data, const ReportOptions& options) {
  check_report_options(options);
  switch (options.format) {
    case ReportFormat::markdown:
      return render_markdown(data, options);
    case ReportFormat::csv:
      return render_csv(data, options);
    case ReportFormat::xlsx:
      throw std::invalid_argument("an Excel workbook is written to a file (write_report), not rendered as text");
    case ReportFormat::html:
      break;
  }
  return render_html(data, options);
}

void write_report(const store::ReportData& data, const ReportOptions& options, const std::string& path) {
  if (options.format == ReportFormat::xlsx) {
    check_report_options(options);
    return write_xlsx(data, options, path);
  }
  const std::string content = render_report(data, options);
  if (path == "-") {
    std::cout << content << std::flush;
    return;
  }
  // Written beside the target and renamed over it, so that a reader never sees half a report.
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(fmt::format("cannot write the report {}: {}", partial, std::strerror(errno)));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) throw std::runtime_error(fmt::format("cannot write the report {}: {}", partial, std::strerror(errno)));
  }
  if (std::rename(partial.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(partial.c_str());
    throw std::runtime_error(fmt::format("cannot write the report {}: {}", path, why));
  }
}

}  // namespace targetcast::report
