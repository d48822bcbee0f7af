#include "model/parks.h"

#include <algorithm>

namespace targetcast::model {

void open_base_parks(RunState& state, std::size_t count, double capacity) {
  state.parks.assign(count, Park{capacity, 0});
  state.baseline_park_capacity = static_cast<double>(count) * capacity;
}

std::uint16_t place_base_firm(std::vector<Park>& parks, double u_pick) {
  if (parks.empty()) return 0;
  const auto n = parks.size();
  const std::size_t p = std::min(n - 1, static_cast<std::size_t>(u_pick * static_cast<double>(n)));
  if (!has_room(parks[p], parks[p].capacity)) return 0;
  ++parks[p].occupants;
  return static_cast<std::uint16_t>(p + 1);
}

double free_park_share(std::span<const Park> parks, double baseline_capacity, double capacity_multiplier) {
  double free_capacity = 0.0;
  for (const Park& p : parks) free_capacity += std::max(0.0, park_capacity(p, capacity_multiplier) - p.occupants);
  return baseline_capacity > 0.0 ? free_capacity / baseline_capacity : 0.0;
}

ParkVacancies::ParkVacancies(std::vector<Park>& parks, double capacity_multiplier)
    : parks_(&parks), capacity_multiplier_(capacity_multiplier) {
  with_room_.reserve(parks.size());
  for (std::size_t p = 0; p < parks.size(); ++p) {
    if (has_room(parks[p], park_capacity(parks[p], capacity_multiplier))) with_room_.push_back(static_cast<std::uint16_t>(p));
  }
}

std::uint16_t ParkVacancies::place(double u_pick) {
  if (with_room_.empty()) return 0;
  const std::size_t pick = static_cast<std::size_t>(u_pick * static_cast<double>(with_room_.size()));
  const std::uint16_t p = with_room_[pick];
  Park& park = (*parks_)[p];
  ++park.occupants;
  if (!has_room(park, park_capacity(park, capacity_multiplier_))) {
    with_room_.erase(with_room_.begin() + static_cast<std::ptrdiff_t>(pick));
  }
  return static_cast<std::uint16_t>(p + 1u);
}

std::uint16_t place_entrant(std::vector<Park>& parks, double capacity_multiplier, double u_pick) {
  return ParkVacancies(parks, capacity_multiplier).place(u_pick);
}

void open_new_parks(std::vector<Park>& parks, std::span<const ParkAddition> additions, double default_capacity) {
  for (const ParkAddition& add : additions) {
    const double capacity = add.capacity > 0.0 ? add.capacity : default_capacity;
    for (int k = 0; k < add.count && parks.size() < kMaxParks; ++k) parks.push_back(Park{capacity, 0});
  }
}

}  // namespace targetcast::model
