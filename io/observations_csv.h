#pragma once
// Reads observation files (seeds/observations/*.csv, docs/calibration.md):
// a header row naming the columns, then one observed figure per row.
//
//   region,indicator,year,measure,value,relative_sd,source,quote,note
//   guangdong,robot_output,2021,level,110200,0.02,002_b10e5fe339225739.txt,"2021年工业机器人产量为11.02万套",
//
// Required columns: region, indicator, year, value, relative_sd, source,
// quote. Optional: measure (level | floor | growth, default level) and note.
// Fields holding a comma or a double quote are quoted ("..." with "" for a
// quote, RFC 4180); lines beginning with '#' and blank lines are ignored.
//
// Every problem of the file is reported at once as a model::SpecError with
// file, line and column: a missing or unknown column, a row with the wrong
// number of fields, a year or number that does not parse, a value ≤ 0 (a
// growth ≤ −100%), a relative_sd that is not a positive number, an empty
// source, a duplicate row. Checks against a model (unknown indicator, a year
// after the horizon) are calibration::check_observations's.
#include <vector>

#include "calibration/observation.h"
#include "io/source_file.h"
#include "model/spec_error.h"

namespace targetcast::io {

// The Guangdong observations shipped with the program.
inline constexpr const char* kDefaultObservations = "embedded:seeds/observations/guangdong.csv";

std::vector<calibration::Observation> load_observations(const SourceFile& file);

// The rows that read well and every problem of the file, without throwing, so
// that the checks against a model (calibration::check_observations) can run on
// those rows in the same pass and a planner sees every problem at once.
struct ObservationFile {
  std::vector<calibration::Observation> rows;
  std::vector<model::Problem> problems;
};
ObservationFile read_observations(const SourceFile& file);

}  // namespace targetcast::io
