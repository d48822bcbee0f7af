#include "report/plain_summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/input_names.h"
#include "report/report_format.h"

namespace targetcast::report {
namespace {

struct Odds {
  const store::ReportTarget* target = nullptr;
  const store::TargetResultRow* result = nullptr;
  TargetStatus status = TargetStatus::unknown;
};

bool zh(const ReportOptions& o) {
  return o.lang == "zh";
}

// A probability in whole percent, as a planner writes it; "<1%" and ">99%"
// rather than a "0%" or "100%" the runs do not show.
std::string whole_percent(double p) {
  if (p > 0.0 && p < 0.005) return "<1%";
  if (p < 1.0 && p > 0.995) return ">99%";
  return fmt::format("{:.0f}%", 100.0 * p);
}

// "60.8 亿元" / "60.8 (100 million yuan)": a unit that begins with a number would read as part of the value.
std::string amount(const std::string& value, const std::string& unit, const ReportOptions& o) {
  if (zh(o) || unit.empty()) return value + unit;
  if (unit.front() >= '0' && unit.front() <= '9') return fmt::format("{} ({})", value, unit);
  return fmt::format("{} {}", value, unit);
}

// "A (92%)" / "A(92%)".
std::string with_odds(const Odds& x, const ReportOptions& o) {
  const std::string p = whole_percent(x.result->probability);
  return zh(o) ? fmt::format("{}({})", x.target->name.zh, p) : fmt::format("{} ({})", x.target->name.en, p);
}

// "A, B and C" / "A、B和C"; beyond three, "A, B, C and 4 more" / "A、B、C等7项".
std::string listed(std::vector<std::string> items, const ReportOptions& o) {
  constexpr std::size_t kNamed = 3;
  if (items.size() > kNamed + 1) {
    const std::size_t all = items.size();
    items.resize(kNamed);
    std::string head;
    for (const std::string& item : items) head += (head.empty() ? "" : (zh(o) ? "、" : ", ")) + item;
    return zh(o) ? fmt::format("{}等{}项", head, all) : fmt::format("{} and {} more", head, all - kNamed);
  }
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? (zh(o) ? "和" : " and ") : (zh(o) ? "、" : ", ");
    out += items[i];
  }
  return out;
}

std::string unit_of(const store::ReportData& data, const store::ReportTarget& t, const ReportOptions& o) {
  const store::ReportIndicator* i = data.find_indicator(t.indicator_id);
  return i ? i->unit.in(o.lang) : std::string();
}

// The input that moves this target's odds most: the first Sobol driver, else the widest tornado bar.
std::string top_driver(const store::ReportData& data, const std::string& target_id, const ReportOptions& o) {
  for (const store::ReportSobolTarget& s : data.sensitivity.sobol) {
    if (s.target_id == target_id && !s.drivers.empty()) return input_name(data, s.drivers.front().name, o.lang);
  }
  for (const store::ReportTornadoTarget& t : data.sensitivity.tornado) {
    if (t.target_id == target_id && !t.bars.empty()) return input_name(data, t.bars.front().name, o.lang);
  }
  return {};
}

std::string likely_sentence(const std::vector<Odds>& odds, const ReportOptions& o) {
  std::vector<std::string> likely;
  for (const Odds& x : odds) {
    if (x.status == TargetStatus::on_track) likely.push_back(with_odds(x, o));
  }
  const std::size_t n = odds.size();
  if (likely.empty()) {
    return zh(o) ? fmt::format("{}项目标中没有一项很可能按期达成。", n)
                 : fmt::format("None of the {} targets is likely to be met by its deadline.", n);
  }
  if (likely.size() == n) {
    return zh(o) ? fmt::format("全部{}项目标都很可能按期达成:{}。", n, listed(likely, o))
                 : fmt::format("All {} targets are likely to be met by their deadlines: {}.", n, listed(likely, o));
  }
  return zh(o) ? fmt::format("{}项目标中有{}项很可能按期达成:{}。", n, likely.size(), listed(likely, o))
               : fmt::format("{} of the {} targets {} likely to be met by {}: {}.", likely.size(), n,
                             likely.size() == 1 ? "is" : "are", likely.size() == 1 ? "its deadline" : "their deadlines",
                             listed(likely, o));
}

// The weakest target, in one sentence: how far its median falls short, and
// what moves its odds most when a sensitivity analysis was run.
std::string weakest_reason(const store::ReportData& data, const Odds& x, const ReportOptions& o) {
  const store::ReportTarget& t = *x.target;
  const std::string unit = unit_of(data, t, o);
  const std::string driver = top_driver(data, t.id, o);
  if (std::isnan(x.result->at_deadline.p50)) {
    if (driver.empty()) return {};
    return zh(o) ? fmt::format("敏感性分析表明,{}的达成概率受“{}”影响最大。", t.name.zh, driver)
                 : fmt::format("The sensitivity analysis finds the odds of {} depend most on {}.", t.name.en, driver);
  }
  const std::string median = format_row({x.result->at_deadline.p50}).front();
  const std::string need = format_threshold(t.threshold);
  if (zh(o)) {
    std::string s = fmt::format("到{}年,{}的中位数预计为{},而目标为{}", t.deadline, t.name.zh,
                                amount(median, unit, o), amount(need, unit, o));
    if (!driver.empty()) s += fmt::format(";敏感性分析表明,其达成概率受“{}”影响最大", driver);
    return s + "。";
  }
  std::string s = fmt::format("For “{}”, the median run reaches {} by {}, against the {} it needs", t.name.en,
                              amount(median, unit, o), t.deadline, amount(need, unit, o));
  if (!driver.empty()) s += fmt::format("; the sensitivity analysis finds its odds depend most on {}", driver);
  return s + ".";
}

std::string risk_sentences(const store::ReportData& data, std::vector<Odds> odds, const ReportOptions& o) {
  // Weakest first: a list cut short names the targets furthest from their mark.
  std::stable_sort(odds.begin(), odds.end(),
                   [](const Odds& a, const Odds& b) { return a.result->probability < b.result->probability; });
  std::vector<std::string> risk, off;
  const Odds* weakest = nullptr;
  for (const Odds& x : odds) {
    if (x.status == TargetStatus::at_risk) risk.push_back(with_odds(x, o));
    if (x.status == TargetStatus::off_track) off.push_back(with_odds(x, o));
    if ((x.status == TargetStatus::at_risk || x.status == TargetStatus::off_track) &&
        (weakest == nullptr || x.result->probability < weakest->result->probability)) {
      weakest = &x;
    }
  }
  if (weakest == nullptr) return zh(o) ? "没有目标处于风险之中。" : "No target is at risk.";
  std::string s;
  if (!risk.empty()) {
    s += zh(o) ? fmt::format("{}存在风险", listed(risk, o))
               : fmt::format("{} {} at risk", listed(risk, o), risk.size() == 1 ? "is" : "are");
  }
  if (!off.empty()) {
    if (zh(o)) {
      s += (s.empty() ? "" : ",") + fmt::format("{}可能无法达成", listed(off, o));
    } else {
      s += (s.empty() ? "" : ", and ") + fmt::format("{} {} unlikely to be met", listed(off, o),
                                                     off.size() == 1 ? "is" : "are");
    }
  }
  s += zh(o) ? "。" : ".";
  const std::string reason = weakest_reason(data, *weakest, o);
  return reason.empty() ? s : s + (zh(o) ? "" : " ") + reason;
}

// Targets whose odds rest on an assumption of ours: an indicator counted at an
// assumed rate (docs/model.md §7), or a threshold the plan does not state.
std::string assumption_sentence(const std::vector<Odds>& odds, const ReportOptions& o) {
  std::vector<std::string> names;
  for (const Odds& x : odds) {
    if (x.target->rests_on_assumption || x.target->provenance.basis == "illustrative") {
      names.push_back(x.target->name.in(o.lang));
    }
  }
  if (names.empty()) return {};
  if (names.size() > 4) {
    return zh(o) ? fmt::format("{}项目标(如{})的达成概率建立在模型假设而非公开数据之上,应视为示意。", names.size(),
                               listed({names[0], names[1]}, o))
                 : fmt::format("The odds of {} targets (such as {}) rest on assumptions of ours, not on published "
                               "figures: read them as illustrations.",
                               names.size(), listed({names[0], names[1]}, o));
  }
  return zh(o) ? fmt::format("{}的达成概率建立在模型假设而非公开数据之上,应视为示意。", listed(names, o))
               : fmt::format("The odds of {} rest on {} of ours, not on published figures: read {} as "
                             "illustrations.",
                             listed(names, o), names.size() == 1 ? "an assumption" : "assumptions",
                             names.size() == 1 ? "it" : "them");
}

// What the calibration the experiment drew from changed: the targets whose
// P(met) moved most against the forecast before it.
std::string calibration_sentence(const store::ReportData& data, const std::vector<Odds>& odds,
                                 const ReportOptions& o) {
  const store::ReportCalibrationChange& c = data.calibration_change;
  if (c.calibration_id == 0) {
    return zh(o) ? "这些概率仅基于先验分布,尚未用观测数据校准。"
                 : "These odds come from the priors alone: no calibration against observed figures yet.";
  }
  std::string s = zh(o) ? fmt::format("本预测采用第{}次校准的后验(拟合{}个观测值)", c.calibration_id, c.observations)
                        : fmt::format("These odds are drawn from calibration {}, fitted to {} observed figures", c.calibration_id,
                                      c.observations);
  std::vector<std::pair<double, std::string>> moves;
  for (const Odds& x : odds) {
    const auto before = std::find_if(c.before.begin(), c.before.end(),
                                     [&](const auto& b) { return b.first == x.target->id; });
    if (before == c.before.end() || std::isnan(before->second)) continue;
    const double move = x.result->probability - before->second;
    if (std::abs(move) < 0.005) continue;
    const std::string from = whole_percent(before->second);
    const std::string to = whole_percent(x.result->probability);
    moves.emplace_back(std::abs(move), zh(o) ? fmt::format("{}由{}变为{}", x.target->name.zh, from, to)
                                             : fmt::format("{} from {} to {}", x.target->name.en, from, to));
  }
  std::sort(moves.begin(), moves.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (moves.size() > 2) moves.resize(2);
  std::vector<std::string> items;
  for (const auto& m : moves) items.push_back(m.second);
  if (c.before_experiment == 0) {
    s += zh(o) ? ",此前没有可比较的预测。" : "; there is no earlier forecast to compare with.";
  } else if (items.empty()) {
    s += zh(o) ? ",与此前的预测相比,各目标的达成概率基本未变。" : "; it left every target's odds about where they were.";
  } else {
    s += zh(o) ? fmt::format(",与此前的预测相比,{}。", listed(items, o))
               : fmt::format("; against the forecast before it, it moved {}.", listed(items, o));
  }
  return s;
}

}  // namespace

std::vector<std::string> plain_summary(const store::ReportData& data, const ReportOptions& o) {
  const std::string ref = data.scenarios.empty() ? std::string() : data.scenarios.front().id;
  std::vector<Odds> odds;
  for (const store::ReportTarget& t : data.targets) {
    const store::TargetResultRow* r = data.find_result(ref, t.id);
    if (r != nullptr && !std::isnan(r->probability)) odds.push_back({&t, r, classify(r->probability, o)});
  }
  if (odds.empty()) return {};
  std::vector<std::string> out{likely_sentence(odds, o), risk_sentences(data, odds, o)};
  if (std::string s = assumption_sentence(odds, o); !s.empty()) out.push_back(std::move(s));
  out.push_back(calibration_sentence(data, odds, o));
  if (const store::JointResultRow* j = data.find_joint(ref); j != nullptr && odds.size() > 1) {
    const std::string p = whole_percent(j->probability);
    out.push_back(zh(o) ? fmt::format("全部{}项目标同时达成的概率为{}。", odds.size(), p)
                        : fmt::format("All {} targets together are met in {} of the runs.", odds.size(), p));
  }
  return out;
}

std::string plain_summary_text(const store::ReportData& data, const ReportOptions& options) {
  std::string out;
  for (const std::string& s : plain_summary(data, options)) out += (out.empty() || zh(options) ? "" : " ") + s;
  return out;
}

}  // namespace targetcast::report
