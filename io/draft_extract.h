#pragma once
// What a drafted plan reads from a policy document (targetcast draft-plan,
// docs/draft-plan.md), on its normalised text (io/draft_text.h):
//
// - targets: a number counts only inside a deadline scope and only after a
//   target word. The scope of "到20XX年" runs to the next 到20XX年 or the end of
//   the sentence; a sentence with no year that announces the plan (将, 力争,
//   目标, 计划) takes the end of the plan period "(20AA-20BB年)". The number
//   must follow 超/超过/突破 (">") or 达到/不少于 (">="), be followed by 以上
//   (">="), or be the object of a target verb (打造200个 → ">=");
// - qualitative goals: a deadline scope with no such number;
// - baseline figures: numbers of the plan's 发展基础 section and of sentences
//   that describe a past year (截至2021年…达…, 2021年…为…); 多/余/超 mark a
//   floor, 约/近 an approximate figure;
// - funding: 财政…投入N亿元 with a span of years (2018~2020年).
//
// Quotes are cut from the ORIGINAL text at clause boundaries (, ; : and
// brackets that hold a number), so that each holds its noun.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/draft_keywords.h"

namespace targetcast::io::draft {

enum class Bound { exact, floor, approximate };

struct DraftTarget {
  double threshold = 0.0;
  std::string unit;     // "亿元" for money, else the measure word
  bool strict = false;  // ">" (超, 突破) rather than ">="
  int deadline = 0;
  std::string quote;  // original text
  std::string rule;   // how it was read, for the planner
  const IndicatorKind* kind = nullptr;
  std::string keyword;  // the noun that gave the kind
};

struct DraftGoal {
  int deadline = 0;
  std::string quote;
};

struct DraftFigure {
  double value = 0.0;
  std::string unit;
  Bound bound = Bound::exact;
  int year = 0;  // 0: the document gives none
  std::string quote;
  std::string rule;
  const IndicatorKind* kind = nullptr;
  std::string keyword;
  std::optional<double> growth;  // "同比增长56.5%" right after it, as 0.565
  std::string growth_quote;
};

struct DraftFunding {
  int first_year = 0;
  int last_year = 0;
  int projects = 0;
  double provincial_yi = 0.0;
  double social_yi = 0.0;
  std::string quote;
};

struct DocumentReading {
  std::string document;  // file name, as cited in `source`
  std::string title;     // original text; empty when none was found
  int period_first = 0;  // "(2022-2025年)"; 0 when none
  int period_last = 0;
  const RegionName* region = nullptr;
  std::vector<DraftTarget> targets;
  std::vector<DraftGoal> goals;
  std::vector<DraftFigure> figures;
  std::vector<DraftFunding> funding;
};

// A plan: its targets, goals, figures and funding. `text` is the document's bytes.
DocumentReading read_plan_document(std::string document, std::string text, const std::vector<IndicatorKind>& kinds,
                                   const std::vector<RegionName>& regions);

// A second document (a press conference, a reply): its figures and funding only.
DocumentReading read_baseline_document(std::string document, std::string text, const std::vector<IndicatorKind>& kinds);

}  // namespace targetcast::io::draft
