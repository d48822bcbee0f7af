#include "report/workbench_controls.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "model/distribution.h"
#include "report/html_escape.h"
#include "report/report_format.h"
#include "report/report_text.h"

namespace targetcast::report {
namespace {

std::string h(std::string_view text) { return html_escape(text); }

// Multiplier levers, with the range a planner would try; 1 leaves the baseline.
struct MultiplierLever {
  std::string_view name;
  model::Text label;
  double min, max, step;
  bool money;  // shown with the 亿元 a year it means
};

const MultiplierLever kMultipliers[] = {
    {"funding_multiplier", {"省级专项资金倍数", "provincial funding multiplier"}, 0.0, 3.0, 0.05, true},
    {"entry_multiplier", {"新增企业倍数", "firm entry multiplier"}, 0.5, 2.0, 0.05, false},
    {"exit_multiplier", {"企业退出风险倍数", "firm exit hazard multiplier"}, 0.5, 1.5, 0.05, false},
    {"park_capacity_multiplier", {"产业园容量倍数", "park capacity multiplier"}, 0.5, 2.0, 0.05, false},
};

// Levers that replace a prior from a year on (docs/scenarios.md); off until ticked.
struct ValueLever {
  std::string_view name;
  model::Text label, unit;
  double min, max, step;
};

const ValueLever kValueLevers[] = {
    {"funding_yi", {"省级资金(每年)", "provincial funding a year"}, {"亿元/年", "(100 million yuan a year)"}, 0.0, 10.0, 0.1},
    {"lambda_soc", {"每元省级资金带动的社会资金", "social money per yuan of provincial money"}, {"元", "yuan"}, 0.0, 6.0,
     0.1},
    {"c_proj", {"每个项目的省级资金", "provincial money per project"}, {"亿元", "(100 million yuan)"}, 0.02, 0.5, 0.01},
};

// The main parameters whose prior a planner may question in a meeting: the
// growth of firms, entry, the return on investment, the base-year industry
// and the two revenue thresholds that define leading and top firms
// (docs/model.md §6). Only normal and lognormal priors: their centre moves
// while their spread stays.
struct PriorControl {
  std::string_view name;
  model::Text unit;
};

const PriorControl kPriors[] = {
    {"mu_g", {"每年(对数)", "per year (log)"}},
    {"lambda0", {"家/年", "firms a year"}},
    {"roi", {"亿元收入/亿元投资", "yuan of revenue per yuan invested"}},
    {"c0", {"亿元", "(100 million yuan)"}},
    {"tau_lead", {"亿元", "(100 million yuan)"}},
    {"tau_top", {"亿元", "(100 million yuan)"}},
};

// The name the seed files give the parameter (its prior's name = { zh, en });
// its code name when no file names it (validate warns about that).
model::Text prior_label(const model::CompiledModel& m, std::string_view name) {
  const auto i = m.parameters.index_of(name);
  if (i && !m.parameters[*i].label.zh.empty() && !m.parameters[*i].label.en.empty()) return m.parameters[*i].label;
  return model::Text{std::string(name), std::string(name)};
}

struct Words {
  std::string_view levers, from, to, parks, in, money, shock, shock_none, shock_size, priors, priors_intro, prior_was,
      change;
};
const Words kEnglish{"Levers",
                     "from",
                     "to",
                     "new parks",
                     "in",
                     "Money levers (replace the prior from the year chosen)",
                     "Shock to a rule",
                     "no shock",
                     "size",
                     "Assumptions",
                     "Move the centre of a parameter's prior (its spread stays); the report marks it as an assumption.",
                     "prior centre {centre}; 90% {low}–{high}",
                     "change"};
const Words kChinese{"政策杠杆",
                     "起始年份",
                     "结束年份",
                     "新增产业园",
                     "年份",
                     "资金杠杆(自所选年份起替代先验)",
                     "冲击",
                     "无冲击",
                     "幅度",
                     "假设",
                     "移动某个参数先验分布的中心(分布宽度不变);报告会将其标注为假设。",
                     "先验中心 {centre};90% 区间 {low}–{high}",
                     "调整"};

std::string year_options(const model::CompiledModel& m, int selected) {
  std::string out;
  for (int y = m.base_year + 1; y <= m.horizon; ++y) {
    out += fmt::format("<option value=\"{0}\"{1}>{0}</option>", y, y == selected ? " selected" : "");
  }
  return out;
}

// A prior the page can move: present, normal or lognormal.
std::optional<model::Distribution> movable_prior(const model::CompiledModel& m, std::string_view name) {
  const auto i = m.parameters.index_of(name);
  if (!i) return std::nullopt;
  const model::Distribution& d = m.parameters[*i].distribution;
  if (d.kind != model::DistributionKind::normal && d.kind != model::DistributionKind::lognormal) return std::nullopt;
  return d;
}

double prior_median(const model::CompiledModel& m, std::string_view name, double fallback) {
  const auto i = m.parameters.index_of(name);
  return i ? model::quantile(m.parameters[*i].distribution, 0.5) : fallback;
}

// A slider step of about a hundredth of the range: 1, 2 or 5 × a power of ten.
double step_for(double lo, double hi) {
  const double raw = (hi - lo) / 100.0;
  const double scale = std::pow(10.0, std::floor(std::log10(raw)));
  const double m = raw / scale;
  return (m < 1.5 ? 1.0 : m < 3.5 ? 2.0 : 5.0) * scale;
}

// A slider's ends on the grid centre ± k·step, so that the prior's own centre
// is one of its positions (a browser snaps the value to min + k·step).
struct SliderRange {
  double min, max, step;
};
SliderRange slider_range(double lo, double centre, double hi) {
  const double step = step_for(lo, hi);
  return {centre - std::ceil((centre - lo) / step - 1e-9) * step, centre + std::ceil((hi - centre) / step - 1e-9) * step,
          step};
}

std::string slider(std::string_view id, double min, double max, double step, double value) {
  return fmt::format("<input type=\"range\" id=\"{}\" min=\"{:.6g}\" max=\"{:.6g}\" step=\"{:.6g}\" value=\"{:.6g}\">",
                     id, min, max, step, value);
}

std::string multiplier_rows(const model::CompiledModel& m, const Words& w, std::string_view lang) {
  std::string out;
  for (const MultiplierLever& l : kMultipliers) {
    out += fmt::format(
        "<div class=\"lever\"><label for=\"{0}\">{1}</label> {2} <output id=\"{0}-value\">1.00</output> "
        "<label for=\"{0}-from\">{3}</label> <select id=\"{0}-from\">{4}</select></div>\n",
        l.name, h(l.label.in(lang)), slider(l.name, l.min, l.max, l.step, 1.0), h(w.from),
        year_options(m, m.base_year + 1));
  }
  out += fmt::format(
      "<div class=\"lever\"><label for=\"parks\">{}</label> {} <output id=\"parks-value\">0</output> "
      "<label for=\"parks-year\">{}</label> <select id=\"parks-year\">{}</select></div>\n",
      h(w.parks), slider("parks", 0, 10, 1, 0), h(w.in), year_options(m, m.base_year + 1));
  return out;
}

std::string value_rows(const model::CompiledModel& m, const Words& w, std::string_view lang) {
  std::string out = fmt::format("<h3>{}</h3>\n", h(w.money));
  for (const ValueLever& l : kValueLevers) {
    const double start = l.name == "funding_yi" ? m.baseline_funding_yi : prior_median(m, l.name, l.min);
    const double centre = std::clamp(start, l.min, l.max);
    out += fmt::format(
        "<div class=\"lever\"><input type=\"checkbox\" id=\"v-{0}-on\" aria-label=\"{5}\"> <label for=\"v-{0}\">{1}"
        "</label> {2} <output id=\"v-{0}-value\"></output> <label for=\"v-{0}-from\">{3}</label> "
        "<select id=\"v-{0}-from\">{4}</select></div>\n",
        l.name, h(l.label.in(lang)), slider("v-" + std::string(l.name), l.min, l.max, l.step, centre), h(w.from),
        year_options(m, m.base_year + 1), h(w.change));
  }
  return out;
}

std::string shock_row(const model::CompiledModel& m, const Words& w, std::string_view lang) {
  std::string rules = fmt::format("<option value=\"\">{}</option>", h(w.shock_none));
  const model::Text names[] = {{"企业收入增长", "firm revenue growth"},
                               {"新企业进入", "firm entry"},
                               {"企业退出", "firm exits"},
                               {"省级资金", "provincial funding"}};
  const char* const keys[] = {"growth", "entry", "exit", "funding"};
  for (std::size_t i = 0; i < 4; ++i) rules += fmt::format("<option value=\"{}\">{}</option>", keys[i], h(names[i].in(lang)));
  for (const model::CompiledIndicator& i : m.indicators) {
    if (i.spec.kind != model::IndicatorKind::counter) continue;
    rules += fmt::format("<option value=\"counter:{}\">{}</option>", h(i.spec.id), h(i.spec.name.in(lang)));
  }
  return fmt::format(
      "<h3>{0}</h3>\n<div class=\"lever\"><select id=\"shock-rule\" aria-label=\"{0}\">{1}</select> "
      "<label for=\"shock-value\">{2}</label> {3} <output id=\"shock-value-out\">0%</output> "
      "<label for=\"shock-from\">{4}</label> <select id=\"shock-from\">{5}</select> "
      "<label for=\"shock-to\">{6}</label> <select id=\"shock-to\">{5}</select></div>\n",
      h(w.shock), rules, h(w.shock_size), slider("shock-value", -0.5, 0.5, 0.05, 0), h(w.from),
      year_options(m, m.base_year + 1), h(w.to));
}

std::string prior_rows(const model::CompiledModel& m, const Words& w, std::string_view lang) {
  std::string out = fmt::format("<h3>{}</h3>\n<p class=\"note\">{}</p>\n", h(w.priors), h(w.priors_intro));
  for (const PriorControl& p : kPriors) {
    const auto d = movable_prior(m, p.name);
    if (!d) continue;
    const double centre = model::quantile(*d, 0.5);
    const SliderRange r = slider_range(model::quantile(*d, 0.01), centre, model::quantile(*d, 0.99));
    const std::string was = fill(fill(fill(w.prior_was, "centre", format_value(centre)), "low",
                                      format_value(model::quantile(*d, 0.05))),
                                 "high", format_value(model::quantile(*d, 0.95)));
    out += fmt::format(
        "<div class=\"lever\"><input type=\"checkbox\" id=\"p-{0}-on\" aria-label=\"{5}\"> <label for=\"p-{0}\">{1}"
        "</label> {2} <output id=\"p-{0}-value\"></output> {3} <span class=\"note\">{4}</span></div>\n",
        p.name, h(prior_label(m, p.name).in(lang)), slider("p-" + std::string(p.name), r.min, r.max, r.step, centre),
        h(p.unit.in(lang)),
        h(was), h(w.change));
  }
  return out;
}

std::string number(double x) { return std::isfinite(x) ? fmt::format("{:.9g}", x) : "null"; }

}  // namespace

std::string workbench_controls_html(const model::CompiledModel& baseline, std::string_view lang) {
  const Words& w = lang == "zh" ? kChinese : kEnglish;
  return multiplier_rows(baseline, w, lang) + value_rows(baseline, w, lang) + shock_row(baseline, w, lang) +
         prior_rows(baseline, w, lang);
}

std::string workbench_controls_json(const model::CompiledModel& baseline) {
  const auto text = [](const model::Text& t) {
    return fmt::format(R"({{"zh":{},"en":{}}})", json_string(t.zh), json_string(t.en));
  };
  std::string levers, values, priors;
  for (const MultiplierLever& l : kMultipliers) {
    levers += fmt::format(R"({}{{"name":{},"label":{},"neutral":1,"money":{}}})", levers.empty() ? "" : ",",
                          json_string(l.name), text(l.label), l.money ? "true" : "false");
  }
  for (const ValueLever& l : kValueLevers) {
    values += fmt::format(R"({}{{"name":{},"label":{},"unit":{}}})", values.empty() ? "" : ",", json_string(l.name),
                          text(l.label), text(l.unit));
  }
  for (const PriorControl& p : kPriors) {
    const auto d = movable_prior(baseline, p.name);
    if (!d) continue;
    const bool normal = d->kind == model::DistributionKind::normal;
    priors += fmt::format(R"({}{{"name":{},"label":{},"unit":{},"dist":{},"centreKey":{},"spreadKey":{},)"
                          R"("spread":{},"lower":{},"upper":{},"centre":{}}})",
                          priors.empty() ? "" : ",", json_string(p.name), text(prior_label(baseline, p.name)),
                          text(p.unit),
                          json_string(normal ? "normal" : "lognormal"), json_string(normal ? "mean" : "median"),
                          json_string(normal ? "sd" : "sigma"), number(d->b), number(d->lower), number(d->upper),
                          number(model::quantile(*d, 0.5)));
  }
  return fmt::format(R"("levers":[{}],"values":[{}],"priors":[{}],)"
                     R"("parksLabel":{},"shockLabel":{},"noChange":{})",
                     levers, values, priors, text({"新增产业园", "new parks"}), text({"冲击", "shock"}),
                     text({"与基准相同", "as the baseline"}));
}

}  // namespace targetcast::report
