#pragma once
// Observed figures a model is calibrated against (docs/model.md §8): plain
// rows read by io/ from seeds/observations/*.csv (docs/calibration.md).
//
// An observation states one figure of one indicator in one year, with its
// measurement uncertainty as a relative standard deviation (0.05 = ±5%): the
// distance compares logarithms, so the uncertainty is relative.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/compiled_model.h"
#include "model/spec_error.h"

namespace targetcast::calibration {

// What the value states about the indicator in that year.
enum class Measure {
  level,   // the indicator's value (in its unit)
  floor,   // a lower bound of the value ("超1500家", or a part-year total)
  growth,  // year-on-year growth rate: 0.565 = +56.5% over the year before
};

std::string_view to_string(Measure measure);
std::optional<Measure> find_measure(std::string_view name);

struct Observation {
  std::string region;     // the plan's region id
  std::string indicator;  // an indicator id of the plan
  int year = 0;           // end of this year
  Measure measure = Measure::level;
  double value = 0.0;
  double relative_sd = 0.0;  // sd of ln(value) (of ln(1 + growth) for growth)
  std::string source;        // seed document or citation
  std::string quote;         // exact phrase, where there is one
  std::string note;          // how the row was read (optional)
  // The definition the figure was published under when it is not the plan's
  // own ("" = the plan's): such figures form their own series, linked to the
  // model through a ratio r ~ LogNormal(1, definition_sd) (docs/calibration.md,
  // "Definitions").
  std::string definition;
  double definition_sd = 0.0;
  std::string file;          // where it was read, for messages
  int line = 0;
};

// Cross-checks observations against a compiled model: the region is the
// plan's, the indicator is one of the plan's, the year is not after the
// model's horizon, a growth observation's indicator is not a constant, no two
// rows state the same (region, indicator, definition, year, measure), and the
// rows of one (indicator, definition) agree on definition_sd. Returns every
// problem (file, line, column) found; empty when all is well.
std::vector<model::Problem> check_observations(const model::CompiledModel& model,
                                               std::span<const Observation> observations);

}  // namespace targetcast::calibration
