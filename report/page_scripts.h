#pragma once
// The end of a self-contained page (the HTML report, the workbench): its data
// as a JSON <script> element, then Apache ECharts and the page's own script
// inlined verbatim — their Content-Security-Policy hashes (csp_hash) are of
// these exact bytes — and the closing tags. Neither script holds "</script"
// (checked by the tests).
#include <string>
#include <string_view>

namespace targetcast::report {

std::string page_scripts(std::string_view data_id, std::string_view data_json, std::string_view echarts,
                         std::string_view script);

}  // namespace targetcast::report
