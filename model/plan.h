#pragma once
// A region's plan as read from seeds/<plan>.toml (docs/seed-format.md): the
// baseline figures, the indicators it declares and the targets it sets.
// Immutable once loaded; io/ parses and validates, the engine only reads.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/parameters.h"
#include "model/provenance.h"

namespace targetcast::model {

enum class Bound { exact, floor };

// The log-sd of an exact base-year core-industry figure: a published
// statistic known to about ±10% (boundary and revision).
inline constexpr double kDefaultCoreIndustrySigma = 0.1;

// A baseline figure ("超1500家" is a floor).
struct Figure {
  std::string id;
  Text name;
  double value = 0.0;
  Bound bound = Bound::exact;
  int year = 0;  // 0 = the plan's base year
  Text unit;
  Provenance provenance;
};

struct FundingHistory {
  std::string id;
  Text name;
  int first_year = 0;
  int last_year = 0;
  int projects = 0;
  double provincial_yi = 0.0;  // 亿元 over the whole span
  double social_yi = 0.0;      // 亿元 over the whole span
  bool baseline = false;       // counts toward the baseline funding path
  Provenance provenance;
};

enum class IndicatorKind {
  firm_count,             // alive firms
  firm_count_above,       // alive firms with revenue ≥ a threshold parameter
  revenue_sum,            // Σ revenue of alive firms (亿元)
  park_count,             // number of parks
  multiple,               // parameter × another indicator
  sum,                    // sum of other indicators
  counter,                // += Poisson(rate · scale) (+ per completed project)
  growth_series,          // Q ← Q·exp(g), g AR(1) around a mean
  investment_completion,  // X ← X + (total − X)·q, q ~ Beta
};

std::string_view to_string(IndicatorKind kind);
// True for indicators that no random rule moves: only a scenario changes them
// (park_count: parks open only where a scenario, or the new_parks lever, opens
// them). Every run gives the same value, so P(met) is 0 or 1 and says what
// the scenario sets, not what is likely; reports say so beside it.
bool moved_only_by_scenarios(IndicatorKind kind);
bool moved_only_by_scenarios(std::string_view kind);  // the stored name of a kind

enum class CounterScale { none, firms, funding };

struct IndicatorSpec {
  int line = 0;  // where it is declared, for messages
  std::string id;
  Text name;
  Text unit;
  IndicatorKind kind = IndicatorKind::firm_count;

  // Parameter names (resolved to indices when the model is compiled).
  std::string threshold_parameter;    // firm_count_above
  std::string parameter;              // multiple
  std::vector<std::string> of;        // multiple (one), sum (several)
  double baseline = 0.0;              // counter, growth_series, investment_completion
  std::string baseline_parameter;     // counter: baseline drawn from a prior instead
  std::string rate_parameter;         // counter, investment_completion
  CounterScale scale = CounterScale::none;
  std::string elasticity_parameter;   // counter with scale = funding
  std::string per_project_parameter;  // counter: P(+1) per completed project
  double initial_growth = 0.0;        // growth_series: rate, 0.565 = +56.5%
  std::string mean_growth_parameter;  // growth_series
  std::string persistence_parameter;  // growth_series
  double planned_total_yi = 0.0;      // investment_completion
  std::string concentration_parameter;  // investment_completion
  Provenance provenance;              // of the baseline figure, where it has one
};

enum class Comparison { at_least, greater };  // ">=" and ">"

std::string_view to_string(Comparison c);

inline bool meets(Comparison c, double value, double threshold) {
  return c == Comparison::at_least ? value >= threshold : value > threshold;
}

struct TargetSpec {
  int line = 0;
  std::string id;
  std::string indicator;
  Comparison comparison = Comparison::at_least;
  double threshold = 0.0;
  int deadline = 0;  // judged on the state at the end of this year
  Text name;
  Provenance provenance;
};

struct PlanSpec {
  std::string source_path;  // file it was read from ("embedded:seeds/...") for messages
  std::string region_id;
  Text region_name;
  std::string id;
  Text title;
  std::string source;       // seed document of the plan
  int base_year = 0;
  int horizon = 0;

  Figure firms;             // baseline firm count (floor or exact)
  Figure parks;             // baseline park count
  // Base-year core AI industry (亿元), when the plan gives it: sets the c0
  // prior (an exact figure: LogNormal(value, core_industry_sigma); a floor:
  // uniform on [floor, 1.1·floor]). Absent: the region's [prior.c0], else the
  // generic placeholder of seeds/priors.toml (which validate warns about).
  std::optional<Figure> core_industry;
  double core_industry_sigma = kDefaultCoreIndustrySigma;
  std::vector<FundingHistory> funding_history;
  std::vector<Figure> figures;
  std::vector<IndicatorSpec> indicators;
  std::vector<TargetSpec> targets;
  std::vector<Prior> priors;  // region overrides and region-declared parameters
  std::vector<SourceDocument> documents;  // [[document]]: the documents it cites, by title

  // Baseline provincial funding, 亿元/yr: Σ provincial / years over the
  // funding_history entries with baseline = true (docs/seed-format.md).
  double baseline_funding_yi_per_year() const;
  const IndicatorSpec* find_indicator(std::string_view id) const;
  const TargetSpec* find_target(std::string_view id) const;
};

// How a planner names a target on the command line (solve, sensitivity,
// revisions): its id, or the id of its indicator when exactly one target is
// on that indicator. One resolver for every command, so that an id one
// command accepts, every command accepts.
struct TargetName {
  std::string id;         // target id
  std::string indicator;  // its indicator id
};
struct TargetLookup {
  std::size_t index = static_cast<std::size_t>(-1);  // into the list; -1 when not found
  std::string problem;                               // why not, in words, with the ids it could be
};
TargetLookup lookup_target(std::span<const TargetName> targets, std::string_view name);

}  // namespace targetcast::model
