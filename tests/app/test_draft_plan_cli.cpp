// targetcast draft-plan end to end (docs/draft-plan.md): the draft of the
// Guangdong plan validates and simulates without hand edits; a draft with no
// baseline figure says what to fill in.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "cli.h"

using namespace targetcast::test;

namespace {

std::filesystem::path documents_dir() {
  if (const char* env = std::getenv("TARGETCAST_SEED_DOCS")) return env;
  return source_dir().parent_path() / "shared" / "seeds";
}

}  // namespace

TEST_CASE("the draft of the Guangdong plan validates and runs", "[app][draft]") {
  if (!std::filesystem::is_directory(documents_dir())) {
    WARN("seed documents not found at " << documents_dir() << " (set TARGETCAST_SEED_DOCS)");
    return;
  }
  TempDir dir;
  const std::string docs = documents_dir().string();
  const auto draft = run_cli("draft-plan " + docs + "/002_b10e5fe339225739.txt --baseline-doc " + docs +
                                 "/000_6775d99e6e85b5bb.txt --out gd.toml",
                             dir.path());
  INFO(draft.err);
  REQUIRE(draft.exit_code == 0);
  CHECK(draft.err.find("10 targets written, 0 commented") != std::string::npos);
  CHECK(draft.err.find("It validates") != std::string::npos);
  const std::string toml = read_text(dir / "gd.toml");
  CHECK(toml.find("basis = \"document\"\n") == std::string::npos);  // nothing claims to be reviewed
  CHECK(toml.find("provincial_yi = 5.4") != std::string::npos);
  const auto validate = run_cli("validate gd.toml", dir.path());
  INFO(validate.err);
  CHECK(validate.exit_code == 0);
  // Its own parameters are named, so the reports never show their code.
  CHECK(toml.find("name = { zh = \"每年新增国家级研发机构\", en = \"new national-level R&D institutions per year\" }") !=
        std::string::npos);
  CHECK(validate.err.find("has no name") == std::string::npos);
  const auto simulate = run_cli("simulate --baseline gd.toml --runs 40 --threads 2 --db d.sqlite", dir.path());
  INFO(simulate.err);
  CHECK(simulate.exit_code == 0);
  CHECK(simulate.out.find("core AI industry above 150 billion yuan by 2025") != std::string::npos);
}

TEST_CASE("a draft without baseline figures says what to fill in", "[app][draft]") {
  TempDir dir;
  dir.write("plan.txt",
            "某市人工智能发展行动计划(2023-2025年)\n到2025年,培育超1000家人工智能企业,打造50个應用場景。\n");
  const auto draft = run_cli("draft-plan plan.txt --region moushi --out d.toml", dir.path());
  INFO(draft.err);
  REQUIRE(draft.exit_code == 0);
  CHECK(draft.err.find("2 targets written") != std::string::npos);
  CHECK(draft.err.find("missing required table [baseline.firms]") != std::string::npos);
  const std::string toml = read_text(dir / "d.toml");
  CHECK(toml.find("# FILL IN [baseline.firms]") != std::string::npos);
  CHECK(toml.find("quote = \"打造50个應用場景\"") != std::string::npos);  // the original characters
  CHECK(toml.find("id = \"moushi\"") != std::string::npos);
  const auto validate = run_cli("validate d.toml", dir.path());
  CHECK(validate.exit_code != 0);
  CHECK(validate.err.find("baseline.firms") != std::string::npos);
}
