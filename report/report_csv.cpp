#include "report/report_csv.h"

#include <fmt/format.h>

#include "report/plain_summary.h"
#include "report/report_tables.h"
#include "report/report_text.h"

namespace targetcast::report {
namespace {

// "+3.4", "-12", "-0.5%": a signed number, which Excel must keep as a number.
bool is_signed_number(std::string_view text) {
  std::size_t i = 1;
  bool digits = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c != '.' && !(c == '%' && i + 1 == text.size())) {
      return false;
    }
  }
  return digits;
}

}  // namespace

std::string csv_field(std::string_view text) {
  std::string value(text);
  if (!text.empty()) {
    const char first = text.front();
    const bool formula = first == '=' || first == '@' || first == '\t' || first == '\r' ||
                         ((first == '+' || first == '-') && !is_signed_number(text));
    if (formula) value.insert(value.begin(), '\'');
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (const char ch : value) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  return out + "\r\n";
}

std::string render_csv(const store::ReportData& data, const ReportOptions& options) {
  const ReportText& t = report_text(options.lang);
  std::string out(kUtf8Bom);
  out += csv_line({std::string(t.title)});
  out += csv_line({plan_title(data, options), fill(t.subtitle_experiment, "id", std::to_string(data.experiment.id)),
                   fill(t.subtitle_runs, "runs", std::to_string(data.experiment.runs))});
  if (data.experiment.status != "complete") {
    out += csv_line({fill(t.warning_status, "status", stored_term(data.experiment.status, options.lang))});
  }
  // The plain-language summary, one sentence a line, before the tables.
  const std::vector<std::string> summary = plain_summary(data, options);
  if (!summary.empty()) out += csv_line({std::string(t.sec_summary)});
  for (const std::string& sentence : summary) out += csv_line({sentence});
  out += csv_line({joint_sentence(data, options)});
  out += "\r\n";
  for (const ReportTable& table : report_tables(data, options)) {
    out += csv_line({table.title});
    out += csv_line(table.header);
    for (const auto& row : table.rows) out += csv_line(row);
    if (!table.note.empty()) out += csv_line({table.note});
    out += "\r\n";
  }
  return out;
}

}  // namespace targetcast::report
