#include "calibration/observation.h"

#include <map>
#include <tuple>

namespace targetcast::calibration {

std::string_view to_string(Measure measure) {
  switch (measure) {
    case Measure::level:
      return "level";
    case Measure::floor:
      return "floor";
    case Measure::growth:
      return "growth";
  }
  return "level";
}

std::optional<Measure> find_measure(std::string_view name) {
  for (Measure m : {Measure::level, Measure::floor, Measure::growth}) {
    if (to_string(m) == name) return m;
  }
  return std::nullopt;
}

std::vector<model::Problem> check_observations(const model::CompiledModel& model,
                                               std::span<const Observation> observations) {
  std::vector<model::Problem> problems;
  std::string known;
  for (const auto& ci : model.indicators) known += (known.empty() ? "" : ", ") + ci.spec.id;
  std::map<std::tuple<std::string, std::string, std::string, int, Measure>, std::string> seen;
  std::map<std::pair<std::string, std::string>, double> definition_sd;
  for (const Observation& o : observations) {
    const auto problem = [&](const char* column, std::string message) {
      problems.push_back(model::Problem{o.file, o.line, column, std::move(message)});
    };
    if (o.region != model.plan.region_id) {
      problem("region", "'" + o.region + "' is not the region of the plan '" + model.plan.id + "' ('" +
                            model.plan.region_id + "'); calibrate each region against its own observations");
    }
    const std::size_t index = model.indicator_index(o.indicator);
    if (index == model::kNoIndex) {
      std::vector<std::string_view> ids;
      for (const auto& ci : model.indicators) ids.push_back(ci.spec.id);
      problem("indicator", "unknown indicator '" + o.indicator + "'" + model::did_you_mean(o.indicator, ids) +
                               " (the plan '" + model.plan.id + "' declares " + known + ")");
    } else if (o.measure == Measure::growth && model.indicators[index].spec.kind == model::IndicatorKind::park_count) {
      problem("measure", "a growth rate of '" + o.indicator +
                             "' cannot inform the model: the park count only changes by scenario levers");
    }
    if (o.year > model.horizon) {
      problem("year", std::to_string(o.year) + " is after the model's horizon " + std::to_string(model.horizon) +
                          ": the model cannot be compared with it (use --horizon to simulate further)");
    }
    if (!o.definition.empty()) {
      const auto [it, fresh] = definition_sd.emplace(std::pair(o.indicator, o.definition), o.definition_sd);
      if (!fresh && it->second != o.definition_sd) {
        problem("definition_sd", "the figures of " + o.indicator + " under '" + o.definition +
                                     "' must share one definition_sd (one ratio links them to the plan's definition)");
      }
    }
    const auto key = std::make_tuple(o.region, o.indicator, o.definition, o.year, o.measure);
    if (auto [it, fresh] = seen.emplace(key, o.file + ":" + std::to_string(o.line)); !fresh) {
      problem("year", "duplicate row: " + o.indicator + " " + std::to_string(o.year) + " (" +
                          std::string(to_string(o.measure)) + ") is already stated at " + it->second +
                          "; keep one row per figure");
    }
  }
  return problems;
}

}  // namespace targetcast::calibration
