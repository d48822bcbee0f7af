// Numbers with units in normalised text (io/draft_quantity.h).
#include "io/draft_quantity.h"

#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace targetcast::io::draft {

namespace {

bool starts(std::string_view text, std::size_t pos, std::string_view word) {
  return text.substr(pos, word.size()) == word;
}

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// Measure words of counts, longest first where one begins another.
constexpr std::array<std::string_view, 18> kMeasureWords = {"家", "个", "项", "所", "座", "套", "台", "件", "名",
                                                            "人", "条", "批", "类", "种", "支", "只", "倍", "%"};

struct Multiplier {
  std::string_view word;
  double factor;
};
constexpr std::array<Multiplier, 4> kMultipliers = {{{"万亿", 1e12}, {"亿", 1e8}, {"万", 1e4}, {"千", 1e3}}};

bool skip_word(std::string_view text, std::size_t& pos, std::string_view word) {
  if (!starts(text, pos, word)) return false;
  pos += word.size();
  return true;
}

}  // namespace

std::optional<Quantity> read_quantity(std::string_view text, std::size_t pos) {
  Quantity q;
  q.begin = pos;
  std::size_t i = pos;
  while (i < text.size() &&
         (is_digit(text[i]) || (text[i] == '.' && i > pos && i + 1 < text.size() && is_digit(text[i + 1])))) {
    ++i;
  }
  const bool has_digits = i > pos;
  double number = has_digits ? std::stod(std::string(text.substr(pos, i - pos))) : 1.0;
  // A year ("2025年") is not a quantity.
  if (has_digits && starts(text, i, "年")) return std::nullopt;
  if (skip_word(text, i, "多") || skip_word(text, i, "余")) q.rough_floor = true;
  double factor = 1.0;
  for (const Multiplier& m : kMultipliers) {
    if (skip_word(text, i, m.word)) {
      factor = m.factor;
      break;
    }
  }
  if (!has_digits && factor < 1e4) return std::nullopt;  // "千" alone is a word (千家万户)
  if (skip_word(text, i, "多") || skip_word(text, i, "余")) q.rough_floor = true;
  if (skip_word(text, i, "元")) {
    q.money = true;
    q.unit = "亿元";
    q.value = number * factor / 1e8;
  } else {
    bool found = false;
    for (std::string_view w : kMeasureWords) {
      if (skip_word(text, i, w)) {
        q.unit = std::string(w);
        found = true;
        break;
      }
    }
    if (!found) return std::nullopt;
    q.value = q.unit == "%" ? number / 100.0 : number * factor;
  }
  q.end = i;
  return q;
}

std::vector<Quantity> find_quantities(std::string_view text) {
  std::vector<Quantity> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const bool digit_start = is_digit(text[i]) && (i == 0 || (!is_digit(text[i - 1]) && text[i - 1] != '.'));
    // "超万亿元": 万亿 with no digit is one 万亿. (A lone 亿 or 万 is read only
    // after digits: "亿元级企业" is a word, not a figure.)
    const bool multiplier_start = starts(text, i, "万亿");
    if (digit_start || multiplier_start) {
      if (auto q = read_quantity(text, i)) {
        i = q->end;
        out.push_back(*q);
        continue;
      }
    }
    ++i;
  }
  return out;
}

}  // namespace targetcast::io::draft
