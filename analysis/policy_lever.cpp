#include "analysis/policy_lever.h"

#include <algorithm>
#include <cmath>

namespace targetcast::analysis {

std::string_view to_string(PolicyLever lever) {
  switch (lever) {
    case PolicyLever::funding_multiplier:
      return "funding_multiplier";
    case PolicyLever::new_parks:
      return "new_parks";
  }
  return "?";
}

std::optional<PolicyLever> find_policy_lever(std::string_view name) {
  for (PolicyLever l : {PolicyLever::funding_multiplier, PolicyLever::new_parks}) {
    if (to_string(l) == name) return l;
  }
  return std::nullopt;
}

bool is_integer(PolicyLever lever) {
  return lever == PolicyLever::new_parks;
}

double neutral_value(PolicyLever lever) {
  return lever == PolicyLever::funding_multiplier ? 1.0 : 0.0;
}

double LeverRange::value_at(double u) const {
  if (!is_integer(lever)) return low + u * (high - low);
  const double k = std::floor(low + u * (high - low + 1.0));
  return std::min(k, high);
}

std::string LeverRange::name() const {
  return std::string(to_string(lever)) + (is_integer(lever) ? "_" : "_from_") + std::to_string(from_year);
}

std::vector<std::string> check(const LeverRange& r, const model::CompiledModel& m) {
  std::vector<std::string> problems;
  if (r.from_year <= m.base_year || r.from_year > m.horizon) {
    problems.push_back("the lever's year " + std::to_string(r.from_year) + " must lie in " +
                       std::to_string(m.base_year + 1) + ".." + std::to_string(m.horizon));
  }
  if (!(std::isfinite(r.low) && std::isfinite(r.high) && r.low <= r.high)) {
    problems.push_back("the range must be two finite numbers LO <= HI");
  } else if (r.low < 0.0) {
    problems.push_back("the range must not be negative");
  }
  if (is_integer(r.lever) && (r.low != std::floor(r.low) || r.high != std::floor(r.high))) {
    problems.push_back(std::string(to_string(r.lever)) + " takes whole numbers: give an integer range");
  }
  if (r.lever == PolicyLever::new_parks && r.high > 1000.0) {
    problems.push_back("new_parks above 1000 is not a plan");
  }
  return problems;
}

void apply_levers(const model::CompiledModel& base, std::span<const LeverRange> ranges, std::span<const double> values,
                  model::CompiledModel& work) {
  work.years = base.years;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const LeverRange& range = ranges[i];
    const auto first = static_cast<std::size_t>(range.from_year - base.base_year);
    switch (range.lever) {
      case PolicyLever::funding_multiplier:
        for (std::size_t y = first; y < work.years.size(); ++y) work.years[y].funding_yi *= values[i];
        break;
      case PolicyLever::new_parks:
        if (values[i] >= 1.0 && first < work.years.size()) {
          model::ParkAddition add;
          add.year = range.from_year;
          add.count = static_cast<int>(values[i]);
          work.years[first].new_parks.push_back(add);  // capacity 0: drawn from the prior park_capacity
        }
        break;
    }
  }
}

std::vector<double> funding_path_yi(const model::CompiledModel& model, int from_year, int last_year) {
  std::vector<double> path;
  for (int year = std::max(from_year, model.base_year); year <= std::min(last_year, model.horizon); ++year) {
    path.push_back(model.years[static_cast<std::size_t>(year - model.base_year)].funding_yi);
  }
  return path;
}

int last_deadline(const model::CompiledModel& model, std::size_t target) {
  if (target != model::kNoIndex) return model.targets[target].spec.deadline;
  int last = model.base_year;
  for (const model::CompiledTarget& t : model.targets) last = std::max(last, t.spec.deadline);
  return last;
}

model::CompiledModel lever_applied(const model::CompiledModel& base, const LeverRange& range, double value) {
  model::CompiledModel m = base;
  apply_levers(base, std::span<const LeverRange>(&range, 1), std::span<const double>(&value, 1), m);
  return m;
}

}  // namespace targetcast::analysis
