#include "report/report_options.h"

#include <fmt/format.h>

#include <stdexcept>

namespace targetcast::report {

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "html") return ReportFormat::html;
  if (name == "md" || name == "markdown") return ReportFormat::markdown;
  if (name == "csv") return ReportFormat::csv;
  if (name == "xlsx") return ReportFormat::xlsx;
  return std::nullopt;
}

ReportFormat report_format_for_path(std::string_view path) {
  const auto ends_with = [&](std::string_view ext) {
    if (path.size() < ext.size()) return false;
    const std::string_view tail = path.substr(path.size() - ext.size());
    for (std::size_t i = 0; i < ext.size(); ++i) {
      const char c = tail[i] >= 'A' && tail[i] <= 'Z' ? static_cast<char>(tail[i] - 'A' + 'a') : tail[i];
      if (c != ext[i]) return false;
    }
    return true;
  };
  if (ends_with(".md") || ends_with(".markdown")) return ReportFormat::markdown;
  if (ends_with(".csv")) return ReportFormat::csv;
  if (ends_with(".xlsx")) return ReportFormat::xlsx;
  return ReportFormat::html;
}

std::string_view report_extension(ReportFormat format) {
  switch (format) {
    case ReportFormat::markdown:
      return "md";
    case ReportFormat::csv:
      return "csv";
    case ReportFormat::xlsx:
      return "xlsx";
    case ReportFormat::html:
      break;
  }
  return "html";
}

void check_report_options(const ReportOptions& options) {
  if (options.lang != "en" && options.lang != "zh") {
    throw std::invalid_argument(fmt::format("report language '{}': expected en or zh", options.lang));
  }
  if (!(options.at_risk >= 0.0 && options.at_risk <= options.on_track && options.on_track <= 1.0)) {
    throw std::invalid_argument(
        fmt::format("traffic-light thresholds: expected 0 <= at-risk <= on-track <= 1, got at-risk {} and on-track {}",
                    options.at_risk, options.on_track));
  }
}

}  // namespace targetcast::report
