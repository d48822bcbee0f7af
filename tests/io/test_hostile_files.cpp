// Files no planner means to write: truncated, deeply nested, huge numbers,
// NaN and infinity literals, duplicate keys, binary bytes. Every loader must
// reject them with a model::SpecError naming file and line (never a crash or
// another exception), by the same check the fuzzers run (tests/fuzz/); and the
// inputs the fuzzers found failing are replayed here, in the main build.
// The ordinary mistakes are tests/io/test_toml_loader.cpp's.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "../fuzz/loader_harness.h"
#include "cli.h"
#include "io/observations_csv.h"
#include "io/source_file.h"
#include "io/toml_loader.h"
#include "model/spec_error.h"

namespace fs = std::filesystem;
using targetcast::fuzz::check_loader;
using targetcast::fuzz::Loader;
using targetcast::model::Problem;
using targetcast::test::read_text;
using targetcast::test::source_dir;

namespace {

std::string shipped(const std::string& relative) { return read_text(source_dir() / relative); }

// The shipped files of each loader: the fuzzers' seed corpus (tests/fuzz/run).
std::vector<std::pair<Loader, std::string>> shipped_files() {
  return {{Loader::plan, "seeds/guangdong-ai-2025.toml"},
          {Loader::plan, "seeds/guangxi-ai.toml"},
          {Loader::priors, "seeds/priors.toml"},
          {Loader::scenario, "scenarios/baseline.toml"},
          {Loader::scenario, "scenarios/package-2023.toml"},
          {Loader::observations, "seeds/observations/guangdong.csv"}};
}

// The problems `validate` reports for `text` as a file named `path`.
std::vector<Problem> problems_of(const std::string& path, const std::string& text) {
  return targetcast::io::validate_file(targetcast::io::SourceFile{path, text, false});
}

std::string dump(const std::vector<Problem>& problems) {
  std::string out;
  for (const auto& p : problems) out += p.to_string() + "\n";
  return out;
}

// `text` with the first `from` replaced by `to`.
std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("fuzz regressions: every input a fuzzer found failing is now rejected cleanly", "[io][fuzz]") {
  int replayed = 0;
  for (const Loader loader : targetcast::fuzz::kLoaders) {
    const fs::path folder = source_dir() / "tests" / "fuzz" / "regressions" / std::string(targetcast::fuzz::name_of(loader));
    REQUIRE(fs::is_directory(folder));
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
      INFO(entry.path().string());
      CHECK(check_loader(loader, read_text(entry.path())) == "");
      ++replayed;
    }
  }
  SUCCEED(replayed << " inputs replayed");
}

TEST_CASE("hostile files: every truncation of every shipped file is rejected cleanly or accepted", "[io][fuzz]") {
  for (const auto& [loader, path] : shipped_files()) {
    const std::string text = shipped(path);
    INFO(path);
    REQUIRE(check_loader(loader, text) == "");
    // Cut at every 61st byte (inside keys, values, multi-byte UTF-8 and
    // strings) and at every line end.
    for (std::size_t cut = 0; cut < text.size(); ++cut) {
      if (cut % 61 != 0 && text[cut] != '\n') continue;
      INFO("first " << cut << " bytes");
      CHECK(check_loader(loader, text.substr(0, cut)) == "");
    }
  }
}

TEST_CASE("hostile files: nesting, huge numbers, NaN, duplicates and binary bytes name file and line",
          "[io][fuzz]") {
  const std::string plan = shipped("seeds/guangdong-ai-2025.toml");
  const std::string priors = shipped("seeds/priors.toml");
  struct Case {
    std::string name, path, text;
    int line;  // the line the problem must name
    std::string fragment;
  };
  const std::string deep_array = "x = " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  const std::string deep_table = "x = " + std::string(5000, '{').insert(1, "a = ") + "\n";
  std::string deep_keys = "x";
  for (int i = 0; i < 20000; ++i) deep_keys += ".k";
  const std::vector<Case> cases = {
      {"arrays nested 100,000 deep", "deep.toml", "format = 1\n" + deep_array, 2, "malformed TOML"},
      {"inline tables nested 5,000 deep", "deep.toml", "format = 1\n" + deep_table, 2, "malformed TOML"},
      {"a dotted key 20,000 levels deep", "deep.toml", "[plan]\n" + deep_keys + " = 1\n", 2, ""},
      {"an integer beyond 64 bits", "seeds/plan.toml",
       replace_once(plan, "base_year = 2021", "base_year = 99999999999999999999999"), 0, "malformed TOML"},
      {"a float beyond double", "seeds/priors.toml", replace_once(priors, "sd = 0.12", "sd = 1e999"), 0, ""},
      {"nan where a number is expected", "seeds/priors.toml", replace_once(priors, "sd = 0.12", "sd = nan"), 0,
       "got nan"},
      {"-inf where a count is expected", "seeds/plan.toml",
       replace_once(plan, "horizon = 2030", "horizon = -inf"), 0, "got -inf"},
      {"a key defined twice", "seeds/plan.toml", replace_once(plan, "base_year = 2021", "base_year = 2021\nbase_year = 2022"),
       0, "malformed TOML"},
      {"a table defined twice", "seeds/plan.toml", replace_once(plan, "[plan]\n", "[plan]\n[plan]\n"), 0,
       "malformed TOML"},
      {"NUL and control bytes", "seeds/plan.toml", replace_once(plan, "[plan]\n", std::string("[plan]\0\x01\x7f\n", 10)),
       0, "malformed TOML"},
      {"invalid UTF-8", "seeds/plan.toml", replace_once(plan, "[plan]\n", "[plan]\n# \xff\xfe\xc3\n"), 0,
       "malformed TOML"},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.name) {
      const auto problems = problems_of(c.path, c.text);
      INFO(dump(problems));
      REQUIRE_FALSE(problems.empty());
      bool located = false;
      for (const Problem& p : problems) {
        CHECK(p.file == c.path);
        const bool line_ok = c.line == 0 ? p.line > 0 : p.line == c.line;
        if (line_ok && p.message.find(c.fragment) != std::string::npos) located = true;
      }
      CHECK(located);
    }
  }
}

TEST_CASE("hostile files: an observation file with NaN, huge values, NUL bytes or cut short names file and line",
          "[io][fuzz]") {
  const std::string csv = shipped("seeds/observations/guangdong.csv");
  const auto first_row = csv.find('\n', csv.find("\nguangdong")) ;
  REQUIRE(first_row != std::string::npos);
  for (const std::string& bad : {std::string("nan"), std::string("inf"), std::string("1e999"), std::string("-0"),
                                 std::string("0x10"), std::string("1\0", 2), std::string("\"12")}) {
    INFO("value " << bad);
    std::string text = csv;
    // The value column of the first data row.
    const auto row_start = text.find("\nguangdong") + 1;
    std::size_t field = row_start;
    for (int comma = 0; comma < 4; ++comma) field = text.find(',', field) + 1;
    const auto field_end = text.find(',', field);
    text.replace(field, field_end - field, bad);
    try {
      static_cast<void>(targetcast::io::load_observations(targetcast::io::SourceFile{"obs.csv", text, false}));
      FAIL("accepted");
    } catch (const targetcast::model::SpecError& e) {
      INFO(e.what());
      REQUIRE_FALSE(e.problems().empty());
      CHECK(e.problems().front().file == "obs.csv");
      CHECK(e.problems().front().line >= 2);
    }
  }
}
