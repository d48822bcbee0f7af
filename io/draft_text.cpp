// Normalisation of a policy document (io/draft_text.h).
#include "io/draft_text.h"

#include <opencc/opencc.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

namespace targetcast::io::draft {

namespace {

struct CodePoint {
  char32_t value;
  std::size_t begin;  // byte offsets in the text it was decoded from
  std::size_t end;
};

// UTF-8 → code points; an invalid byte stands for itself (U+FFFD would lose it).
std::vector<CodePoint> decode(std::string_view s) {
  std::vector<CodePoint> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + len > s.size()) len = 1;
    char32_t v = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len; ++k) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back({v, i, i + len});
    i += len;
  }
  return out;
}

std::string encode(char32_t v) {
  std::string out;
  if (v < 0x80) {
    out += static_cast<char>(v);
  } else if (v < 0x800) {
    out += static_cast<char>(0xC0 | (v >> 6));
    out += static_cast<char>(0x80 | (v & 0x3F));
  } else if (v < 0x10000) {
    out += static_cast<char>(0xE0 | (v >> 12));
    out += static_cast<char>(0x80 | ((v >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (v & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (v >> 18));
    out += static_cast<char>(0x80 | ((v >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((v >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (v & 0x3F));
  }
  return out;
}

// Full-width forms (U+FF01..U+FF5E) and the ideographic space → ASCII. The
// Chinese full stop 。 and the enumeration comma 、 stay: they carry meaning
// (sentence end, list item) that no ASCII sign has.
char32_t half_width(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  if (c == 0x3000) return U' ';
  return c;
}

int digit_of(char32_t c) {
  switch (c) {
    case U'零':
    case U'〇':
      return 0;
    case U'一':
      return 1;
    case U'二':
    case U'两':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return -1;
  }
}

int power_of(char32_t c) {
  return c == U'十' ? 10 : c == U'百' ? 100 : c == U'千' ? 1000 : 0;
}

bool is_numeral(char32_t c) {
  return digit_of(c) >= 0 || power_of(c) > 0;
}

// Measure words and multipliers after which a numeral run is a number (七家,
// 两万, 三个); elsewhere (一流, 统一, 十四五) the characters are words.
bool counts_after(char32_t c) {
  static const std::u32string kWords = U"家个项所座套台件名人条批类种支只万亿元倍";
  return kWords.find(c) != std::u32string::npos;
}

using Converter = std::unique_ptr<void, int (*)(opencc_t)>;

Converter open_t2s() {
  opencc_t handle = opencc_open("t2s.json");
  if (handle == reinterpret_cast<opencc_t>(-1)) {
    throw std::runtime_error(std::string("cannot open OpenCC's t2s conversion (libopencc-dev data): ") +
                             opencc_error());
  }
  return Converter(handle, opencc_close);
}

std::string convert(opencc_t handle, std::string_view text) {
  char* out = opencc_convert_utf8(handle, text.data(), text.size());
  if (out == nullptr) return std::string(text);
  std::string result(out);
  opencc_convert_utf8_free(out);
  return result;
}

// Simplified code points, one per original code point: the whole line is
// converted at once (OpenCC converts phrases better than characters); where a
// phrase changes the number of characters, that line is converted character by
// character so that the mapping back to the original stays exact.
std::vector<char32_t> simplified_code_points(opencc_t handle, const std::string& original,
                                             const std::vector<CodePoint>& cps) {
  std::vector<char32_t> out;
  out.reserve(cps.size());
  std::size_t i = 0;
  while (i < cps.size()) {
    std::size_t j = i;
    while (j < cps.size() && cps[j].value != U'\n') ++j;
    const std::size_t line_end = j < cps.size() ? j + 1 : j;
    const std::string_view line(original.data() + cps[i].begin, cps[line_end - 1].end - cps[i].begin);
    const std::vector<CodePoint> converted = decode(convert(handle, line));
    if (converted.size() == line_end - i) {
      for (const CodePoint& c : converted) out.push_back(c.value);
    } else {
      for (std::size_t k = i; k < line_end; ++k) {
        const std::string_view one(original.data() + cps[k].begin, cps[k].end - cps[k].begin);
        const std::vector<CodePoint> c = decode(convert(handle, one));
        out.push_back(c.size() == 1 ? c[0].value : cps[k].value);
      }
    }
    i = line_end;
  }
  return out;
}

}  // namespace

std::string to_simplified(std::string_view text) {
  const Converter handle = open_t2s();
  return convert(handle.get(), text);
}

long long chinese_numeral_value(std::string_view run) {
  const std::vector<CodePoint> cps = decode(run);
  if (cps.empty()) return -1;
  long long total = 0;
  long long digit = -1;
  for (const CodePoint& c : cps) {
    if (const int d = digit_of(c.value); d >= 0) {
      digit = d;
    } else if (const int p = power_of(c.value); p > 0) {
      total += (digit < 0 ? 1 : digit) * p;
      digit = -1;
    } else {
      return -1;
    }
  }
  return total + (digit < 0 ? 0 : digit);
}

NormalisedText::NormalisedText(std::string original) : original_(std::move(original)) {
  const std::vector<CodePoint> cps = decode(original_);
  const Converter handle = open_t2s();
  std::vector<char32_t> chars = simplified_code_points(handle.get(), original_, cps);
  for (char32_t& c : chars) c = half_width(c);
  std::size_t i = 0;
  while (i < chars.size()) {
    std::size_t j = i;
    while (j < chars.size() && is_numeral(chars[j])) ++j;
    // 一批, 一种, 一类: "a number of", "a kind of", not one.
    const bool idiom = j == i + 1 && chars[i] == U'一' && j < chars.size() &&
                       (chars[j] == U'批' || chars[j] == U'种' || chars[j] == U'类');
    if (j > i && j < chars.size() && counts_after(chars[j]) && !idiom) {
      std::string run;
      for (std::size_t k = i; k < j; ++k) run += encode(chars[k]);
      const long long value = chinese_numeral_value(run);
      if (value >= 0) {
        append(std::to_string(value), {cps[i].begin, cps[j - 1].end});
        i = j;
        continue;
      }
    }
    const std::size_t stop = j > i ? j : i + 1;
    for (std::size_t k = i; k < stop; ++k) append(encode(chars[k]), {cps[k].begin, cps[k].end});
    i = stop;
  }
}

void NormalisedText::append(std::string_view bytes, Span from) {
  text_ += bytes;
  origin_.insert(origin_.end(), bytes.size(), from);
}

std::string NormalisedText::original_span(std::size_t begin, std::size_t end) const {
  if (begin >= end || end > origin_.size()) return {};
  const std::size_t from = origin_[begin].begin;
  const std::size_t to = origin_[end - 1].end;
  return to > from ? original_.substr(from, to - from) : std::string();
}

}  // namespace targetcast::io::draft
