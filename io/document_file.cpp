// [[document]] tables (io/document_file.h).
#include "io/document_file.h"

#include <array>
#include <map>
#include <string>
#include <string_view>

namespace targetcast::io::detail {
namespace {

constexpr std::array<std::string_view, 3> kDocumentKeys = {"file", "title", "issuer"};

}  // namespace

std::vector<model::SourceDocument> read_documents(Fields& root) {
  std::vector<model::SourceDocument> out;
  std::map<std::string, int> lines;  // file → line of its first [[document]]
  each_table(root, "document", [&](const toml::table& t, const std::string& path) {
    Fields f(root.report(), t, path);
    model::SourceDocument d;
    d.origin = root.report().file();
    d.line = f.line();
    const auto file = f.string("file", Need::required, StringRule::nonblank, "the file name its citations give");
    if (file) {
      const auto [it, first] = lines.emplace(*file, d.line);
      if (!first) {
        f.problem("file", "the document " + quoted(*file) + " is declared twice (first on line " +
                              std::to_string(it->second) + "): keep one [[document]]");
      }
    }
    d.file = file.value_or("");
    const auto title = f.text("title", Need::required);
    const auto issuer = f.text("issuer", Need::required);
    f.finish(kDocumentKeys);
    if (!file || !title || !issuer) return;
    d.title = *title;
    d.issuer = *issuer;
    out.push_back(std::move(d));
  });
  return out;
}

}  // namespace targetcast::io::detail
