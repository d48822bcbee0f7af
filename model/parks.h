#pragma once
// Industrial parks and their capacity: every rule of the model about who may
// enter a park, who leaves it and how much room is free (docs/model.md §4,
// §5.5–§5.7; docs/model.md, "Initial parks" and "Entrants' parks"). step.cpp
// decides when each applies; the rules themselves are here.
//
// A park's capacity in a year is its own capacity (θ's park_capacity, or the
// scenario's for a new park) times the year's capacity multiplier, the product
// of the scenario's park_capacity_multiplier levers (compounded by
// with_capacity_lever in compile_levers). A firm fits when the occupants plus
// it do not exceed that capacity.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "model/scenario.h"
#include "model/state.h"

namespace targetcast::model {

// Parks are numbered in a firm's uint16 park field, 0 meaning none.
inline constexpr std::size_t kMaxParks = 0xFFFF;

// A year's capacity multiplier after one more park_capacity_multiplier lever:
// levers that apply to the same year compound.
inline double with_capacity_lever(double capacity_multiplier, double lever_value) {
  return capacity_multiplier * lever_value;
}

// Capacity of `park` in a year whose capacity multiplier is `capacity_multiplier`.
inline double park_capacity(const Park& park, double capacity_multiplier) {
  return park.capacity * capacity_multiplier;
}

// Whether one more firm fits in `park` when it holds `capacity` firms.
inline bool has_room(const Park& park, double capacity) {
  return park.occupants + 1.0 <= capacity;
}

// An exiting firm (§5.5) frees its place; `park` is the firm's park field.
inline void leave_park(std::vector<Park>& parks, std::uint16_t park) {
  if (park != 0) --parks[park - 1u].occupants;
}

// §4: the base year's parks, `count` empty parks of `capacity` firms each. Their
// total is the baseline capacity that entry's free share is measured against.
void open_base_parks(RunState& state, std::size_t count, double capacity);

// §4: a base firm that goes into a park (with probability f_park0) draws one
// with the uniform `u_pick`: park ⌊u_pick·n⌋ of the n base parks, uniformly,
// which is in proportion to capacity since they all have the same one
// (open_base_parks). If that park is full it stays outside. Takes the place;
// returns the firm's park field. (Until RNG layout 3 a scan subtracted each
// park's capacity in turn: the same choice up to rounding, with a
// mispredicted branch per firm.)
std::uint16_t place_base_firm(std::vector<Park>& parks, double u_pick);

// §5.6: free_t, the free room of every park (after the year's multiplier,
// never below zero) over the baseline park capacity; 0 without baseline parks.
double free_park_share(std::span<const Park> parks, double baseline_capacity, double capacity_multiplier);

// §5.6: an entrant that goes into a park (with probability p_park) picks one
// uniformly among those with room, with the uniform `u_pick`; none with room
// means no park. Takes the place; returns the firm's park field.
std::uint16_t place_entrant(std::vector<Park>& parks, double capacity_multiplier, double u_pick);

// The same for a year's entrants one after another: the parks with room are
// listed once (in park order) and a park leaves the list when it fills up,
// instead of every entrant scanning every park — the same choices as
// place_entrant for each entrant in turn. Valid while only place() changes
// the parks' occupants (step 5.6).
class ParkVacancies {
 public:
  ParkVacancies(std::vector<Park>& parks, double capacity_multiplier);
  std::uint16_t place(double u_pick);

 private:
  std::vector<Park>* parks_;
  double capacity_multiplier_;
  std::vector<std::uint16_t> with_room_;  // indices of the parks with room, in park order
};

// §5.7: the scenario's new parks of the year, each of its own capacity or,
// where it gives none, of `default_capacity` (θ's park_capacity); at most
// kMaxParks parks in all.
void open_new_parks(std::vector<Park>& parks, std::span<const ParkAddition> additions, double default_capacity);

}  // namespace targetcast::model
