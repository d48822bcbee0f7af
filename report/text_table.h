#pragma once
// A small left-aligned text table for the terminal, padded by display width so
// that Chinese and Latin text line up (the tables of simulate, targets,
// compare and scenarios list).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace targetcast::report {

// Display width of UTF-8 text in a terminal (CJK characters count 2).
std::size_t display_width(std::string_view text);

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) { rows_.push_back(std::move(header)); }
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  // The header, a rule of '-', then the rows; trailing spaces trimmed.
  std::string str() const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace targetcast::report
