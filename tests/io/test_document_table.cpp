// The shipped files declare every document they cite, by the document's real
// title (issue 16, item 8): no report of a shipped plan shows a file name.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "cli.h"
#include "io/document_table.h"
#include "io/quote_check.h"
#include "io/source_file.h"
#include "io/toml_loader.h"

using namespace targetcast;
namespace fs = std::filesystem;

namespace {

fs::path documents_dir() {
  if (const char* env = std::getenv("TARGETCAST_SEED_DOCS")) return env;
  return test::source_dir().parent_path() / "shared" / "seeds";
}

const char* const kPlans[] = {"seeds/guangdong-ai-2025.toml", "seeds/guangzhou-ai-2023.toml", "seeds/dongguan-ai.toml",
                              "seeds/guangxi-ai.toml"};

}  // namespace

TEST_CASE("every document a shipped file cites is declared, and every declared one cited", "[io][documents]") {
  const auto defaults = io::load_priors(io::read_source("embedded:seeds/priors.toml"));
  CHECK(defaults.documents().size() == 2);
  for (const char* path : kPlans) {
    const auto plan = io::load_plan(io::read_source(std::string("embedded:") + path));
    INFO(path);
    CHECK_FALSE(plan.documents.empty());
    for (const model::Problem& w : io::document_warnings(plan, defaults)) FAIL_CHECK(w.file << ": " << w.message);
  }
}

// The Chinese title is the document's own: its text up to the first
// parenthesis (year span, document number) stands in the document.
TEST_CASE("the shipped documents' Chinese titles are their real titles", "[io][documents]") {
  const fs::path folder = documents_dir();
  if (!fs::is_directory(folder)) {
    WARN("no seed documents at " << folder.string() << ": titles not checked");
    return;
  }
  std::vector<model::SourceDocument> all =
      io::load_priors(io::read_source("embedded:seeds/priors.toml")).documents();
  for (const char* path : kPlans) {
    const auto plan = io::load_plan(io::read_source(std::string("embedded:") + path));
    all.insert(all.end(), plan.documents.begin(), plan.documents.end());
  }
  CHECK(all.size() == 7);
  for (const model::SourceDocument& d : all) {
    INFO(d.origin << ": " << d.file << " " << d.title.zh);
    const std::string text = io::normalise_for_quote(io::read_source((folder / d.file).string()).content);
    const std::string head = io::normalise_for_quote(d.title.zh.substr(0, d.title.zh.find('(')));
    CHECK(head.size() >= 30);  // ten characters or more
    CHECK(text.find(head) != std::string::npos);
  }
}
