#pragma once
// The state of one run at the end of a year (docs/model.md §2).
//
// Firms are a structure of arrays, ordered by id (entrants are appended with
// fresh, increasing ids and exits are compacted away stably), so the hot loops
// stream over contiguous memory and a firm is found by binary search on id.
// A run's buffers are reused from run to run on the same thread: after the
// first run nothing in a step allocates unless the population grows past its
// previous peak.
#include <cstdint>
#include <vector>

#include "model/recipients.h"

namespace targetcast::model {

struct Park {
  double capacity = 0.0;        // firms it can hold (before the year's capacity multiplier)
  std::uint32_t occupants = 0;  // alive firms inside
};

struct Project {
  std::uint32_t key = 0;            // (start year − base year) << 20 | rank within the year: its stream entity
  int completion_year = 0;
  double investment_yi = 0.0;       // co-investment I_t / n_t, 亿元
  std::uint32_t recipient_id = 0;   // firm id
};

// Random-stream key of a firm: its id for a base firm; for an entrant
// kEntrantKeyBit | (entry year − base year) << 20 | rank within its year. Keying
// entrants' draws by (entry year, rank) rather than by id means that the k-th
// entrant of 2024 sees the same draws in two scenarios even when they admitted
// different numbers of firms in 2023 (common random numbers, docs/model.md §1).
inline constexpr std::uint32_t kEntrantKeyBit = 0x80000000u;
inline constexpr std::uint32_t kMaxPerYear = 1u << 20;  // entrants or projects in one year

inline std::uint32_t entrant_key(int years_after_base, std::uint32_t rank) {
  return kEntrantKeyBit | (static_cast<std::uint32_t>(years_after_base) << 20) | rank;
}

struct Firms {
  std::vector<std::uint32_t> id;    // docs/model.md §1: base firms 0..N0−1, entrants N0, N0+1, ...
  std::vector<std::uint32_t> key;   // stream key (see entrant_key)
  std::vector<double> log_revenue;  // ln r_i, r in 亿元
  std::vector<std::uint16_t> park;  // 0 = none, else park index + 1
  std::vector<std::uint16_t> age;   // years since entry (base firms start at 0)

  std::size_t size() const { return id.size(); }
  void clear() {
    id.clear();
    key.clear();
    log_revenue.clear();
    park.clear();
    age.clear();
  }
  void push_back(std::uint32_t firm_id, std::uint32_t stream_key, double log_r, std::uint16_t park_index) {
    id.push_back(firm_id);
    key.push_back(stream_key);
    log_revenue.push_back(log_r);
    park.push_back(park_index);
    age.push_back(0);
  }
};

struct RunState {
  int year = 0;                      // the state is at the end of this year
  Firms firms;                       // alive firms only
  std::uint32_t next_firm_id = 0;    // base count + entrants so far
  std::uint32_t base_firm_count = 0;  // N0
  double base_core_industry = 0.0;    // C0
  std::vector<Park> parks;
  double baseline_park_capacity = 0.0;  // Σ capacity of the base-year parks
  std::vector<Project> pipeline;       // projects not yet completed
  double common_growth_shock = 0.0;    // c
  double robot_shock = 0.0;            // η_Q of the current year
  double entry_shock = 0.0;            // η_e of the current year
  double funding_yi = 0.0;             // F_t of the current year
  std::uint32_t projects_started = 0;  // n_t of the current year
  std::uint32_t projects_completed = 0;
  std::uint32_t entrants = 0;          // E_t of the current year
  std::uint32_t exits = 0;
  // Per indicator (declaration order): the level of counters, growth series
  // and investment series, and the growth rate of growth series.
  std::vector<double> level;
  std::vector<double> growth;
  // Scratch space reused by the steps (cumulative recipient weights; the
  // batched growth shocks and exit draws of every firm).
  std::vector<double> scratch;
  RecipientWeights recipient_weights;  // step 5.2's weights of the year
  std::vector<double> draws;
  std::vector<std::uint8_t> exit_flags;
  // Each firm's exit uniform, drawn with its growth shock in step 5.4 and
  // used by step 5.5 (they share a micro-stream, docs/model.md §13).
  std::vector<double> exit_uniforms;
  int exit_uniforms_year = 0;  // the year they were drawn for (step_exit draws them itself otherwise)
  std::vector<std::uint16_t> left_parks;  // parks of the year's leavers (step 5.5)
  std::vector<std::uint32_t> new_keys;  // stream keys of the year's entrants

  std::uint32_t alive_firms() const { return static_cast<std::uint32_t>(firms.size()); }
};

}  // namespace targetcast::model
