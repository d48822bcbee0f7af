// The keyword tables of a drafted plan (io/draft_keywords.h).
#include "io/draft_keywords.h"

#include <stdexcept>

#include "io/embedded_files.h"

namespace targetcast::io::draft {

namespace {

std::vector<std::string> split(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(sep, start);
    std::string part(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    while (!part.empty() && (part.back() == ' ' || part.back() == '\r')) part.pop_back();
    if (!part.empty() && part != "-") out.push_back(part);
    if (at == std::string_view::npos) return out;
    start = at + sep.size();
  }
}

std::string_view embedded(std::string_view path) {
  for (const EmbeddedFile& f : embedded_files()) {
    if (f.path == path) return f.content;
  }
  throw std::runtime_error("the program lacks its embedded table " + std::string(path));
}

// Data lines of a TAB-separated table: (line number, fields).
template <typename Row>
void each_row(std::string_view tsv, std::string_view file_name, std::size_t fields, Row row) {
  std::size_t line_no = 0;
  for (const std::string& line : split(tsv, "\n")) {
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> cells;
    std::size_t start = 0;
    while (true) {
      const std::size_t at = line.find('\t', start);
      cells.push_back(line.substr(start, at == std::string::npos ? std::string::npos : at - start));
      if (at == std::string::npos) break;
      start = at + 1;
    }
    if (cells.size() != fields) {
      throw std::runtime_error(std::string(file_name) + " line " + std::to_string(line_no) + ": expected " +
                               std::to_string(fields) + " TAB-separated fields, got " + std::to_string(cells.size()));
    }
    row(cells);
  }
}

}  // namespace

std::vector<IndicatorKind> parse_indicator_kinds(std::string_view tsv, std::string_view file_name) {
  std::vector<IndicatorKind> out;
  each_row(tsv, file_name, 9, [&](const std::vector<std::string>& c) {
    IndicatorKind k;
    k.id = c[0];
    k.keywords = split(c[1], "|");
    k.name_zh = c[2];
    k.name_en = c[3];
    k.unit_zh = c[4];
    k.unit_en = c[5];
    k.needs = split(c[6], "|");
    k.spec = split(c[7], ";");
    if (c[8] != "-") {
      const std::size_t colon = c[8].find(':');
      k.own_prior_name = c[8].substr(0, colon);
      k.own_prior = split(std::string_view(c[8]).substr(colon + 1), ";");
    }
    out.push_back(std::move(k));
  });
  return out;
}

const std::vector<IndicatorKind>& indicator_kinds() {
  static const std::vector<IndicatorKind> kinds =
      parse_indicator_kinds(embedded("io/data/draft-indicators.tsv"), "io/data/draft-indicators.tsv");
  return kinds;
}

const std::vector<RegionName>& region_names() {
  static const std::vector<RegionName> regions = [] {
    std::vector<RegionName> out;
    each_row(embedded("io/data/draft-regions.tsv"), "io/data/draft-regions.tsv", 3,
             [&](const std::vector<std::string>& c) {
               out.push_back({c[0], c[1], c[2]});
             });
    return out;
  }();
  return regions;
}

KindMatch kind_near(std::string_view clause, std::size_t number_begin, std::size_t number_end,
                    const std::vector<IndicatorKind>& kinds) {
  KindMatch after, before;
  std::size_t after_at = std::string_view::npos, before_end = 0;
  for (const IndicatorKind& k : kinds) {
    for (const std::string& word : k.keywords) {
      for (std::size_t at = clause.find(word); at != std::string_view::npos; at = clause.find(word, at + 1)) {
        const std::size_t end = at + word.size();
        if (at >= number_end) {
          if (at < after_at || (at == after_at && word.size() > after.keyword.size())) {
            after_at = at;
            after = {&k, word};
          }
        } else if (end <= number_begin) {
          if (end > before_end || (end == before_end && word.size() > before.keyword.size())) {
            before_end = end;
            before = {&k, word};
          }
        }
      }
    }
  }
  return after.kind != nullptr ? after : before;
}

const IndicatorKind* find_kind(std::string_view id, const std::vector<IndicatorKind>& kinds) {
  for (const IndicatorKind& k : kinds) {
    if (k.id == id) return &k;
  }
  return nullptr;
}

}  // namespace targetcast::io::draft
