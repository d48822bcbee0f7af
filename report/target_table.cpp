#include "report/target_table.h"

#include <algorithm>

#include <fmt/format.h>

#include <cmath>
#include <vector>

#include "report/input_names.h"
#include "report/report_format.h"
#include "report/report_text.h"
#include "report/text_table.h"
#include "store/store.h"

namespace targetcast::report {
namespace {

using Table = TextTable;

std::string percent(double p) {
  return fmt::format("{:.1f}%", 100.0 * p);
}

// The indicator's name in `lang` (the plan's own words), not its id.
std::string indicator_text(const model::PlanSpec& plan, const std::string& id, std::string_view lang) {
  for (const model::IndicatorSpec& i : plan.indicators) {
    if (i.id == id) return i.name.in(lang).empty() ? id : i.name.in(lang);
  }
  return id;
}

std::string rule_text(const model::TargetSpec& t) {
  return fmt::format("{} {}", model::to_string(t.comparison), format_threshold(t.threshold));
}

bool zh(std::string_view lang) {
  return lang == "zh";
}

}  // namespace

std::string format_target_table(const model::CompiledModel& model, const model::ScenarioResults& results,
                                std::string_view lang) {
  const bool z = zh(lang);
  Table table(z ? std::vector<std::string>{"目标", "指标", "规则", "期限", "达成概率", "95%区间*",
                                           "期限值 中位数 [5%–95%]", "首次达到(中位)"}
                : std::vector<std::string>{"target", "indicator", "rule", "deadline", "P(met)", "95% CI*",
                                           "at deadline: median [5%-95%]", "first reached (median)"});
  for (const model::TargetResult& tr : results.targets) {
    const model::CompiledTarget& t = model.targets[tr.target];
    const auto first = store::first_passage_median_year(tr.first_passage);
    std::string name = t.spec.name.in(lang);
    if (t.spec.provenance.basis == model::Basis::illustrative) name += z ? " (示意)" : " (illustrative)";
    if (t.rests_on_assumption) name += z ? " ⚠基于假设" : " ⚠ rests on assumption";
    if (model::moved_only_by_scenarios(model.indicators[t.indicator].spec.kind)) {
      name += " " + std::string(report_text(lang).scenario_only_mark);
    }
    table.add({name, indicator_text(model.plan, t.spec.indicator, lang), rule_text(t.spec),
               std::to_string(t.spec.deadline), percent(tr.probability),
               fmt::format("[{:.1f}, {:.1f}]", 100.0 * tr.ci_low, 100.0 * tr.ci_high),
               format_range(tr.at_deadline.p50, tr.at_deadline.p05, tr.at_deadline.p95),
               // The report's wording and year: the last simulated year.
               first ? std::to_string(*first) : fill(report_text(lang).not_by, "year", std::to_string(model.horizon))});
  }
  const auto resting =
      static_cast<std::size_t>(std::count_if(model.targets.begin(), model.targets.end(),
                                             [](const model::CompiledTarget& t) { return t.rests_on_assumption; }));
  std::string joint = z ? fmt::format("全部{}项目标同时达成", results.targets.size())
                        : fmt::format("all {} targets together", results.targets.size());
  if (resting > 0)
    joint += z ? fmt::format(" ⚠其中{}项基于假设", resting) : fmt::format(" ⚠ {} rest on assumption", resting);
  table.add({joint, "", "", "", percent(results.joint.probability),
             fmt::format("[{:.1f}, {:.1f}]", 100.0 * results.joint.ci_low, 100.0 * results.joint.ci_high), "", ""});
  const std::string title =
      z ? fmt::format("{} · 情景 {} · {} 次模拟\n", model.plan.title.zh, model.scenario.title.zh, results.runs)
        : fmt::format("{} · scenario {} · {} runs\n", model.plan.title.en, model.scenario.title.en, results.runs);
  // The interval is the Monte Carlo error of the share only: it says how well
  // the runs estimate P(met) under the model and its priors, not how right
  // the model or the priors are (the HTML report says the same).
  const std::string footnote = z ? "* 95%区间仅反映蒙特卡洛误差(模拟次数有限),不含模型误差与参数先验的不确定性。\n"
                                 : "* 95% CI: Monte Carlo error of P(met) only (finite runs); model error and the "
                                   "choice of priors are not in it.\n";
  std::string rests_note;
  if (resting > 0) {
    rests_note =
        z ? "⚠ 基于假设:该指标没有基年数据或公开统计,年增速是本模型设定的先验而非证据,达成概率更多反映这一假设。\n"
          : "⚠ rests on assumption: the indicator has no base-year figure or published series; its yearly "
            "rate is a prior of ours, not evidence, so this P(met) reflects the assumption more than the plan.\n";
  }
  const bool scenario_only =
      std::any_of(model.targets.begin(), model.targets.end(), [&](const model::CompiledTarget& t) {
        return model::moved_only_by_scenarios(model.indicators[t.indicator].spec.kind);
      });
  if (scenario_only) rests_note += std::string(report_text(lang).scenario_only_note) + "\n";
  return title + table.str() + footnote + rests_note;
}

std::string format_plan_targets(const model::PlanSpec& plan, std::string_view lang) {
  const bool z = zh(lang);
  Table table(z ? std::vector<std::string>{"编号", "目标", "指标", "规则", "期限", "依据", "出处"}
                : std::vector<std::string>{"id", "target", "indicator", "rule", "deadline", "basis", "source"});
  for (const model::TargetSpec& t : plan.targets) {
    const model::Provenance& p = t.provenance;
    std::string source = p.source.empty() ? std::string() : source_name(plan.documents, p.source, lang);
    if (!p.quote.empty()) source += " “" + p.quote + "”";
    if (!p.note_in(lang).empty()) source += (source.empty() ? "" : " ") + std::string("(") + p.note_in(lang) + ")";
    table.add({t.id, t.name.in(lang), indicator_text(plan, t.indicator, lang), rule_text(t), std::to_string(t.deadline),
               std::string(stored_term(model::to_string(p.basis), lang)), source});
  }
  return fmt::format("{} ({}, base year {}, horizon {})\n", plan.title.in(lang), plan.region_name.in(lang),
                     plan.base_year, plan.horizon) +
         table.str();
}

}  // namespace targetcast::report
