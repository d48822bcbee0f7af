#pragma once
// Policy levers that sensitivity and `solve` vary continuously over a range
// (docs/sensitivity.md), on top of whatever the scenario already sets:
//   funding_multiplier: × the provincial funding F_t of every year from
//                       `from_year` to the horizon (docs/model.md §5.2);
//   new_parks:          that many parks (an integer) opened in `from_year`, each
//                       with capacity drawn from the prior park_capacity
//                       (step 7, as a scenario's [[park]] with no capacity).
// Applying a lever rewrites only the per-year levers of a copy of the
// compiled model, so one compiled model serves every candidate value.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/compiled_model.h"

namespace targetcast::analysis {

enum class PolicyLever { funding_multiplier, new_parks };

std::string_view to_string(PolicyLever lever);
std::optional<PolicyLever> find_policy_lever(std::string_view name);
// True for levers whose values are whole numbers (new_parks).
bool is_integer(PolicyLever lever);
// The value that leaves the scenario as it is (1 for a multiplier, 0 parks).
double neutral_value(PolicyLever lever);

// A lever with the range it may take: low..high (inclusive) from `from_year` on.
struct LeverRange {
  PolicyLever lever = PolicyLever::funding_multiplier;
  int from_year = 2023;
  double low = 0.5;
  double high = 2.0;

  // The value at u ∈ (0, 1): uniform on [low, high]; for an integer lever
  // uniform on the integers low..high (each with probability 1/(high−low+1)).
  double value_at(double u) const;
  // A name for tables: "funding_multiplier_from_2023", "new_parks_2023".
  std::string name() const;
};

// Lists what is wrong with a range for `model` (empty when fine): the year
// outside base_year+1..horizon, low > high, a negative value, a non-integer
// bound of an integer lever.
std::vector<std::string> check(const LeverRange& range, const model::CompiledModel& model);

// Sets `work.years` to `base.years` with every lever at its value applied
// (values[i] for ranges[i]). `work` must be a copy of `base` (only its years
// are touched), so that a thread can reuse one copy from point to point.
void apply_levers(const model::CompiledModel& base, std::span<const LeverRange> ranges, std::span<const double> values,
                  model::CompiledModel& work);

// The provincial funding F_t (亿元) of each year from `from_year` through
// `last_year`, as the scenario sets it: the path a funding multiplier scales.
std::vector<double> funding_path_yi(const model::CompiledModel& model, int from_year, int last_year);

// The last year a lever can act on `target` (kNoIndex: every target): its
// deadline, or the last deadline of the plan.
int last_deadline(const model::CompiledModel& model, std::size_t target);

// A copy of `base` with one lever at `value`.
model::CompiledModel lever_applied(const model::CompiledModel& base, const LeverRange& range, double value);

}  // namespace targetcast::analysis
