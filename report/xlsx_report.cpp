#include "report/xlsx_report.h"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>
#include <tuple>

#include "report/report_text.h"
#include "report/workbook_sheets.h"

namespace targetcast::report {
namespace {

constexpr std::size_t kMaxCellBytes = 32767;  // Excel's longest cell text

const char* number_format(CellFormat format) {
  switch (format) {
    case CellFormat::whole:
      return "#,##0";
    case CellFormat::integer:
      return "0";
    case CellFormat::percent:
      return "0.0%";
    case CellFormat::points:
      return "+0.0;-0.0;0.0";
    case CellFormat::value:
      return "#,##0.00";
    case CellFormat::index:
      return "0.00";
    case CellFormat::score:
      return "0.000";
    case CellFormat::text:
      break;
  }
  return "@";
}

lxw_color_t tone_colour(CellTone tone) {
  switch (tone) {
    case CellTone::on_track:
      return 0xC6EFCE;  // green
    case CellTone::at_risk:
      return 0xFFEB9C;  // amber
    case CellTone::off_track:
      return 0xFFC7CE;  // red
    case CellTone::flagged:
      return 0xFFF2CC;  // pale yellow, as the HTML marks an assumption
    case CellTone::plain:
      break;
  }
  return LXW_COLOR_WHITE;
}

// A text cut to Excel's limit at a character boundary.
std::string cell_text(const std::string& text) {
  if (text.size() <= kMaxCellBytes) return text;
  std::size_t end = kMaxCellBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// The open workbook: its formats made once each, every libxlsxwriter error
// turned into an exception, and the workbook freed when one is thrown.
class Workbook {
 public:
  Workbook(const std::string& file, const std::string& shown_path) : path_(shown_path) {
    book_ = workbook_new(file.c_str());
    if (book_ == nullptr) fail(LXW_ERROR_MEMORY_MALLOC_FAILED);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  ~Workbook() {
    if (book_ != nullptr) lxw_workbook_free(book_);
  }

  void check(lxw_error error) const {
    if (error != LXW_NO_ERROR) fail(error);
  }
  [[noreturn]] void fail(lxw_error error) const {
    throw std::runtime_error(fmt::format("cannot write the report {}: {}", path_, lxw_strerror(error)));
  }

  lxw_format* cell_format(CellFormat format, CellTone tone, bool bold) {
    lxw_format*& f = cells_[std::tuple{format, tone, bold}];
    if (f == nullptr) {
      f = workbook_add_format(book_);
      format_set_num_format(f, number_format(format));
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
      if (format == CellFormat::text) format_set_text_wrap(f);
      if (tone != CellTone::plain) format_set_bg_color(f, tone_colour(tone));
      if (bold) format_set_bold(f);
    }
    return f;
  }

  lxw_format* title_format() {
    return style(title_, [](lxw_format* f) { format_set_bold(f), format_set_font_size(f, 13); });
  }
  lxw_format* header_format() {
    return style(header_, [](lxw_format* f) {
      format_set_bold(f);
      format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
      format_set_bottom(f, LXW_BORDER_THIN);
      format_set_bg_color(f, 0xE7E6E6);
    });
  }
  lxw_format* note_format() {
    return style(note_, [](lxw_format* f) { format_set_italic(f); });
  }

  lxw_workbook* get() { return book_; }

  // Writes the file; the workbook is freed whatever happens.
  void close() {
    lxw_workbook* book = book_;
    book_ = nullptr;
    check(workbook_close(book));
  }

 private:
  template <typename Setup>
  lxw_format* style(lxw_format*& f, Setup setup) {
    if (f == nullptr) {
      f = workbook_add_format(book_);
      setup(f);
    }
    return f;
  }

  std::string path_;
  lxw_workbook* book_ = nullptr;
  std::map<std::tuple<CellFormat, CellTone, bool>, lxw_format*> cells_;
  lxw_format *title_ = nullptr, *header_ = nullptr, *note_ = nullptr;
};

lxw_row_t write_table(Workbook& book, lxw_worksheet* sheet, const WorkbookTable& table, lxw_row_t row) {
  const auto text = [&](lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f) {
    if (!s.empty()) book.check(worksheet_write_string(sheet, r, c, cell_text(s).c_str(), f));
  };
  text(row++, 0, table.title, book.title_format());
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    text(row, static_cast<lxw_col_t>(c), table.header[c], book.header_format());
  }
  ++row;
  for (const WorkbookRow& r : table.rows) {
    for (std::size_t c = 0; c < r.cells.size(); ++c) {
      const WorkbookCell& cell = r.cells[c];
      const auto col = static_cast<lxw_col_t>(c);
      if (cell.is_number()) {
        book.check(
            worksheet_write_number(sheet, row, col, cell.number, book.cell_format(cell.format, cell.tone, r.bold)));
      } else if (!cell.text.empty() || cell.tone != CellTone::plain) {
        book.check(worksheet_write_string(sheet, row, col, cell_text(cell.text).c_str(),
                                          book.cell_format(CellFormat::text, cell.tone, r.bold)));
      }
    }
    ++row;
  }
  if (!table.notes.empty()) ++row;  // an empty row keeps the notes out of the table's filter and sort
  for (const std::string& note : table.notes) text(row++, 0, note, book.note_format());
  return row;
}

void write_sheet(Workbook& book, const WorkbookSheet& sheet) {
  lxw_worksheet* ws = workbook_add_worksheet(book.get(), sheet.name.c_str());
  if (ws == nullptr) book.fail(LXW_ERROR_SHEETNAME_ALREADY_USED);
  const std::vector<double> widths = column_widths(sheet);
  for (std::size_t c = 0; c < widths.size(); ++c) {
    book.check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr));
  }
  lxw_row_t row = 0;
  for (std::size_t k = 0; k < sheet.tables.size(); ++k) {
    const WorkbookTable& table = sheet.tables[k];
    const lxw_row_t header = row + 1;
    row = write_table(book, ws, table, row) + 1;
    if (k == 0 && !table.header.empty() && !table.rows.empty()) {
      book.check(worksheet_autofilter(ws, header, 0, static_cast<lxw_row_t>(header + table.rows.size()),
                                      static_cast<lxw_col_t>(table.header.size() - 1)));
    }
  }
  // The title and header stay in view while scrolling, and head every printed page.
  worksheet_freeze_panes(ws, 2, 0);
  book.check(worksheet_repeat_rows(ws, 0, 1));
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
}

void write_workbook(const std::vector<WorkbookSheet>& sheets, const ReportOptions& options, const std::string& file,
                    const std::string& shown_path) {
  Workbook book(file, shown_path);
  const ReportText& t = report_text(options.lang);
  std::string title(t.title);
  lxw_doc_properties properties{};
  properties.title = title.data();
  book.check(workbook_set_properties(book.get(), &properties));
  for (const WorkbookSheet& sheet : sheets) write_sheet(book, sheet);
  book.close();
}

[[noreturn]] void cannot_write(const std::string& path, int error) {
  throw std::runtime_error(fmt::format("cannot write the report {}: {}", path, std::strerror(error)));
}

// Standard output gets the bytes of a workbook written to a private temporary file.
void write_to_stdout(const std::vector<WorkbookSheet>& sheets, const ReportOptions& options) {
  std::string name = (std::filesystem::temp_directory_path() / "targetcast-report-XXXXXX").string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) cannot_write(name, errno);
  ::close(fd);
  try {
    write_workbook(sheets, options, name, "standard output");
    std::ifstream in(name, std::ios::binary);
    std::cout << in.rdbuf() << std::flush;
  } catch (...) {
    std::remove(name.c_str());
    throw;
  }
  std::remove(name.c_str());
}

}  // namespace

void write_xlsx(const store::ReportData& data, const ReportOptions& options, const std::string& path) {
  const std::vector<WorkbookSheet> sheets = workbook_sheets(data, options);
  if (path == "-") return write_to_stdout(sheets, options);
  // Beside the target and renamed over it, so that a reader never sees half a workbook.
  const std::string partial = path + ".partial";
  {
    // libxlsxwriter opens the file only when it closes the workbook: try it
    // first, for the system's own reason when the place is not writable.
    std::ofstream probe(partial, std::ios::binary | std::ios::trunc);
    if (!probe) cannot_write(path, errno);
  }
  try {
    write_workbook(sheets, options, partial, path);
  } catch (...) {
    std::remove(partial.c_str());
    throw;
  }
  if (std::rename(partial.c_str(), path.c_str()) != 0) {
    const int error = errno;
    std::remove(partial.c_str());
    cannot_write(path, error);
  }
}

}  // namespace targetcast::report
