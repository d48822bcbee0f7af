#pragma once
// The rules of one step, t → t+1, in the order of docs/model.md §5, each a
// function of its own so that tests can check one rule on a tiny hand-made
// state. `year` is always the year being produced (t+1): it keys the random
// streams and selects the scenario's levers for that year.
#include <span>

#include "model/revenue_guard.h"
#include "model/run_context.h"
#include "model/state.h"

namespace targetcast::model {

// Numerical guards (docs/model.md): a firm's log revenue is clamped by
// model/revenue_guard.h, and a growth series' yearly log growth stays in
// [−kMaxSeriesLogGrowth, kMaxSeriesLogGrowth], so no draw of θ, however
// extreme, makes a value overflow to inf or NaN.
inline constexpr double kMaxSeriesLogGrowth = 5.0;

// §4: the state at the end of the base year.
void initialise(const RunContext& ctx, RunState& state);

// §5.1: common shocks; updates the persistent growth shock c.
void step_common_shocks(const RunContext& ctx, RunState& state, int year);
// §5.2: funding and new projects into the pipeline.
void step_funding(const RunContext& ctx, RunState& state, int year);
// §5.3: completed projects: scenarios, landmark results, revenue.
void step_completed_projects(const RunContext& ctx, RunState& state, int year);
// §5.3: a firm's log revenue after a completed project adds `added_yi` 亿元 to
// its revenue, within the revenue guard (model/revenue_guard.h).
double log_revenue_plus(double log_revenue, double added_yi);
// §5.4: firm growth (the rule of one firm: model/firm_rules.h). Also draws
// every firm's exit uniform into state.exit_uniforms for step_exit.
void step_firm_growth(const RunContext& ctx, RunState& state, int year);
// §5.5: exit (and stable compaction of the firm arrays; the hazard of one firm:
// model/firm_rules.h; leaving a park: model/parks.h), with the exit uniforms
// step_firm_growth drew this year.
void step_exit(const RunContext& ctx, RunState& state, int year);
// §5.6: entry; `core_industry_t` is C_t, the core industry at the end of year t.
void step_entry(const RunContext& ctx, RunState& state, int year, double core_industry_t);
// §5.6: λ_t, the mean number of entrants: λ0 · e^(η_e − σ_ce²/2) · (C_t/C0)^ε_C
// · M_entry · (1 + β_park · free_t), with free_t from model/parks.h.
double entry_rate(const RunContext& ctx, const RunState& state, int year, double core_industry_t);
// §5.7: new parks from the scenario.
void step_parks(const RunContext& ctx, RunState& state, int year);
// §5.8: Poisson counters and investment-completion series.
void step_counters(const RunContext& ctx, RunState& state, int year);
// §5.8: the scale of a counter's rate: 1, the alive firms over N0 ("firms"), or
// (F_t / F_ref)^ε ("funding"; 1 without a baseline funding path).
double counter_scale(const RunContext& ctx, const RunState& state, const CompiledIndicator& ci);
// §5.9: growth series (robot output).
void step_growth_series(const RunContext& ctx, RunState& state, int year);

// One whole step: all of the above in order; state.year becomes year + 1.
void step(const RunContext& ctx, RunState& state);
// The same, given core_industry(state) already summed (the Monte Carlo loop
// sums it once per year for the record and the next step: the sum over every
// firm is a tenth of a firm-step's cost).
void step(const RunContext& ctx, RunState& state, double core_industry_t);

// §5.10: every indicator of the current state, in declaration order.
void record_indicators(const RunContext& ctx, const RunState& state, std::span<double> out);
// The same, given core_industry(state).
void record_indicators(const RunContext& ctx, const RunState& state, std::span<double> out, double core_industry_t);

// Σ r_i over alive firms, summed in firm order (deterministic).
double core_industry(const RunState& state);

}  // namespace targetcast::model
