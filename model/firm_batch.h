#pragma once
// The per-firm random draws of steps 5.4 (growth) and 5.5 (exit), and the
// revenue sum, computed for all firms of a run at once. Each value is exactly
// what the scalar samplers give for the same micro-stream
// (tests/model/test_firm_batch.cpp checks it draw for draw); only the speed
// differs: Philox blocks for 256 firms at a time in vector registers, and
// branch-free exp/log (model/fast_math.h). docs/benchmarks.md has the figures.
#include <cstdint>
#include <span>

#include "model/firm_rules.h"
#include "model/run_context.h"
#include "model/vector_clones.h"

namespace targetcast::model {

// The draws of every firm in steps 5.4 and 5.5, from its micro-stream
// stream(firm_growth, year, key_i): u_exit_i = uniform() (the exit draw), then
// ε_i = student_t_unit_variance(·, ν) (the growth shock). One Philox block
// gives both for 79% of firms (RNG layout version 3, docs/model.md §13).
void firm_year_draws(const RunContext& ctx, int year, double nu, std::span<const std::uint32_t> keys,
                     std::span<double> u_exit, std::span<double> eps);

// The draws of a new firm — a base-year firm (§4, stream initial_firm, entity
// = id) or an entrant (§5.6, stream entrant, entity = its key): z_i =
// standard_normal_32() of its micro-stream, then u_park_i and u_pick_i, the
// next two uniform32() (whether it goes into a park, and which): one Philox
// block a firm.
void new_firm_draws(const RunContext& ctx, Stream stream, int year, std::span<const std::uint32_t> entities,
                    std::span<double> z, std::span<double> u_park, std::span<double> u_pick);

// Step 5.4 for every firm: log_revenue_i = grown_log_revenue(rule, log_revenue_i,
// ε_i, park_i != 0) (model/firm_rules.h).
void apply_growth(const GrowthRule& rule, std::span<const double> eps, std::span<const std::uint16_t> park,
                  std::span<double> log_revenue);

// The exit uniforms of firm_year_draws alone (the first two words of each
// firm's micro-stream), for a step 5.5 run without step 5.4 before it.
void exit_uniforms(const RunContext& ctx, int year, std::span<const std::uint32_t> keys, std::span<double> u_exit);

// Step 5.5 for every firm: exits_i = 1 when u_exit_i < exit_hazard(rule,
// log_revenue_i) (model/firm_rules.h), else 0.
void exit_draws(const ExitRule& rule, std::span<const double> u_exit, std::span<const double> log_revenue,
                std::span<std::uint8_t> exits);

// out_i = e^(α (x_i − shift)) (the project recipients' weights of step 5.2).
void exp_scaled(std::span<const double> x, double alpha, double shift, std::span<double> out);


// How many x_i are ≥ threshold (the firms above a revenue threshold, §5.10).
std::size_t count_at_least(std::span<const double> x, double threshold);

// Σ e^(x_i) in a fixed order (eight interleaved partial sums, then added in a
// fixed tree): the same result for the same input on every thread and run.
double sum_exp(std::span<const double> x);

}  // namespace targetcast::model
