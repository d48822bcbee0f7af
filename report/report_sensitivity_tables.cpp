#include "report/report_sensitivity_tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/input_names.h"
#include "report/report_format.h"
#include "report/report_text.h"

namespace targetcast::report {
namespace {

bool zh(const ReportOptions& o) {
  return o.lang == "zh";
}

std::string index_with_interval(double x, double low, double high) {
  if (std::isnan(x)) return "—";
  return std::isnan(low) ? fmt::format("{:.2f}", x) : fmt::format("{:.2f} [{:.2f}, {:.2f}]", x, low, high);
}

// A funding multiplier in money: m × the scenario's provincial funding from
// the lever's first year to the deadline, per year on average and in all.
std::string solve_money(const store::ReportSolve& s, const ReportOptions& o) {
  if (s.lever != "funding_multiplier") return zh(o) ? "(模型未给园区定价)" : "(the model puts no price on a park)";
  if (std::isnan(s.scenario_funding_yi) || s.last_year < s.from_year) return "—";
  const double years = s.last_year - s.from_year + 1;
  const double total = s.value * s.scenario_funding_yi;
  const double extra = total - s.scenario_funding_yi;
  const std::string sign = extra >= 0.0 ? "+" : "−";
  if (zh(o)) {
    return fmt::format("{}{}–{}年省级资金共{}亿元(年均{}亿元),情景原为{}亿元({}{}亿元)", s.confirmed ? "" : "超过",
                       s.from_year, s.last_year, format_value(total), format_value(total / years),
                       format_value(s.scenario_funding_yi), sign, format_value(std::abs(extra)));
  }
  // 1 亿元 = 0.1 billion yuan.
  return fmt::format(
      "{}{} billion yuan of provincial funding in {}–{} ({} billion a year on average), against the "
      "scenario's {} billion ({}{} billion)",
      s.confirmed ? "" : "more than ", format_value(total / 10.0), s.from_year, s.last_year,
      format_value(total / years / 10.0), format_value(s.scenario_funding_yi / 10.0), sign,
      format_value(std::abs(extra) / 10.0));
}

}  // namespace

std::string sensitivity_target_name(const store::ReportData& data, const std::string& target_id,
                                    const ReportOptions& o) {
  if (target_id == "*") return zh(o) ? "全部目标同时达成" : "every target met";
  for (const store::ReportTarget& t : data.targets) {
    if (t.id == target_id) return t.name.in(o.lang);
  }
  return target_id;
}

std::string tornado_caption(const store::ReportData& data, const store::ReportTornadoTarget& t,
                            const ReportOptions& o) {
  const std::string ref = data.scenarios.empty() ? std::string() : data.scenarios.front().id;
  double headline = std::nan("");
  if (t.target_id == "*") {
    if (const store::JointResultRow* j = data.find_joint(ref)) headline = j->probability;
  } else if (const store::TargetResultRow* r = data.find_result(ref, t.target_id)) {
    headline = r->probability;
  }
  std::string out = fmt::format(
      fmt::runtime(
          zh(o) ? "低端、高端:参数取先验的5%和95%分位数,杠杆取所给范围的两端。中心(每个参数取先验中位数的一个世界):"
                  "达成概率 {};总体(对先验取平均):{}。"
                : "Low and high end: a parameter's 5% and 95% prior quantile, a lever's range as asked. Centre "
                  "(one world, every parameter at its prior median): P(met) {}; headline (averaged over the "
                  "priors): {}."),
      format_percent(t.probability), format_percent(headline));
  const double gap = headline - t.probability;
  if (std::isnan(gap) || std::abs(gap) < 0.005) return out;
  if (zh(o)) {
    return out + (gap > 0.0 ? "中位数世界比平均世界更常未达到目标:参数的不确定性增加了达到目标的可能。"
                            : "中位数世界比平均世界更常达到目标:参数的不确定性增加了未达到目标的可能。");
  }
  return out + (gap > 0.0 ? " The median world misses the target more often than the average one: the spread of the "
                            "parameters adds futures that reach it."
                          : " The median world reaches the target more often than the average one: the spread of the "
                            "parameters adds futures that miss it.");
}

std::string drivers_heading(const ReportOptions& o) {
  return zh(o) ? "影响达成概率的因素" : "What drives the odds";
}

std::string drivers_intro(const store::ReportData& data, const ReportOptions& o) {
  const store::ReportSensitivity& s = data.sensitivity;
  std::string out =
      zh(o) ? "按Sobol总效应指数排序的不确定输入(参数先验、政策杠杆范围、运行本身的随机性):指数是\"达成/未达成\"方差中"
              "由该输入(含其交互作用)造成的份额。龙卷风图:每个参数取其先验的5%和95%分位数、每个杠杆取所给范围的两端,"
              "其余输入取中心值时的达成概率。中心是一个世界:每个参数取先验中位数,每个杠杆取情景原值("
              "范围不含原值时取范围中点)。"
              "总体达成概率是对先验允许的所有世界取平均,因此与中心值不同;每张图都给出两者。"
            : "Uncertain inputs (parameter priors, lever ranges, and each run's own randomness) ranked by their Sobol "
              "total-order index: the share of the variance of met/not met due to the input, interactions included. "
              "Tornado: P(met) with each parameter at its 5% and 95% prior quantile and each lever at the ends of the "
              "range asked for, every other input at the centre: one world, with every parameter at its prior median "
              "and each lever as the scenario sets it (or, if its range leaves that out, at the range's middle). The "
              "headline P(met) averages over every world the priors allow, so the centre's differs from it; each "
              "chart gives both.";
  if (s.sobol_id != 0) {
    out += fmt::format(
        fmt::runtime(zh(o) ? " Sobol分析 {}:基础样本 {} 个,共 {} 次模拟。" : " Sobol analysis {}: base sample {}, {} model runs."),
        s.sobol_id, s.samples, s.evaluations);
  }
  if (s.tornado_id != 0) {
    out += fmt::format(
        fmt::runtime(zh(o) ? " 龙卷风分析 {}:每种设定 {} 次模拟。" : " Tornado analysis {}: {} runs per setting."),
        s.tornado_id, s.tornado_runs);
  }
  if (!data.experiment.posterior.empty()) {
    out += zh(o) ? " 注意:敏感性分析基于先验分布,而本实验的参数取自后验分布。"
                 : " Note: the sensitivity analyses use the priors; this experiment drew from a posterior.";
  }
  return out;
}

ReportTable drivers_table(const store::ReportData& data, const ReportOptions& o, std::size_t top) {
  ReportTable table("drivers",
                    zh(o) ? "主要驱动因素(按达成与否的总效应指数)" : "Top drivers (total-order index on met/not met)");
  table.column(zh(o) ? "目标" : "target");
  table.column(zh(o) ? "排名" : "rank", true);
  table.column(zh(o) ? "输入" : "input");
  table.column(zh(o) ? "总效应 ST(达成)[95%区间]" : "ST on met [95% interval]", true);
  table.column(zh(o) ? "一阶 S(达成)" : "S on met", true);
  table.column(zh(o) ? "总效应 ST(指标值对数)" : "ST on ln indicator", true);
  table.column(zh(o) ? "依据" : "basis");
  const std::string warning = zh(o) ? "⚠ 此结果依赖于一项假设" : "⚠ this result rests on an assumption";
  std::size_t flagged = 0;
  for (const store::ReportSobolTarget& t : data.sensitivity.sobol) {
    const std::string name = sensitivity_target_name(data, t.target_id, o);
    if (!(t.met_variance > 0.0)) {
      table.add({name, "",
                 zh(o) ? "(所有模拟结果相同,无法归因)" : "(every run gave the same outcome: nothing to attribute)", "",
                 "", "", ""});
      continue;
    }
    for (std::size_t k = 0; k < std::min(top, t.drivers.size()); ++k) {
      const store::ReportDriver& d = t.drivers[k];
      if (!(d.total_met > 0.0)) break;  // the rest provably or measurably do nothing
      const bool assumption = d.basis == "assumption";
      flagged += assumption ? 1 : 0;
      std::string basis = assumption              ? warning
                          : d.kind == "intrinsic" ? (zh(o) ? "不可约的随机性" : "irreducible luck")
                                                  : std::string(stored_term(d.basis, o.lang));
      if (assumption && !d.note.empty()) basis += " — " + input_note(data, d, o.lang);
      table.add({k == 0 ? name : std::string(), std::to_string(k + 1), input_name(data, d.name, o.lang),
                 index_with_interval(d.total_met, d.total_met_low, d.total_met_high),
                 index_with_interval(d.first_met, std::nan(""), std::nan("")),
                 index_with_interval(d.total_value, d.total_value_low, d.total_value_high), basis},
                assumption ? "flagged" : "");
    }
  }
  table.note = fmt::format(fmt::runtime(zh(o) ? "{} 行的参数其先验分布基于假设(⚠)。"
                                              : "{} rows rest on a parameter whose prior is an assumption (⚠)."),
                           flagged);
  return table;
}

ReportTable solves_table(const store::ReportData& data, const ReportOptions& o) {
  ReportTable table("solves", zh(o) ? "达到目标概率所需的政策杠杆" : "Lever needed for a required P(met)");
  table.column(zh(o) ? "目标" : "target");
  table.column(zh(o) ? "杠杆" : "lever");
  table.column(zh(o) ? "要求的概率" : "required P(met)", true);
  table.column(zh(o) ? "所需取值" : "value needed", true);
  table.column(zh(o) ? "折合资金" : "in money");
  table.column(zh(o) ? "验证运行的达成概率 [95%区间]" : "confirmation P(met) [95% interval]", true);
  bool unconfirmed = false;
  for (const store::ReportSolve& s : data.sensitivity.solves) {
    const std::string lever = fmt::format(fmt::runtime(zh(o) ? "{}(自{}年,范围 {}–{})" : "{} (from {}, range {}–{})"),
                                          input_name(data, s.lever, o.lang), s.from_year, format_value(s.range_low),
                                          format_value(s.range_high));
    const bool confirmed = s.reached && s.confirmed;
    unconfirmed = unconfirmed || !s.confirmed;
    std::string value;
    if (s.reached) {
      value = s.confirmed ? format_value(s.value)
                          : fmt::format(fmt::runtime(zh(o) ? "高于 {}(未能验证)" : "above {} (not confirmed)"),
                                        format_value(s.value));
    } else {
      value = s.confirmed ? std::string(zh(o) ? "范围内无取值可达到" : "none in range reaches it")
                          : std::string(zh(o) ? "未能确定(范围上限或可达到)"
                                              : "not settled (the top of the range may reach it)");
    }
    table.add({sensitivity_target_name(data, s.target_id, o), lever, format_percent(s.required), value,
               s.reached ? solve_money(s, o) : std::string("—"),
               fmt::format(fmt::runtime(zh(o) ? "{} {}({} 次模拟)" : "{} {} ({} runs)"), format_percent(s.probability),
                           format_interval(s.ci_low, s.ci_high), s.confirmation_runs)},
              confirmed ? "" : "off-track");
  }
  if (unconfirmed) {
    table.note = zh(o) ? "\"未能验证\":在新的随机数下,搜索所得取值的达成概率95%区间整体低于要求的概率(或范围上限的区间"
                         "整体高于要求的概率),再搜索几轮后仍然如此。"
                       : "\"Not confirmed\": on fresh runs, the whole 95% interval of P(met) at the value the search "
                         "found lies below the required probability (or, at the top of the range, wholly above it), "
                         "still after the further rounds the search ran.";
  }
  return table;
}

}  // namespace targetcast::report
