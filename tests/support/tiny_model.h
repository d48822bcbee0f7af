#pragma once
// A tiny, hand-made plan for unit tests of the model: every prior fixed and
// every source of noise switched off, so that each rule can be checked against
// a value computed by hand. Tests switch on what they examine.
#include <limits>
#include <string>

#include "model/compiled_model.h"

namespace targetcast::test {

struct TinyModel {
  model::PlanSpec plan;
  model::ScenarioSpec scenario;
  model::ParameterSpace priors;

  // Replaces the prior of `name` with a constant.
  TinyModel& fix(const std::string& name, double value);
  model::CompiledModel compile(int horizon = 0) const;
};

// 100 firms, C0 = 50亿, 2 parks of capacity 100, base year 2020, horizon 2025;
// indicators: firms, leading_firms (τ = 1亿), core_industry, related_industry
// (×5), parks, events (counter, rate rho_events = 3/yr), robots (growth series
// from 1000, mean growth 0.1), completion (investment series 10 of 100亿).
// Funding 0.3亿/yr from one history entry. No noise, no entry, no exit.
TinyModel tiny_model();

}  // namespace targetcast::test
