#pragma once
// The text of a policy document made comparable before a draft plan is read
// from it (targetcast draft-plan, docs/draft-plan.md): traditional characters
// become simplified (OpenCC t2s), full-width digits, letters and punctuation
// become ASCII, and Chinese numerals in front of a measure word become digits
// (七家 → 7家, 两万 → 2万). Mirrors of one plan come in all these forms; the
// patterns of io/draft_extract.h are written once, for the normalised form.
//
// Every byte of the normalised text remembers the span of the original it came
// from, so that a quote is always cut from the ORIGINAL document, byte for
// byte, whatever was changed to find it.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace targetcast::io::draft {

class NormalisedText {
 public:
  explicit NormalisedText(std::string original);

  const std::string& text() const { return text_; }
  const std::string& original() const { return original_; }
  // The original bytes behind normalised bytes [begin, end).
  std::string original_span(std::size_t begin, std::size_t end) const;

 private:
  struct Span {
    std::size_t begin;
    std::size_t end;
  };
  void append(std::string_view bytes, Span from);

  std::string original_;
  std::string text_;
  std::vector<Span> origin_;  // one per byte of text_
};

// Traditional → simplified Chinese (OpenCC's t2s configuration); other text is
// unchanged. Throws std::runtime_error when OpenCC's data cannot be opened.
std::string to_simplified(std::string_view text);

// The value of a run of Chinese numerals ("七" → 7, "二十三" → 23, "一千五百" →
// 1500, "两" → 2), or -1 when `run` is not one.
long long chinese_numeral_value(std::string_view run);

}  // namespace targetcast::io::draft
