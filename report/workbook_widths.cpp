// Column widths of a workbook sheet (report/workbook_sheets.h).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/text_table.h"
#include "report/workbook_sheets.h"

namespace targetcast::report {
namespace {

constexpr std::size_t kHeaderWrap = 30;  // a longer header wraps onto further lines
constexpr double kMinWidth = 6.0, kMaxWidth = 60.0;

// The characters a number shows in its format: "81.2%", "+3.4", "1,520.00".
std::size_t number_width(const WorkbookCell& cell) {
  const double a = std::abs(cell.number);
  const std::size_t digits = a >= 1.0 ? static_cast<std::size_t>(std::floor(std::log10(a))) + 1 : 1;
  const std::size_t grouped = digits + (digits - 1) / 3;  // thousands separators
  switch (cell.format) {
    case CellFormat::percent:
      return 6;
    case CellFormat::points:
      return 6;
    case CellFormat::integer:
      return digits;
    case CellFormat::whole:
      return grouped;
    case CellFormat::value:
      return grouped + 3;
    case CellFormat::index:
      return 4;
    case CellFormat::score:
      return 5;
    case CellFormat::text:
      break;
  }
  return 0;
}

}  // namespace

std::vector<double> column_widths(const WorkbookSheet& sheet) {
  std::vector<std::size_t> widest;
  const auto widen = [&](std::size_t column, std::size_t width) {
    if (widest.size() <= column) widest.resize(column + 1, 0);
    widest[column] = std::max(widest[column], width);
  };
  for (const WorkbookTable& table : sheet.tables) {
    for (std::size_t c = 0; c < table.header.size(); ++c)
      widen(c, std::min(kHeaderWrap, display_width(table.header[c])));
    for (const WorkbookRow& row : table.rows) {
      for (std::size_t c = 0; c < row.cells.size(); ++c) {
        const WorkbookCell& cell = row.cells[c];
        widen(c, cell.is_number() ? number_width(cell) : display_width(cell.text));
      }
    }
  }
  std::vector<double> widths;
  for (const std::size_t w : widest) widths.push_back(std::clamp(static_cast<double>(w) + 2.0, kMinWidth, kMaxWidth));
  return widths;
}

}  // namespace targetcast::report
