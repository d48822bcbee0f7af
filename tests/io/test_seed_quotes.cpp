// Every figure in seeds/ quotes its document: each `quote` of a document-based
// figure, funding entry, indicator baseline, target or prior must appear, byte
// for byte, in the seed document named by its `source` (shared/seeds/).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "cli.h"
#include "io/toml_loader.h"

using namespace targetcast;

namespace {

std::filesystem::path documents_dir() {
  if (const char* env = std::getenv("TARGETCAST_SEED_DOCS")) return env;
  return test::source_dir().parent_path() / "shared" / "seeds";
}

struct Cited {
  std::string where;
  const model::Provenance* provenance;
};

std::vector<Cited> citations(const model::PlanSpec& plan) {
  std::vector<Cited> out;
  out.push_back({"baseline.firms", &plan.firms.provenance});
  out.push_back({"baseline.parks", &plan.parks.provenance});
  for (const auto& f : plan.funding_history) out.push_back({"funding_history." + f.id, &f.provenance});
  for (const auto& f : plan.figures) out.push_back({"figure." + f.id, &f.provenance});
  for (const auto& i : plan.indicators) out.push_back({"indicator." + i.id, &i.provenance});
  for (const auto& t : plan.targets) out.push_back({"target." + t.id, &t.provenance});
  for (const auto& p : plan.priors) out.push_back({"prior." + p.name, &p.provenance});
  return out;
}

void check_quotes(const std::string& file, const std::vector<Cited>& cited) {
  for (const Cited& c : cited) {
    const model::Provenance& p = *c.provenance;
    if (p.basis != model::Basis::document) continue;
    INFO(file << " " << c.where << ": source " << p.source << ", quote " << p.quote);
    const auto document = documents_dir() / p.source;
    REQUIRE(std::filesystem::is_regular_file(document));
    CHECK_FALSE(p.quote.empty());
    CHECK(test::read_text(document).find(p.quote) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("every document quote in seeds/ appears verbatim in its source document", "[io][seeds]") {
  if (!std::filesystem::is_directory(documents_dir())) {
    WARN("seed documents not found at " << documents_dir() << " (set TARGETCAST_SEED_DOCS); quotes not checked");
    return;
  }
  std::size_t plans = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "seeds")) {
    if (entry.path().extension() != ".toml") continue;
    const io::SourceFile file = io::read_source(entry.path().string());
    if (io::detect_kind(file) == io::FileKind::plan) {
      ++plans;
      check_quotes(file.path, citations(io::load_plan(file)));
    } else if (io::detect_kind(file) == io::FileKind::priors) {
      const model::ParameterSpace priors = io::load_priors(file);
      std::vector<Cited> cited;
      for (const auto& p : priors.priors()) cited.push_back({"prior." + p.name, &p.provenance});
      check_quotes(file.path, cited);
    }
  }
  CHECK(plans >= 4);
}
