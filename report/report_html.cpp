#include "report/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "io/sha256.h"
#include "report/html_escape.h"
#include "report/input_names.h"
#include "report/page_scripts.h"
#include "report/plain_summary.h"
#include "report/report_assets.h"
#include "report/report_format.h"
#include "report/report_sensitivity_tables.h"
#include "report/report_tables.h"
#include "report/report_text.h"

namespace targetcast::report {
namespace {

// ---------------------------------------------------------------- JSON

// A number for JSON: shortest round-trip text, null for NaN and infinities.
std::string json_number(double v) {
  return std::isfinite(v) ? fmt::format("{}", v) : "null";
}

template <typename T, typename F>
std::string json_array(const std::vector<T>& items, F&& item) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += item(items[i]);
  }
  return out + "]";
}

// {"key":value,...} from pairs whose values are already JSON.
std::string json_object(std::initializer_list<std::pair<std::string_view, std::string>> members) {
  std::string out = "{";
  bool first = true;
  for (const auto& [key, value] : members) {
    if (!first) out += ',';
    first = false;
    out += json_string(key) + ":" + value;
  }
  return out + "}";
}

std::string fan_json(const store::ReportData& data, const store::ReportFan& fan, const ReportOptions& o) {
  const auto quantile = [&](double model::DistributionSummary::*q) {
    return json_array(fan.values, [&](const model::DistributionSummary& v) { return json_number(v.*q); });
  };
  std::vector<const store::ReportTarget*> targets;
  for (const store::ReportTarget& t : data.targets) {
    if (t.indicator_id == fan.indicator_id) targets.push_back(&t);
  }
  const store::ReportIndicator* indicator = data.find_indicator(fan.indicator_id);
  const std::string unit = indicator ? indicator->unit.in(o.lang) : std::string();
  std::vector<const store::ReportObservation*> observed;
  for (const store::ReportObservation& ob : data.observations) {
    if (ob.indicator_id == fan.indicator_id) observed.push_back(&ob);
  }
  std::vector<const store::ReportFan*> others;
  for (const store::ReportFan& f : data.fans) {
    if (f.indicator_id == fan.indicator_id && f.scenario_id != fan.scenario_id) others.push_back(&f);
  }
  return json_object({
      {"indicator", json_string(fan.indicator_id)},
      {"unit", json_string(unit)},
      {"years", json_array(fan.years, [](int y) { return std::to_string(y); })},
      {"p05", quantile(&model::DistributionSummary::p05)},
      {"p25", quantile(&model::DistributionSummary::p25)},
      {"p50", quantile(&model::DistributionSummary::p50)},
      {"p75", quantile(&model::DistributionSummary::p75)},
      {"p95", quantile(&model::DistributionSummary::p95)},
      {"targets", json_array(targets,
                             [&](const store::ReportTarget* t) {
                               return json_object(
                                   {{"name", json_string(t->name.in(o.lang))},
                                    {"deadline", std::to_string(t->deadline)},
                                    {"threshold", json_number(t->threshold)},
                                    {"rule", json_string(format_rule(t->comparison, t->threshold, unit, o.lang))}});
                             })},
      {"observed", json_array(observed,
                              [](const store::ReportObservation* ob) {
                                return fmt::format("[{},{},{}]", ob->year, json_number(ob->value),
                                                   ob->floor ? "true" : "false");
                              })},
      {"others", json_array(others,
                            [&](const store::ReportFan* f) {
                              return json_object(
                                  {{"scenario", json_string(scenario_title(data, f->scenario_id, o))},
                                   {"p50", json_array(f->values, [](const model::DistributionSummary& v) {
                                      return json_number(v.p50);
                                    })}});
                            })},
  });
}

std::string first_passage_json(const store::ReportData& data, const store::ReportFirstPassage& f,
                               const ReportOptions& o) {
  const store::ReportTarget* target = nullptr;
  for (const store::ReportTarget& t : data.targets) {
    if (t.id == f.target_id) target = &t;
  }
  const double total = static_cast<double>(f.total());
  const auto share = [&](std::uint64_t runs) {
    return json_number(total > 0 ? static_cast<double>(runs) / total : std::nan(""));
  };
  const store::TargetResultRow* r = data.find_result(f.scenario_id, f.target_id);
  return json_object({{"target", json_string(f.target_id)},
                      {"name", json_string(target ? target->name.in(o.lang) : f.target_id)},
                      {"deadline", std::to_string(target ? target->deadline : 0)},
                      {"years", json_array(f.years, [](int y) { return std::to_string(y); })},
                      {"shares", json_array(f.runs, share)},
                      {"never", share(f.never)},
                      {"probability", json_number(r ? r->probability : std::nan(""))}});
}

std::string scenarios_json(const store::ReportData& data, const ReportOptions& o) {
  if (data.scenarios.size() < 2) return "null";
  const ReportText& t = report_text(o.lang);
  std::vector<std::string> names;
  for (const store::ReportTarget& target : data.targets) names.push_back(json_string(target.name.in(o.lang)));
  names.push_back(json_string(fill(t.joint_row, "n", std::to_string(data.targets.size()))));
  const auto series = [&](const store::ReportScenario& s) {
    std::vector<double> p, low, high;
    for (const store::ReportTarget& target : data.targets) {
      const store::TargetResultRow* r = data.find_result(s.id, target.id);
      p.push_back(r ? r->probability : std::nan(""));
      low.push_back(r ? r->ci_low : std::nan(""));
      high.push_back(r ? r->ci_high : std::nan(""));
    }
    const store::JointResultRow* j = data.find_joint(s.id);
    p.push_back(j ? j->probability : std::nan(""));
    low.push_back(j ? j->ci_low : std::nan(""));
    high.push_back(j ? j->ci_high : std::nan(""));
    const auto numbers = [](const std::vector<double>& v) { return json_array(v, json_number); };
    return json_object(
        {{"name", json_string(s.title.in(o.lang))}, {"p", numbers(p)}, {"low", numbers(low)}, {"high", numbers(high)}});
  };
  return json_object({{"names", json_array(names, [](const std::string& s) { return s; })},
                      {"series", json_array(data.scenarios, series)}});
}

std::string labels_json(const store::ReportData& data, const ReportOptions& o) {
  const ReportText& t = report_text(o.lang);
  const auto s = [](std::string_view v) { return json_string(v); };
  return json_object(
      {{"bandOuter", s(t.band_outer)},
       {"bandInner", s(t.band_inner)},
       {"median", s(t.median)},
       {"target", s(t.target_marker)},
       {"observed", s(t.observed)},
       {"medianOf", s(t.median_of)},
       {"shareOfRuns", s(t.share_of_runs)},
       {"notBy", s(fill(t.not_by_horizon, "year", std::to_string(data.experiment.horizon)))},
       {"deadline", s(t.deadline_marker)},
       {"pMetBy", s(t.p_met_by)},
       {"pMet", s(t.col_p_met)},
       {"interval", s(t.col_interval)},
       {"year", s(t.col_year)},
       {"atLow", s(o.lang == "zh" ? "低端" : "low end")},
       {"atHigh", s(o.lang == "zh" ? "高端" : "high end")},
       {"tornadoFlat", s(o.lang == "zh" ? "中心及每个输入两端的达成概率都是 {p}:单独改变任何一个输入都无法改变它。"
                                        : "P(met) is {p} at the centre and at both ends of every input: no input "
                                          "alone moves it.")},
       {"assumption", s(o.lang == "zh" ? "⚠ 此结果依赖于一项假设" : "⚠ this result rests on an assumption")}});
}

// The bars a tornado draws: its ten widest, leaving out those that move
// P(met) at neither end (rows of empty bars read as a broken chart). When none
// moves, the first ten stay and the page says so in words instead.
std::vector<store::ReportTornadoBar> drawn_bars(const store::ReportTornadoTarget& t) {
  std::vector<store::ReportTornadoBar> bars;
  for (const store::ReportTornadoBar& b : t.bars) {
    if (bars.size() < 10 && (b.probability_low != t.probability || b.probability_high != t.probability)) {
      bars.push_back(b);
    }
  }
  if (bars.empty()) {
    bars.assign(t.bars.begin(), t.bars.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(10, t.bars.size())));
  }
  return bars;
}

// A tornado per target: P(met) with the input at its 5% and 95% quantile
// around the P(met) with every input at its median.
std::string tornados_json(const store::ReportData& data, const ReportOptions& o) {
  return json_array(data.sensitivity.tornado, [&](const store::ReportTornadoTarget& t) {
    const std::vector<store::ReportTornadoBar> bars = drawn_bars(t);
    return json_object({{"target", json_string(t.target_id)},
                        {"name", json_string(sensitivity_target_name(data, t.target_id, o))},
                        {"base", json_number(t.probability)},
                        {"bars", json_array(bars, [&](const store::ReportTornadoBar& b) {
                           return json_object({{"name", json_string(input_name(data, b.name, o.lang))},
                                               {"assumption", b.basis == "assumption" ? "true" : "false"},
                                               {"low", json_number(b.input_low)},
                                               {"high", json_number(b.input_high)},
                                               {"pLow", json_number(b.probability_low)},
                                               {"pHigh", json_number(b.probability_high)}});
                         })}});
  });
}

// ---------------------------------------------------------------- markup

std::string h(std::string_view text) {
  return html_escape(text);
}

// The cell of a table: the status column becomes a coloured label, P(met) a bar.
std::string cell_html(const ReportTable& table, std::size_t row, std::size_t column) {
  const std::string& text = table.rows[row][column];
  if (static_cast<int>(column) == table.status_column && !text.empty()) {
    return fmt::format("<span class=\"pill {}\">{}</span>", h(table.row_class[row]), h(text));
  }
  return h(text);
}

std::string table_html(const ReportTable& table) {
  std::string out =
      fmt::format("<div class=\"table-wrap\"><table id=\"table-{}\" class=\"report-table {}\">\n<thead><tr>",
                  h(table.id), h(table.id));
  const auto align = [&](std::size_t c) {
    return c < table.numeric.size() && table.numeric[c] ? " class=\"num\"" : "";
  };
  // The sub-line column is drawn under the one before it: no column of its own.
  const auto own_column = [&](std::size_t c) { return static_cast<int>(c) != table.subline_column; };
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    if (!own_column(c)) continue;
    std::string title = h(table.header[c]);
    if (static_cast<int>(c + 1) == table.subline_column) {
      title += fmt::format("<span class=\"subline\">{}</span>", h(table.header[c + 1]));
    }
    out += fmt::format("<th{}>{}</th>", align(c), title);
  }
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const std::string& css = table.row_class[r];
    out += css.empty() ? "<tr>" : fmt::format("<tr class=\"{}\">", h(css));
    for (std::size_t c = 0; c < table.header.size() && c < table.rows[r].size(); ++c) {
      if (!own_column(c)) continue;
      std::string cell = cell_html(table, r, c);
      if (static_cast<int>(c + 1) == table.subline_column && c + 1 < table.rows[r].size() &&
          !table.rows[r][c + 1].empty()) {
        cell += fmt::format("<span class=\"subline\">{}</span>", h(table.rows[r][c + 1]));
      }
      out += fmt::format("<td{}>{}</td>", align(c), cell);
    }
    out += "</tr>\n";
  }
  out += "</tbody></table></div>\n";
  if (!table.note.empty()) out += fmt::format("<p class=\"note\">{}</p>\n", h(table.note));
  return out;
}

// A table folded away under the charts it gives the numbers of.
std::string details_html(const ReportTable& table, std::string_view summary) {
  return fmt::format("<details><summary>{} — {}</summary>\n{}</details>\n", h(summary), h(table.title),
                     table_html(table));
}

std::string chart_div(std::string_view kind, std::size_t index, std::string_view label, std::string_view css = "",
                      std::string_view style = "") {
  return fmt::format(
      "<div class=\"chart {}\"{} data-chart=\"{}\" data-index=\"{}\" role=\"img\" aria-label=\"{}\"></div>", h(css),
      style.empty() ? std::string() : fmt::format(" style=\"{}\"", h(style)), h(kind), index, h(label));
}

const ReportTable& find_table(const std::vector<ReportTable>& tables, std::string_view id) {
  for (const ReportTable& t : tables) {
    if (t.id == id) return t;
  }
  throw std::logic_error(fmt::format("report table '{}' missing", id));
}

// "2025-03-01T08:30:00Z" → "2025-03-01 08:30 UTC".
std::string readable_time(std::string_view iso) {
  if (iso.size() != 20 || iso[10] != 'T' || iso[19] != 'Z') return std::string(iso);
  return fmt::format("{} {} UTC", iso.substr(0, 10), iso.substr(11, 5));
}

std::string header_html(const store::ReportData& data, const ReportOptions& o) {
  const ReportText& t = report_text(o.lang);
  const store::ExperimentRow& e = data.experiment;
  std::string region = data.region_name.in(o.lang);
  std::string out = "<header>\n";
  out += fmt::format("<p class=\"kicker\">{}</p>\n", h(region));
  out += fmt::format("<h1>{}</h1>\n<p class=\"plan\">{}</p>\n", h(t.title), h(plan_title(data, o)));
  std::string scenario = data.scenarios.empty() ? std::string() : data.scenarios.front().title.in(o.lang);
  out += fmt::format("<p class=\"meta\">{} · {} <strong>{}</strong> · {} · {}</p>\n",
                     h(fill(t.subtitle_experiment, "id", std::to_string(e.id))), h(t.subtitle_scenario), h(scenario),
                     h(fill(t.subtitle_runs, "runs", std::to_string(e.runs))),
                     h(readable_time(e.finished.empty() ? e.created : e.finished)));
  if (e.status != "complete") {
    out += fmt::format("<p class=\"warning\" role=\"alert\">{}</p>\n",
                       h(fill(t.warning_status, "status", stored_term(e.status, o.lang))));
  }
  return out + "</header>\n";
}

std::string nav_html(const store::ReportData& data, const ReportOptions& o) {
  const ReportText& t = report_text(o.lang);
  std::vector<std::pair<std::string_view, std::string_view>> links = {
      {"targets", t.sec_targets}, {"joint", t.sec_joint}, {"fans", t.sec_fans}, {"first", t.sec_first}};
  if (data.scenarios.size() > 1) links.emplace_back("scenarios", t.sec_scenarios);
  const std::string drivers = drivers_heading(o);
  if (!data.sensitivity.empty()) links.emplace_back("drivers", drivers);
  links.emplace_back("track", t.sec_track);
  links.emplace_back("parameters", t.sec_parameters);
  links.emplace_back("provenance", t.sec_provenance);
  std::string out = "<nav><ol>";
  for (const auto& [id, title] : links) out += fmt::format("<li><a href=\"#{}\">{}</a></li>", id, h(title));
  return out + "</ol></nav>\n";
}

// The plain-language summary, first thing under the header (issue 16, item 13).
std::string summary_html(const store::ReportData& data, const ReportOptions& o) {
  const std::string text = plain_summary_text(data, o);
  if (text.empty()) return {};
  return fmt::format("<section id=\"summary\" class=\"summary\">\n<h2>{}</h2>\n<p>{}</p>\n</section>\n",
                     h(report_text(o.lang).sec_summary), h(text));
}

std::string joint_html(const store::ReportData& data, const ReportOptions& o) {
  const ReportText& t = report_text(o.lang);
  std::string out =
      fmt::format("<section id=\"joint\">\n<h2>{}</h2>\n<p class=\"intro\">{}</p>\n", h(t.sec_joint), h(t.intro_joint));
  const store::JointResultRow* j = data.scenarios.empty() ? nullptr : data.find_joint(data.scenarios.front().id);
  if (j != nullptr) {
    const TargetStatus status = classify(j->probability, o);
    out += fmt::format(
        "<div class=\"kpis\"><div class=\"kpi {}\"><div class=\"kpi-value\">{}</div><div class=\"kpi-label\">{}</div>"
        "<div class=\"kpi-sub\">{} {}</div></div>\n<div class=\"kpi\"><div class=\"kpi-value small\">{}</div>"
        "<div class=\"kpi-sub\">{}</div></div></div>\n",
        status_class(status), h(format_percent(j->probability)),
        h(fill(t.joint_row, "n", std::to_string(data.targets.size()))), h(t.col_interval),
        h(format_interval(j->ci_low, j->ci_high)), h(status_counts(data, o)), h(status_legend(o)));
    out += fmt::format("<p>{}</p>\n", h(joint_sentence(data, o)));
  }
  return out + "</section>\n";
}

// The figures of this indicator the calibration could not reproduce, in a
// warning box beside its chart (issue 14, item 2); "" when there are none.
std::string unreproduced_box(const store::ReportData& data, const std::string& indicator_id, const std::string& unit,
                             const ReportOptions& o) {
  const ReportText& t = report_text(o.lang);
  std::vector<std::string> figures;
  for (const store::ReportUnreproduced& u : data.unreproduced) {
    if (u.indicator_id != indicator_id) continue;
    const bool growth = u.measure == "growth";
    const std::string_view measure = growth ? t.measure_growth : u.measure == "floor" ? t.measure_floor : t.measure_level;
    std::string figure = fill(t.unreproduced_figure, "year", std::to_string(u.year));
    figure = fill(figure, "measure", measure);
    figure = fill(figure, "value", growth ? fmt::format("{:+.1f}%", 100.0 * u.value) : format_value(u.value) + " " + unit);
    figures.push_back(fill(figure, "sds", fmt::format("{:+.1f}", u.fit_p50)));
  }
  if (figures.empty()) return "";
  const std::string list = fmt::format("{}", fmt::join(figures, o.lang == "zh" ? "、" : "; "));
  return fmt::format("<div class=\"unreproduced\" role=\"note\">{}</div>\n", h(fill(t.unreproduced_box, "figures", list)));
}

// With several scenarios, which one the fan charts show (the reference first).
std::string scenario_picker(const store::ReportData& data, const ReportOptions& o) {
  if (data.scenarios.size() < 2) return {};
  std::string out = fmt::format("<p class=\"picker\"><label for=\"fan-scenario\">{}</label> <select id=\"fan-scenario\">",
                                h(report_text(o.lang).choose_scenario));
  for (std::size_t k = 0; k < data.scenarios.size(); ++k) {
    out += fmt::format("<option value=\"{}\">{}</option>", k, h(data.scenarios[k].title.in(o.lang)));
  }
  return out + "</select></p>\n";
}

std::string fans_html(const store::ReportData& data, const ReportOptions& o, const std::vector<ReportTable>& tables) {
  const ReportText& t = report_text(o.lang);
  std::string out =
      fmt::format("<section id=\"fans\">\n<h2>{}</h2>\n<p class=\"intro\">{}</p>\n", h(t.sec_fans), h(t.intro_fans));
  if (data.observations.empty()) out += fmt::format("<p class=\"note\">{}</p>\n", h(t.no_observations));
  out += scenario_picker(data, o);
  out += "<div class=\"grid\">\n";
  const std::string& ref = data.scenarios.empty() ? std::string() : data.scenarios.front().id;
  std::size_t index = 0;
  for (const store::ReportFan& fan : data.fans) {
    if (fan.scenario_id != ref) continue;
    const store::ReportIndicator* ind = data.find_indicator(fan.indicator_id);
    const std::string name = ind ? ind->name.in(o.lang) : fan.indicator_id;
    const std::string unit = ind ? ind->unit.in(o.lang) : std::string();
    out += fmt::format("<figure class=\"card\" id=\"fan-{}\"><h3>{} <span class=\"unit\">({})</span></h3>\n{}\n",
                       h(fan.indicator_id), h(name), h(unit), chart_div("fan", index++, name));
    out += unreproduced_box(data, fan.indicator_id, unit, o);
    if (ind != nullptr && !ind->provenance.note_in(o.lang).empty() &&
        (ind->provenance.basis == "assumption" || ind->provenance.basis == "illustrative")) {
      out += fmt::format("<figcaption class=\"flagged-note\">⚠ {}: {}</figcaption>\n",
                         h(ind->provenance.basis == "assumption" ? t.flag_assumption : t.flag_illustrative),
                         h(ind->provenance.note_in(o.lang)));
    } else if (ind != nullptr && !ind->provenance.quote.empty()) {
      out += fmt::format("<figcaption>“{}”</figcaption>\n", h(ind->provenance.quote));
    }
    out += "</figure>\n";
  }
  out += "</div>\n" + details_html(find_table(tables, "indicators"), t.show_numbers);
  return out + "</section>\n";
}

std::string first_html(const store::ReportData& data, const ReportOptions& o, const std::vector<ReportTable>& tables) {
  const ReportText& t = report_text(o.lang);
  std::string out =
      fmt::format("<section id=\"first\">\n<h2>{}</h2>\n<p class=\"intro\">{}</p>\n<div class=\"grid three\">\n",
                  h(t.sec_first), h(t.intro_first));
  const std::string& ref = data.scenarios.empty() ? std::string() : data.scenarios.front().id;
  std::size_t index = 0;
  for (const store::ReportFirstPassage& f : data.first_passages) {
    if (f.scenario_id != ref) continue;
    std::string name = f.target_id;
    const store::ReportTarget* target = nullptr;
    for (const store::ReportTarget& x : data.targets) {
      if (x.id == f.target_id) {
        name = x.name.in(o.lang);
        target = &x;
      }
    }
    const store::TargetResultRow* r = data.find_result(f.scenario_id, f.target_id);
    const TargetStatus status = classify(r ? r->probability : std::nan(""), o);
    std::string p_met = r ? format_percent(r->probability) : "—";
    if (target != nullptr && moved_only_by_scenarios(data, target->indicator_id)) {
      p_met += fmt::format(" <span class=\"scenario-only\" title=\"{}\">{}</span>", h(t.scenario_only_note),
                           h(t.scenario_only_mark));
    } else {
      p_met = h(p_met);
    }
    out += fmt::format(
        "<figure class=\"card\" id=\"first-{}\"><h3>{}</h3><p class=\"card-sub\"><span class=\"pill {}\">{}</span> "
        "{} {}</p>\n{}\n</figure>\n",
        h(f.target_id), h(name), status_class(status), h(status_label(status, t)), h(t.col_p_met), p_met,
        chart_div("first", index++, name, "short"));
  }
  out += "</div>\n" + details_html(find_table(tables, "first_passage"), t.show_numbers);
  return out + "</section>\n";
}

std::string scenarios_html(const ReportOptions& o,
                           const std::vector<ReportTable>& tables) {
  const ReportText& t = report_text(o.lang);
  std::string out = fmt::format("<section id=\"scenarios\">\n<h2>{}</h2>\n<p class=\"intro\">{}</p>\n",
                                h(t.sec_scenarios), h(t.intro_scenarios));
  out += table_html(find_table(tables, "scenario_list"));
  out += fmt::format("<figure class=\"card wide\">{}</figure>\n", chart_div("scenarios", 0, t.table_scenarios, "tall"));
  out += fmt::format("<h3>{}</h3>\n{}", h(t.table_scenarios), table_html(find_table(tables, "scenarios")));
  out += fmt::format("<h3>{}</h3>\n{}", h(t.table_differences), table_html(find_table(tables, "differences")));
  return out + "</section>\n";
}

std::string drivers_html(const store::ReportData& data, const ReportOptions& o,
                         const std::vector<ReportTable>& tables) {
  std::string out = fmt::format("<section id=\"drivers\">\n<h2>{}</h2>\n<p class=\"intro\">{}</p>\n",
                                h(drivers_heading(o)), h(drivers_intro(data, o)));
  if (!data.sensitivity.tornado.empty()) {
    out += "<div class=\"grid\">\n";
    std::size_t index = 0;
    for (const store::ReportTornadoTarget& t : data.sensitivity.tornado) {
      const std::string name = sensitivity_target_name(data, t.target_id, o);
      // As tall as its bars: ten fill the 560 px of a tall chart, two need a quarter of it.
      const std::string height = fmt::format("height: {}px", 100 + 46 * std::max<std::size_t>(2, drawn_bars(t).size()));
      out += fmt::format(
          "<figure class=\"card\" id=\"tornado-{}\"><h3>{}</h3>\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
          h(t.target_id), h(name), chart_div("tornado", index++, name, "tall", height),
          h(tornado_caption(data, t, o)));
    }
    out += "</div>\n";
  }
  for (std::string_view id : {"drivers", "solves"}) {
    for (const ReportTable& table : tables) {
      if (table.id == id) out += fmt::format("<h3>{}</h3>\n{}", h(table.title), table_html(table));
    }
  }
  return out + "</section>\n";
}

}  // namespace

std::string report_chart_json(const store::ReportData& data, const ReportOptions& o) {
  const std::string& ref = data.scenarios.empty() ? std::string() : data.scenarios.front().id;
  // Every scenario's fan charts, in the reference's indicator order: the page
  // shows the reference's and a picker swaps in another's (issue 16, item 9).
  const auto fans_of = [&](const store::ReportScenario& s) {
    std::string fans = "[";
    for (const store::ReportFan& reference : data.fans) {
      if (reference.scenario_id != ref) continue;
      const store::ReportFan* fan = data.find_fan(s.id, reference.indicator_id);
      fans += (fans.size() > 1 ? "," : "") + (fan ? fan_json(data, *fan, o) : std::string("null"));
    }
    return fans + "]";
  };
  std::string firsts = "[";
  for (const store::ReportFirstPassage& f : data.first_passages) {
    if (f.scenario_id != ref) continue;
    firsts += (firsts.size() > 1 ? "," : "") + first_passage_json(data, f, o);
  }
  firsts += "]";
  return json_object({{"lang", json_string(o.lang)},
                      {"labels", labels_json(data, o)},
                      {"scenarioFans", json_array(data.scenarios, fans_of)},
                      {"firsts", firsts},
                      {"scenarios", scenarios_json(data, o)},
                      {"tornados", tornados_json(data, o)}});
}

std::string render_html(const store::ReportData& data, const ReportOptions& o) {
  const ReportText& t = report_text(o.lang);
  const std::vector<ReportTable> tables = report_tables(data, o);
  const std::string_view echarts = echarts_js();
  const std::string_view script = report_js();

  std::string out = fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
                                o.lang == "zh" ? "zh-CN" : "en");
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  // No load of any kind (default-src 'none'); only the two inline scripts below run.
  out += fmt::format(
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src {} {}; "
      "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n",
      csp_hash(echarts), csp_hash(script));
  out += "<meta name=\"referrer\" content=\"no-referrer\">\n";
  out += fmt::format("<meta name=\"generator\" content=\"targetcast {}\">\n", h(TARGETCAST_VERSION));
  out += fmt::format("<title>{} — {}</title>\n", h(t.title), h(plan_title(data, o)));
  out += fmt::format("<style>\n{}</style>\n</head>\n<body>\n", report_css());
  out += header_html(data, o) + nav_html(data, o) + "<main>\n";
  out += summary_html(data, o);

  out += fmt::format("<section id=\"targets\">\n<h2>{}</h2>\n<p class=\"intro\">{}</p>\n", h(t.sec_targets),
                     h(t.intro_targets));
  out += table_html(find_table(tables, "targets")) + "</section>\n";
  out += joint_html(data, o);
  out += fans_html(data, o, tables);
  out += first_html(data, o, tables);
  if (data.scenarios.size() > 1) out += scenarios_html(o, tables);
  if (!data.sensitivity.empty()) out += drivers_html(data, o, tables);
  const bool track = !data.track_record.empty();
  out += fmt::format("<section id=\"track\">\n<h2>{}</h2>\n<p class=\"intro\">{}</p>\n", h(t.sec_track),
                     h(track ? t.intro_track : t.no_track));
  if (track) out += table_html(find_table(tables, "track_record"));
  out += "</section>\n";

  out += fmt::format("<section id=\"parameters\">\n<h2>{}</h2>\n<p class=\"intro\">{}</p>\n", h(t.sec_parameters),
                     h(t.intro_parameters));
  out += table_html(find_table(tables, "parameters")) + "</section>\n";
  out += fmt::format("<section id=\"provenance\">\n<h2>{}</h2>\n", h(t.sec_provenance));
  out += fmt::format("<h3>{}</h3>\n{}", h(t.table_provenance), table_html(find_table(tables, "provenance")));
  out += fmt::format("<h3>{}</h3>\n{}", h(t.table_inputs), table_html(find_table(tables, "input_files")));
  out += "</section>\n</main>\n";

  std::string footer = fill(t.footer, "version", TARGETCAST_VERSION);
  footer = fill(footer, "echarts", echarts_version());
  out += fmt::format("<footer>{}</footer>\n", h(footer));

  return out + page_scripts("report-data", report_chart_json(data, o), echarts, script);
}

}  // namespace targetcast::report
