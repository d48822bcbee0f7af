// A seed plan drafted from a policy document (workflow/draft_plan.h).
#include "workflow/draft_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "io/source_file.h"
#include "io/toml_loader.h"

namespace targetcast::workflow {

namespace {

using io::draft::Bound;
using io::draft::DocumentReading;
using io::draft::DraftFigure;
using io::draft::DraftTarget;
using io::draft::IndicatorKind;

std::string read_document(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw model::SpecError(
        model::Problem{path, 0, "", std::string("cannot read the document: ") + std::strerror(errno)});
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A TOML basic string.
std::string str(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<int>(c));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string text(std::string_view zh, std::string_view en) {
  return fmt::format("{{ zh = {}, en = {} }}", str(zh), str(en));
}

std::string number(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15) return fmt::format("{}", std::llround(v));
  return fmt::format("{}", v);
}

// The original text of a goal or comment on one commented line.
std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  return s;
}

std::string comment_out(const std::string& block) {
  std::string out;
  std::istringstream in(block);
  for (std::string line; std::getline(in, line);) out += "# " + line + "\n";
  return out;
}

struct UnitNames {
  std::string_view zh, en;
};
UnitNames unit_names(std::string_view unit) {
  static const std::map<std::string_view, UnitNames> names = {{"亿元", {"亿元", "100 million yuan"}},
                                                              {"%", {"比例", "share"}},
                                                              {"家", {"家", "organisations"}},
                                                              {"个", {"个", "units"}},
                                                              {"项", {"项", "items"}},
                                                              {"套", {"套", "sets"}},
                                                              {"台", {"台", "machines"}},
                                                              {"人", {"人", "people"}},
                                                              {"名", {"名", "people"}}};
  const auto it = names.find(unit);
  return it != names.end() ? it->second : UnitNames{unit, "units"};
}

// "150 billion yuan", "1 trillion yuan" from 亿元.
std::string money_en(double yi) {
  if (yi >= 10000.0) return number(yi / 10000.0) + " trillion yuan";
  return number(yi / 10.0) + " billion yuan";
}

std::string target_name_en(const DraftTarget& t) {
  const std::string by = " by " + std::to_string(t.deadline);
  if (t.unit == "亿元") return t.kind->name_en + (t.strict ? " above " : " at least ") + money_en(t.threshold) + by;
  if (t.unit == "家" || t.unit == "个" || t.unit == "项") {
    return (t.strict ? "more than " : "at least ") + number(t.threshold) + " " + t.kind->name_en + by;
  }
  return t.kind->name_en + (t.strict ? " above " : " at least ") + number(t.threshold) + " " + t.kind->unit_en + by;
}

std::string id_part(std::string s) {
  std::replace(s.begin(), s.end(), '_', '-');
  return s;
}

std::string review_note(const std::string& document, const std::string& rule) {
  return fmt::format(
      "Drafted from {} by targetcast draft-plan, rule: {}. Review against the quote, then set basis = "
      "\"document\".",
      document, rule);
}

std::string provenance(const std::string& document, const std::string& quote, const std::string& rule) {
  return fmt::format("basis = \"assumption\"\nsource = {}\nquote = {}\nnote = {}\n", str(document), str(quote),
                     str(review_note(document, rule)));
}

class Drafter {
 public:
  Drafter(const DraftRequest& request, DocumentReading plan, std::vector<DocumentReading> others)
      : request_(request), plan_(std::move(plan)), others_(std::move(others)) {
    for (const DraftFigure& f : plan_.figures) figures_.push_back({&f, plan_.document});
    for (const DocumentReading& d : others_) {
      for (const DraftFigure& f : d.figures) figures_.push_back({&f, d.document});
    }
    choose_years();
    funded_ = !plan_.funding.empty() ||
              std::any_of(others_.begin(), others_.end(), [](const DocumentReading& d) { return !d.funding.empty(); });
  }

  DraftResult write() {
    header();
    region_and_plan();
    baseline();
    funding();
    figures();
    indicators();
    targets();
    goals();
    priors();
    DraftResult r;
    r.toml = out_.str();
    r.targets_written = written_;
    r.targets_commented = commented_;
    r.plan = std::move(plan_);
    return r;
  }

 private:
  struct Cited {
    const DraftFigure* figure;
    std::string document;
  };

  void choose_years() {
    for (const Cited& c : figures_) base_year_ = std::max(base_year_, c.figure->year);
    const auto funding_years = [&](const DocumentReading& d) {
      for (const auto& f : d.funding) base_year_ = std::max(base_year_, f.last_year);
    };
    funding_years(plan_);
    for (const DocumentReading& d : others_) funding_years(d);
    int first_deadline = 0;
    for (const DraftTarget& t : plan_.targets) {
      last_deadline_ = std::max(last_deadline_, t.deadline);
      first_deadline = first_deadline == 0 ? t.deadline : std::min(first_deadline, t.deadline);
    }
    if (base_year_ == 0) {
      base_year_ = plan_.period_first > 0 ? plan_.period_first - 1 : (first_deadline > 0 ? first_deadline - 3 : 2020);
      base_year_rule_ = "no figure gives a year: the year before the plan period (assumption)";
    }
    if (last_deadline_ == 0) last_deadline_ = plan_.period_last > 0 ? plan_.period_last : base_year_ + 3;
    horizon_ = std::max(last_deadline_, base_year_ + 1) + 3;
  }

  void header() {
    out_ << "# DRAFT seed plan written by `targetcast draft-plan` from " << plan_.document;
    for (const DocumentReading& d : others_) out_ << " and " << d.document;
    out_ << "\n# (rules: docs/draft-plan.md). A planner reviews it before it is used:\n"
            "# - every figure and target below is basis = \"assumption\" with a note naming the document and\n"
            "#   the rule that read it; check each against its quote, then set basis = \"document\";\n"
            "# - English names are generated from the indicator table and the numbers: drafts to review;\n"
            "# - commented blocks are what the draft could not complete: each says why and what to fill in;\n"
            "# - parameters this file does not set run on the generic defaults of seeds/priors.toml\n"
            "#   (c0, lambda0, f_park0, park_capacity, the counter rates...): `targetcast validate` lists them.\n";
    const std::size_t goals = plan_.goals.size();
    out_ << fmt::format(
        "# Read: {} numeric targets, {} qualitative goals, {} baseline figures, {} funding entries.\n\n",
        plan_.targets.size(), goals, figures_.size(), funding_count());
    out_ << "format = 1\n\n";
  }

  std::size_t funding_count() const {
    std::size_t n = plan_.funding.size();
    for (const DocumentReading& d : others_) n += d.funding.size();
    return n;
  }

  void region_and_plan() {
    const io::draft::RegionName* known = plan_.region;
    if (!request_.region.empty()) {
      known = nullptr;
      for (const auto& r : io::draft::region_names()) {
        if (r.id == request_.region) known = &r;
      }
      if (known == nullptr) known = plan_.region;
    }
    region_id_ = !request_.region.empty() ? request_.region : known != nullptr ? known->id : "draft-region";
    const std::string zh = known != nullptr ? known->name_zh : region_id_;
    const std::string en = known != nullptr ? known->name_en : region_id_;
    out_ << "[region]\n";
    if (known == nullptr && request_.region.empty()) {
      out_ << "# No region of io/data/draft-regions.tsv is named in the document: set id and name (or --region).\n";
    }
    out_ << "id = " << str(region_id_) << "\nname = " << text(zh, en) << "\n\n";
    const std::string period =
        plan_.period_first > 0 ? fmt::format(" {}-{}", plan_.period_first, plan_.period_last) : std::string();
    out_ << "[plan]\nid = " << str(fmt::format("{}-draft-{}", region_id_, last_deadline_)) << "\n";
    out_ << "# English title: a generated draft.\n";
    out_ << "title = "
         << text(plan_.title.empty() ? plan_.document : one_line(plan_.title), en + " plan" + period + " (draft)")
         << "\n";
    out_ << "source = " << str(plan_.document) << "\n";
    out_ << "base_year = " << base_year_ << "  # "
         << (base_year_rule_.empty() ? "the latest year the baseline figures describe" : base_year_rule_) << "\n";
    out_ << "horizon = " << horizon_ << "  # three years past the last deadline\n\n";
  }

  const Cited* best_figure(std::string_view kind_id) const {
    const Cited* best = nullptr;
    for (const Cited& c : figures_) {
      if (c.figure->kind == nullptr || c.figure->kind->id != kind_id) continue;
      if (best == nullptr || c.figure->year > best->figure->year) best = &c;
    }
    return best;
  }

  void baseline() {
    out_ << "[baseline]\n";
    baseline_count("firms", "firms", "AI firms (人工智能企业数量)", 1);
    baseline_count("parks", "parks", "AI industrial parks (产业园)", 0);
  }

  void baseline_count(std::string_view key, std::string_view kind_id, std::string_view what, int min_value) {
    const Cited* c = best_figure(kind_id);
    if (c == nullptr || c->figure->value < min_value) {
      out_ << fmt::format(
          "# FILL IN [baseline.{0}]: no figure of {1} at the end of {2} was found in the documents.\n"
          "# [baseline.{0}]\n# value = ...\n# bound = \"exact\"   # or \"floor\" for 超N / N以上 / N余\n"
          "# basis = \"document\"\n# source = \"...\"\n# quote = \"...\"\n\n",
          key, what, base_year_);
      return;
    }
    used_.insert(c->figure);
    const DraftFigure& f = *c->figure;
    out_ << fmt::format("[baseline.{}]\nvalue = {}\nbound = \"{}\"\n", key, number(std::floor(f.value)),
                        f.bound == Bound::floor ? "floor" : "exact");
    std::string rule = f.rule;
    if (f.bound == Bound::approximate) rule += "; 约/近: an approximate figure, written as exact";
    if (f.year != base_year_) rule += fmt::format("; describes {}, not the base year {}", f.year, base_year_);
    out_ << provenance(c->document, f.quote, rule) << "\n";
  }

  void funding() {
    bool first = true;
    int n = 0;
    const auto write = [&](const DocumentReading& d) {
      for (const auto& f : d.funding) {
        funding_quotes_.push_back(f.quote);
        out_ << fmt::format("[[funding_history]]\nid = \"funding-{}\"\nname = {}\n", ++n,
                            text(fmt::format("{}-{}年财政资金", f.first_year, f.last_year),
                                 fmt::format("public funding {}-{} (draft)", f.first_year, f.last_year)));
        out_ << fmt::format("first_year = {}\nlast_year = {}\n", f.first_year, f.last_year);
        if (f.projects > 0) out_ << "projects = " << f.projects << "\n";
        out_ << "provincial_yi = " << number(f.provincial_yi) << "\nsocial_yi = " << number(f.social_yi) << "\n";
        out_ << "baseline = " << (first ? "true" : "false") << "\n";
        out_ << provenance(d.document, f.quote,
                           first ? "财政…投入N亿元 over a span of years; the first found sets the baseline funding path"
                                 : "财政…投入N亿元 over a span of years; context only")
             << "\n";
        first = false;
      }
    };
    write(plan_);
    for (const DocumentReading& d : others_) write(d);
    if (first) {
      out_ << "# No funding figure (财政…投入N亿元 over 20AA-20BB年) was found: the baseline funding path is 0,\n"
              "# so counters that scale with funding are drafted with scale = \"none\". Add a [[funding_history]]\n"
              "# entry with baseline = true (docs/seed-format.md) to model the plan's money.\n\n";
    }
  }

  void figures() {
    int n = 0;
    for (const Cited& c : figures_) {
      const DraftFigure& f = *c.figure;
      if (used_.count(&f) != 0) continue;
      // Already written as funding: not twice.
      if (std::any_of(funding_quotes_.begin(), funding_quotes_.end(),
                      [&](const std::string& q) { return q.find(f.quote) != std::string::npos; })) {
        continue;
      }
      const UnitNames unit = unit_names(f.unit);
      const std::string zh = f.kind != nullptr ? f.kind->name_zh : one_line(f.quote);
      const std::string en =
          f.kind != nullptr ? f.kind->name_en : fmt::format("figure {} of {} (draft)", n + 1, c.document);
      out_ << fmt::format("[[figure]]\nid = \"figure-{}\"\nname = {}\nvalue = {}\n", ++n, text(zh, en),
                          number(f.value));
      if (f.bound == Bound::floor) out_ << "bound = \"floor\"\n";
      if (f.year > 0) out_ << "year = " << f.year << "\n";
      out_ << "unit = " << text(unit.zh, unit.en) << "\n";
      std::string rule = f.rule;
      if (f.bound == Bound::approximate) rule += "; 约/近: approximate";
      out_ << provenance(c.document, f.quote, rule) << "\n";
    }
  }

  // The kinds the targets use, with the kinds they are built from first.
  std::vector<const IndicatorKind*> kinds_used() const {
    std::vector<const IndicatorKind*> out;
    const auto& table = io::draft::indicator_kinds();
    const auto add = [&](const IndicatorKind* k, auto& self) -> void {
      if (k == nullptr || std::find(out.begin(), out.end(), k) != out.end()) return;
      for (const std::string& need : k->needs) self(io::draft::find_kind(need, table), self);
      out.push_back(k);
    };
    for (const DraftTarget& t : plan_.targets) add(t.kind, add);
    return out;
  }

  void indicators();
  void indicator(const IndicatorKind& k);
  void targets();
  void target(const DraftTarget& t, std::map<std::string, int>& ids);
  void goals();
  void priors();

  const DraftRequest& request_;
  DocumentReading plan_;
  std::vector<DocumentReading> others_;
  std::vector<Cited> figures_;
  std::set<const DraftFigure*> used_;
  std::set<std::string> missing_kinds_;  // indicators that could not be written, with targets on them
  std::map<std::string, std::string> missing_reason_;
  std::vector<std::string> funding_quotes_;
  std::ostringstream out_;
  std::string region_id_;
  std::string base_year_rule_;
  int base_year_ = 0;
  int last_deadline_ = 0;
  int horizon_ = 0;
  bool funded_ = false;
  int written_ = 0;
  int commented_ = 0;
};

void Drafter::indicators() {
  out_ << "# Indicators: one per kind of target, from io/data/draft-indicators.tsv. Counters start at 0: the\n"
          "# draft reads each target as what is to be built under the plan; set a baseline if it is a stock.\n\n";
  for (const IndicatorKind* k : kinds_used()) indicator(*k);
}

void Drafter::indicator(const IndicatorKind& k) {
  std::ostringstream block;
  block << "[[indicator]]\nid = " << str(k.id) << "\nname = " << text(k.name_zh, k.name_en)
        << "\nunit = " << text(k.unit_zh, k.unit_en) << "\n";
  bool counter = false;
  bool growth = false;
  for (const std::string& line : k.spec) {
    if (line == "kind = \"counter\"") counter = true;
    if (line == "kind = \"growth_series\"") growth = true;
    if (!funded_ && line == "scale = \"funding\"") {
      block << "scale = \"none\"  # no funding path found; \"funding\" once [[funding_history]] has one\n";
      continue;
    }
    if (!funded_ && line.starts_with("elasticity_parameter")) continue;
    block << line << "\n";
  }
  if (counter) {
    block << "basis = \"assumption\"\nnote = \"Drafted: counts what is built under the plan from " << base_year_ + 1
          << "; the documents give no earlier count.\"\n";
  }
  if (growth) {
    const Cited* c = best_figure(k.id);
    if (c == nullptr || !c->figure->growth) {
      missing_kinds_.insert(k.id);
      missing_reason_[k.id] = "no base-year figure of " + k.name_zh + " with its growth (同比增长N%) was found";
      out_ << "# FILL IN: " << missing_reason_[k.id] << "; add baseline and initial_growth, then uncomment.\n"
           << comment_out(block.str() + "baseline = ...\ninitial_growth = ...\n") << "\n";
      return;
    }
    used_.insert(c->figure);
    block << "baseline = " << number(c->figure->value) << "\ninitial_growth = " << number(*c->figure->growth) << "\n"
          << provenance(c->document, c->figure->quote, c->figure->rule + "; growth from " + c->figure->growth_quote);
  }
  out_ << block.str() << "\n";
}

void Drafter::targets() {
  out_ << "# Targets, in the order of the document.\n\n";
  std::map<std::string, int> ids;
  for (const DraftTarget& t : plan_.targets) target(t, ids);
}

void Drafter::target(const DraftTarget& t, std::map<std::string, int>& ids) {
  std::string reason;
  if (t.kind == nullptr) {
    reason = "its noun has no indicator kind in io/data/draft-indicators.tsv: declare an indicator for it";
  } else if (missing_kinds_.count(t.kind->id) != 0) {
    reason = missing_reason_[t.kind->id];
  } else if (t.deadline <= base_year_) {
    reason = fmt::format("its deadline {} is not after the base year {}", t.deadline, base_year_);
  }
  const std::string kind_id = t.kind != nullptr ? t.kind->id : "unknown";
  std::string id = fmt::format("{}-{}-{}", region_id_, t.deadline, id_part(kind_id));
  if (const int n = ++ids[id]; n > 1) id += "-" + std::to_string(n);
  std::ostringstream block;
  block << "[[target]]\nid = " << str(id) << "\nindicator = " << str(kind_id) << "\ncomparison = \""
        << (t.strict ? ">" : ">=") << "\"\nthreshold = " << number(t.threshold) << "\ndeadline = " << t.deadline
        << "\n";
  const std::string en = t.kind != nullptr
                             ? target_name_en(t)
                             : "(draft) " + number(t.threshold) + " " + std::string(unit_names(t.unit).en);
  block << "name = " << text(one_line(t.quote), en) << "\n";
  block << provenance(plan_.document, t.quote,
                      t.rule + (t.kind != nullptr ? "; noun " + t.keyword + " → indicator " + t.kind->id : ""));
  out_ << "# Read: " << t.rule << ". English name: a generated draft.\n";
  if (reason.empty()) {
    out_ << block.str() << "\n";
    ++written_;
  } else {
    out_ << "# NOT EXPRESSED: " << reason << ".\n" << comment_out(block.str()) << "\n";
    ++commented_;
  }
}

void Drafter::goals() {
  if (plan_.goals.empty()) return;
  out_ << "# Qualitative goals: not expressible as a number, listed for the planner.\n";
  for (const auto& g : plan_.goals) out_ << "#   by " << g.deadline << ": " << one_line(g.quote) << "\n";
  out_ << "\n";
}

void Drafter::priors() {
  std::set<std::string> written;
  for (const IndicatorKind* k : kinds_used()) {
    if (k->own_prior_name.empty() || !written.insert(k->own_prior_name).second) continue;
    out_ << "# A parameter of the indicator " << k->id << " that seeds/priors.toml lacks: a generic draft prior.\n";
    out_ << "[prior." << k->own_prior_name << "]\n";
    // Every own parameter is a counter's yearly rate: named after its indicator.
    out_ << "name = " << text("每年新增" + k->name_zh, "new " + k->name_en + " per year") << "\n";
    for (const std::string& line : k->own_prior) out_ << line << "\n";
    out_ << "basis = \"assumption\"\nnote = "
         << str("Generic draft prior from io/data/draft-indicators.tsv; replace it with the region's own evidence.")
         << "\n\n";
  }
  const Cited* core = best_figure("core_industry");
  if (core != nullptr && core->figure->unit == "亿元") {
    used_.insert(core->figure);
    const double sigma = core->figure->bound == Bound::exact ? 0.1 : 0.2;
    out_ << fmt::format("[prior.c0]\ndist = \"lognormal\"\nmedian = {}\nsigma = {}\n", number(core->figure->value),
                        number(sigma))
         << provenance(core->document, core->figure->quote, core->figure->rule + "; lognormal around the figure");
  }
}

}  // namespace

DraftResult draft_plan(const DraftRequest& request) {
  const auto& kinds = io::draft::indicator_kinds();
  const auto name = [](const std::string& path) { return std::filesystem::path(path).filename().string(); };
  io::draft::DocumentReading plan = io::draft::read_plan_document(
      name(request.document), read_document(request.document), kinds, io::draft::region_names());
  std::vector<io::draft::DocumentReading> others;
  for (const std::string& path : request.baseline_documents) {
    others.push_back(io::draft::read_baseline_document(name(path), read_document(path), kinds));
  }
  DraftResult result = Drafter(request, std::move(plan), std::move(others)).write();
  io::SourceFile draft{request.out_path.empty() ? "draft.toml" : request.out_path, result.toml, false};
  result.problems = io::validate_file(draft);
  return result;
}

}  // namespace targetcast::workflow
