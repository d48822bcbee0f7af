#include "report/report_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace targetcast::report {
namespace {
constexpr const char* kMissing = "—";
}

TargetStatus classify(double probability, const ReportOptions& options) {
  if (std::isnan(probability)) return TargetStatus::unknown;
  if (probability >= options.on_track) return TargetStatus::on_track;
  if (probability >= options.at_risk) return TargetStatus::at_risk;
  return TargetStatus::off_track;
}

std::string_view status_label(TargetStatus status, const ReportText& text) {
  switch (status) {
    case TargetStatus::on_track:
      return text.on_track;
    case TargetStatus::at_risk:
      return text.at_risk;
    case TargetStatus::off_track:
      return text.off_track;
    case TargetStatus::unknown:
      break;
  }
  return text.no_result;
}

std::string_view status_class(TargetStatus status) {
  switch (status) {
    case TargetStatus::on_track:
      return "on-track";
    case TargetStatus::at_risk:
      return "at-risk";
    case TargetStatus::off_track:
      return "off-track";
    case TargetStatus::unknown:
      break;
  }
  return "unknown";
}

std::string format_value(double value) {
  if (std::isnan(value)) return kMissing;
  const double a = std::abs(value);
  if (a >= 100.0 || value == std::round(value)) return fmt::format("{:.0f}", value);
  std::string text = a >= 10.0 ? fmt::format("{:.1f}", value) : fmt::format("{:.2f}", value);
  while (text.back() == '0') text.pop_back();  // "9.50" → "9.5": three significant figures at most
  if (text.back() == '.') text.pop_back();     // 9.9996 rounds to "10.00": "10", not "10."
  return text;
}

namespace {

// Decimals that give the largest magnitude three significant figures.
int row_decimals(const std::vector<double>& values) {
  double largest = 0.0;
  bool whole = true;
  for (const double v : values) {
    if (std::isnan(v)) continue;
    largest = std::max(largest, std::abs(v));
    whole = whole && v == std::round(v);
  }
  if (whole || largest >= 100.0) return 0;
  if (largest >= 10.0) return 1;
  if (largest >= 1.0) return 2;
  if (largest == 0.0) return 0;
  // Below one: three significant figures of the largest (0.0123 → 4 decimals).
  return std::min(8, 2 - static_cast<int>(std::floor(std::log10(largest))));
}

}  // namespace

std::vector<std::string> format_row(const std::vector<double>& values) {
  const int decimals = row_decimals(values);
  std::vector<std::string> texts;
  for (const double v : values) texts.push_back(std::isnan(v) ? kMissing : fmt::format("{:.{}f}", v, decimals));
  // Drop a trailing zero from every value while all of them end in one.
  const auto droppable = [](const std::string& t) {
    return t == kMissing || (t.find('.') != std::string::npos && t.back() == '0');
  };
  for (int k = 0; k < decimals && std::all_of(texts.begin(), texts.end(), droppable); ++k) {
    for (std::string& t : texts) {
      if (t == kMissing) continue;
      t.pop_back();
      if (t.back() == '.') t.pop_back();
    }
  }
  return texts;
}

std::string format_range(double median, double low, double high) {
  const std::vector<std::string> t = format_row({median, low, high});
  return fmt::format("{} [{}–{}]", t[0], t[1], t[2]);
}

std::string format_threshold(double threshold) {
  if (std::isnan(threshold)) return kMissing;
  return fmt::format("{}", threshold);
}

std::string format_percent(double probability) {
  if (std::isnan(probability)) return kMissing;
  return fmt::format("{:.1f}%", 100.0 * probability);
}

std::string format_interval(double low, double high) {
  if (std::isnan(low) || std::isnan(high)) return kMissing;
  return fmt::format("{:.1f}%–{:.1f}%", 100.0 * low, 100.0 * high);
}

std::string format_points(double difference) {
  if (std::isnan(difference)) return kMissing;
  const double points = 100.0 * difference;
  // "−0.0" would read as a loss; a difference that rounds to zero is "0.0".
  if (std::abs(points) < 0.05) return "0.0";
  return fmt::format("{:+.1f}", points);
}

std::string format_rule(std::string_view comparison, double threshold, std::string_view unit, std::string_view lang) {
  const std::string_view sign = comparison == ">" ? ">" : "≥";
  if (lang == "zh") return fmt::format("{}{}{}", sign, format_threshold(threshold), unit);
  // "≥ 1500 (100 million yuan)": a unit that begins with a number would read as part of the value.
  if (!unit.empty() && unit.front() >= '0' && unit.front() <= '9') {
    return fmt::format("{} {} ({})", sign, format_threshold(threshold), unit);
  }
  return fmt::format("{} {} {}", sign, format_threshold(threshold), unit);
}

std::string format_threshold_percent(double share) {
  const double percent = 100.0 * share;
  if (percent == std::round(percent)) return fmt::format("{:.0f}", percent);
  return fmt::format("{}", percent);
}

}  // namespace targetcast::report
