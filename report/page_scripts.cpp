#include "report/page_scripts.h"

namespace targetcast::report {

std::string page_scripts(std::string_view data_id, std::string_view data_json, std::string_view echarts,
                         std::string_view script) {
  std::string out = "<script type=\"application/json\" id=\"";
  out += data_id;
  out += "\">";
  out += data_json;
  out += "</script>\n<script>";
  out += echarts;
  out += "</script>\n<script>";
  out += script;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace targetcast::report
