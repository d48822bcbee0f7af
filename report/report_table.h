#pragma once
// One table of a report: title, header, rows and the styling hints the HTML
// page uses; every writer (HTML, Markdown, CSV) prints the same rows.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace targetcast::report {

struct ReportTable {
  ReportTable() = default;
  ReportTable(std::string table_id, std::string_view table_title) : id(std::move(table_id)), title(table_title) {}

  std::string id;     // stable key: "targets", "scenarios", ... (HTML id, CSV section)
  std::string title;  // in the report's language
  std::vector<std::string> header;
  std::vector<bool> numeric;  // per column: right-aligned numbers
  std::vector<std::vector<std::string>> rows;
  // Per row, for HTML styling only: "on-track", "at-risk", "off-track",
  // "flagged" (an assumption), "joint" (the whole-plan row), or "".
  std::vector<std::string> row_class;
  std::string note;         // a sentence under the table ("" for none)
  int status_column = -1;   // column of the traffic light (HTML draws it as a coloured label), -1 = none
  int subline_column = -1;  // HTML shows this column as a second line under the one before it, -1 = none

  void column(std::string_view heading, bool is_numeric = false);
  void add(std::vector<std::string> row, std::string css = {});
};

}  // namespace targetcast::report
