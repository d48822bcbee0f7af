#include "store/trajectory_json.h"

#include <charconv>
#include <cmath>

namespace targetcast::store {

void append_trajectory_value(std::string& json, double value) {
  if (std::isnan(value)) {
    json += "null";
    return;
  }
  if (std::isinf(value)) {
    json += value > 0 ? "9e999" : "-9e999";
    return;
  }
  if (value == 0) value = 0.0;  // drops the sign of −0
  // std::to_chars without a precision: the shortest text that reads back as
  // `value` exactly (24 characters cover every double).
  char buffer[32];
  json.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

}  // namespace targetcast::store
