#include "report/workbench_page.h"

#include <fmt/format.h>

#include <cstdint>

#include "report/html_escape.h"
#include "report/page_scripts.h"
#include "report/report_assets.h"
#include "report/report_text.h"

namespace targetcast::report {
namespace {

std::string h(std::string_view text) { return html_escape(text); }

// The levers the page offers: the multiplier levers of the scenario format
// (docs/scenarios.md) with a range a planner would try; 1 leaves the baseline.
struct LeverControl {
  std::string_view name;
  model::Text label;
  double min, max, step;
  bool money;  // shown with the 亿元 a year it means
};

const LeverControl kLevers[] = {
    {"funding_multiplier", {"省级专项资金倍数", "provincial funding multiplier"}, 0.0, 3.0, 0.05, true},
    {"entry_multiplier", {"新增企业倍数", "firm entry multiplier"}, 0.5, 2.0, 0.05, false},
    {"exit_multiplier", {"企业退出风险倍数", "firm exit hazard multiplier"}, 0.5, 1.5, 0.05, false},
    {"park_capacity_multiplier", {"产业园容量倍数", "park capacity multiplier"}, 0.5, 2.0, 0.05, false},
};

struct PageText {
  std::string_view title, intro, levers, lever_from, parks, parks_year, targets, col_target, col_rule, col_deadline,
      col_baseline, col_what_if, col_difference, col_status, col_basis, fan, indicator, save, note_intervals;
  std::string_view runs, from_priors, from_posterior;  // {runs}; {id}
  std::string_view json;  // the page script's words, a JSON object
};

const PageText kEnglish{
    "What-if workbench", "Move a lever: the targets' probabilities are recalculated on the same simulated runs as "
    "the baseline (common random numbers), so the difference column is the effect of the lever alone.",
    "Levers", "from", "new parks", "in", "Targets", "target", "rule", "deadline", "baseline P(met)",
    "what-if P(met)", "difference, points [95%]", "status", "basis", "Indicator", "indicator",
    "Save as a scenario file",
    "Intervals: Monte Carlo error only (finite runs). ⚠ the probability rests on an assumption, not on evidence.",
    "{runs} runs", "parameters drawn from the priors", "parameters drawn from calibration {id}'s posterior",
    R"({"calculating":"calculating…","ready":"ready","done":"{runs} runs in {seconds} s",)"
    R"("status_on-track":"on track","status_at-risk":"at risk","status_off-track":"off track",)"
    R"("basis_assumption":"assumption","basis_data":"data","joint":"all targets together:",)"
    R"("baseline":"baseline","what_if":"what-if","yi_per_year":"亿元/yr","saved":"saved as {file}"})"};

const PageText kChinese{
    "情景推演工作台", "调整政策杠杆:各目标的达成概率会在与基准情景相同的模拟运行上重新计算(共同随机数),因此“差异”一栏只反映该杠杆本身的作用。",
    "政策杠杆", "起始年份", "新增产业园", "年份", "目标", "目标", "规则", "期限", "基准达成概率", "情景达成概率",
    "差异(百分点)[95%]", "状态", "依据", "指标", "指标", "保存为情景文件",
    "区间仅反映蒙特卡洛误差(运行次数有限)。⚠ 表示该概率依据的是假设而非数据。",
    "{runs} 次运行", "参数取自先验分布", "参数取自校准 {id} 的后验分布",
    R"({"calculating":"计算中…","ready":"就绪","done":"{runs} 次运行,用时 {seconds} 秒",)"
    R"("status_on-track":"进展顺利","status_at-risk":"存在风险","status_off-track":"难以达成",)"
    R"("basis_assumption":"假设","basis_data":"数据","joint":"全部目标同时达成:",)"
    R"("baseline":"基准","what_if":"情景","yi_per_year":"亿元/年","saved":"已保存为 {file}"})"};

std::string year_options(const model::CompiledModel& m) {
  std::string out;
  for (int y = m.base_year + 1; y <= m.horizon; ++y) out += fmt::format("<option value=\"{0}\">{0}</option>", y);
  return out;
}

std::string lever_rows(const model::CompiledModel& m, const PageText& t, std::string_view lang) {
  std::string out;
  for (const LeverControl& l : kLevers) {
    out += fmt::format(
        "<div class=\"lever\"><label for=\"{0}\">{1}</label> <input type=\"range\" id=\"{0}\" min=\"{2}\" max=\"{3}\" "
        "step=\"{4}\" value=\"1\"> <output id=\"{0}-value\">1.00</output> <label for=\"{0}-from\">{5}</label> "
        "<select id=\"{0}-from\">{6}</select></div>\n",
        l.name, h(l.label.in(lang)), l.min, l.max, l.step, h(t.lever_from), year_options(m));
  }
  out += fmt::format(
      "<div class=\"lever\"><label for=\"parks\">{}</label> <input type=\"range\" id=\"parks\" min=\"0\" max=\"10\" "
      "step=\"1\" value=\"0\"> <output id=\"parks-value\">0</output> <label for=\"parks-year\">{}</label> "
      "<select id=\"parks-year\">{}</select></div>\n",
      h(t.parks), h(t.parks_year), year_options(m));
  return out;
}

std::string page_data(const model::CompiledModel& m, std::string_view initial_json, const PageText& t,
                      std::string_view lang) {
  std::string levers, indicators;
  for (const LeverControl& l : kLevers) {
    levers += fmt::format(R"({}{{"name":{},"label":{{"zh":{},"en":{}}},"neutral":1,"money":{}}})",
                          levers.empty() ? "" : ",", json_string(l.name), json_string(l.label.zh),
                          json_string(l.label.en), l.money ? "true" : "false");
  }
  return fmt::format(
      R"({{"lang":{},"text":{},"fundingYi":{},"levers":[{}],"title":{{"zh":"工作台情景","en":"Workbench what-if"}},)"
      R"("parksLabel":{{"zh":"新增产业园","en":"new parks"}},"noChange":{{"zh":"与基准相同","en":"as the baseline"}},)"
      R"("initial":{}}})",
      json_string(lang), t.json, m.baseline_funding_yi, levers, initial_json);
}

std::string indicator_options(const model::CompiledModel& m, std::string_view lang) {
  std::string out;
  for (const model::CompiledIndicator& i : m.indicators) {
    out += fmt::format("<option value=\"{}\">{}</option>", h(i.spec.id), h(i.spec.name.in(lang)));
  }
  return out;
}

}  // namespace

std::string workbench_html(const model::CompiledModel& baseline, std::string_view initial_json, std::uint32_t runs,
                           std::optional<std::int64_t> posterior, std::string_view lang) {
  const PageText& t = lang == "zh" ? kChinese : kEnglish;
  const std::string runs_text = fill(t.runs, "runs", std::to_string(runs));
  const std::string source = posterior ? fill(t.from_posterior, "id", std::to_string(*posterior)) : std::string(t.from_priors);
  const std::string_view echarts = echarts_js(), script = workbench_js();
  std::string out = fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
                                lang == "zh" ? "zh-CN" : "en");
  out += fmt::format(
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src {} {}; "
      "style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'\">\n",
      csp_hash(echarts), csp_hash(script));
  out += fmt::format("<title>{} — {}</title>\n<style>\n{}</style>\n</head>\n<body>\n", h(t.title),
                     h(baseline.plan.title.in(lang)), report_css());
  out += fmt::format("<header><h1>{}</h1><p>{} · {} · {}</p><p class=\"intro\">{}</p></header>\n<main>\n", h(t.title),
                     h(baseline.plan.title.in(lang)), h(runs_text), h(source), h(t.intro));
  out += fmt::format("<section id=\"levers\"><h2>{}</h2>\n{}<button id=\"save\" type=\"button\">{}</button> "
                     "<span id=\"status\" role=\"status\"></span></section>\n",
                     h(t.levers), lever_rows(baseline, t, lang), h(t.save));
  out += fmt::format(
      "<section id=\"targets\"><h2>{}</h2><table class=\"data\"><thead><tr><th>{}</th><th>{}</th><th>{}</th>"
      "<th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody id=\"targets-body\"></tbody></table>"
      "<p id=\"joint\"></p><p class=\"note\">{}</p></section>\n",
      h(t.targets), h(t.col_target), h(t.col_rule), h(t.col_deadline), h(t.col_baseline), h(t.col_what_if),
      h(t.col_difference), h(t.col_status), h(t.col_basis), h(t.note_intervals));
  out += fmt::format("<section id=\"fans\"><h2>{}</h2><label for=\"indicator\">{}</label> <select id=\"indicator\">{}"
                     "</select><div id=\"fan\" class=\"chart\"></div></section>\n</main>\n",
                     h(t.fan), h(t.indicator), indicator_options(baseline, lang));
  return out + page_scripts("workbench-data", page_data(baseline, initial_json, t, lang), echarts, script);
}

}  // namespace targetcast::report
