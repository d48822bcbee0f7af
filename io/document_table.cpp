// Declared documents against cited ones (io/document_table.h).
#include "io/document_table.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <string_view>

#include "io/quote_check.h"

namespace targetcast::io {
namespace {

// Where a document is first cited: file and line (0 when the item keeps none).
struct Citation {
  std::string origin;
  int line = 0;
  std::string key;
};

bool declares(const std::vector<model::SourceDocument>& documents, const std::string& file) {
  return std::any_of(documents.begin(), documents.end(),
                     [&](const model::SourceDocument& d) { return d.file == file; });
}

// A source names a document file ("002_b10e5fe339225739.txt", "my-plan.pdf"):
// one word ending in an extension. A published citation ("粤府〔2018〕64号《…》,
// gzhea.org.cn/…") is shown as written and needs no [[document]].
bool names_a_file(std::string_view source) {
  if (source.find_first_of(" \t/\\") != std::string_view::npos) return false;
  const std::size_t dot = source.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  const std::string_view ext = source.substr(dot + 1);
  return !ext.empty() && ext.size() <= 5 &&
         std::all_of(ext.begin(), ext.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

void note_citation(std::map<std::string, Citation>& cited, const model::Provenance& p, Citation where) {
  if (p.source.empty() || (p.basis != model::Basis::document && !names_a_file(p.source))) return;
  // The first citation with a line, so that a warning points into the file.
  const auto [it, first] = cited.emplace(p.source, where);
  if (!first && it->second.line == 0 && where.line > 0) it->second = std::move(where);
}

void uncited_declarations(const std::vector<model::SourceDocument>& documents,
                          const std::map<std::string, Citation>& cited, std::vector<model::Problem>& out) {
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const model::SourceDocument& d = documents[i];
    if (cited.count(d.file) != 0) continue;
    out.push_back(model::Problem{d.origin, d.line, "document[" + std::to_string(i + 1) + "].file",
                                 "the document '" + d.file + "' is declared but nothing in this file cites it "
                                 "(source = \"" + d.file + "\"): remove its [[document]] or check the file name"});
  }
}

}  // namespace

std::vector<model::Problem> document_warnings(const model::PlanSpec& plan, const model::ParameterSpace& defaults) {
  std::vector<model::Problem> out;
  std::map<std::string, Citation> by_plan, by_priors;
  if (!plan.source.empty()) by_plan.emplace(plan.source, Citation{plan.source_path, 0, "plan.source"});
  for (const Cited& c : citations(plan)) {
    note_citation(by_plan, *c.provenance, Citation{plan.source_path, c.line, c.key + ".source"});
  }
  for (const model::Prior& p : defaults.priors()) {
    note_citation(by_priors, p.provenance, Citation{p.origin, p.line, "prior." + p.name + ".source"});
  }
  uncited_declarations(plan.documents, by_plan, out);
  uncited_declarations(defaults.documents(), by_priors, out);
  // One warning per document, however often it is cited.
  std::map<std::string, Citation> cited = by_plan;
  cited.insert(by_priors.begin(), by_priors.end());
  for (const auto& [file, where] : cited) {
    if (declares(plan.documents, file) || declares(defaults.documents(), file)) continue;
    out.push_back(model::Problem{where.origin, where.line, where.key,
                                 "the document '" + file + "' is cited but has no [[document]] with its title and "
                                 "issuing body; reports will show its file name"});
  }
  return out;
}

}  // namespace targetcast::io
