// Observation files: the shipped Guangdong file reads as documented and
// quotes its seed documents verbatim; bad files get one message per problem
// with file, line and column.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "cli.h"
#include "io/observations_csv.h"

using namespace targetcast;
using calibration::Measure;

namespace {

io::SourceFile csv(const std::string& text) { return io::SourceFile{"obs.csv", text, false}; }

std::string problems_of(const std::string& text) {
  try {
    io::load_observations(csv(text));
  } catch (const model::SpecError& e) {
    std::string out;
    for (const auto& p : e.problems()) out += p.to_string() + "\n";
    return out;
  }
  return "accepted";
}

const char* const kHeader = "region,indicator,year,measure,value,relative_sd,source,quote,note\n";

}  // namespace

TEST_CASE("the shipped Guangdong observations read as documented", "[io][observations]") {
  const auto rows = io::load_observations(io::read_source(io::kDefaultObservations));
  REQUIRE(rows.size() == 9);
  CHECK(rows[0].indicator == "core_industry");
  CHECK(rows[0].year == 2017);
  CHECK(rows[0].value == 260.0);
  CHECK(rows[0].quote == "2017年,广东人工智能核心产业规模约260亿元");
  CHECK(rows[2].measure == Measure::growth);
  CHECK(rows[2].value == 0.502);
  CHECK(rows[3].measure == Measure::floor);
  CHECK(rows[3].quote.empty());
  CHECK(rows[0].definition == "2018-plan boundary (2018年规划口径)");
  CHECK(rows[0].definition_sd == 0.3);
  CHECK(rows[3].definition_sd == 0.5);
  CHECK(rows[8].definition.empty());
  CHECK(rows[8].indicator == "firms");
  CHECK(rows[8].line == 27);
  // The embedded copy is the file on disk.
  const auto disk = io::read_source((test::source_dir() / "seeds" / "observations" / "guangdong.csv").string());
  CHECK(io::read_source(io::kDefaultObservations).content == disk.content);
}

TEST_CASE("every observation quoting a seed document quotes it verbatim", "[io][observations][seeds]") {
  const std::filesystem::path docs = std::getenv("TARGETCAST_SEED_DOCS") != nullptr
                                         ? std::filesystem::path(std::getenv("TARGETCAST_SEED_DOCS"))
                                         : test::source_dir().parent_path() / "shared" / "seeds";
  if (!std::filesystem::is_directory(docs)) {
    WARN("seed documents not found at " << docs << "; quotes not checked");
    return;
  }
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "seeds" / "observations")) {
    for (const auto& o : io::load_observations(io::read_source(entry.path().string()))) {
      const auto document = docs / o.source;
      if (!std::filesystem::is_regular_file(document)) continue;  // a publication outside shared/seeds
      INFO(entry.path() << ":" << o.line << " quotes " << o.quote);
      CHECK_FALSE(o.quote.empty());
      CHECK(test::read_text(document).find(o.quote) != std::string::npos);
      ++checked;
    }
  }
  CHECK(checked >= 3);
}

TEST_CASE("quoted fields, comments, optional columns and a byte-order mark", "[io][observations]") {
  const auto rows = io::load_observations(
      csv("\xEF\xBB\xBF# a comment\n\nregion,indicator,year,value,relative_sd,source,quote\r\n"
          "guangdong, firms ,2021,1500,0.1,\"doc, with comma\",\"say \"\"hi\"\"\"\r\n"));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].indicator == "firms");
  CHECK(rows[0].measure == Measure::level);
  CHECK(rows[0].source == "doc, with comma");
  CHECK(rows[0].quote == "say \"hi\"");
  CHECK(rows[0].line == 4);
}

TEST_CASE("bad observation files get every problem with file, line and column", "[io][observations]") {
  CHECK_THAT(problems_of("region,indicator,year,value,source,quote\ng,firms,2021,1,s,q\n"),
             Catch::Contains("obs.csv:1: relative_sd: missing column"));
  CHECK_THAT(problems_of("region,indicator,year,value,relative_sd,source,quote,colour\n"),
             Catch::Contains("obs.csv:1: colour: unknown column"));
  // A misspelt column gets a suggestion, and the rows are still read: their problems come in the same pass.
  const std::string misspelt = problems_of(
      "region,indicator,year,value,relative_sd,source,quote,nots\nguangdong,firms,2021,-5,0.1,doc,,x\n");
  CHECK_THAT(misspelt, Catch::Contains("obs.csv:1: nots: unknown column (its values are not read); did you mean 'note'?"));
  CHECK_THAT(misspelt, Catch::Contains("obs.csv:2: value: must be a number > 0"));
  const std::string body = std::string(kHeader) +
                           "guangdong,firms,20x1,level,1500,0.1,doc,,\n"        // line 2: year
                           "guangdong,firms,2021,level,-5,0.1,doc,,\n"          // line 3: negative value
                           "guangdong,firms,2022,level,5,0,doc,,\n"             // line 4: relative_sd
                           "guangdong,firms,2023,ceiling,5,0.1,doc,,\n"         // line 5: measure
                           "guangdong,firms,2024,level,5,0.1,,,\n"              // line 6: source
                           "guangdong,firms,2025,level,5,0.1,doc\n"             // line 7: fields
                           "guangdong,robots,2021,growth,-1.5,0.1,doc,,\n"      // line 8: growth
                           "guangdong,firms,2026,level,5,0.1,doc,,\n"           // line 9: fine
                           "guangdong,firms,2026,level,6,0.1,doc,,\n"           // line 10: duplicate
                           "guangdong,firms,2027,level,5,0.1,\"doc,,\n";        // line 11: open quote
  const std::string p = problems_of(body);
  CHECK_THAT(p, Catch::Contains("obs.csv:2: year: '20x1' is not a year"));
  CHECK_THAT(p, Catch::Contains("obs.csv:3: value: must be a number > 0"));
  CHECK_THAT(p, Catch::Contains("obs.csv:4: relative_sd: must be a number in (0, 5]"));
  CHECK_THAT(p, Catch::Contains("obs.csv:5: measure: 'ceiling' is not one of level, floor, growth"));
  CHECK_THAT(p, Catch::Contains("obs.csv:6: source: empty"));
  CHECK_THAT(p, Catch::Contains("obs.csv:7: this row has 7 fields but the header names 9 columns"));
  CHECK_THAT(p, Catch::Contains("obs.csv:8: value: a growth rate must be above -1"));
  CHECK_THAT(p, Catch::Contains("obs.csv:10: year: duplicate row: firms 2026 (level) is already stated on line 9"));
  CHECK_THAT(p, Catch::Contains("obs.csv:11: a quoted field is not closed"));
  CHECK(p.find("obs.csv:9:") == std::string::npos);
  CHECK_THAT(problems_of(""), Catch::Contains("no header row"));
  // Definitions: a named definition needs its ratio's spread, and a spread needs a name.
  const std::string defs = "region,indicator,year,value,relative_sd,source,quote,definition,definition_sd\n"
                           "guangdong,firms,2018,300,0.1,doc,,press count,\n"      // line 2: no sd
                           "guangdong,firms,2019,300,0.1,doc,,,0.5\n"              // line 3: no name
                           "guangdong,firms,2020,300,0.1,doc,,press count,0.5\n"   // line 4: fine
                           "guangdong,firms,2020,320,0.1,doc,,,\n";                // line 5: fine (the plan's)
  const std::string d = problems_of(defs);
  CHECK_THAT(d, Catch::Contains("obs.csv:2: definition_sd: a figure under another definition needs"));
  CHECK_THAT(d, Catch::Contains("obs.csv:3: definition: empty, but definition_sd is given"));
  CHECK(d.find("obs.csv:4:") == std::string::npos);
  CHECK(d.find("obs.csv:5:") == std::string::npos);
}
