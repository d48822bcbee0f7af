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

namespace targetcast::report {

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "html") return ReportFormat::html;
  if (name == "md" || name == "markdown") return ReportFormat::markdown;
  if (name == "csv") return ReportFormat::csv;
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
  return ReportFormat::html;
}

std::string_view report_extension(ReportFormat format) {
  switch (format) {
    case ReportFormat::markdown:
      return "md";
    case ReportFormat::csv:
      return "csv";
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

std::string render_report(const store::ReportData& data, const ReportOptions& options) {
  check_report_options(options);
  switch (options.format) {
    case ReportFormat::markdown:
      return render_markdown(data, options);
    case ReportFormat::csv:
      return render_csv(data, options);
    case ReportFormat::html:
      break;
  }
  return render_html(data, options);
}

void write_report(const store::ReportData& data, const ReportOptions& options, const std::string& path) {
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
