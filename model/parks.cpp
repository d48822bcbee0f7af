#include "model/parks.h"

#include <algorithm>
#include <array>

namespace targetcast::model {

void open_base_parks(RunState& state, std::size_t count, double capacity) {
  state.parks.assign(count, Park{capacity, 0});
  state.baseline_park_capacity = static_cast<double>(count) * capacity;
}

double total_park_capacity(std::span<const Park> parks) {
  double total = 0.0;
  for (const Park& p : parks) total += p.capacity;
  return total;
}

std::uint16_t place_base_firm(std::vector<Park>& parks, double total_capacity, double u_pick) {
  if (!(total_capacity > 0.0)) return 0;
  double u = u_pick * total_capacity;
  std::size_t p = 0;
  while (p + 1 < parks.size() && u >= parks[p].capacity) u -= parks[p++].capacity;
  if (!has_room(parks[p], parks[p].capacity)) return 0;
  ++parks[p].occupants;
  return static_cast<std::uint16_t>(p + 1);
}

double free_park_share(std::span<const Park> parks, double baseline_capacity, double capacity_multiplier) {
  double free_capacity = 0.0;
  for (const Park& p : parks) free_capacity += std::max(0.0, park_capacity(p, capacity_multiplier) - p.occupants);
  return baseline_capacity > 0.0 ? free_capacity / baseline_capacity : 0.0;
}

namespace {

// The pick-th park with room, in park order, counting them first: for any
// number of parks.
std::uint16_t place_entrant_two_scans(std::vector<Park>& parks, double capacity_multiplier, double u_pick) {
  std::size_t with_room = 0;
  for (const Park& p : parks) {
    if (has_room(p, park_capacity(p, capacity_multiplier))) ++with_room;
  }
  if (with_room == 0) return 0;
  auto pick = static_cast<std::size_t>(u_pick * static_cast<double>(with_room));
  for (std::size_t p = 0; p < parks.size(); ++p) {
    if (!has_room(parks[p], park_capacity(parks[p], capacity_multiplier))) continue;
    if (pick-- == 0) {
      ++parks[p].occupants;
      return static_cast<std::uint16_t>(p + 1);
    }
  }
  return 0;
}

}  // namespace

std::uint16_t place_entrant(std::vector<Park>& parks, double capacity_multiplier, double u_pick) {
  // Up to 64 parks (every plan so far has 11 to 20): one pass lists the parks
  // with room without branches, then u_pick picks one of them — the same
  // choice as the two scans, in one (this runs for every entrant that seeks
  // a park, a sixth of a firm-step's time before).
  constexpr std::size_t kListed = 64;
  if (parks.size() > kListed) return place_entrant_two_scans(parks, capacity_multiplier, u_pick);
  std::array<std::uint16_t, kListed> with_room;
  std::size_t count = 0;
  for (std::size_t p = 0; p < parks.size(); ++p) {
    with_room[count] = static_cast<std::uint16_t>(p);
    count += has_room(parks[p], park_capacity(parks[p], capacity_multiplier)) ? 1u : 0u;
  }
  if (count == 0) return 0;
  const std::uint16_t p = with_room[static_cast<std::size_t>(u_pick * static_cast<double>(count))];
  ++parks[p].occupants;
  return static_cast<std::uint16_t>(p + 1u);
}

void open_new_parks(std::vector<Park>& parks, std::span<const ParkAddition> additions, double default_capacity) {
  for (const ParkAddition& add : additions) {
    const double capacity = add.capacity > 0.0 ? add.capacity : default_capacity;
    for (int k = 0; k < add.count && parks.size() < kMaxParks; ++k) parks.push_back(Park{capacity, 0});
  }
}

}  // namespace targetcast::model
