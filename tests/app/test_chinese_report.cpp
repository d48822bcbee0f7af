// Issue 16, item 8: the Chinese report is Chinese throughout. The default job
// (the Guangdong plan, two scenarios, with a sensitivity analysis so that the
// driver tables and tornadoes are there) is reported in Chinese as HTML and
// Markdown, and every Latin-letter word a planner can read is looked for: only
// units and abbreviations a Chinese planner writes too (AI, 5G), names of
// methods and of the program, hashes, file paths, and the ids the planner gave
// may remain. A code name (rho_b), an English note or a distribution in
// English (LogNormal) fails, naming the word and where it stands.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "cli.h"

using targetcast::test::read_text;
using targetcast::test::run_cli;
using targetcast::test::TempDir;

namespace {

// Removes every `open`…`close` span (scripts, styles).
std::string without(std::string text, const std::string& open, const std::string& close) {
  for (std::size_t at = text.find(open); at != std::string::npos; at = text.find(open, at)) {
    const std::size_t end = text.find(close, at);
    text.erase(at, end == std::string::npos ? std::string::npos : end + close.size() - at);
  }
  return text;
}

// The text of an HTML page a reader sees: no scripts, styles or tags, one
// line per text node, entities decoded.
std::string visible_text(const std::string& html) {
  std::string text = without(without(html, "<script", "</script>"), "<style", "</style>");
  text = std::regex_replace(text, std::regex("<[^>]*>"), "\n");
  for (const auto& [entity, plain] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}}) {
    for (std::size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + plain.size())) {
      text.replace(at, entity.size(), plain);
    }
  }
  return text;
}

bool allowed(const std::string& word) {
  static const std::set<std::string> kWords = {
      "AI",     "5G",    "GDP",     "UTC",     "Sobol",      "ST", "S", "Clopper-Pearson", "SHA-256",
      "Apache", "ECharts", "License", "targetcast"};
  if (kWords.count(word) > 0) return true;
  if (std::regex_match(word, std::regex("[0-9a-f]{16,}"))) return true;  // a file's SHA-256
  // A path or an address the reader opens (but not the model's own documentation).
  if (word.find('/') != std::string::npos) return word.rfind("docs/", 0) != 0;
  return std::regex_search(word, std::regex(R"(\.(toml|sqlite|html|md|csv|xlsx|txt)$)"));
}

// Every Latin-letter word of `text` that is not allowed, with its line.
std::vector<std::string> foreign_words(const std::string& text) {
  // The command lines of the reproduction section are commands, not prose.
  const std::regex command(R"([^\n]*targetcast (simulate|report|sensitivity) [^\n]*)");
  // The plan's and scenarios' ids, as the planner wrote them, beside their titles.
  const std::regex ids(R"(\((guangdong-ai-2025|baseline|funding-plus-50)\))");
  const std::regex timestamp(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
  std::string prose = std::regex_replace(text, command, "");
  prose = std::regex_replace(prose, ids, "");
  prose = std::regex_replace(prose, timestamp, "");
  std::vector<std::string> out;
  std::size_t line_start = 0;
  const std::regex word(R"([A-Za-z0-9_][A-Za-z0-9_.\-/]*)");
  for (auto it = std::sregex_iterator(prose.begin(), prose.end(), word); it != std::sregex_iterator(); ++it) {
    std::string w = it->str();
    while (!w.empty() && (w.back() == '.' || w.back() == '-')) w.pop_back();
    if (std::none_of(w.begin(), w.end(), [](unsigned char c) { return std::isalpha(c) != 0; }) || allowed(w)) {
      continue;
    }
    const auto at = static_cast<std::size_t>(it->position());
    line_start = prose.rfind('\n', at);
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    out.push_back(w + "  in: " + prose.substr(line_start, std::min<std::size_t>(160, prose.find('\n', at) - line_start)));
  }
  return out;
}

}  // namespace

TEST_CASE("the Chinese report of the default job is Chinese throughout", "[app][e2e][report][names]") {
  TempDir dir;
  const std::string scenarios = (targetcast::test::source_dir() / "scenarios").string();
  auto r = run_cli("sensitivity --threads 2 --samples 8 --bootstrap 20 --tornado-runs 4 --scenario '" + scenarios +
                       "/baseline.toml' --target gd-2025-leading-firms",
                   dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  r = run_cli("simulate --runs 60 --threads 2 --no-per-run --scenario '" + scenarios + "/baseline.toml' --scenario '" +
                  scenarios + "/funding-plus-50.toml' --lang zh --report zh.html",
              dir.path());
  REQUIRE(r.exit_code == 0);
  r = run_cli("report --lang zh --format md --out zh.md", dir.path());
  REQUIRE(r.exit_code == 0);

  const std::string html = read_text(dir / "zh.html");
  REQUIRE(html.find("主要驱动因素") != std::string::npos);  // the driver tables are there to be read
  for (const auto& [name, text] : {std::pair<std::string, std::string>{"zh.html", visible_text(html)},
                                   std::pair<std::string, std::string>{"zh.md", read_text(dir / "zh.md")}}) {
    INFO(name);
    const std::vector<std::string> words = foreign_words(text);
    std::string list;
    for (const std::string& w : words) list += w + "\n";
    INFO(list);
    CHECK(words.empty());
  }
  // The scanner itself finds a code name, an English sentence and a distribution in English.
  CHECK(foreign_words("参数 rho_b 的先验").size() == 1);
  CHECK(foreign_words("⚠ 假设: Counts results achieved under the plan.").size() == 6);
  CHECK(foreign_words("对数正态分布 LogNormal(700, 0.4)").size() == 1);
  CHECK(foreign_words("见 docs/model.md 第5.4节").size() == 1);
  CHECK(foreign_words("“5G+AI”提案 SHA-256 2026-11-27T14:00:34Z").empty());
}
