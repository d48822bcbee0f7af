#pragma once
// The report as CSV for Excel: UTF-8 with a byte-order mark (so that Excel
// reads Chinese text correctly), RFC 4180 quoting and CRLF line ends. The
// tables of the report follow each other, each under a title row and
// separated by an empty line.
#include <string>
#include <string_view>
#include <vector>

#include "report/report_options.h"
#include "store/report_data.h"

namespace targetcast::report {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF (quotes
// doubled). A field that Excel would run as a formula (starting with = @, a
// tab or CR, or + or - not followed by a number) is prefixed with ' so that a
// hostile title cannot become a formula.
std::string csv_field(std::string_view text);
// Fields joined by commas, ended by CRLF.
std::string csv_line(const std::vector<std::string>& fields);

std::string render_csv(const store::ReportData& data, const ReportOptions& options);

}  // namespace targetcast::report
