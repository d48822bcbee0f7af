#include "report/scenario_changes.h"

#include <fmt/format.h>

#include <cmath>

#include "report/input_names.h"

namespace targetcast::report {
namespace {

// "in 2023", "from 2023", "2023–2025" / "2023年", "2023年起", "2023–2025年".
std::string span(int from, int to, bool zh) {
  if (to == from) return zh ? fmt::format("{}年", from) : fmt::format("in {}", from);
  if (to == 0) return zh ? fmt::format("{}年起", from) : fmt::format("from {}", from);
  return zh ? fmt::format("{}–{}年", from, to) : fmt::format("{}–{}", from, to);
}

std::string number(double v) {
  return fmt::format("{}", v);
}

// "+20%" / "−30%".
std::string relative(double change) {
  const double pct = std::round(1000.0 * change) / 10.0;
  return pct < 0 ? fmt::format("−{}%", number(-pct)) : fmt::format("+{}%", number(pct));
}

std::string lever_text(const model::Lever& l, const store::ReportData& data, bool zh) {
  using K = model::LeverKind;
  const std::string name = input_name(data, model::to_string(l.kind), zh ? "zh" : "en");
  const std::string when = span(l.from, l.to, zh);
  const std::string v = number(l.value);
  const bool multiplier = l.kind == K::funding_multiplier || l.kind == K::entry_multiplier ||
                          l.kind == K::exit_multiplier || l.kind == K::park_capacity_multiplier;
  if (multiplier) {
    // "省级资金倍数" reads "省级资金×1.5": the multiplier is the sign, not the noun.
    std::string noun = name;
    for (std::string_view suffix : {std::string_view("倍数"), std::string_view(" multiplier")}) {
      if (noun.size() > suffix.size() && noun.compare(noun.size() - suffix.size(), suffix.size(), suffix) == 0) {
        noun.resize(noun.size() - suffix.size());
      }
    }
    return zh ? fmt::format("{}×{}({})", noun, v, when) : fmt::format("{} ×{} {}", noun, v, when);
  }
  return zh ? fmt::format("{}设为{}({})", name, v, when) : fmt::format("{} set to {} {}", name, v, when);
}

std::string shock_text(const model::Shock& s, const store::ReportData& data, bool zh) {
  std::string what;
  switch (s.rule) {
    case model::ShockRule::growth:
      what = zh ? "企业增速" : "firm growth";
      break;
    case model::ShockRule::entry:
      what = zh ? "企业新增" : "start-ups";
      break;
    case model::ShockRule::exit:
      what = zh ? "企业退出" : "exits";
      break;
    case model::ShockRule::funding:
      what = zh ? "省级资金" : "provincial funding";
      break;
    case model::ShockRule::counter: {
      const store::ReportIndicator* i = data.find_indicator(s.indicator);
      what = i ? i->name.in(zh ? "zh" : "en") : s.indicator;
      break;
    }
  }
  const std::string when = span(s.from, s.to == 0 ? s.from : s.to, zh);
  return zh ? fmt::format("{}冲击{}({})", what, relative(s.value), when)
            : fmt::format("{} shock {} {}", what, relative(s.value), when);
}

std::string park_text(const model::ParkAddition& p, bool zh) {
  if (zh) {
    const std::string each = p.capacity > 0 ? fmt::format(",每个可容纳{}家企业", number(p.capacity)) : "";
    return fmt::format("{}年新增{}个园区{}", p.year, p.count, each);
  }
  const std::string each = p.capacity > 0 ? fmt::format(" of {} firms each", number(p.capacity)) : "";
  return fmt::format("+{} park{}{} in {}", p.count, p.count == 1 ? "" : "s", each, p.year);
}

}  // namespace

std::vector<std::string> scenario_changes(const model::ScenarioSpec& spec, const store::ReportData& data,
                                          std::string_view lang) {
  const bool zh = lang == "zh";
  std::vector<std::string> out;
  for (const model::Lever& l : spec.levers) out.push_back(lever_text(l, data, zh));
  for (const model::Shock& s : spec.shocks) out.push_back(shock_text(s, data, zh));
  for (const model::ParkAddition& p : spec.parks) out.push_back(park_text(p, zh));
  for (const model::Prior& p : spec.priors) {
    // A scenario's own prior may name itself; else the plan's name for it.
    const std::string name = p.label.zh.empty() ? input_name(data, p.name, lang) : p.label.in(lang);
    out.push_back(zh ? fmt::format("重设“{}”的先验", name) : fmt::format("a new prior for {}", name));
  }
  return out;
}

std::string scenario_changes_text(const store::ReportScenario& scenario, const store::ReportData& data,
                                  std::string_view lang) {
  if (!scenario.spec) return {};
  const std::vector<std::string> changes = scenario_changes(*scenario.spec, data, lang);
  if (changes.empty()) return lang == "zh" ? "无调整,按规划基线运行" : "nothing: the plan's baseline as it stands";
  std::string out;
  for (const std::string& c : changes) out += (out.empty() ? "" : (lang == "zh" ? ";" : "; ")) + c;
  return out;
}

}  // namespace targetcast::report
