#pragma once
// Sensitivity analyses and lever solves in the results database
// (docs/schema.md, "Sensitivity and solve"; docs/sensitivity.md). Each is
// written in one transaction once it has finished, so a row present is a
// complete result. A view on an open Store: same file and connection.
#include <cstdint>
#include <string>

#include "analysis/lever_search.h"
#include "analysis/sensitivity.h"
#include "store/store.h"

namespace targetcast::store {

// The target id stored for the outcome "every target of the plan met".
inline constexpr const char* kAllTargets = "*";

// What every analysis and solve records about how it was run.
struct AnalysisInfo {
  std::string command_line;
  std::string program_version;  // empty: this build's
  int threads = 1;
  double wall_seconds = 0.0;
};

class SensitivityStore {
 public:
  explicit SensitivityStore(Store& store) : store_(&store) {}

  // Writes a Sobol analysis (method 'sobol') with its inputs and indices; returns its id.
  std::int64_t write_sobol(const AnalysisInfo& info, const model::CompiledModel& model,
                           std::span<const analysis::LeverRange> levers, const analysis::SensitivityOptions& options,
                           const analysis::SobolAnalysis& analysis);
  // Writes a tornado analysis (method 'tornado'); returns its id.
  std::int64_t write_tornado(const AnalysisInfo& info, const model::CompiledModel& model,
                             std::span<const analysis::LeverRange> levers, const analysis::SensitivityOptions& options,
                             const analysis::TornadoAnalysis& analysis);
  // Writes a lever solve with every value tried; returns its id.
  std::int64_t write_solve(const AnalysisInfo& info, const model::CompiledModel& model,
                           const analysis::LeverSearchOptions& options, const analysis::LeverSearchResult& result);

 private:
  Store* store_;
};

}  // namespace targetcast::store
