// scenarios/<name>.toml read table by table (io/scenario_file.h).
#include "io/scenario_file.h"

#include <climits>
#include <cstdlib>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "io/priors_file.h"

namespace targetcast::io::detail {

namespace {

NumberRule lever_rule(model::LeverKind kind) {
  using L = model::LeverKind;
  switch (kind) {
    case L::funding_yi:
      return {.min = 0.0, .unit = "亿元 per year"};
    case L::lambda_soc:
      return {.min = 0.0, .unit = "social yuan per provincial yuan"};
    case L::c_proj:
      return {.min = 0.0, .min_open = true, .unit = "亿元 per project"};
    case L::funding_multiplier:
    case L::entry_multiplier:
    case L::exit_multiplier:
    case L::park_capacity_multiplier:
      return {.min = 0.0, .min_open = true, .unit = "a multiplier"};
  }
  return {};
}

// 2 for "lever[2]" (element_path counts from 1).
int position_of(const std::string& path) {
  const std::size_t open = path.rfind('[');
  return open == std::string::npos ? 0 : std::atoi(path.c_str() + open + 1);
}

class ScenarioReader {
 public:
  ScenarioReader(Report& report, const toml::table& root, const SourceFile& file)
      : report_(report), root_(report, root, ""), file_(file) {}

  model::ScenarioSpec read() {
    spec_.source_path = file_.path;
    read_format(root_);
    read_scenario_table();
    each_table(root_, "lever", [&](const toml::table& t, const std::string& path) { read_lever(t, path); });
    each_table(root_, "shock", [&](const toml::table& t, const std::string& path) { read_shock(t, path); });
    each_table(root_, "park", [&](const toml::table& t, const std::string& path) { read_park(t, path); });
    spec_.priors = read_priors(root_, Need::optional);
    root_.finish(kScenarioRootKeys);
    return std::move(spec_);
  }

 private:
  void read_scenario_table() {
    const toml::table* t = root_.table("scenario", Need::required);
    if (t == nullptr) return;
    Fields f(report_, *t, "scenario");
    spec_.id = f.string("id", Need::required, StringRule::id, "a scenario id").value_or(spec_.id);
    spec_.title = f.text("title", Need::required).value_or(spec_.title);
    // The plan's id survives copying the file elsewhere; a path (relative to
    // this file) is still read as before.
    if (const auto named = f.string("baseline", Need::optional, StringRule::nonblank,
                                    "the id of the plan (or the path of its file, relative to this file)")) {
      if (is_id(*named)) {
        spec_.baseline_plan = *named;
      } else {
        spec_.baseline_path = resolve_relative(file_, *named);
      }
      spec_.baseline_line = line_of(*t->get("baseline"));
    }
    spec_.horizon = f.whole("horizon", Need::optional, year_rule()).value_or(0);
    if (const toml::node* h = t->get("horizon")) spec_.horizon_line = line_of(*h);
    spec_.description = f.text("description", Need::optional).value_or(model::Text{});
    f.finish(kScenarioTableKeys);
  }

  // from and to (inclusive), with to ≥ from; `to` absent → 0.
  std::pair<int, int> read_span(Fields& f) {
    const auto from = f.whole("from", Need::required, year_rule());
    const auto to = f.whole("to", Need::optional, year_rule());
    if (from && to && *to < *from) {
      f.problem("to", "expected a year ≥ from (" + std::to_string(*from) + "), got " + std::to_string(*to));
    }
    if (from && spec_.horizon > 0 && *from > spec_.horizon) {
      f.problem("from", "expected a year ≤ the scenario's horizon (" + std::to_string(spec_.horizon) + "), got " +
                            std::to_string(*from));
    }
    return {from.value_or(0), to.value_or(0)};
  }

  void read_lever(const toml::table& t, const std::string& path) {
    Fields f(report_, t, path);
    model::Lever lever;
    lever.line = f.line();
    lever.position = position_of(path);
    const auto kind = f.choice("name", Need::required, kLeverNames);
    const auto [from, to] = read_span(f);
    lever.from = from;
    lever.to = to;
    const NumberRule rule = kind ? lever_rule(static_cast<model::LeverKind>(*kind)) : NumberRule{};
    const auto value = f.number("value", Need::required, rule);
    f.finish(kLeverKeys);
    if (!kind) return;
    lever.kind = static_cast<model::LeverKind>(*kind);
    lever.value = value.value_or(0.0);
    // Two levers of the same name in the same year would be ambiguous (replace
    // or multiply?), so they are refused. `to` = 0 runs to the horizon.
    const int end = lever.to > 0 ? lever.to : INT_MAX;
    if (from > 0) {
      for (std::size_t i = 0; i < spec_.levers.size(); ++i) {
        const model::Lever& other = spec_.levers[i];
        const int other_end = other.to > 0 ? other.to : INT_MAX;
        if (other.kind == lever.kind && other.from > 0 && lever.from <= other_end && other.from <= end) {
          f.problem("from", "overlaps the " + std::string(kLeverNames[*kind]) + " lever on line " +
                                std::to_string(other.line) +
                                ": two levers of the same name cannot cover the same year");
          return;  // not kept, so that checks against the plan do not report it again
        }
      }
    }
    spec_.levers.push_back(lever);
  }

  void read_shock(const toml::table& t, const std::string& path) {
    Fields f(report_, t, path);
    model::Shock shock;
    shock.line = f.line();
    shock.position = position_of(path);
    const auto rule = f.choice("rule", Need::required, kShockRules);
    if (rule && static_cast<model::ShockRule>(*rule) == model::ShockRule::counter) {
      shock.indicator =
          f.string("indicator", Need::required, StringRule::id, "the id of the counter indicator").value_or("");
    } else if (rule) {
      f.reject("indicator", "'indicator' applies only to rule = \"counter\"");
    } else {
      f.get("indicator");
    }
    const auto [from, to] = read_span(f);
    shock.from = from;
    shock.to = to;
    // A growth shock shifts log growth; the others scale a rate by (1 + value),
    // which must stay ≥ 0.
    const bool shift = rule && static_cast<model::ShockRule>(*rule) == model::ShockRule::growth;
    const NumberRule value_rule = shift
                                      ? NumberRule{.unit = "a relative change: -0.10 = −10%"}
                                      : NumberRule{.min = -1.0, .unit = "a relative change: -0.10 = −10%, at least -1"};
    shock.value = f.number("value", Need::required, value_rule).value_or(0.0);
    f.finish(kShockKeys);
    if (rule) {
      shock.rule = static_cast<model::ShockRule>(*rule);
      spec_.shocks.push_back(std::move(shock));
    }
  }

  void read_park(const toml::table& t, const std::string& path) {
    Fields f(report_, t, path);
    model::ParkAddition park;
    park.line = f.line();
    park.position = position_of(path);
    park.year = f.whole("year", Need::required, year_rule()).value_or(0);
    if (park.year > 0 && spec_.horizon > 0 && park.year > spec_.horizon) {
      f.problem("year", "expected a year ≤ the scenario's horizon (" + std::to_string(spec_.horizon) + "), got " +
                            std::to_string(park.year));
    }
    park.count = f.whole("count", Need::optional, IntRule{1, 1000, "a count of parks"}).value_or(1);
    park.capacity =
        f.number("capacity", Need::optional, NumberRule{.min = 0.0, .min_open = true, .unit = "firms per park"})
            .value_or(0.0);
    f.finish(kParkKeys);
    spec_.parks.push_back(park);
  }

  Report& report_;
  Fields root_;
  const SourceFile& file_;
  model::ScenarioSpec spec_;
};

}  // namespace

model::ScenarioSpec read_scenario_file(Report& report, const toml::table& root, const SourceFile& file) {
  return ScenarioReader(report, root, file).read();
}

}  // namespace targetcast::io::detail
