// Targets, goals, baseline figures and funding read from a policy document
// (io/draft_extract.h).
#include "io/draft_extract.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <regex>
#include <span>
#include <utility>

#include "io/draft_quantity.h"
#include "io/draft_text.h"

namespace targetcast::io::draft {

namespace {

struct Range {
  std::size_t begin;
  std::size_t end;
};

bool has(std::string_view text, std::string_view word) {
  return text.find(word) != std::string_view::npos;
}

bool has_any(std::string_view text, std::span<const std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return has(text, w); });
}

bool ends_with_any(std::string_view text, std::span<const std::string_view> words, std::string_view& which) {
  for (std::string_view w : words) {
    if (text.ends_with(w)) {
      which = w;
      return true;
    }
  }
  return false;
}

constexpr std::array<std::string_view, 5> kAbove = {"超过", "突破", "高于", "多于", "超"};
constexpr std::array<std::string_view, 5> kAtLeast = {"达到", "不少于", "不低于", "至少", "达"};
constexpr std::array<std::string_view, 18> kTargetVerbs = {"打造", "建设", "建成", "培育", "取得", "形成",
                                                           "引进", "创建", "组建", "布局", "新增", "培养",
                                                           "认定", "实现", "集聚", "建立", "落地", "推广"};
constexpr std::array<std::string_view, 4> kAnnounces = {"将", "力争", "目标", "计划"};
constexpr std::array<std::string_view, 4> kBasisHeadings = {"发展基础", "发展现状", "基本情况", "现状"};
constexpr std::array<std::string_view, 3> kApproximate = {"约为", "约", "近"};

const std::regex kYear("(20\\d\\d)年");
// "到2025年", and "2021年计划…" (a year's work plan in a reply).
const std::regex kDeadline("到(20\\d\\d)年|(20\\d\\d)年计划");
const std::regex kPeriod("\\((20\\d\\d) ?(?:-|~|—|–|至) ?(20\\d\\d)年?\\)");
const std::regex kSpan("(20\\d\\d) ?(?:-|~|—|–|至|到) ?(20\\d\\d)年");

std::string_view view(const std::string& text, Range r) {
  return std::string_view(text).substr(r.begin, r.end - r.begin);
}

// Sentences: ends at 。 ! ? and line breaks.
std::vector<Range> sentences(const std::string& text) {
  std::vector<Range> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    std::size_t stop = 0;
    if (i == text.size()) {
      stop = i;
    } else if (text.compare(i, 3, "。") == 0) {
      stop = i + 3;
    } else if (text[i] == '\n' || text[i] == '!' || text[i] == '?') {
      stop = i + 1;
    } else {
      continue;
    }
    if (stop > start) out.push_back({start, stop});
    start = stop;
    if (stop > i) i = stop - 1;
  }
  return out;
}

bool starts_with_verb(std::string_view s) {
  return std::any_of(kTargetVerbs.begin(), kTargetVerbs.end(), [&](std::string_view v) { return s.starts_with(v); });
}

// Clauses of `r`: cut at , ; : 。 and at brackets that hold a number
// ("(其中国家级研发机构10个以上)"), not at brackets of a name ("工程(技术)研究").
// 、 cuts only before a target verb ("…创新大赛、建设10个…产业园").
std::vector<Range> clauses(const std::string& text, Range r) {
  std::vector<Range> out;
  std::size_t start = r.begin;
  const auto cut = [&](std::size_t at, std::size_t next) {
    if (at > start) out.push_back({start, at});
    start = next;
  };
  for (std::size_t i = r.begin; i < r.end; ++i) {
    const char c = text[i];
    if (c == ',' || c == ';' || c == ':') {
      cut(i, i + 1);
    } else if (text.compare(i, 3, "。") == 0) {
      cut(i, i + 3);
    } else if (c == '(') {
      const std::size_t close = text.find(')', i);
      if (close == std::string::npos || close >= r.end) continue;
      const std::string_view inside(text.data() + i, close - i);
      if (std::any_of(inside.begin(), inside.end(), [](char d) { return d >= '0' && d <= '9'; })) {
        cut(i, i + 1);
        cut(close, close + 1);
      }
      i = close;
    } else if (text.compare(i, 3, "、") == 0 && starts_with_verb(std::string_view(text).substr(i + 3))) {
      cut(i, i + 3);
    }
  }
  cut(r.end, r.end);
  for (Range& c : out) {
    while (c.begin < c.end && (text[c.begin] == ' ' || text[c.begin] == '\n')) ++c.begin;
    while (c.end > c.begin && (text[c.end - 1] == ' ' || text[c.end - 1] == '\n' || text[c.end - 1] == '\r')) --c.end;
  }
  std::erase_if(out, [](const Range& c) { return c.begin >= c.end; });
  return out;
}

std::vector<int> years_in(std::string_view s, bool skip_deadlines) {
  std::vector<int> out;
  for (std::cregex_iterator it(s.data(), s.data() + s.size(), kYear), end; it != end; ++it) {
    const auto at = static_cast<std::size_t>(it->position(0));
    if (skip_deadlines && at >= 3 && s.substr(at - 3, 3) == "到") continue;
    out.push_back(std::stoi((*it)[1].str()));
  }
  return out;
}

// The comparison a target word gives the number q of `clause`, or nothing
// when the number is not a target ("培育11个" in a sentence about the past is
// never reached here; "10万人以下" is an upper bound, not modelled).
struct Reading {
  bool strict;
  std::string rule;
};
std::optional<Reading> target_reading(std::string_view text, Range clause, const Quantity& q) {
  const std::string_view before = text.substr(clause.begin, q.begin - clause.begin);
  const std::string_view after = text.substr(q.end, clause.end - q.end);
  std::string_view word;
  if (after.starts_with("以下") || after.starts_with("以内")) return std::nullopt;
  // A number inside a slogan ("“九个一”工作体系", "“一十百千”") names it; it is no target.
  if (before.ends_with("“") || before.ends_with("\"")) return std::nullopt;
  if (ends_with_any(before, kAbove, word)) return Reading{true, "\"" + std::string(word) + "N\" → >"};
  if (ends_with_any(before, kAtLeast, word)) return Reading{false, "\"" + std::string(word) + "N\" → >="};
  if (after.starts_with("以上") || after.starts_with("及以上")) return Reading{false, "\"N以上\" → >="};
  for (std::string_view v : kTargetVerbs) {
    if (has(before, v)) {
      return Reading{false, "\"" + std::string(v) + "N\" (no 以上/超): read as reaching N, >="};
    }
  }
  return std::nullopt;
}

class Reader {
 public:
  Reader(std::string document, std::string text, const std::vector<IndicatorKind>& kinds)
      : norm_(std::move(text)), kinds_(kinds) {
    out_.document = std::move(document);
    find_period();
  }

  DocumentReading plan(const std::vector<RegionName>& regions) {
    find_region_and_title(regions);
    const std::vector<Range> basis = basis_section();
    int basis_year = 0;
    for (const Range& s : basis) {
      for (int y : years_in(view(T(), s), true)) basis_year = std::max(basis_year, y);
    }
    for (const Range& s : sentences(T())) {
      const bool in_basis =
          std::any_of(basis.begin(), basis.end(), [&](const Range& b) { return s.begin >= b.begin && s.end <= b.end; });
      if (in_basis) {
        read_figures(s, basis_year, "the plan's 发展基础 section");
      } else if (has(view(T(), s), "截至")) {
        read_figures(s, 0, "截至20XX年: a past year");
      } else {
        read_targets(s);
      }
      read_funding(s);
    }
    dedupe_targets();
    return std::move(out_);
  }

  DocumentReading baseline() {
    for (const Range& s : sentences(T())) {
      if (!years_in(view(T(), s), true).empty() && !std::regex_search(std::string(view(T(), s)), kDeadline)) {
        read_figures(s, 0, "a sentence about a past year");
      }
      read_funding(s);
    }
    return std::move(out_);
  }

 private:
  const std::string& T() const { return norm_.text(); }
  std::string quote(Range r) const { return norm_.original_span(r.begin, r.end); }

  void find_period() {
    std::smatch m;
    if (std::regex_search(T(), m, kPeriod)) {
      out_.period_first = std::stoi(m[1].str());
      out_.period_last = std::stoi(m[2].str());
      period_end_ = static_cast<std::size_t>(m.position(0) + m.length(0));
    }
  }

  void find_region_and_title(const std::vector<RegionName>& regions) {
    std::size_t best = std::string::npos;
    for (const RegionName& r : regions) {
      const std::size_t at = T().find(r.name_zh);
      if (at < best) {
        best = at;
        out_.region = &r;
      }
    }
    if (best != std::string::npos && period_end_ > best && period_end_ - best < 300) {
      out_.title = quote({best, period_end_});
    } else {
      const std::size_t eol = T().find('\n');
      out_.title = quote({0, std::min(eol, T().size())});
    }
  }

  // Lines from a heading "一、发展基础" to the next heading "二、…".
  std::vector<Range> basis_section() const {
    static const std::regex heading("^ *(一|二|三|四|五|六|七|八|九|十)+、");
    std::vector<Range> out;
    bool inside = false;
    std::size_t start = 0;
    for (const Range& line : sentences(T())) {
      const std::string s(view(T(), line));
      if (std::regex_search(s, heading)) {
        inside = has_any(s, kBasisHeadings);
        start = line.end;
      } else if (inside) {
        out.push_back({start, line.end});
        start = line.end;
      }
    }
    return out;
  }

  void read_targets(Range sentence) {
    const std::string s(view(T(), sentence));
    std::vector<std::pair<std::size_t, int>> scopes;  // (start, deadline)
    for (std::sregex_iterator it(s.begin(), s.end(), kDeadline), end; it != end; ++it) {
      const auto& year = (*it)[1].matched ? (*it)[1] : (*it)[2];
      scopes.emplace_back(sentence.begin + static_cast<std::size_t>(it->position(0)), std::stoi(year.str()));
    }
    std::string scope_rule = "到20XX年 (or 20XX年计划) scope";
    if (scopes.empty()) {
      if (out_.period_last == 0 || !years_in(s, false).empty() || !has_any(s, kAnnounces)) return;
      scopes.emplace_back(sentence.begin, out_.period_last);
      scope_rule = "no year in the sentence: the end of the plan period (" + std::to_string(out_.period_first) + "-" +
                   std::to_string(out_.period_last) + ")";
    }
    for (std::size_t k = 0; k < scopes.size(); ++k) {
      const Range scope{scopes[k].first, k + 1 < scopes.size() ? scopes[k + 1].first : sentence.end};
      const std::size_t before = out_.targets.size();
      for (const Range& c : clauses(T(), scope)) read_clause_targets(c, scopes[k].second, scope_rule);
      if (out_.targets.size() == before && scope_rule.starts_with("到")) {
        out_.goals.push_back({scopes[k].second, quote(scope)});
      }
    }
  }

  void read_clause_targets(Range c, int deadline, const std::string& scope_rule) {
    const std::string_view clause = view(T(), c);
    for (const Quantity& q0 : find_quantities(clause)) {
      Quantity q = q0;
      q.begin += c.begin;
      q.end += c.begin;
      const auto reading = target_reading(T(), c, q);
      if (!reading) continue;
      DraftTarget t;
      t.threshold = q.value;
      t.unit = q.unit;
      t.strict = reading->strict;
      t.deadline = deadline;
      t.quote = quote(c);
      t.rule = scope_rule + "; " + reading->rule;
      const KindMatch m = kind_near(clause, q0.begin, q0.end, kinds_);
      t.kind = m.kind;
      t.keyword = m.keyword;
      out_.targets.push_back(std::move(t));
    }
  }

  void read_figures(Range sentence, int default_year, const std::string& where) {
    const std::vector<int> years = years_in(view(T(), sentence), true);
    const int year = years.empty() ? default_year : *std::max_element(years.begin(), years.end());
    for (const Range& c : clauses(T(), sentence)) {
      const std::string_view clause = view(T(), c);
      for (const Quantity& q : find_quantities(clause)) {
        const std::string_view before = clause.substr(0, q.begin);
        std::string_view word;
        if (q.unit == "%" && (has(before, "增长")) && !out_.figures.empty() && !out_.figures.back().growth &&
            out_.figures.back().kind != nullptr && out_.figures.back().year == year && before.size() <= 15) {
          out_.figures.back().growth = q.value;
          out_.figures.back().growth_quote = quote(c);
          continue;
        }
        DraftFigure f;
        f.value = q.value;
        f.unit = q.unit;
        f.year = year;
        f.quote = quote(c);
        if (q.rough_floor || ends_with_any(before, kAbove, word) || clause.substr(q.end).starts_with("以上")) {
          f.bound = Bound::floor;
        } else if (ends_with_any(before, kApproximate, word)) {
          f.bound = Bound::approximate;
        }
        f.rule = where;
        const KindMatch m = kind_near(clause, q.begin, q.end, kinds_);
        f.kind = m.kind;
        f.keyword = m.keyword;
        out_.figures.push_back(std::move(f));
      }
    }
  }

  // "2018~2020年…53个项目,省财政累计投入5.4亿元,吸引社会资金共14亿元".
  void read_funding(Range sentence) {
    std::smatch span;
    const std::string whole(view(T(), sentence));
    std::size_t start = sentence.begin;
    for (std::size_t i = sentence.begin; i <= sentence.end; ++i) {
      if (i < sentence.end && T()[i] != ';') continue;
      const Range part{start, i};
      start = i + 1;
      const std::string p(view(T(), part));
      if (!has(p, "财政") || !has(p, "投入")) continue;
      if (!std::regex_search(p, span, kSpan) && !std::regex_search(whole, span, kSpan)) continue;
      read_funding_part(part, std::stoi(span[1].str()), std::stoi(span[2].str()));
    }
  }

  void read_funding_part(Range part, int first, int last) {
    DraftFunding f;
    f.first_year = first;
    f.last_year = last;
    std::size_t from = part.end, to = part.begin;
    for (const Range& c : clauses(T(), part)) {
      const std::string_view clause = view(T(), c);
      bool used = false;
      for (const Quantity& q : find_quantities(clause)) {
        if (q.money && has(clause, "财政") && f.provincial_yi == 0.0) {
          f.provincial_yi = q.value;
          used = true;
        } else if (q.money && has(clause, "社会") && f.social_yi == 0.0) {
          f.social_yi = q.value;
          used = true;
        } else if ((q.unit == "个" || q.unit == "项") && has(clause, "项目") && f.projects == 0) {
          f.projects = static_cast<int>(std::lround(q.value));
          used = true;
        }
      }
      if (used) {
        from = std::min(from, c.begin);
        to = std::max(to, c.end);
      }
    }
    if (f.provincial_yi <= 0.0) return;
    f.quote = quote({from, to});
    out_.funding.push_back(std::move(f));
  }

  // One target per (noun, threshold, comparison, deadline): a plan states its
  // goals in its summary and again in its sections.
  void dedupe_targets() {
    std::vector<DraftTarget> kept;
    for (DraftTarget& t : out_.targets) {
      const auto same = [&](const DraftTarget& k) {
        return k.keyword == t.keyword && k.kind == t.kind && k.threshold == t.threshold && k.strict == t.strict &&
               k.deadline == t.deadline && k.unit == t.unit;
      };
      const auto it = std::find_if(kept.begin(), kept.end(), same);
      if (it == kept.end()) {
        kept.push_back(std::move(t));
      } else if (!it->rule.starts_with("到") && t.rule.starts_with("到")) {
        *it = std::move(t);  // an explicit year beats the plan period
      }
    }
    out_.targets = std::move(kept);
  }

  NormalisedText norm_;
  const std::vector<IndicatorKind>& kinds_;
  DocumentReading out_;
  std::size_t period_end_ = 0;
};

}  // namespace

DocumentReading read_plan_document(std::string document, std::string text, const std::vector<IndicatorKind>& kinds,
                                   const std::vector<RegionName>& regions) {
  return Reader(std::move(document), std::move(text), kinds).plan(regions);
}

DocumentReading read_baseline_document(std::string document, std::string text,
                                       const std::vector<IndicatorKind>& kinds) {
  return Reader(std::move(document), std::move(text), kinds).baseline();
}

}  // namespace targetcast::io::draft
