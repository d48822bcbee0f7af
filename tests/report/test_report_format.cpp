// Tests of report/report_format.h: one rule for the numbers of every output
// (issue 16, item 2). Thresholds read as the seed file writes them; values
// read side by side share their decimals.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "report/report_format.h"

namespace report = targetcast::report;

TEST_CASE("a threshold prints as the seed file writes it, never rounded", "[report][format]") {
  // Dongguan's two money targets (seeds/dongguan-ai.toml) printed "≥ 60." and "≥ 66.".
  CHECK(report::format_threshold(59.96) == "59.96");
  CHECK(report::format_threshold(65.95578) == "65.95578");
  CHECK(report::format_threshold(1500) == "1500");
  CHECK(report::format_threshold(0.3) == "0.3");
  CHECK(report::format_rule(">=", 59.96, "100 million yuan", "en") == "≥ 59.96 (100 million yuan)");
  CHECK(report::format_rule(">=", 59.96, "亿元", "zh") == "≥59.96亿元");
  CHECK(report::format_rule(">", 300, "firms", "en") == "> 300 firms");
}

TEST_CASE("values read together share their decimals, chosen by the largest", "[report][format]") {
  // The uneven forms of issue 16: "53 [43-64.0]", "9.50 [4-18.0]", "204 [94.0-384]".
  CHECK(report::format_range(53, 43, 63.96) == "53 [43–64]");
  CHECK(report::format_range(9.5, 4, 18) == "9.5 [4.0–18.0]");
  CHECK(report::format_range(204, 94.04, 384) == "204 [94–384]");
  CHECK(report::format_range(0.46, 0.123, 0.912) == "0.460 [0.123–0.912]");
  CHECK(report::format_range(2, 1, 3) == "2 [1–3]");
  CHECK(report::format_range(1.5, 1.25, 2.5) == "1.50 [1.25–2.50]");
  const std::vector<std::string> row = report::format_row({12.25, std::nan(""), 30.5});
  CHECK(row == std::vector<std::string>{"12.2", "—", "30.5"});
}
