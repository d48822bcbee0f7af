#pragma once
// The report as the sheets of an Excel workbook (report/xlsx_report.h writes
// them): the same tables as the HTML, Markdown and CSV reports, built from the
// same ReportData, but with every figure kept as a number (a probability
// 0.812 shown as 81.2%, not the text "81.2%") so that a planner can sort,
// filter and compute with it. Intervals that the other formats print as
// "[lo–hi]" get a column per bound for the same reason.
//
// Sheets without data are left out, as the other formats leave out their
// tables: the scenario comparison with a single scenario, the drivers, lever
// and track-record sheets when the database holds no sensitivity analysis,
// solve or backtest of the plan.
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "report/report_options.h"
#include "report/report_table.h"
#include "store/report_data.h"

namespace targetcast::report {

// How a numeric cell is shown (report/xlsx_report.cpp maps each to an Excel
// number format).
enum class CellFormat {
  text,
  whole,    // a count: 1,234
  integer,  // a year, an id or a seed: 2025 (no thousands separator)
  percent,  // a probability or share: 0.812 → 81.2%
  points,   // a difference in percentage points: +3.4
  value,    // a value in an indicator's or lever's unit: 1,520.00
  index,    // a sensitivity index: 0.42
  score,    // a Brier score: 0.123
};

// Background of a cell: the traffic light, or a prior resting on an assumption.
enum class CellTone { plain, on_track, at_risk, off_track, flagged };

struct WorkbookCell {
  std::string text;  // shown when the cell is text, and for a missing number ("—")
  double number = std::numeric_limits<double>::quiet_NaN();
  CellFormat format = CellFormat::text;
  CellTone tone = CellTone::plain;

  bool is_number() const { return format != CellFormat::text && !std::isnan(number); }
};

// A text cell, and a numeric cell (text "—" when `number` is NaN).
WorkbookCell text_cell(std::string text, CellTone tone = CellTone::plain);
WorkbookCell number_cell(double number, CellFormat format, CellTone tone = CellTone::plain);

struct WorkbookRow {
  std::vector<WorkbookCell> cells;
  bool bold = false;  // the whole-plan row
};

// One table of a sheet: a title row, a header row, the rows, then notes.
struct WorkbookTable {
  std::string title;
  std::vector<std::string> header;
  std::vector<WorkbookRow> rows;
  std::vector<std::string> notes;
};

// One sheet. Its first table's title and header rows stay frozen on screen;
// further tables follow under it, an empty row apart (the input files under
// the provenance).
struct WorkbookSheet {
  std::string id;    // the table id of the other formats: "targets", "indicators", ...
  std::string name;  // the sheet's tab in the report's language (at most 31 characters)
  std::vector<WorkbookTable> tables;
};

// Every sheet in the order of the report's tables (report_tables).
// A table headed with the report table's title and note.
WorkbookTable titled(const ReportTable& table);
// A sheet holding one table, named for `id` in the report's language.
WorkbookSheet one_table_sheet(std::string id, WorkbookTable table, const ReportOptions& options);

std::vector<WorkbookSheet> workbook_sheets(const store::ReportData& data, const ReportOptions& options);

// The sheets of "what drives the odds", the track record, the parameters and
// the provenance (report/workbook_more_sheets.cpp).
WorkbookSheet drivers_sheet(const store::ReportData& data, const ReportOptions& options);
WorkbookSheet solves_sheet(const store::ReportData& data, const ReportOptions& options);
WorkbookSheet track_record_sheet(const store::ReportData& data, const ReportOptions& options);
WorkbookSheet parameters_sheet(const store::ReportData& data, const ReportOptions& options);
WorkbookSheet provenance_sheet(const store::ReportData& data, const ReportOptions& options);

// The sheet's tab name for a table id, in the report's language.
std::string sheet_name(std::string_view id, const ReportOptions& options);

// Column widths that fit the sheet's header (which wraps beyond 30) and cells,
// between 6 and 60 characters; a Chinese character counts two
// (report/text_table.h's display_width, as in Excel's character units).
std::vector<double> column_widths(const WorkbookSheet& sheet);

}  // namespace targetcast::report
