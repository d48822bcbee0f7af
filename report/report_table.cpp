#include "report/report_table.h"

namespace targetcast::report {

void ReportTable::column(std::string_view heading, bool is_numeric) {
  header.emplace_back(heading);
  numeric.push_back(is_numeric);
}

void ReportTable::add(std::vector<std::string> row, std::string css) {
  rows.push_back(std::move(row));
  row_class.push_back(std::move(css));
}

}  // namespace targetcast::report
