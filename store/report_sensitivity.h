#pragma once
// The "What drives the odds" part of a report (docs/sensitivity.md): the
// latest Sobol and tornado analyses and the latest lever solves of the
// experiment's plan and reference scenario, read from the optional tables of
// store/sensitivity_store.h (a file without them gives a report without this part).
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"

namespace targetcast::store {

struct ReportDriver {
  std::string name, kind, basis, note;  // basis "assumption" is flagged
  double total_met = 0.0, total_met_low = 0.0, total_met_high = 0.0;
  double first_met = 0.0;
  double total_value = 0.0, total_value_low = 0.0, total_value_high = 0.0;
};

// One target's inputs ranked by total-order index on met/not met.
struct ReportSobolTarget {
  std::string target_id;  // "*": every target met
  double met_variance = 0.0;
  std::vector<ReportDriver> drivers;
};

struct ReportTornadoBar {
  std::string name, basis;
  double input_low = 0.0, input_high = 0.0, probability_low = 0.0, probability_high = 0.0;
};

// One target's tornado, bars by decreasing swing of P(met).
struct ReportTornadoTarget {
  std::string target_id;
  double probability = 0.0;  // every input at its median
  std::vector<ReportTornadoBar> bars;
};

struct ReportSolve {
  std::string target_id, lever;
  int from_year = 0;
  double range_low = 0.0, range_high = 0.0, required = 0.0, value = 0.0;
  bool reached = false;
  double probability = 0.0, ci_low = 0.0, ci_high = 0.0;
  std::uint64_t runs = 0, confirmation_runs = 0;
  // The last confirmation agrees with `reached` (analysis/lever_search.h;
  // solves stored before schema 4: read from the interval).
  bool confirmed = true;
  int rounds = 1;
  // A funding multiplier in money: the scenario's provincial funding summed
  // over from_year..last_year (亿元); NaN for other levers and older solves.
  int last_year = 0;
  double scenario_funding_yi = std::nan("");
};

struct ReportSensitivity {
  std::int64_t sobol_id = 0, tornado_id = 0;  // 0: none
  std::uint64_t samples = 0, evaluations = 0, tornado_runs = 0;
  std::vector<ReportSobolTarget> sobol;      // in the plan's target order, "*" last
  std::vector<ReportTornadoTarget> tornado;  // in the plan's target order, "*" last
  std::vector<ReportSolve> solves;           // latest per target and lever
  bool empty() const { return sobol_id == 0 && tornado_id == 0 && solves.empty(); }
};

// The analyses of experiment `experiment_id`'s plan and first scenario.
ReportSensitivity read_report_sensitivity(const Store& store, std::int64_t experiment_id);

}  // namespace targetcast::store
