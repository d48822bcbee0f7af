#include "report/workbook_words.h"

namespace targetcast::report {
namespace {

constexpr WorkbookWords kEnglish{
    .tab_targets = "Targets",
    .tab_indicators = "Indicators by year",
    .tab_first_passage = "First reached",
    .tab_scenarios = "By scenario",
    .tab_differences = "Paired differences",
    .tab_drivers = "Drivers",
    .tab_solves = "Levers needed",
    .tab_track_record = "Track record",
    .tab_parameters = "Parameters",
    .tab_provenance = "Provenance",
    .low = "low",
    .high = "high",
    .at_deadline = "value at deadline",
    .posterior = "posterior",
    .col_rank = "rank",
    .col_input = "input",
    .col_st_met = "ST on met",
    .col_s_met = "S on met",
    .col_st_value = "ST on ln indicator",
    .no_attribution = "(every run gave the same outcome: nothing to attribute)",
    .irreducible = "irreducible luck",
    .rests = "⚠ this result rests on an assumption",
    .col_lever = "lever",
    .col_from_year = "from year",
    .col_range = "range searched",
    .col_required = "required P(met)",
    .col_value_needed = "value needed",
    .col_confirmation = "confirmation P(met)",
    .col_confirmation_runs = "confirmation runs",
    .none_in_range = "none in range reaches it",
};

constexpr WorkbookWords kChinese{
    .tab_targets = "目标一览",
    .tab_indicators = "指标历年分位数",
    .tab_first_passage = "首次达到年份",
    .tab_scenarios = "各情景达成概率",
    .tab_differences = "配对差异",
    .tab_drivers = "驱动因素",
    .tab_solves = "所需政策杠杆",
    .tab_track_record = "历史预测表现",
    .tab_parameters = "参数与假设",
    .tab_provenance = "来源与可复现信息",
    .low = "下限",
    .high = "上限",
    .at_deadline = "期限年数值",
    .posterior = "后验分布",
    .col_rank = "排名",
    .col_input = "输入",
    .col_st_met = "总效应 ST(达成)",
    .col_s_met = "一阶 S(达成)",
    .col_st_value = "总效应 ST(指标值对数)",
    .no_attribution = "(所有模拟结果相同,无法归因)",
    .irreducible = "不可约的随机性",
    .rests = "⚠ 此结果依赖于一项假设",
    .col_lever = "杠杆",
    .col_from_year = "起始年份",
    .col_range = "搜索范围",
    .col_required = "要求的概率",
    .col_value_needed = "所需取值",
    .col_confirmation = "验证运行的达成概率",
    .col_confirmation_runs = "验证运行次数",
    .none_in_range = "范围内无取值可达到",
};

}  // namespace

const WorkbookWords& workbook_words(std::string_view lang) {
  return lang == "zh" ? kChinese : kEnglish;
}

std::string column_part(std::string_view label, std::string_view part, std::string_view lang) {
  std::string out(label);
  // "95%区间下限" reads as one word; "期限年数值:中位数" as the HTML heads it.
  const bool bound = part == kChinese.low || part == kChinese.high;
  out += lang != "zh" ? ": " : bound ? "" : ":";
  out += part;
  return out;
}

}  // namespace targetcast::report
