// Issue 16, item 8, through the `targetcast` binary: a planner's own plan
// declares the document it cites ([[document]]) and both reports name it by its
// title and issuing body, never by its file name; half a title is an error
// naming the file and the key; a cited document without a [[document]], and a
// [[document]] nothing cites, are warned about.
#include <catch2/catch.hpp>
#include <string>

#include "cli.h"

using targetcast::test::read_text;
using targetcast::test::run_cli;
using targetcast::test::TempDir;

namespace {

constexpr const char* kDocument = R"(
[[document]]
file = "my-plan.txt"
title = { zh = "小省人工智能产业发展行动方案", en = "Smallland AI industry action plan" }
issuer = { zh = "小省人民政府", en = "Smallland Provincial Government" }
)";

// A small region whose firm figure and target cite the planner's own document.
std::string plan_with(const std::string& documents) {
  return R"(format = 1
[region]
id = "smallland"
name = { zh = "小省", en = "Smallland" }

[plan]
id = "small-ai"
title = { zh = "小省人工智能计划", en = "Smallland AI plan" }
source = "my-plan.txt"
base_year = 2021
horizon = 2026
)" + documents + R"(
[baseline.firms]
value = 900
bound = "exact"
basis = "document"
source = "my-plan.txt"
quote = "人工智能企业900家"

[baseline.parks]
value = 2
bound = "exact"
basis = "assumption"
note = "Two parks."

[[funding_history]]
id = "fund"
name = { zh = "专项资金", en = "special fund" }
first_year = 2019
last_year = 2021
projects = 30
provincial_yi = 3
social_yi = 6
baseline = true
basis = "assumption"
note = "Test funding."

[[indicator]]
id = "firms"
name = { zh = "企业", en = "firms" }
kind = "firm_count"

[[target]]
id = "small-firms"
indicator = "firms"
comparison = ">="
threshold = 1000
deadline = 2025
name = { zh = "企业1000家", en = "1000 firms" }
basis = "document"
source = "my-plan.txt"
quote = "到2025年人工智能企业1000家"
)";
}

}  // namespace

TEST_CASE("a planner's own document shows by its title and issuer in both reports", "[app][issue16][documents]") {
  TempDir dir;
  dir.write("my-plan.txt", "全省人工智能企业900家。到2025年人工智能企业1000家。");
  dir.write("plan.toml", plan_with(kDocument));
  auto r = run_cli("validate plan.toml", dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("my-plan.txt") == std::string::npos);
  r = run_cli("simulate --runs 8 --no-per-run --baseline plan.toml --lang zh --report zh.html", dir.path());
  REQUIRE(r.exit_code == 0);
  r = run_cli("report --lang en --format md --out en.md", dir.path());
  REQUIRE(r.exit_code == 0);
  r = run_cli("report --lang zh --format md --out zh.md", dir.path());
  REQUIRE(r.exit_code == 0);
  r = run_cli("report --lang en --format csv --out en.csv", dir.path());
  REQUIRE(r.exit_code == 0);
  const std::string zh_html = read_text(dir / "zh.html");
  const std::string zh_md = read_text(dir / "zh.md");
  const std::string en_md = read_text(dir / "en.md");
  const std::string en_csv = read_text(dir / "en.csv");
  for (const std::string* zh : {&zh_html, &zh_md}) {
    CHECK(zh->find("小省人民政府《小省人工智能产业发展行动方案》") != std::string::npos);
  }
  CHECK(en_md.find("Smallland AI industry action plan, Smallland Provincial Government") != std::string::npos);
  CHECK(en_csv.find("Smallland AI industry action plan, Smallland Provincial Government") != std::string::npos);
  // The file name is no longer what a reader sees beside a quote.
  CHECK(zh_md.find("(my-plan.txt)") == std::string::npos);
  CHECK(en_md.find("(my-plan.txt)") == std::string::npos);
}

TEST_CASE("a [[document]] needs its title and issuer in both languages", "[app][issue16][documents]") {
  TempDir dir;
  std::string half = kDocument;
  half.replace(half.find(R"(, en = "Smallland AI industry action plan")"),
               std::string(R"(, en = "Smallland AI industry action plan")").size(), "");
  half.replace(half.find("issuer"), 6, "isuer");
  dir.write("plan.toml", plan_with(half));
  const auto r = run_cli("validate plan.toml", dir.path());
  INFO(r.err);
  CHECK(r.exit_code != 0);
  // Every problem at once, each with the file and its line.
  CHECK(r.err.find("plan.toml:15: document[1].title.en") != std::string::npos);
  CHECK(r.err.find("did you mean 'issuer'?") != std::string::npos);
}

TEST_CASE("a document cited without a [[document]], or declared and never cited, is warned about",
          "[app][issue16][documents]") {
  TempDir dir;
  dir.write("my-plan.txt", "全省人工智能企业900家。到2025年人工智能企业1000家。");
  dir.write("plan.toml", plan_with(""));
  auto r = run_cli("validate plan.toml", dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  const std::string warning = "the document 'my-plan.txt' is cited but has no [[document]] with its title and issuing "
                              "body; reports will show its file name";
  const std::size_t first = r.err.find(warning);
  CHECK(first != std::string::npos);
  CHECK(r.err.find(warning, first + 1) == std::string::npos);  // one warning, however often it is cited
  CHECK(r.err.find("warning: plan.toml:43: target.small-firms.source: " + warning) != std::string::npos);

  std::string extra = kDocument;
  extra += "\n[[document]]\nfile = \"other.txt\"\ntitle = { zh = \"另一份文件\", en = \"another document\" }\n"
           "issuer = { zh = \"某厅\", en = \"a department\" }\n";
  dir.write("plan.toml", plan_with(extra));
  r = run_cli("validate plan.toml", dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("plan.toml:18: document[2].file: the document 'other.txt' is declared but nothing in this file "
                   "cites it") != std::string::npos);
  CHECK(r.err.find("'my-plan.txt'") == std::string::npos);
}
