#include "io/observations_csv.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "model/spec_error.h"

namespace targetcast::io {
namespace {

using calibration::Measure;
using calibration::Observation;

enum class Column { region, indicator, year, measure, value, relative_sd, source, quote, note, definition, definition_sd };
constexpr std::array<std::pair<std::string_view, Column>, 11> kColumns{{{"region", Column::region},
                                                                        {"indicator", Column::indicator},
                                                                        {"year", Column::year},
                                                                        {"measure", Column::measure},
                                                                        {"value", Column::value},
                                                                        {"relative_sd", Column::relative_sd},
                                                                        {"source", Column::source},
                                                                        {"quote", Column::quote},
                                                                        {"note", Column::note},
                                                                        {"definition", Column::definition},
                                                                        {"definition_sd", Column::definition_sd}}};

bool required(Column c) {
  return c != Column::measure && c != Column::note && c != Column::definition && c != Column::definition_sd;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits one line into fields (RFC 4180 quoting). Empty optional when a quote is left open.
std::optional<std::vector<std::string>> split(std::string_view line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted) {
      if (ch != '"') {
        field += ch;
      } else if (i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (ch == '"' && trim(field).empty()) {
      quoted = was_quoted = true;
      field.clear();
    } else if (ch == ',') {
      fields.push_back(was_quoted ? field : std::string(trim(field)));
      field.clear();
      was_quoted = false;
    } else {
      field += ch;
    }
  }
  if (quoted) return std::nullopt;
  fields.push_back(was_quoted ? field : std::string(trim(field)));
  return fields;
}

std::optional<double> parse_number(std::string_view s) {
  double v = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<int> parse_year(std::string_view s) {
  int v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < 1900 || v > 2200) return std::nullopt;
  return v;
}

// Problems of one file, each with its line and column.
struct Problems {
  const std::string& file;
  std::vector<model::Problem> list;

  void add(int line, std::string column, std::string message) {
    list.push_back(model::Problem{file, line, std::move(column), std::move(message)});
  }
};

// The header row: the column of each field. Unknown, repeated and missing
// columns are problems.
std::vector<std::optional<Column>> read_header(const std::vector<std::string>& fields, int line_no,
                                               Problems& problems) {
  std::vector<std::optional<Column>> header;
  std::array<bool, kColumns.size()> present{};
  for (const std::string& name : fields) {
    std::optional<Column> column;
    for (std::size_t c = 0; c < kColumns.size(); ++c) {
      if (kColumns[c].first == name) {
        if (present[c]) problems.add(line_no, name, "this column appears twice in the header");
        present[c] = true;
        column = kColumns[c].second;
      }
    }
    if (!column) {
      std::vector<std::string_view> names;
      for (const auto& [known, c] : kColumns) names.push_back(known);
      problems.add(line_no, name,
                   "unknown column (its values are not read)" + model::did_you_mean(name, names) +
                       "; the columns are region, indicator, year, measure, value, relative_sd, source, quote, note, "
                       "definition, definition_sd");
    }
    header.push_back(column);
  }
  for (std::size_t c = 0; c < kColumns.size(); ++c) {
    if (!present[c] && required(kColumns[c].second)) {
      problems.add(line_no, std::string(kColumns[c].first), "missing column: the header must name it");
    }
  }
  return header;
}

// The fields of a data row that still need converting (views into the row).
struct RowText {
  std::string_view year, value, relative_sd, measure = "level", definition_sd;
};

// Copies the text columns of a row into `o`; returns the others.
RowText assign_fields(const std::vector<std::optional<Column>>& header, const std::vector<std::string>& fields,
                      Observation& o) {
  RowText row;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string& f = fields[i];
    if (!header[i]) continue;  // an unknown column, reported with the header
    switch (*header[i]) {
      case Column::region:
        o.region = f;
        break;
      case Column::indicator:
        o.indicator = f;
        break;
      case Column::year:
        row.year = f;
        break;
      case Column::measure:
        row.measure = f.empty() ? std::string_view("level") : std::string_view(f);
        break;
      case Column::value:
        row.value = f;
        break;
      case Column::relative_sd:
        row.relative_sd = f;
        break;
      case Column::source:
        o.source = f;
        break;
      case Column::quote:
        o.quote = f;
        break;
      case Column::note:
        o.note = f;
        break;
      case Column::definition:
        o.definition = f;
        break;
      case Column::definition_sd:
        row.definition_sd = f;
        break;
    }
  }
  return row;
}

// Checks the row's texts and converts its numbers into `o`; every problem is added.
void check_row(const RowText& row, int line_no, Observation& o, Problems& problems) {
  if (o.region.empty()) problems.add(line_no, "region", "empty: name the plan's region (e.g. guangdong)");
  if (o.indicator.empty()) problems.add(line_no, "indicator", "empty: name an indicator of the plan");
  if (o.source.empty()) {
    problems.add(line_no, "source", "empty: every figure names its source document or publication");
  }
  if (const auto m = calibration::find_measure(row.measure)) {
    o.measure = *m;
  } else {
    problems.add(line_no, "measure", "'" + std::string(row.measure) + "' is not one of level, floor, growth");
  }
  if (const auto y = parse_year(row.year)) {
    o.year = *y;
  } else {
    problems.add(line_no, "year", "'" + std::string(row.year) + "' is not a year (a whole number such as 2021)");
  }
  if (const auto v = parse_number(row.value)) {
    o.value = *v;
    if (o.measure == Measure::growth && !(o.value > -1.0)) {
      problems.add(line_no, "value", "a growth rate must be above -1 (-100%), got " + std::string(row.value));
    } else if (o.measure != Measure::growth && !(o.value > 0.0)) {
      problems.add(line_no, "value",
                   "must be a number > 0 (the distance compares logarithms), got " + std::string(row.value));
    }
  } else {
    problems.add(line_no, "value", "'" + std::string(row.value) + "' is not a number");
  }
  if (!o.definition.empty()) {
    if (const auto sd = parse_number(row.definition_sd); sd && *sd > 0.0 && *sd <= 5.0) {
      o.definition_sd = *sd;
    } else {
      problems.add(line_no, "definition_sd",
                   "a figure under another definition needs the log-sd of its ratio to the plan's definition, a "
                   "number in (0, 5] (0.5 = the two may differ by a factor of about 1.6), got '" +
                       std::string(row.definition_sd) + "'");
    }
  } else if (!row.definition_sd.empty()) {
    problems.add(line_no, "definition", "empty, but definition_sd is given: name the definition the figure uses");
  }
  if (const auto sd = parse_number(row.relative_sd); sd && *sd > 0.0 && *sd <= 5.0) {
    o.relative_sd = *sd;
  } else {
    problems.add(line_no, "relative_sd",
                 "must be a number in (0, 5] (0.05 = ±5%: the figure's measurement uncertainty), got '" +
                     std::string(row.relative_sd) + "'");
  }
}

}  // namespace

ObservationFile read_observations(const SourceFile& file) {
  Problems problems{file.path, {}};
  std::string_view text = file.content;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte-order mark

  std::vector<std::optional<Column>> header;
  std::vector<Observation> out;
  std::map<std::tuple<std::string, std::string, std::string, int, Measure>, int> seen;
  int line_no = 0;
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    if (line.ends_with('\r')) line.remove_suffix(1);  // CRLF line ends
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    ++line_no;
    if (trim(line).empty() || trim(line).front() == '#') continue;
    const auto fields = split(line);
    if (!fields) {
      problems.add(line_no, "", "a quoted field is not closed (a field may not span lines)");
      continue;
    }
    if (header.empty()) {
      header = read_header(*fields, line_no, problems);
      // Without a required column no row can be read; an unknown one is skipped.
      const bool complete = std::none_of(problems.list.begin(), problems.list.end(), [](const model::Problem& p) {
        return p.message.starts_with("missing column");
      });
      if (!complete) return {{}, std::move(problems.list)};
      continue;
    }
    if (fields->size() != header.size()) {
      problems.add(line_no, "",
                   "this row has " + std::to_string(fields->size()) + " fields but the header names " +
                       std::to_string(header.size()) + " columns (quote a field that holds a comma)");
      continue;
    }
    Observation o;
    o.file = file.path;
    o.line = line_no;
    const std::size_t before = problems.list.size();
    check_row(assign_fields(header, *fields, o), line_no, o, problems);
    if (problems.list.size() != before) continue;
    const auto key = std::make_tuple(o.region, o.indicator, o.definition, o.year, o.measure);
    if (auto [it, fresh] = seen.emplace(key, line_no); !fresh) {
      problems.add(line_no, "year",
                   "duplicate row: " + o.indicator + " " + std::to_string(o.year) + " (" +
                       std::string(calibration::to_string(o.measure)) + ") is already stated on line " +
                       std::to_string(it->second));
      continue;
    }
    out.push_back(std::move(o));
  }
  if (header.empty()) problems.add(0, "", "no header row: the file is empty");
  return {std::move(out), std::move(problems.list)};
}

std::vector<Observation> load_observations(const SourceFile& file) {
  ObservationFile read = read_observations(file);
  if (!read.problems.empty()) throw model::SpecError(std::move(read.problems));
  return std::move(read.rows);
}

}  // namespace targetcast::io
