#pragma once
// The keyword tables of a drafted plan, kept as data files compiled into the
// program (io/data/draft-indicators.tsv, io/data/draft-regions.tsv; their
// header comments say the format): which noun of a document means which
// indicator, and which name means which region.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace targetcast::io::draft {

struct IndicatorKind {
  std::string id;
  std::vector<std::string> keywords;
  std::string name_zh, name_en, unit_zh, unit_en;
  std::vector<std::string> needs;      // indicator ids it is built from
  std::vector<std::string> spec;       // "key = value" lines of the [[indicator]] table
  std::string own_prior_name;          // a parameter priors.toml lacks, or ""
  std::vector<std::string> own_prior;  // its "key = value" lines
};

struct RegionName {
  std::string id, name_zh, name_en;
};

// The shipped tables. Throws std::runtime_error naming the line of a malformed row.
const std::vector<IndicatorKind>& indicator_kinds();
const std::vector<RegionName>& region_names();

// Reads a table in the format of io/data/draft-indicators.tsv (for tests).
std::vector<IndicatorKind> parse_indicator_kinds(std::string_view tsv, std::string_view file_name);

struct KindMatch {
  const IndicatorKind* kind = nullptr;
  std::string keyword;
};

// The kind of the noun nearest to a number at bytes [number_begin, number_end)
// of `clause`: the first keyword after the number ("打造200个…应用场景"), else the
// last one before it ("核心产业规模突破1500亿元"); the longer keyword where two
// start at the same place. No match: kind == nullptr.
KindMatch kind_near(std::string_view clause, std::size_t number_begin, std::size_t number_end,
                    const std::vector<IndicatorKind>& kinds);

const IndicatorKind* find_kind(std::string_view id, const std::vector<IndicatorKind>& kinds);

}  // namespace targetcast::io::draft
