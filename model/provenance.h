#pragma once
// Where a figure, a target or a prior comes from (docs/seed-format.md).
#include <string>
#include <string_view>

namespace targetcast::model {

enum class Basis {
  document,      // stated in a seed document: source = file name, quote = exact phrase
  published,     // a published source outside the seed documents
  assumption,    // our assumption: flagged in every report
  illustrative,  // a target the plan does not state numerically
};

std::string_view to_string(Basis basis);

struct Provenance {
  Basis basis = Basis::assumption;
  std::string source;  // seed document file name, or citation
  std::string quote;   // exact phrase from the source
  std::string note;    // reason (required for assumption and illustrative)
  // The note in Chinese when the file writes note = { zh = "…", en = "…" }
  // (then `note` is the English); "" when it gives one text only.
  std::string note_zh = {};
  // The note a reader of `lang` reads: the Chinese one when there is one.
  const std::string& note_in(std::string_view lang) const { return lang == "zh" && !note_zh.empty() ? note_zh : note; }
};

// Text in both official languages.
struct Text {
  std::string zh;
  std::string en;
  const std::string& in(std::string_view lang) const { return lang == "zh" ? zh : en; }
};

// A document the files cite by file name ([[document]] in a plan or the
// priors file): reports show its title and issuing body instead of the file
// name (issue 16, item 8).
struct SourceDocument {
  std::string file;    // as `source = "…"` cites it
  Text title;          // the document's own title
  Text issuer;         // the body that issued it
  std::string origin;  // file that declares it
  int line = 0;        // line of its [[document]] table there
};

}  // namespace targetcast::model
