#include "report/workbench_page.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "report/html_escape.h"
#include "report/page_scripts.h"
#include "report/report_assets.h"
#include "report/report_text.h"
#include "report/workbench_controls.h"

namespace targetcast::report {
namespace {

std::string h(std::string_view text) { return html_escape(text); }

struct PageText {
  std::string_view title, intro, levers, store, download, targets, col_target, col_rule, col_deadline,
      col_baseline, col_what_if, col_difference, col_status, col_basis, fan, indicator, save, note_intervals;
  std::string_view runs, from_priors, from_posterior;  // {runs}; {id}
  std::string_view json;  // the page script's words, a JSON object
};

const PageText kEnglish{
    "What-if workbench", "Move a lever: the targets' probabilities are recalculated on the same simulated runs as "
    "the baseline (common random numbers), so the difference column is the effect of the lever alone.",
    "Levers", "Store as an experiment", "Download the report", "Targets", "target", "rule", "deadline", "baseline P(met)",
    "what-if P(met)", "difference, points [95%]", "status", "basis", "Indicator over time", "indicator",
    "Save as a scenario file",
    "Intervals: Monte Carlo error only (finite runs). ⚠ the probability rests on an assumption, not on evidence.",
    "{runs} runs", "parameters drawn from the priors", "parameters drawn from calibration {id}'s posterior",
    R"j({"calculating":"calculating…","ready":"ready","done":"{runs} runs in {seconds} s",)j"
    R"j("status_on-track":"on track","status_at-risk":"at risk","status_off-track":"off track",)j"
    R"j("basis_assumption":"assumption","basis_data":"data","joint":"all targets together:",)j"
    R"j("baseline":"baseline","what_if":"what-if","yi_per_year":"million yuan a year","money_scale":100,"saved":"saved as {file}",)j"
    R"j("stored":"stored as experiment {id} in {db} (settings in {file}); targetcast report --db {db} --experiment {id} writes its report",)j"
    R"j("storing":"running the what-if as an experiment…","downloaded":"report of experiment {id} downloaded ({file})",)j"
    R"j("target":"target","band":"5–95%"})j"};

const PageText kChinese{
    "情景推演工作台", "调整政策杠杆:各目标的达成概率会在与基准情景相同的模拟运行上重新计算(共同随机数),因此“差异”一栏只反映该杠杆本身的作用。",
    "政策杠杆", "存为实验", "下载报告", "目标", "目标", "规则", "期限", "基准达成概率", "情景达成概率",
    "差异(百分点)[95%]", "状态", "依据", "指标走势", "指标", "保存为情景文件",
    "区间仅反映蒙特卡洛误差(运行次数有限)。⚠ 表示该概率依据的是假设而非数据。",
    "{runs} 次运行", "参数取自先验分布", "参数取自校准 {id} 的后验分布",
    R"j({"calculating":"计算中…","ready":"就绪","done":"{runs} 次运行,用时 {seconds} 秒",)j"
    R"j("status_on-track":"进展顺利","status_at-risk":"存在风险","status_off-track":"难以达成",)j"
    R"j("basis_assumption":"假设","basis_data":"数据","joint":"全部目标同时达成:",)j"
    R"j("baseline":"基准","what_if":"情景","yi_per_year":"亿元/年","money_scale":1,"saved":"已保存为 {file}",)j"
    R"j("stored":"已存为实验 {id},保存在 {db}(设置见 {file});运行 targetcast report --db {db} --experiment {id} 可生成其报告",)j"
    R"j("storing":"正在将该情景作为实验运行…","downloaded":"已下载实验 {id} 的报告({file})",)j"
    R"j("target":"目标","band":"5–95%区间"})j"};

std::string page_data(const model::CompiledModel& m, std::string_view initial_json, const PageText& t,
                      std::string_view lang) {
  return fmt::format(R"({{"lang":{},"text":{},"fundingYi":{},{},)"
                     R"("title":{{"zh":"工作台情景","en":"Workbench what-if"}},"initial":{}}})",
                     json_string(lang), t.json, m.baseline_funding_yi, workbench_controls_json(m), initial_json);
}

std::string indicator_options(const model::CompiledModel& m, std::string_view lang) {
  std::string out;
  // The first indicator a target is set on is shown first.
  const auto targeted = [&](std::size_t i) {
    return std::any_of(m.targets.begin(), m.targets.end(), [i](const model::CompiledTarget& t) { return t.indicator == i; });
  };
  bool chosen = false;
  for (std::size_t i = 0; i < m.indicators.size(); ++i) {
    const bool select = !chosen && targeted(i);
    chosen = chosen || select;
    out += fmt::format("<option value=\"{}\"{}>{}</option>", h(m.indicators[i].spec.id), select ? " selected" : "",
                       h(m.indicators[i].spec.name.in(lang)));
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
  out += fmt::format(
      "<section id=\"levers\"><h2>{}</h2>\n{}<p class=\"buttons\"><button id=\"save\" type=\"button\">{}</button> "
      "<button id=\"store\" type=\"button\">{}</button> <button id=\"download\" type=\"button\">{}</button></p>"
      "<p id=\"status\" role=\"status\"></p></section>\n",
      h(t.levers), workbench_controls_html(baseline, lang), h(t.save), h(t.store), h(t.download));
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
