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

}  // namespace

namespace {

// The note of a driver's prior in the report's language: the analysis keeps
// one text; the experiment's own parameter row may carry the Chinese one.
std::string driver_note(const store::ReportData& data, const store::ReportDriver& d, const ReportOptions& o) {
  for (const store::ReportParameter& p : data.parameters) {
    if (p.name == d.name && p.note == d.note) return p.note_in(o.lang);
  }
  return d.note;
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

std::string drivers_heading(const ReportOptions& o) {
  return zh(o) ? "影响达成概率的因素" : "What drives the odds";
}

std::string drivers_intro(const store::ReportData& data, const ReportOptions& o) {
  const store::ReportSensitivity& s = data.sensitivity;
  std::string out =
      zh(o) ? "按Sobol总效应指数排序的不确定输入(参数先验、政策杠杆范围、运行本身的随机性):指数是\"达成/未达成\"方差中"
              "由该输入(含其交互作用)造成的份额。龙卷风图:每个输入取其5%和95%分位数、其余取中位数时的达成概率。"
            : "Uncertain inputs (parameter priors, lever ranges, and each run's own randomness) ranked by their Sobol "
              "total-order index: the share of the variance of met/not met due to the input, interactions included. "
              "Tornado: P(met) with each input at its 5% and 95% quantile and every other input at its median.";
  if (s.sobol_id != 0) {
    out += fmt::format(
        fmt::runtime(zh(o) ? " Sobol分析 {}:N = {},{} 次模拟。" : " Sobol analysis {}: N = {}, {} model runs."),
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
      if (assumption && !d.note.empty()) basis += " — " + driver_note(data, d, o);
      table.add({k == 0 ? name : std::string(), std::to_string(k + 1), input_name(d.name, o.lang),
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
  table.column(zh(o) ? "验证运行的达成概率 [95%区间]" : "confirmation P(met) [95% interval]", true);
  for (const store::ReportSolve& s : data.sensitivity.solves) {
    const std::string lever = fmt::format(fmt::runtime(zh(o) ? "{}(自{}年,范围 {}–{})" : "{} (from {}, range {}–{})"),
                                          input_name(s.lever, o.lang), s.from_year, format_value(s.range_low),
                                          format_value(s.range_high));
    const std::string value =
        s.reached ? format_value(s.value) : std::string(zh(o) ? "范围内无取值可达到" : "none in range reaches it");
    table.add({sensitivity_target_name(data, s.target_id, o), lever, format_percent(s.required), value,
               fmt::format("{} {} ({} runs)", format_percent(s.probability), format_interval(s.ci_low, s.ci_high),
                           s.confirmation_runs)},
              s.reached ? "" : "off-track");
  }
  return table;
}

}  // namespace targetcast::report
