// seeds/<plan>.toml read table by table (io/plan_file.h).
#include "io/plan_file.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/document_file.h"
#include "io/priors_file.h"

namespace targetcast::io::detail {

namespace {

constexpr std::array<std::string_view, 2> kBoundNames = {"exact", "floor"};

constexpr std::array<std::string_view, 9> kIndicatorKinds = {
    "firm_count", "firm_count_above", "revenue_sum",           "park_count", "multiple", "sum",
    "counter",    "growth_series",    "investment_completion",
};

constexpr std::array<std::string_view, 3> kScaleNames = {"none", "firms", "funding"};

constexpr std::array<std::string_view, 2> kComparisons = {">=", ">"};

// Keys that belong to some indicator kinds only.
constexpr std::array<std::string_view, 14> kKindKeys = {
    "threshold_parameter",
    "parameter",
    "of",
    "baseline",
    "baseline_parameter",
    "rate_parameter",
    "scale",
    "elasticity_parameter",
    "per_project_parameter",
    "initial_growth",
    "mean_growth_parameter",
    "persistence_parameter",
    "planned_total_yi",
    "concentration_parameter",
};

std::vector<std::string_view> keys_of_kind(model::IndicatorKind kind) {
  using K = model::IndicatorKind;
  switch (kind) {
    case K::firm_count:
    case K::revenue_sum:
    case K::park_count:
      return {};
    case K::firm_count_above:
      return {"threshold_parameter"};
    case K::multiple:
      return {"of", "parameter"};
    case K::sum:
      return {"of"};
    case K::counter:
      return {"baseline", "baseline_parameter",   "rate_parameter",
              "scale",    "elasticity_parameter", "per_project_parameter"};
    case K::growth_series:
      return {"baseline", "initial_growth", "mean_growth_parameter", "persistence_parameter"};
    case K::investment_completion:
      return {"planned_total_yi", "baseline", "rate_parameter", "concentration_parameter"};
  }
  return {};
}

// [baseline.firms] and [baseline.parks].
std::optional<model::Figure> read_baseline_figure(Fields& baseline, std::string_view key, model::Text name,
                                                  model::Text unit, long long min_value) {
  const toml::table* t = baseline.table(key, Need::required);
  if (t == nullptr) return std::nullopt;
  Fields f(baseline.report(), *t, baseline.key_path(key));
  model::Figure figure;
  figure.id = std::string(key);
  figure.name = std::move(name);
  figure.unit = std::move(unit);
  const auto value = f.whole("value", Need::required, IntRule{min_value, INT_MAX, "a count"});
  const auto bound = f.choice("bound", Need::required, kBoundNames);
  const auto year = f.whole("year", Need::optional, year_rule());
  const auto provenance = read_provenance(f, Need::required);
  f.finish();
  if (!value || !bound || !provenance || (f.has("year") && !year)) return std::nullopt;
  figure.value = *value;
  figure.bound = static_cast<model::Bound>(*bound);
  figure.year = year.value_or(0);
  figure.provenance = *provenance;
  return figure;
}

struct DeclaredIndicator {
  std::size_t index;
  int line;
};

class PlanReader {
 public:
  PlanReader(Report& report, const toml::table& root, const SourceFile& file)
      : report_(report), root_(report, root, ""), file_(file) {}

  model::PlanSpec read() {
    plan_.source_path = file_.path;
    read_format(root_);
    read_region();
    read_plan_table();
    read_baseline();
    const std::size_t before_funding = report_.count();
    each_table(root_, "funding_history", [&](const toml::table& t, const std::string& path) { read_funding(t, path); });
    // Checks that use the funding path are skipped when it could not be read,
    // so that one mistake is not reported twice.
    funding_read_ = report_.count() == before_funding;
    each_table(root_, "figure", [&](const toml::table& t, const std::string& path) { read_figure(t, path); });
    collect_indicator_ids();
    std::size_t index = 0;
    each_table(root_, "indicator",
               [&](const toml::table& t, const std::string& path) { read_indicator(t, path, index++); });
    each_table(root_, "target", [&](const toml::table& t, const std::string& path) { read_target(t, path); });
    plan_.priors = read_priors(root_, Need::optional);
    plan_.documents = read_documents(root_);
    for (const model::Prior& p : plan_.priors) {
      if (p.name == "c0" && plan_.core_industry) {
        report_.add(p.line, "prior.c0",
                    "the plan gives the base-year core industry in [baseline.core_industry], which sets this "
                    "prior: keep one of the two");
      }
    }
    root_.finish();
    return std::move(plan_);
  }

 private:
  bool years_known() const { return base_year_ok_ && horizon_ok_; }

  void read_region() {
    const toml::table* t = root_.table("region", Need::required);
    if (t == nullptr) return;
    Fields f(report_, *t, "region");
    plan_.region_id = f.string("id", Need::required, StringRule::id, "a region id").value_or("");
    plan_.region_name = f.text("name", Need::required).value_or(model::Text{});
    f.finish();
  }

  void read_plan_table() {
    const toml::table* t = root_.table("plan", Need::required);
    if (t == nullptr) return;
    Fields f(report_, *t, "plan");
    plan_.id = f.string("id", Need::required, StringRule::id, "a plan id").value_or("");
    plan_.title = f.text("title", Need::required).value_or(model::Text{});
    plan_.source =
        f.string("source", Need::required, StringRule::nonblank, "the plan's seed document file name").value_or("");
    const auto base_year = f.whole("base_year", Need::required, year_rule());
    const auto horizon = f.whole("horizon", Need::required, year_rule());
    plan_.base_year = base_year.value_or(0);
    plan_.horizon = horizon.value_or(0);
    base_year_ok_ = base_year.has_value();
    horizon_ok_ = horizon.has_value();
    if (base_year && horizon && *horizon < *base_year) {
      f.problem("horizon",
                "expected a year ≥ base_year (" + std::to_string(*base_year) + "), got " + std::to_string(*horizon));
      horizon_ok_ = false;
    }
    f.finish();
  }

  void read_baseline() {
    const toml::table* t = root_.table("baseline", Need::required, "with [baseline.firms] and [baseline.parks]");
    if (t == nullptr) return;
    Fields f(report_, *t, "baseline");
    if (auto firms = read_baseline_figure(f, "firms", {"人工智能企业", "AI firms"}, {"家", "firms"}, 1)) {
      plan_.firms = std::move(*firms);
    }
    if (auto parks = read_baseline_figure(f, "parks", {"产业园", "parks"}, {"个", "parks"}, 0)) {
      plan_.parks = std::move(*parks);
    }
    read_core_industry(f);
    f.finish();
  }

  // [baseline.core_industry] (optional): the base-year core AI industry, 亿元,
  // which sets the prior of c0 (docs/seed-format.md) instead of the generic
  // placeholder of seeds/priors.toml.
  void read_core_industry(Fields& baseline) {
    const toml::table* t = baseline.table("core_industry", Need::optional);
    if (t == nullptr) return;
    Fields f(report_, *t, baseline.key_path("core_industry"));
    model::Figure figure;
    figure.id = "core_industry";
    figure.name = {"人工智能核心产业规模", "core AI industry"};
    figure.unit = {"亿元", "100 million yuan"};
    const auto value = f.number("value", Need::required, NumberRule{.min = 0.0, .min_open = true, .unit = "亿元"});
    const auto bound = f.choice("bound", Need::required, kBoundNames);
    const auto sigma =
        f.number("sigma", Need::optional, NumberRule{.min = 0.0, .min_open = true, .max = 3.0, .unit = "a log-sd"});
    if (bound && static_cast<model::Bound>(*bound) == model::Bound::floor && f.has("sigma")) {
      f.problem("sigma", "applies only to bound = \"exact\" (a floor is drawn uniform on [floor, 1.1·floor])");
    }
    const auto year = f.whole("year", Need::optional, year_rule());
    const auto provenance = read_provenance(f, Need::required);
    f.finish();
    if (!value || !bound || !provenance || (f.has("year") && !year) || (f.has("sigma") && !sigma)) return;
    figure.value = *value;
    figure.bound = static_cast<model::Bound>(*bound);
    figure.year = year.value_or(0);
    figure.provenance = *provenance;
    plan_.core_industry = std::move(figure);
    plan_.core_industry_sigma = sigma.value_or(model::kDefaultCoreIndustrySigma);
  }

  void read_funding(const toml::table& t, const std::string& path) {
    Fields f(report_, t, path);
    model::FundingHistory h;
    const auto id = f.string("id", Need::required, StringRule::id, "an id");
    funding_ids_.add(f, id);
    const auto name = f.text("name", Need::required);
    const auto first = f.whole("first_year", Need::required, year_rule());
    const auto last = f.whole("last_year", Need::required, year_rule());
    const auto projects = f.whole("projects", Need::optional, IntRule{0, INT_MAX, "a count of projects"});
    const NumberRule money{.min = 0.0, .unit = "亿元"};
    const auto provincial = f.number("provincial_yi", Need::required, money);
    const auto social = f.number("social_yi", Need::optional, money);
    const auto baseline = f.flag("baseline", Need::optional);
    const auto provenance = read_provenance(f, Need::required);
    if (first && last && *last < *first) {
      f.problem("last_year",
                "expected a year ≥ first_year (" + std::to_string(*first) + "), got " + std::to_string(*last));
    }
    f.finish();
    h.id = id.value_or("");
    h.name = name.value_or(model::Text{});
    h.first_year = first.value_or(0);
    h.last_year = last.value_or(0);
    h.projects = projects.value_or(0);
    h.provincial_yi = provincial.value_or(0.0);
    h.social_yi = social.value_or(0.0);
    h.baseline = baseline.value_or(false);
    h.provenance = provenance.value_or(model::Provenance{});
    plan_.funding_history.push_back(std::move(h));
  }

  void read_figure(const toml::table& t, const std::string& path) {
    Fields f(report_, t, path);
    model::Figure figure;
    const auto id = f.string("id", Need::required, StringRule::id, "an id");
    figure_ids_.add(f, id);
    figure.id = id.value_or("");
    figure.name = f.text("name", Need::required).value_or(model::Text{});
    figure.value = f.number("value", Need::required).value_or(0.0);
    figure.bound = static_cast<model::Bound>(f.choice("bound", Need::optional, kBoundNames).value_or(0));
    figure.year = f.whole("year", Need::optional, year_rule()).value_or(0);
    figure.unit = f.text("unit", Need::optional).value_or(model::Text{});
    figure.provenance = read_provenance(f, Need::required).value_or(model::Provenance{});
    f.finish();
    plan_.figures.push_back(std::move(figure));
  }

  // First pass: every indicator id with its position, so that `of` can tell
  // "declared later" from "not declared", and targets can name any indicator.
  void collect_indicator_ids() {
    const toml::node* n = root_.get("indicator");
    const auto* array = n != nullptr ? n->as_array() : nullptr;
    if (array == nullptr) return;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const auto* t = array->get(i)->as_table();
      if (t == nullptr) continue;
      const toml::node* id = t->get("id");
      if (id == nullptr || !id->is_string()) continue;
      indicator_ids_.emplace(id->as_string()->get(), DeclaredIndicator{i, line_of(*id)});
    }
    for (const auto& [id, declared] : indicator_ids_) indicator_names_.push_back(id);
  }

  // An indicator named by `of` in indicator number `index` (0-based).
  void check_earlier(const toml::node& n, const std::string& path, const std::string& ref, std::size_t index) {
    const auto it = indicator_ids_.find(ref);
    if (it == indicator_ids_.end()) {
      report_.add(line_of(n), path, "unknown indicator " + quoted(ref) + did_you_mean(ref, indicator_names_));
    } else if (it->second.index == index) {
      report_.add(line_of(n), path, "an indicator cannot be built from itself");
    } else if (it->second.index > index) {
      report_.add(line_of(n), path,
                  "indicator " + quoted(ref) + " is declared later (line " + std::to_string(it->second.line) +
                      "); indicators named by 'of' must be declared earlier in the file");
    }
  }

  std::string parameter(Fields& f, std::string_view key, Need need) {
    return f.string(key, need, StringRule::id, "a parameter name").value_or("");
  }

  void read_indicator(const toml::table& t, const std::string& path, std::size_t index) {
    Fields f(report_, t, path);
    model::IndicatorSpec s;
    s.line = f.line();
    const auto id = f.string("id", Need::required, StringRule::id, "an id");
    indicator_dupes_.add(f, id);
    s.id = id.value_or("");
    s.name = f.text("name", Need::required).value_or(model::Text{});
    s.unit = f.text("unit", Need::optional).value_or(model::Text{});
    const auto kind_index = f.choice("kind", Need::required, kIndicatorKinds);
    if (!kind_index) {
      for (std::string_view k : kKindKeys) f.get(k);
      read_provenance(f, Need::optional);
      f.finish();
      return;
    }
    s.kind = static_cast<model::IndicatorKind>(*kind_index);
    reject_keys_of_other_kinds(f, s.kind);
    const bool has_figure = read_kind_keys(f, s, index);
    s.provenance = read_provenance(f, has_figure ? Need::required : Need::optional).value_or(model::Provenance{});
    f.finish();
    plan_.indicators.push_back(std::move(s));
  }

  // Keys of other kinds are named, not just "unknown".
  static void reject_keys_of_other_kinds(Fields& f, model::IndicatorKind kind) {
    const std::string kind_name(kIndicatorKinds[static_cast<std::size_t>(kind)]);
    const auto own = keys_of_kind(kind);
    const std::string takes = kind_name + (own.empty() ? " takes no further keys"
                                                       : " takes only " + join(std::span<const std::string_view>(own)));
    for (std::string_view k : kKindKeys) {
      if (std::find(own.begin(), own.end(), k) != own.end()) continue;
      f.reject(k, does_not_apply(k, "kind", kind_name, takes));
    }
  }

  // The keys of the indicator's own kind. True when it holds a baseline number
  // that needs provenance.
  bool read_kind_keys(Fields& f, model::IndicatorSpec& s, std::size_t index) {
    using K = model::IndicatorKind;
    switch (s.kind) {
      case K::firm_count:
      case K::revenue_sum:
      case K::park_count:
        return false;
      case K::firm_count_above:
        s.threshold_parameter = parameter(f, "threshold_parameter", Need::required);
        return false;
      case K::multiple:
        s.parameter = parameter(f, "parameter", Need::required);
        if (const auto ref = f.string("of", Need::required, StringRule::id, "an indicator id")) {
          check_earlier(*f.get("of"), f.key_path("of"), *ref, index);
          s.of.push_back(*ref);
        }
        return false;
      case K::sum:
        read_sum_of(f, s, index);
        return false;
      case K::counter:
        return read_counter(f, s);
      case K::growth_series:
        read_growth_series(f, s);
        return true;
      case K::investment_completion:
        read_investment_completion(f, s);
        return true;
    }
    return false;
  }

  // of = ["a", "b"]: the indicators a sum adds up, each declared earlier.
  void read_sum_of(Fields& f, model::IndicatorSpec& s, std::size_t index) {
    const toml::node* n = f.node("of", Need::required, R"(a list of indicator ids, of = ["a", "b"])");
    if (n == nullptr) return;
    const auto* list = n->as_array();
    if (list == nullptr || list->empty()) {
      f.problem("of", R"(expected a list of indicator ids, e.g. of = ["a", "b"], got )" +
                          (list != nullptr ? std::string("an empty list") : describe(*n)));
      return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      const toml::node& element = *list->get(i);
      const std::string element_key = element_path(f.key_path("of"), i);
      if (const auto ref = f.check_string(element, element_key, StringRule::id, "an indicator id")) {
        check_earlier(element, element_key, *ref, index);
        s.of.push_back(*ref);
      }
    }
  }

  // True when the counter starts from a baseline number (not a parameter).
  bool read_counter(Fields& f, model::IndicatorSpec& s) {
    const bool by_number = f.has("baseline");
    const bool by_parameter = f.has("baseline_parameter");
    if (by_number && by_parameter) {
      f.problem("baseline_parameter", "give either baseline (a count) or baseline_parameter (a prior), not both");
    } else if (!by_number && !by_parameter) {
      f.missing("baseline", "a counter starts from baseline = a count, or from baseline_parameter = a prior");
    }
    s.baseline = static_cast<double>(f.whole("baseline", Need::optional, IntRule{0, INT_MAX, "a count"}).value_or(0));
    s.baseline_parameter = parameter(f, "baseline_parameter", Need::optional);
    s.rate_parameter = parameter(f, "rate_parameter", Need::required);
    s.scale = static_cast<model::CounterScale>(f.choice("scale", Need::optional, kScaleNames).value_or(0));
    if (s.scale == model::CounterScale::funding) {
      // (F_t / F_ref)^elasticity needs F_ref > 0.
      if (funding_read_ && !(plan_.baseline_funding_yi_per_year() > 0.0)) {
        f.problem("scale",
                  "scale = \"funding\" needs a baseline funding path "
                  "([[funding_history]] entries with baseline = true and "
                  "provincial_yi > 0); this plan has none");
      }
      s.elasticity_parameter = parameter(f, "elasticity_parameter", Need::required);
    } else {
      f.reject("elasticity_parameter", "'elasticity_parameter' applies only with scale = \"funding\"");
    }
    s.per_project_parameter = parameter(f, "per_project_parameter", Need::optional);
    return by_number;
  }

  void read_growth_series(Fields& f, model::IndicatorSpec& s) {
    s.baseline = f.number("baseline", Need::required, NumberRule{.min = 0.0, .min_open = true}).value_or(0.0);
    s.initial_growth = f.number("initial_growth", Need::required,
                                NumberRule{.min = -1.0, .min_open = true, .unit = "a rate: 0.565 = +56.5%"})
                           .value_or(0.0);
    s.mean_growth_parameter = parameter(f, "mean_growth_parameter", Need::required);
    s.persistence_parameter = parameter(f, "persistence_parameter", Need::required);
  }

  void read_investment_completion(Fields& f, model::IndicatorSpec& s) {
    const auto total =
        f.number("planned_total_yi", Need::required, NumberRule{.min = 0.0, .min_open = true, .unit = "亿元"});
    NumberRule done{.min = 0.0, .unit = "亿元, completed by the end of the base year"};
    if (total) done.max = *total;
    const auto baseline = f.number("baseline", Need::required, done);
    s.planned_total_yi = total.value_or(0.0);
    s.baseline = baseline.value_or(0.0);
    s.rate_parameter = parameter(f, "rate_parameter", Need::required);
    s.concentration_parameter = parameter(f, "concentration_parameter", Need::required);
  }

  void read_target(const toml::table& t, const std::string& path) {
    Fields f(report_, t, path);
    model::TargetSpec s;
    s.line = f.line();
    const auto id = f.string("id", Need::required, StringRule::id, "an id");
    target_ids_.add(f, id);
    s.id = id.value_or("");
    if (const auto ind = f.string("indicator", Need::required, StringRule::id, "an indicator id")) {
      s.indicator = *ind;
      if (indicator_ids_.count(*ind) == 0) {
        std::string message = "unknown indicator " + quoted(*ind) + did_you_mean(*ind, indicator_names_);
        if (indicator_names_.empty()) message += " (the file declares no [[indicator]])";
        f.problem("indicator", message);
      }
    }
    s.comparison = static_cast<model::Comparison>(f.choice("comparison", Need::required, kComparisons).value_or(0));
    s.threshold = f.number("threshold", Need::required).value_or(0.0);
    IntRule deadline = year_rule();
    if (years_known()) {
      deadline.min = plan_.base_year + 1;
      deadline.max = plan_.horizon;
      deadline_what_ = "a year after base_year " + std::to_string(plan_.base_year) + " and up to horizon " +
                       std::to_string(plan_.horizon);
      deadline.what = deadline_what_;
    }
    s.deadline = f.whole("deadline", Need::required, deadline).value_or(0);
    s.name = f.text("name", Need::required).value_or(model::Text{});
    s.provenance = read_provenance(f, Need::required).value_or(model::Provenance{});
    f.finish();
    plan_.targets.push_back(std::move(s));
  }

  Report& report_;
  Fields root_;
  const SourceFile& file_;
  model::PlanSpec plan_;
  bool base_year_ok_ = false;
  bool horizon_ok_ = false;
  bool funding_read_ = false;
  IdSet funding_ids_{"funding_history"};
  IdSet figure_ids_{"figure"};
  IdSet indicator_dupes_{"indicator"};
  IdSet target_ids_{"target"};
  std::map<std::string, DeclaredIndicator> indicator_ids_;
  std::vector<std::string_view> indicator_names_;
  std::string deadline_what_;
};

}  // namespace

model::PlanSpec read_plan_file(Report& report, const toml::table& root, const SourceFile& file) {
  return PlanReader(report, root, file).read();
}

}  // namespace targetcast::io::detail
