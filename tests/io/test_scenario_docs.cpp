// docs/scenarios.md against the scenario loader, both ways: every TOML example
// of the page loads and compiles against the Guangdong plan, every key table of
// the page lists exactly the keys (or names) the loader accepts there, and every
// accepted key, lever name, shock rule and distribution appears in an example.
#include <catch2/catch.hpp>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli.h"
#include "io/source_file.h"
#include "io/toml_loader.h"
#include "model/compiled_model.h"
#include "workflow/experiment_inputs.h"

using namespace targetcast;

namespace {

struct Doc {
  std::vector<std::string> examples;                        // ```toml blocks
  std::map<std::string, std::set<std::string>> key_tables;  // marker → `first column` entries
};

// A marker line `<!-- keys: NAME -->` names the Markdown table that follows;
// the table's first column holds the keys, each in backticks.
Doc read_doc() {
  const std::string text = test::read_text(test::source_dir() / "docs" / "scenarios.md");
  Doc doc;
  std::istringstream in(text);
  std::string line;
  std::string block;
  bool in_toml = false;
  bool in_other_code = false;
  std::string marker;
  bool in_table = false;
  const std::regex marker_re(R"(^<!-- keys: (.+) -->\s*$)");
  const std::regex first_cell_re(R"(^\|\s*`([^`]+)`\s*\|)");
  while (std::getline(in, line)) {
    if (in_toml) {
      if (line.starts_with("```")) {
        doc.examples.push_back(block);
        in_toml = false;
      } else {
        block += line + "\n";
      }
      continue;
    }
    if (line.starts_with("```")) {
      if (line == "```toml") {
        in_toml = true;
        block.clear();
      } else {
        in_other_code = !in_other_code;
      }
      continue;
    }
    if (in_other_code) continue;
    std::smatch m;
    if (std::regex_match(line, m, marker_re)) {
      marker = m[1];
      in_table = false;
      doc.key_tables[marker];  // present even if the table is empty
      continue;
    }
    if (!marker.empty() && line.starts_with("|")) {
      in_table = true;
      if (std::regex_search(line, m, first_cell_re)) doc.key_tables[marker].insert(m[1]);
      continue;
    }
    if (in_table) {  // the table ended
      marker.clear();
      in_table = false;
    }
  }
  return doc;
}

std::set<std::string> as_set(const std::vector<std::string_view>& words) {
  return {words.begin(), words.end()};
}

// A fragment of a scenario file made whole: the page shows tables on their own.
std::string whole_file(const std::string& example) {
  std::string text = example;
  if (text.find("[scenario]") == std::string::npos) {
    text = "[scenario]\nid = \"doc-example\"\ntitle = { zh = \"示例\", en = \"example\" }\n\n" + text;
  }
  if (!std::regex_search(text, std::regex(R"((^|\n)format\s*=)"))) text = "format = 1\n" + text;
  return text;
}

// Does `key = ` appear in an example, at the start of a line or inside { … }?
bool used_as_key(const std::vector<std::string>& examples, std::string_view key) {
  const std::regex re("(^|[\\n{,]\\s*)" + std::string(key) + "\\s*=");
  for (const std::string& e : examples) {
    if (std::regex_search(e, re)) return true;
  }
  return false;
}

bool used_as_value(const std::vector<std::string>& examples, std::string_view key, std::string_view value) {
  const std::string needle = std::string(key) + " = \"" + std::string(value) + "\"";
  for (const std::string& e : examples) {
    if (e.find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("docs/scenarios.md: every example loads and compiles against the Guangdong plan", "[io][docs]") {
  const Doc doc = read_doc();
  REQUIRE(doc.examples.size() >= 6);
  const model::PlanSpec plan = io::load_plan(io::read_source(workflow::kDefaultPlan));
  const model::ParameterSpace priors = io::load_priors(io::read_source(workflow::kDefaultPriors));
  for (std::size_t i = 0; i < doc.examples.size(); ++i) {
    const std::string name = "docs/scenarios.md example " + std::to_string(i + 1);
    INFO(name << ":\n" << whole_file(doc.examples[i]));
    try {
      const model::ScenarioSpec spec = io::load_scenario(io::SourceFile{name, whole_file(doc.examples[i]), false});
      model::compile(plan, spec, priors);
    } catch (const model::SpecError& e) {
      std::string all;
      for (const auto& p : e.problems()) all += p.to_string() + "\n";
      FAIL(all);
    }
  }
}

TEST_CASE("docs/scenarios.md documents exactly the keys the loader accepts", "[io][docs]") {
  const Doc doc = read_doc();
  const io::ScenarioVocabulary vocabulary = io::scenario_vocabulary();
  std::map<std::string, std::set<std::string>> expected;
  for (const io::KeySet& t : vocabulary.tables) expected[std::string(t.table)] = as_set(t.keys);
  expected["lever.name"] = as_set(vocabulary.lever_names);
  expected["shock.rule"] = as_set(vocabulary.shock_rules);
  expected["prior.dist"] = as_set(vocabulary.distributions);
  expected["prior.basis"] = as_set(vocabulary.bases);
  for (const auto& [table, keys] : expected) {
    INFO("key table <!-- keys: " << table << " -->");
    REQUIRE(doc.key_tables.count(table) == 1);
    CHECK(doc.key_tables.at(table) == keys);
  }
  // No table documents keys of a table the loader does not have.
  for (const auto& [table, keys] : doc.key_tables) {
    INFO("documented key table " << table);
    CHECK(expected.count(table) == 1);
  }
}

TEST_CASE("docs/scenarios.md shows every key, lever, shock rule and distribution in an example", "[io][docs]") {
  const Doc doc = read_doc();
  const io::ScenarioVocabulary vocabulary = io::scenario_vocabulary();
  for (const io::KeySet& t : vocabulary.tables) {
    for (std::string_view key : t.keys) {
      INFO("table " << t.table << ", key " << key);
      if (t.table == "(top level)" && key != "format") {
        // Tables: [scenario], [[lever]], [prior.roi], …
        bool shown = false;
        for (const std::string& e : doc.examples) {
          shown = shown || e.find("[" + std::string(key) + "]") != std::string::npos ||
                  e.find("[[" + std::string(key) + "]]") != std::string::npos ||
                  e.find("[" + std::string(key) + ".") != std::string::npos;
        }
        CHECK(shown);
      } else {
        CHECK(used_as_key(doc.examples, key));
      }
    }
  }
  for (std::string_view name : vocabulary.lever_names) {
    INFO("lever " << name);
    CHECK(used_as_value(doc.examples, "name", name));
  }
  for (std::string_view rule : vocabulary.shock_rules) {
    INFO("shock rule " << rule);
    CHECK(used_as_value(doc.examples, "rule", rule));
  }
  for (std::string_view dist : vocabulary.distributions) {
    INFO("distribution " << dist);
    CHECK(used_as_value(doc.examples, "dist", dist));
  }
}

TEST_CASE("the loader's published keys are the ones it reads: a documented key is accepted, another is not",
          "[io][docs]") {
  // Each published key of [[lever]], [[shock]] and [[park]] is accepted (the
  // unknown-key check passes), and a made-up one is refused with the list.
  const std::string head = "format = 1\n[scenario]\nid = \"k\"\ntitle = { zh = \"k\", en = \"k\" }\n";
  const auto problems = [&](const std::string& body) {
    return io::validate_file(io::SourceFile{"k.toml", head + body, false});
  };
  CHECK(problems("[[lever]]\nname = \"entry_multiplier\"\nfrom = 2023\nto = 2024\nvalue = 1.1\n").empty());
  CHECK(problems("[[shock]]\nrule = \"counter\"\nindicator = \"scenarios\"\nfrom = 2023\nto = 2024\nvalue = -0.1\n")
            .empty());
  CHECK(problems("[[park]]\nyear = 2023\ncount = 2\ncapacity = 50\n").empty());
  const auto bad = problems("[[park]]\nyear = 2023\nsize = 50\n");
  REQUIRE(bad.size() == 1);
  CHECK(bad.front().key == "park[1].size");
}
