// End-to-end: text from the planner's files — a target's name, quote and
// source, a scenario's title — holding quotes, SQL, HTML and control
// characters goes from TOML through SQLite into the reports unchanged and
// inert. The store's own round trip of every text column is
// tests/io/test_store.cpp's; the escaping functions and a hostile scenario
// title in each format tests/io/test_report.cpp's; the page in a browser
// tests/report/ (case "hostile").
#include <catch2/catch.hpp>

#include <string>

#include "cli.h"
#include "sqlite_query.h"

using targetcast::test::query_int;
using targetcast::test::query_text;
using targetcast::test::read_text;
using targetcast::test::run_cli;
using targetcast::test::TempDir;

namespace {

// Each as TOML writes it (escapes) and as it must come back (decoded).
struct Hostile {
  std::string toml, text;
};

const Hostile kName = {R"(=HYPERLINK(\"x\") '); DROP TABLE targets; -- <img src=x onerror=alert(1)>)",
                       R"(=HYPERLINK("x") '); DROP TABLE targets; -- <img src=x onerror=alert(1)>)"};
const Hostile kQuote = {R"(</script><script>alert(2)</script>\t|pipe|\u0007bell\r\nnext line ${x} %s)",
                        "</script><script>alert(2)</script>\t|pipe|\abell\r\nnext line ${x} %s"};
const Hostile kSource = {R"(../../etc/passwd\" onload=\"alert(3))", R"(../../etc/passwd" onload="alert(3))"};
const Hostile kTitle = {R"(<b>bold</b> & \"quoted\" 'single' -- ; \u0001\u001f)",
                        "<b>bold</b> & \"quoted\" 'single' -- ; \x01\x1f"};

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("hostile text from the input files round-trips through SQLite and the reports unchanged and inert",
          "[app][e2e][hostile]") {
  TempDir dir;
  const auto source = targetcast::test::source_dir();
  std::string plan = read_text(source / "seeds" / "guangdong-ai-2025.toml");
  plan = replace_once(plan, "en = \"10+ globally leading landmark results or breakthroughs\"", "en = \"" + kName.toml + "\"");
  plan = replace_once(plan, "source = \"002_b10e5fe339225739.txt\"\nquote = \"到2025年,在基础理论",
                      "source = \"" + kSource.toml + "\"\nquote = \"" + kQuote.toml + "到2025年,在基础理论");
  dir.write("priors.toml", read_text(source / "seeds" / "priors.toml"));
  dir.write("plan.toml", plan);
  std::string scenario = read_text(source / "scenarios" / "funding-plus-50.toml");
  scenario = replace_once(scenario, "baseline = \"guangdong-ai-2025\"", "baseline = \"plan.toml\"");
  const auto title_at = scenario.find("title = {");
  REQUIRE(title_at != std::string::npos);
  scenario.replace(title_at, scenario.find('\n', title_at) - title_at,
                   "title = { zh = \"" + kTitle.toml + "\", en = \"" + kTitle.toml + "\" }");
  dir.write("hostile.toml", scenario);

  const auto sim = run_cli("simulate --runs 30 --threads 2 --baseline plan.toml --scenario hostile.toml --report r.html",
                           dir.path());
  INFO(sim.err);
  REQUIRE(sim.exit_code == 0);
  REQUIRE(run_cli("report --format md --out r.md", dir.path()).exit_code == 0);
  REQUIRE(run_cli("report --format csv --out r.csv", dir.path()).exit_code == 0);

  // SQLite: exactly the decoded text, and every table still there.
  const auto db = dir / "results.sqlite";
  const std::string target = " FROM targets WHERE target_id = 'gd-2025-landmark-results'";
  CHECK(query_text(db, "SELECT name_en" + target) == kName.text);
  CHECK(query_text(db, "SELECT source" + target) == kSource.text);
  CHECK(query_text(db, "SELECT quote" + target).rfind(kQuote.text, 0) == 0);
  CHECK(query_text(db, "SELECT title_en FROM scenarios") == kTitle.text);
  CHECK(query_int(db, "SELECT count(*) FROM targets") == 10);
  CHECK(query_int(db, "SELECT count(*) FROM experiments WHERE status = 'complete'") == 1);

  // HTML: none of the markup survives as markup; the texts are there escaped.
  const std::string html = read_text(dir / "r.html");
  for (const std::string raw : {"<img src=x", "<script>alert(2)", "<b>bold</b>", "\" onload=\""}) {
    INFO(raw);
    CHECK(html.find(raw) == std::string::npos);
  }
  // Control characters stay what they are: plain text (a browser shows
  // nothing for them; the page's JSON data escapes them, tests/io/test_report.cpp).
  CHECK(html.find("&#39;single&#39; -- ; \x01\x1f") != std::string::npos);
  std::size_t scripts = 0;
  for (auto at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) ++scripts;
  CHECK(scripts == 3);  // ECharts, the report's script, its data — as without hostile text

  // Markdown: every '<' of the texts is backslash-escaped (literal, never an
  // HTML tag), so is every '|' (never a new table cell); a line break inside
  // a text does not end the table row.
  const std::string md = read_text(dir / "r.md");
  for (std::size_t at = md.find('<'); at != std::string::npos; at = md.find('<', at + 1)) {
    INFO(md.substr(at > 40 ? at - 40 : 0, 80));
    CHECK((at > 0 && md[at - 1] == '\\'));
  }
  CHECK(md.find("\\<img src=x onerror=alert(1)\\>") != std::string::npos);
  CHECK(md.find("\\|pipe\\|") != std::string::npos);
  CHECK(md.find("bell\r\nnext line") == std::string::npos);

  // CSV: the formula-looking name is defused with a leading quote.
  const std::string csv = read_text(dir / "r.csv");
  CHECK(csv.find("'=HYPERLINK") != std::string::npos);
  CHECK(csv.find(",=HYPERLINK") == std::string::npos);
  CHECK(csv.find(",\"=HYPERLINK") == std::string::npos);

  // The target listing prints the texts as they are.
  const auto listed = run_cli("targets --baseline plan.toml", dir.path());
  CHECK(listed.exit_code == 0);
  CHECK(listed.out.find(kName.text) != std::string::npos);
}
