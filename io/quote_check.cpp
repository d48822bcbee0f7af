// Quotes of a plan against its documents (io/quote_check.h).
#include "io/quote_check.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

#include "io/embedded_files.h"

namespace targetcast::io {
namespace {

namespace fs = std::filesystem;

// The line of `quote = "<quote>"` in the plan file, 0 when not found.
int line_of_quote(const std::string& content, const std::string& quote) {
  const std::size_t at = content.find(quote);
  if (at == std::string::npos) return 0;
  return 1 + static_cast<int>(std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

std::optional<fs::path> find_document(const std::string& source, const SourceFile& plan_file,
                                      const std::vector<std::string>& folders) {
  // A source is a file name, not a path that could leave the folders searched.
  if (source.empty() || source.find('/') != std::string::npos || source.find('\\') != std::string::npos ||
      source == "." || source == "..") {
    return std::nullopt;
  }
  std::vector<fs::path> candidates;
  if (!plan_file.embedded) candidates.push_back(fs::path(plan_file.path).parent_path() / source);
  for (const std::string& folder : folders) candidates.push_back(fs::path(folder) / source);
  for (const fs::path& p : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) return p;
  }
  return std::nullopt;
}

}  // namespace

std::vector<Cited> citations(const model::PlanSpec& plan) {
  std::vector<Cited> out;
  out.push_back({"baseline.firms", &plan.firms.provenance});
  out.push_back({"baseline.parks", &plan.parks.provenance});
  if (plan.core_industry) out.push_back({"baseline.core_industry", &plan.core_industry->provenance});
  for (const auto& f : plan.funding_history) out.push_back({"funding_history." + f.id, &f.provenance});
  for (const auto& f : plan.figures) out.push_back({"figure." + f.id, &f.provenance});
  for (const auto& i : plan.indicators) out.push_back({"indicator." + i.id, &i.provenance, i.line});
  for (const auto& t : plan.targets) out.push_back({"target." + t.id, &t.provenance, t.line});
  for (const auto& p : plan.priors) out.push_back({"prior." + p.name, &p.provenance, p.line});
  return out;
}

std::string normalise_for_quote(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    const unsigned char c = byte(0);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
      continue;
    }
    if (c == 0xE3 && i + 2 < text.size() && byte(1) == 0x80 && byte(2) == 0x80) {  // U+3000 ideographic space
      i += 3;
      continue;
    }
    if (c == 0xEF && i + 2 < text.size() && (byte(1) == 0xBC || byte(1) == 0xBD)) {
      // U+FF01..U+FF5E: EF BC 81..BF, EF BD 80..9E → '!'..'~'.
      const unsigned code = 0xFF00u + ((byte(1) - 0xBCu) << 6) + (byte(2) - 0x80u);
      if (code >= 0xFF01 && code <= 0xFF5E) {
        out += static_cast<char>(code - 0xFEE0u);
        i += 3;
        continue;
      }
    }
    out += static_cast<char>(c);
    ++i;
  }
  return out;
}

bool is_shipped(const SourceFile& file) {
  if (file.embedded) return true;
  for (const EmbeddedFile& f : embedded_files()) {
    if (f.content == file.content) return true;
  }
  return false;
}

QuoteFindings check_quotes(const model::PlanSpec& plan, const SourceFile& plan_file,
                           const std::vector<std::string>& document_folders) {
  QuoteFindings out;
  std::map<std::string, std::optional<std::string>> documents;  // source → normalised text, if found
  std::map<std::string, int> unchecked;                        // source → quotes not checked
  for (const Cited& c : citations(plan)) {
    const model::Provenance& p = *c.provenance;
    if (p.basis != model::Basis::document || p.quote.empty()) continue;
    auto it = documents.find(p.source);
    if (it == documents.end()) {
      std::optional<std::string> text;
      if (const auto path = find_document(p.source, plan_file, document_folders)) {
        try {
          text = normalise_for_quote(read_source(path->string()).content);
        } catch (const model::SpecError&) {
          // Unreadable: reported below as not found.
        }
      }
      it = documents.emplace(p.source, std::move(text)).first;
    }
    if (!it->second) {
      ++unchecked[p.source];
      continue;
    }
    if (it->second->find(normalise_for_quote(p.quote)) == std::string::npos) {
      out.problems.push_back(model::Problem{plan_file.path, line_of_quote(plan_file.content, p.quote), c.key + ".quote",
                                            "the quote is not in its source document '" + p.source +
                                                "' (compared without spaces and line breaks, full-width signs as "
                                                "ASCII): copy the phrase exactly from the document"});
    }
  }
  for (const auto& [source, count] : unchecked) {
    out.warnings.push_back(model::Problem{
        plan_file.path, 0, "source",
        "the document '" + source + "' was not found beside the plan or in a --documents folder: " +
            std::to_string(count) + (count == 1 ? " quote" : " quotes") + " citing it not checked"});
  }
  return out;
}

}  // namespace targetcast::io
