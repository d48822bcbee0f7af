#pragma once
// Sensitivity analyses and lever solves in the results database
// (docs/schema.md, "Sensitivity and solve"; docs/sensitivity.md). Like an
// experiment, each is begun with status 'running' and its input files (with
// SHA-256), then finished ('complete', its results written in one
// transaction) or marked 'failed' or 'interrupted': only a 'complete' row has
// results. A view on an open Store: same file and connection.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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
  double wall_seconds = 0.0;            // set by the caller before finishing
  std::vector<InputFileRecord> inputs;  // priors, plan, scenario; SHA-256 computed when empty
};

class SensitivityStore {
 public:
  explicit SensitivityStore(Store& store) : store_(&store) {}

  // Inserts an analysis (method 'sobol' or 'tornado') with status 'running',
  // its settings and input files; commits; returns its id.
  std::int64_t begin_analysis(std::string_view method, const AnalysisInfo& info, const model::CompiledModel& model,
                              const analysis::SensitivityOptions& options);
  // Writes the analysis's inputs and indices (bars), its wall-clock seconds,
  // and 'running' → 'complete', in one transaction.
  void finish_sobol(std::int64_t id, const AnalysisInfo& info, const model::CompiledModel& model,
                    std::span<const analysis::LeverRange> levers, const analysis::SobolAnalysis& analysis);
  void finish_tornado(std::int64_t id, const AnalysisInfo& info, const model::CompiledModel& model,
                      std::span<const analysis::LeverRange> levers, const analysis::TornadoAnalysis& analysis);
  // 'running' → 'failed' or 'interrupted', with the finished time and why.
  void mark_analysis(std::int64_t id, ExperimentStatus status, const std::string& message);

  // Inserts a solve with status 'running', its settings and input files; returns its id.
  std::int64_t begin_solve(const AnalysisInfo& info, const model::CompiledModel& model,
                           const analysis::LeverSearchOptions& options);
  // Writes its result and every value tried, 'running' → 'complete'.
  void finish_solve(std::int64_t id, const AnalysisInfo& info, const analysis::LeverSearchResult& result);
  void mark_solve(std::int64_t id, ExperimentStatus status, const std::string& message);

  // The input files of an analysis or a solve, in given order.
  std::vector<InputFileRecord> analysis_input_files(std::int64_t id) const;
  std::vector<InputFileRecord> solve_input_files(std::int64_t id) const;

  // Begin and finish at once (a result computed elsewhere).
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
