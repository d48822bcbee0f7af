// Names of the enums that appear in seed and scenario files. The strings are the
// TOML spellings (docs/seed-format.md), so that messages quote what a planner typed.
#include <array>
#include <optional>
#include <string_view>

#include "model/plan.h"
#include "model/provenance.h"
#include "model/scenario.h"

namespace targetcast::model {

namespace {

constexpr std::array<std::string_view, 7> kLeverNames = {
    "funding_multiplier",       "funding_yi", "lambda_soc", "c_proj", "entry_multiplier", "exit_multiplier",
    "park_capacity_multiplier",
};

constexpr std::array<std::string_view, 5> kShockRuleNames = {"growth", "entry", "exit", "funding", "counter"};

}  // namespace

std::string_view to_string(Basis basis) {
  switch (basis) {
    case Basis::document:
      return "document";
    case Basis::published:
      return "published";
    case Basis::assumption:
      return "assumption";
    case Basis::illustrative:
      return "illustrative";
  }
  return "?";
}

bool moved_only_by_scenarios(IndicatorKind kind) {
  return kind == IndicatorKind::park_count;
}

bool moved_only_by_scenarios(std::string_view kind) {
  return kind == to_string(IndicatorKind::park_count);
}

std::string_view to_string(IndicatorKind kind) {
  switch (kind) {
    case IndicatorKind::firm_count:
      return "firm_count";
    case IndicatorKind::firm_count_above:
      return "firm_count_above";
    case IndicatorKind::revenue_sum:
      return "revenue_sum";
    case IndicatorKind::park_count:
      return "park_count";
    case IndicatorKind::multiple:
      return "multiple";
    case IndicatorKind::sum:
      return "sum";
    case IndicatorKind::counter:
      return "counter";
    case IndicatorKind::growth_series:
      return "growth_series";
    case IndicatorKind::investment_completion:
      return "investment_completion";
  }
  return "?";
}

std::string_view to_string(Comparison c) {
  return c == Comparison::at_least ? ">=" : ">";
}

std::string_view to_string(LeverKind kind) {
  return kLeverNames.at(static_cast<std::size_t>(kind));
}

std::optional<LeverKind> find_lever(std::string_view name) {
  for (std::size_t i = 0; i < kLeverNames.size(); ++i) {
    if (kLeverNames[i] == name) return static_cast<LeverKind>(i);
  }
  return std::nullopt;
}

std::string_view to_string(ShockRule rule) {
  return kShockRuleNames.at(static_cast<std::size_t>(rule));
}

std::optional<ShockRule> find_shock_rule(std::string_view name) {
  for (std::size_t i = 0; i < kShockRuleNames.size(); ++i) {
    if (kShockRuleNames[i] == name) return static_cast<ShockRule>(i);
  }
  return std::nullopt;
}

}  // namespace targetcast::model
