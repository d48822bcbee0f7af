#pragma once
// Shared by the tests of schema 8's per-run tables (test_run_trajectories.cpp,
// test_run_packed.cpp): numbers whose text is easy to get wrong, what a
// schema-7 REAL column gave back for a number, and a small compiled model.
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "model/monte_carlo.h"

namespace targetcast::test::per_run {

inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Repeating fractions, the smallest and largest doubles, subnormals, whole
// numbers beyond 2^53 (written without an exponent), negative zero and the
// values that are not finite.
inline const std::vector<double> kHardValues = {
    0.1,  1.0 / 3.0, 1e-300, 5e-324, 1.7976931348623157e308, -0.0,       1500.0,      -2.5e-8,
    1e22, 123456789012345678.0, 9223372036854775808.0, -9223372036854775808.0, 2.2250738585072014e-308,
    kNaN, kInf,      -kInf,  0.0,    1e-7,                   -1.0 / 7.0, 299792458.0, 4.9406564584124654e-324};

// Random finite doubles over the whole range of exponents (xorshift bits).
inline std::vector<double> random_doubles(std::size_t count) {
  std::vector<double> out;
  std::uint64_t state = 88172645463325252ULL;
  while (out.size() < count) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    const double v = std::bit_cast<double>(state);
    if (std::isfinite(v)) out.push_back(v);
  }
  return out;
}

// What a schema-7 REAL column gave back for `v`: NULL (NaN) for NaN, +0 for −0.
inline double as_stored(double v) { return v == 0 ? 0.0 : v; }

inline bool same_bits(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// Plan "p" from base_year to horizon, scenario `scenario_id`, fixed
// parameters (0.05) named `parameters`, firm-count indicators named
// `indicators`, and target `target_id` (≥ 500) on indicators[target_indicator]
// at `deadline`.
struct TinyPlan {
  int base_year = 2023, horizon = 2025;
  std::vector<std::string> parameters, indicators;
  std::string target_id;
  std::size_t target_indicator = 0;
  int deadline = 2025;
};

inline model::CompiledModel tiny_model(const std::string& scenario_id, const TinyPlan& plan) {
  model::CompiledModel m;
  m.plan.id = "p";
  m.plan.title = {"规划", "Plan"};
  m.base_year = plan.base_year;
  m.horizon = plan.horizon;
  m.years.resize(static_cast<std::size_t>(plan.horizon - plan.base_year + 1));
  m.scenario.id = scenario_id;
  m.scenario.title = {"情景", "Scenario"};
  m.scenario.description = {"描述", "Description"};
  m.scenario.source_path = "scenarios/" + scenario_id + ".toml";
  for (const std::string& name : plan.parameters) {
    model::Prior h;
    h.name = name;
    h.distribution = model::Distribution::fixed(0.05);
    h.provenance = {model::Basis::assumption, "", "", ""};
    h.origin = "priors.toml";
    m.parameters.set(h);
  }
  for (const std::string& id : plan.indicators) {
    model::CompiledIndicator k;
    k.spec.id = id;
    k.spec.name = {id, id};
    k.spec.unit = {"家", "firms"};
    k.spec.kind = model::IndicatorKind::firm_count;
    m.indicators.push_back(k);
  }
  model::CompiledTarget t;
  t.spec.id = plan.target_id;
  t.spec.indicator = plan.indicators[plan.target_indicator];
  t.spec.threshold = 500;
  t.spec.deadline = plan.deadline;
  t.spec.name = {"目标", "Target"};
  t.indicator = plan.target_indicator;
  m.targets = {t};
  return m;
}

}  // namespace targetcast::test::per_run
