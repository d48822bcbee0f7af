#pragma once
// The report as Markdown (CommonMark with GitHub tables), for pasting into
// documents: the same tables as the HTML report, without the charts.
#include <string>
#include <string_view>

#include "report/report_options.h"
#include "report/report_tables.h"
#include "store/report_data.h"

namespace targetcast::report {

// Text for a Markdown table cell: characters Markdown would read as markup or
// HTML (\ ` * [ ] < > | & ~) are backslash-escaped, line breaks become spaces.
// A title <script>alert(1)</script> is shown as text by every renderer.
std::string markdown_escape(std::string_view text);

// One table: the header, the alignment row and the rows.
std::string markdown_table(const ReportTable& table);

std::string render_markdown(const store::ReportData& data, const ReportOptions& options);

}  // namespace targetcast::report
