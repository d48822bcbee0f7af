#pragma once
// The text of run_trajectories.trajectory (docs/schema.md): one run's values
// of one indicator, year by year, as a JSON array that SQLite's json_each
// expands back into the rows of the run_indicators view. Each number is
// written in its shortest form that reads back as the identical double, so
// the view gives the very values the simulation produced. Internal to store/.
#include <cstddef>
#include <string>

namespace targetcast::store {

// Appends `value` as a JSON number that SQLite parses back to the same double.
// NaN is `null` (a REAL column stores NaN as NULL); ±infinity is ±9e999, which
// SQLite's JSON parser reads as ±infinity (JSON has no word for it); negative
// zero is `0`, as a REAL column stored it.
void append_trajectory_value(std::string& json, double value);

// Replaces `json` with "[v0,v1,…]": value_at(y) for y = 0 .. years − 1.
template <typename ValueAt>
void write_trajectory(std::string& json, std::size_t years, ValueAt&& value_at) {
  json.clear();
  json += '[';
  for (std::size_t y = 0; y < years; ++y) {
    if (y > 0) json += ',';
    append_trajectory_value(json, value_at(y));
  }
  json += ']';
}

}  // namespace targetcast::store
