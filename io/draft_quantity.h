#pragma once
// A number with its unit in normalised document text (io/draft_text.h):
// "1500亿元", "超万亿元" (the 万亿 alone is 1 万亿), "11.02万套", "900多家",
// "30个". Money is returned in 亿元, the unit of every money figure of a plan
// (docs/seed-format.md); counts in their own measure word.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace targetcast::io::draft {

struct Quantity {
  double value = 0.0;
  std::string unit;  // "亿元" for money, else the measure word ("家", "个", "套", "%")
  bool money = false;
  bool rough_floor = false;  // "900多家", "30余个": at least the number
  std::size_t begin = 0;     // bytes of the normalised text
  std::size_t end = 0;
};

// The quantity that starts at byte `pos` (a digit or a 万/亿 multiplier), or
// nothing when no unit follows (a year, "5G", a bare figure).
std::optional<Quantity> read_quantity(std::string_view text, std::size_t pos);

// Every quantity in `text`, left to right.
std::vector<Quantity> find_quantities(std::string_view text);

}  // namespace targetcast::io::draft
