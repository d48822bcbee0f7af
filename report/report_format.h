#pragma once
// How a report writes numbers, probabilities and target statuses; shared by the
// HTML, Markdown and CSV writers so that all three say the same thing.
#include <string>
#include <string_view>
#include <vector>

#include "report/report_options.h"
#include "report/report_text.h"

namespace targetcast::report {

enum class TargetStatus { on_track, at_risk, off_track, unknown };

// The traffic light of a P(met) under the report's thresholds; unknown for NaN.
TargetStatus classify(double probability, const ReportOptions& options);
std::string_view status_label(TargetStatus status, const ReportText& text);
std::string_view status_class(TargetStatus status);  // "on-track", "at-risk", "off-track", "unknown" (HTML)

// A value in an indicator's unit: whole numbers without decimals, at most
// three significant figures below 100 ("1520", "12.3", "9.5", "0.46"); "—" for NaN.
std::string format_value(double value);
// Values read side by side (a median and its interval, a row of quantiles):
// the decimals are chosen once, by the largest magnitude in the row (three
// significant figures, none from 100 up), and trailing zeros are dropped only
// where every value can drop them: "53 [43–64]", "9.5 [4.0–18.0]", "204 [94–384]".
std::vector<std::string> format_row(const std::vector<double>& values);
// "median [low–high]" with format_row's shared decimals.
std::string format_range(double median, double low, double high);
// A threshold as the seed file writes it: the shortest decimal that reads back
// as the same number ("59.96", "65.95578", "1500"); never rounded.
std::string format_threshold(double threshold);
// A probability as a percentage with one decimal ("81.2%"); "—" for NaN.
std::string format_percent(double probability);
// A 95% interval of a probability ("78.1%–84.0%").
std::string format_interval(double low, double high);
// A difference of probabilities in percentage points with its sign ("+3.4").
std::string format_points(double difference);
// A threshold with its comparison and unit: "≥ 300 firms" / "≥300家".
std::string format_rule(std::string_view comparison, double threshold, std::string_view unit, std::string_view lang);
// A threshold percentage for the legend: 0.8 → "80", 0.625 → "62.5".
std::string format_threshold_percent(double share);

}  // namespace targetcast::report
