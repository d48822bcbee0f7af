#include "model/scenario_accumulator.h"

#include <stdexcept>

#include "model/summary.h"

namespace targetcast::model {

ScenarioAccumulator::ScenarioAccumulator(const CompiledModel& model, std::size_t years)
    : model_(&model),
      years_(years),
      sketches_(model.indicators.size() * years),
      met_(model.targets.size(), 0),
      first_(model.targets.size() * years, 0),
      never_(model.targets.size(), 0) {}

void ScenarioAccumulator::add_run(std::span<const double> trajectory, std::size_t slot, ScenarioResults& results) {
  const std::size_t n_ind = model_->indicators.size();
  for (std::size_t i = 0; i < n_ind; ++i) {
    for (std::size_t y = 0; y < years_; ++y) sketches_[i * years_ + y].add(trajectory[y * n_ind + i]);
  }
  const std::size_t n_targets = model_->targets.size();
  bool all = n_targets > 0;
  for (std::size_t t = 0; t < n_targets; ++t) {
    const CompiledTarget& target = model_->targets[t];
    const auto deadline = static_cast<std::size_t>(target.spec.deadline - model_->base_year);
    const double v = trajectory[deadline * n_ind + target.indicator];
    const bool met = meets(target.spec.comparison, v, target.spec.threshold);
    if (!results.target_met.empty()) {  // kept for paired comparisons (MonteCarloOptions::keep_run_outcomes)
      results.target_met[slot * n_targets + t] = met ? 1 : 0;
      results.deadline_values[slot * n_targets + t] = v;
    }
    met_[t] += met ? 1u : 0u;
    all = all && met;
    std::size_t first = years_;
    for (std::size_t y = 0; y < years_; ++y) {
      if (meets(target.spec.comparison, trajectory[y * n_ind + target.indicator], target.spec.threshold)) {
        first = y;
        break;
      }
    }
    if (first < years_) {
      ++first_[t * years_ + first];
    } else {
      ++never_[t];
    }
  }
  joint_met_ += all ? 1u : 0u;
  ++runs_;
}

void ScenarioAccumulator::merge(const ScenarioAccumulator& other) {
  for (std::size_t k = 0; k < sketches_.size(); ++k) sketches_[k].merge(other.sketches_[k]);
  for (std::size_t k = 0; k < met_.size(); ++k) met_[k] += other.met_[k];
  for (std::size_t k = 0; k < first_.size(); ++k) first_[k] += other.first_[k];
  for (std::size_t k = 0; k < never_.size(); ++k) never_[k] += other.never_[k];
  joint_met_ += other.joint_met_;
  runs_ += other.runs_;
}

void ScenarioAccumulator::finish(ScenarioResults& r) const {
  r.indicator_summaries.clear();
  for (std::size_t i = 0; i < model_->indicators.size(); ++i) {
    for (std::size_t y = 0; y < years_; ++y) {
      r.indicator_summaries.push_back(
          IndicatorSummary{i, r.base_year + static_cast<int>(y), sketches_[i * years_ + y].summary()});
    }
  }
  r.targets.clear();
  for (std::size_t t = 0; t < model_->targets.size(); ++t) {
    const CompiledTarget& target = model_->targets[t];
    TargetResult tr;
    tr.target = t;
    tr.runs = runs_;
    tr.met = met_[t];
    tr.probability = runs_ > 0 ? static_cast<double>(tr.met) / static_cast<double>(runs_) : 0.0;
    const Interval ci = clopper_pearson(tr.met, runs_);
    tr.ci_low = ci.low;
    tr.ci_high = ci.high;
    const auto deadline = static_cast<std::size_t>(target.spec.deadline - model_->base_year);
    tr.at_deadline = sketches_[target.indicator * years_ + deadline].summary();
    for (std::size_t y = 0; y < years_; ++y) {
      tr.first_passage.years.push_back(r.base_year + static_cast<int>(y));
      tr.first_passage.runs.push_back(first_[t * years_ + y]);
    }
    tr.first_passage.never = never_[t];
    r.targets.push_back(std::move(tr));
  }
  r.joint = JointResult{};
  r.joint.runs = runs_;
  r.joint.met = joint_met_;
  r.joint.probability = runs_ > 0 ? static_cast<double>(joint_met_) / static_cast<double>(runs_) : 0.0;
  const Interval ci = clopper_pearson(joint_met_, runs_);
  r.joint.ci_low = ci.low;
  r.joint.ci_high = ci.high;
}

std::vector<std::uint8_t> ScenarioAccumulator::serialise() const {
  std::vector<std::uint8_t> out;
  put_bytes(out, runs_);
  put_bytes(out, joint_met_);
  for (const auto* counts : {&met_, &first_, &never_}) {
    for (std::uint64_t c : *counts) put_bytes(out, c);
  }
  for (const ValueSketch& s : sketches_) s.write(out);
  return out;
}

void ScenarioAccumulator::merge_serialised(std::span<const std::uint8_t> bytes) {
  ScenarioAccumulator other(*model_, years_);
  other.runs_ = take_bytes<std::uint64_t>(bytes);
  other.joint_met_ = take_bytes<std::uint64_t>(bytes);
  for (auto* counts : {&other.met_, &other.first_, &other.never_}) {
    for (std::uint64_t& c : *counts) c = take_bytes<std::uint64_t>(bytes);
  }
  for (ValueSketch& s : other.sketches_) s = ValueSketch::read(bytes);
  if (!bytes.empty()) throw std::runtime_error("summary bytes: trailing data");
  merge(other);
}

}  // namespace targetcast::model
