// Loading and validation of seed, prior and scenario files (docs/seed-format.md).
//
// Two halves: every shipped file loads without a problem, and a table of broken
// inputs, each pinned to the exact key, line and wording a planner will see.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "io/embedded_files.h"
#include "io/plan_catalog.h"
#include "io/source_file.h"
#include "io/toml_loader.h"
#include "model/spec_error.h"

namespace {

namespace fs = std::filesystem;
using targetcast::io::SourceFile;
using targetcast::model::Problem;

const fs::path kRoot = TARGETCAST_SOURCE_DIR;

std::vector<fs::path> toml_files(const fs::path& folder) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string dump(const std::vector<Problem>& problems) {
  std::string out;
  for (const Problem& p : problems) out += p.to_string() + "\n";
  return out.empty() ? "(no problems)" : out;
}

// 1-based line of the first occurrence of `fragment` in `text`.
int line_containing(const std::string& text, std::string_view fragment) {
  const std::size_t at = text.find(fragment);
  REQUIRE(at != std::string::npos);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

std::string replace_once(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  REQUIRE(text.find(from, at + 1) == std::string::npos);  // the mutation is unambiguous
  text.replace(at, from.size(), to);
  return text;
}

bool has_problem(const std::vector<Problem>& problems, std::string_view key, int line, std::string_view fragment) {
  return std::any_of(problems.begin(), problems.end(), [&](const Problem& p) {
    return p.key == key && p.line == line && p.message.find(fragment) != std::string::npos;
  });
}

// A small valid plan. Values are unique so that each mutation hits one line.
const std::string kPlan = R"(format = 1

[region]
id = "testland"
name = { zh = "测试省", en = "Testland" }

[plan]
id = "test-plan"
title = { zh = "测试计划", en = "Test plan" }
source = "002_b10e5fe339225739.txt"
base_year = 2021
horizon = 2030

[baseline.firms]
value = 1500
bound = "floor"
basis = "document"
source = "002_b10e5fe339225739.txt"
quote = "拥有人工智能企业超1500家"

[baseline.parks]
value = 11
bound = "exact"
basis = "assumption"
note = "Test parks."

[[funding_history]]
id = "ai-special"
name = { zh = "人工智能专项", en = "AI special" }
first_year = 2018
last_year = 2020
projects = 53
provincial_yi = 5.4
social_yi = 14.0
baseline = true
basis = "document"
source = "000_6775d99e6e85b5bb.txt"
quote = "省财政累计投入5.4亿元"

[[funding_history]]
id = "5g-special"
name = { zh = "5G专项", en = "5G special" }
first_year = 2019
last_year = 2020
provincial_yi = 6.76
basis = "published"
source = "Test citation"

[[figure]]
id = "platforms"
name = { zh = "开放创新平台", en = "open platforms" }
value = 7
year = 2021
unit = { zh = "家", en = "platforms" }
basis = "document"
source = "002_b10e5fe339225739.txt"
quote = "7家国家新一代人工智能开放创新平台"

[[indicator]]
id = "firms"
name = { zh = "企业", en = "firms" }
unit = { zh = "家", en = "firms" }
kind = "firm_count"

[[indicator]]
id = "core"
name = { zh = "核心产业", en = "core industry" }
kind = "revenue_sum"

[[indicator]]
id = "related"
name = { zh = "相关产业", en = "related industry" }
kind = "multiple"
of = "core"
parameter = "m_rel"

[[indicator]]
id = "alliances"
name = { zh = "联盟", en = "alliances" }
kind = "counter"
baseline = 0
rate_parameter = "rho_a"
scale = "funding"
elasticity_parameter = "eps_a"
basis = "assumption"
note = "Counted from 2022."

[[indicator]]
id = "all"
name = { zh = "合计", en = "all" }
kind = "sum"
of = ["firms", "alliances"]

[[target]]
id = "t-firms"
indicator = "firms"
comparison = ">="
threshold = 2000
deadline = 2025
name = { zh = "企业2000家", en = "2000 firms" }
basis = "illustrative"
note = "Test target."

[[target]]
id = "t-related"
indicator = "related"
comparison = ">"
threshold = 10000
deadline = 2026
name = { zh = "相关产业超万亿", en = "related industry above 1 trillion" }
basis = "document"
source = "002_b10e5fe339225739.txt"
quote = "带动相关产业规模超万亿元"

[[target]]
id = "t-core"
indicator = "core"
comparison = ">"
threshold = 1500
deadline = 2027
name = { zh = "核心产业突破1500亿元", en = "core industry above 1500" }
basis = "document"
source = "002_b10e5fe339225739.txt"
quote = "核心产业规模突破1500亿元"

[prior.c0]
dist = "lognormal"
median = 700
sigma = 0.2
basis = "assumption"
note = "Test prior."

[prior.eps_a]
dist = "uniform"
min = 0.1
max = 0.5
basis = "assumption"
note = "Test prior."
)";

const std::string kScenario = R"(format = 1

[scenario]
id = "test"
title = { zh = "测试", en = "Test" }
baseline = "../seeds/guangdong-ai-2025.toml"
horizon = 2030

[[lever]]
name = "funding_multiplier"
from = 2023
to = 2025
value = 1.5

[[lever]]
name = "funding_yi"
from = 2026
value = 3.0

[[shock]]
rule = "counter"
indicator = "alliances"
from = 2023
value = -0.3

[[park]]
year = 2024
count = 2
capacity = 60

[prior.roi]
dist = "fixed"
value = 1.0
basis = "assumption"
note = "What-if."
)";

const std::string kPriors = R"(format = 1

[prior.mu_g]
dist = "normal"
mean = 0.1
sd = 0.04
lower = 0
basis = "assumption"
note = "Test."

[prior.nu_t]
dist = "fixed"
value = inf
basis = "assumption"
note = "Normal firm shocks."

[prior.p_scn]
dist = "beta"
alpha = 3
beta = 7
basis = "assumption"
note = "Test."
)";

SourceFile file(std::string path, std::string content) {
  return SourceFile{std::move(path), std::move(content), false};
}

}  // namespace

TEST_CASE("every shipped seed, prior and scenario file loads without a problem", "[io][toml]") {
  const auto seeds = toml_files(kRoot / "seeds");
  const auto scenarios = toml_files(kRoot / "scenarios");
  REQUIRE(std::count(seeds.begin(), seeds.end(), kRoot / "seeds" / "priors.toml") == 1);
  REQUIRE(seeds.size() >= 2);
  REQUIRE(!scenarios.empty());

  for (const fs::path& path : seeds) {
    DYNAMIC_SECTION(path.filename().string()) {
      const SourceFile source = targetcast::io::read_source(path.string());
      const auto problems = targetcast::io::validate_file(source);
      INFO(dump(problems));
      CHECK(problems.empty());
      if (path.filename() == "priors.toml") {
        CHECK(targetcast::io::detect_kind(source) == targetcast::io::FileKind::priors);
        const auto space = targetcast::io::load_priors(source);
        CHECK(space.size() > 0);
      } else {
        CHECK(targetcast::io::detect_kind(source) == targetcast::io::FileKind::plan);
        const auto plan = targetcast::io::load_plan(source);
        CHECK(!plan.id.empty());
        CHECK(!plan.indicators.empty());
        for (const auto& target : plan.targets) {
          CHECK(plan.find_indicator(target.indicator) != nullptr);
          CHECK(target.deadline > plan.base_year);
          CHECK(target.deadline <= plan.horizon);
        }
      }
    }
  }
  for (const fs::path& path : scenarios) {
    DYNAMIC_SECTION(path.filename().string()) {
      const SourceFile source = targetcast::io::read_source(path.string());
      const auto problems = targetcast::io::validate_file(source);
      INFO(dump(problems));
      CHECK(problems.empty());
      const auto scenario = targetcast::io::load_scenario(source);
      // Shipped scenarios name their plan by id, so that a copy elsewhere still finds it.
      CHECK(scenario.baseline_path.empty());
      CHECK(!scenario.baseline_plan.empty());
      const auto found = targetcast::io::find_plan(scenario.baseline_plan, source);
      REQUIRE(found.path);
      // The plan it names is the shipped file beside scenarios/, and loads.
      CHECK(fs::path(*found.path).filename() == fs::path(scenario.baseline_plan + ".toml").filename());
      const auto plan = targetcast::io::load_plan(targetcast::io::read_source(*found.path));
      CHECK(plan.id == scenario.baseline_plan);
      CHECK(!plan.targets.empty());
    }
  }
}

TEST_CASE("the embedded copies of the shipped files are valid and match the disk", "[io][toml]") {
  const auto embedded = targetcast::io::embedded_files();
  REQUIRE(!embedded.empty());
  for (const auto& e : embedded) {
    if (!e.path.ends_with(".toml")) continue;  // observation CSVs: tests/io/test_observations_csv.cpp
    DYNAMIC_SECTION(std::string(e.path)) {
      const SourceFile source = targetcast::io::read_source("embedded:" + std::string(e.path));
      CHECK(source.embedded);
      CHECK(source.content == e.content);
      INFO(dump(targetcast::io::validate_file(source)));
      CHECK(targetcast::io::validate_file(source).empty());
    }
  }
}

TEST_CASE("the Guangdong plan and baseline scenario read as documented", "[io][toml]") {
  const auto scenario = targetcast::io::load_scenario(targetcast::io::read_source("embedded:scenarios/baseline.toml"));
  CHECK(scenario.id == "baseline");
  CHECK(scenario.baseline_plan == "guangdong-ai-2025");
  // A built-in scenario finds its plan among the built-in ones, whatever the working folder holds.
  const auto found =
      targetcast::io::find_plan(scenario.baseline_plan, targetcast::io::read_source("embedded:scenarios/baseline.toml"));
  REQUIRE(found.path);
  CHECK(*found.path == "embedded:seeds/guangdong-ai-2025.toml");
  const auto plan = targetcast::io::load_plan(targetcast::io::read_source(*found.path));
  CHECK(plan.source_path == "embedded:seeds/guangdong-ai-2025.toml");
  CHECK(plan.base_year == 2021);
  CHECK(plan.firms.value == 1500);
  CHECK(plan.firms.bound == targetcast::model::Bound::floor);
  // 5.4亿 provincial money over 2018-2020 (docs/seed-format.md).
  CHECK(plan.baseline_funding_yi_per_year() == Approx(1.8));
}

TEST_CASE("a valid plan is read into a PlanSpec", "[io][toml]") {
  const auto plan = targetcast::io::load_plan(file("seeds/test.toml", kPlan));
  CHECK(plan.region_id == "testland");
  CHECK(plan.region_name.zh == "测试省");
  CHECK(plan.id == "test-plan");
  CHECK(plan.base_year == 2021);
  CHECK(plan.horizon == 2030);
  CHECK(plan.firms.bound == targetcast::model::Bound::floor);
  CHECK(plan.parks.value == 11);
  CHECK(plan.firms.provenance.basis == targetcast::model::Basis::document);
  REQUIRE(plan.funding_history.size() == 2);
  CHECK(plan.funding_history[1].projects == 0);
  CHECK(plan.baseline_funding_yi_per_year() == Approx(1.8));
  REQUIRE(plan.indicators.size() == 5);
  CHECK(plan.indicators[2].kind == targetcast::model::IndicatorKind::multiple);
  CHECK(plan.indicators[2].of == std::vector<std::string>{"core"});
  CHECK(plan.indicators[3].scale == targetcast::model::CounterScale::funding);
  CHECK(plan.indicators[3].elasticity_parameter == "eps_a");
  CHECK(plan.indicators[4].of == std::vector<std::string>{"firms", "alliances"});
  CHECK(plan.indicators[0].line == line_containing(kPlan, "id = \"firms\"") - 1);
  REQUIRE(plan.targets.size() == 3);
  CHECK(plan.targets[1].comparison == targetcast::model::Comparison::greater);
  CHECK(plan.find_target("t-core")->deadline == 2027);
  CHECK(plan.find_target("nope") == nullptr);
  REQUIRE(plan.priors.size() == 2);
  CHECK(plan.priors[0].name == "c0");  // file order, not alphabetical
  CHECK(plan.priors[0].origin == "seeds/test.toml");
  CHECK(plan.priors[0].line == line_containing(kPlan, "[prior.c0]"));
  CHECK(plan.priors[0].distribution.kind == targetcast::model::DistributionKind::lognormal);
}

TEST_CASE("a valid scenario and a valid priors file are read", "[io][toml]") {
  const auto scenario = targetcast::io::load_scenario(file("scenarios/test.toml", kScenario));
  CHECK(scenario.baseline_path == fs::path("seeds/guangdong-ai-2025.toml").string());
  CHECK(scenario.horizon == 2030);
  REQUIRE(scenario.levers.size() == 2);
  CHECK(scenario.levers[0].kind == targetcast::model::LeverKind::funding_multiplier);
  CHECK(scenario.levers[0].to == 2025);
  CHECK(scenario.levers[1].to == 0);  // to the horizon
  REQUIRE(scenario.shocks.size() == 1);
  CHECK(scenario.shocks[0].rule == targetcast::model::ShockRule::counter);
  CHECK(scenario.shocks[0].indicator == "alliances");
  REQUIRE(scenario.parks.size() == 1);
  CHECK(scenario.parks[0].count == 2);
  CHECK(scenario.parks[0].capacity == 60.0);
  REQUIRE(scenario.priors.size() == 1);
  CHECK(scenario.priors[0].distribution.a == 1.0);

  const auto space = targetcast::io::load_priors(file("seeds/priors.toml", kPriors));
  REQUIRE(space.size() == 3);
  // Canonical order: engine parameters by enum order (p_scn before mu_g before nu_t).
  CHECK(space[0].name == "p_scn");
  CHECK(space[1].name == "mu_g");
  CHECK(space[1].distribution.lower == 0.0);
  CHECK(space[2].name == "nu_t");
  CHECK(std::isinf(space[2].distribution.a));
}

TEST_CASE("broken inputs are reported with file, line, key and what was expected", "[io][toml]") {
  struct Case {
    std::string name;
    std::string path;
    std::string text;
    std::string key;
    int line;
    std::string fragment;
  };
  auto plan_case = [](std::string name, std::string_view from, std::string_view to, std::string key,
                      std::string_view line_of, std::string fragment) {
    std::string text = replace_once(kPlan, from, to);
    const int line = line_containing(text, line_of);
    return Case{std::move(name), "seeds/test.toml", std::move(text), std::move(key), line, std::move(fragment)};
  };
  auto scenario_case = [](std::string name, std::string_view from, std::string_view to, std::string key,
                          std::string_view line_of, std::string fragment) {
    std::string text = replace_once(kScenario, from, to);
    const int line = line_containing(text, line_of);
    return Case{std::move(name), "scenarios/test.toml", std::move(text), std::move(key), line, std::move(fragment)};
  };
  auto priors_case = [](std::string name, std::string_view from, std::string_view to, std::string key,
                        std::string_view line_of, std::string fragment) {
    std::string text = replace_once(kPriors, from, to);
    const int line = line_containing(text, line_of);
    return Case{std::move(name), "seeds/priors.toml", std::move(text), std::move(key), line, std::move(fragment)};
  };

  const std::vector<Case> cases = {
      plan_case("malformed TOML", "threshold = 1500", "threshold = = 1500", "", "threshold = = 1500",
                "malformed TOML at column 13"),
      plan_case("unknown key with a suggestion", "threshold = 2000", "treshold = 2000", "target[1].treshold",
                "treshold", "unknown key 'treshold'; did you mean 'threshold'?"),
      plan_case("unknown table with a suggestion", "[[target]]\nid = \"t-core\"", "[[targets]]\nid = \"t-core\"",
                "targets", "[[targets]]", "unknown table 'targets'; did you mean 'target'?"),
      plan_case("unknown key in an inline table", R"(name = { zh = "测试省", en = "Testland" })",
                R"(name = { zh = "测试省", en = "Testland", fr = "Testland" })", "region.name.fr",
                "fr = ", "unknown key 'fr'"),
      plan_case("text where a year is expected", "base_year = 2021", "base_year = \"2021\"", "plan.base_year",
                "base_year", "expected a year (a whole number from 1900 to 2200), got the text \"2021\""),
      plan_case("float where a year is expected", "deadline = 2025", "deadline = 2025.0", "target[1].deadline",
                "deadline = 2025.0", "got 2025.0"),
      plan_case("float where a count is expected", "projects = 53", "projects = 53.5", "funding_history[1].projects",
                "projects = 53.5", "expected a count of projects (a whole number ≥ 0), got 53.5"),
      plan_case("missing required key", "comparison = \">\"\nthreshold = 10000", "threshold = 10000",
                "target[2].comparison", "[[target]]\nid = \"t-related\"", "missing required key 'comparison'"),
      plan_case("missing required table", "[plan]\n", "[plan_]\n", "plan", "format = 1",
                "missing required table [plan]"),
      plan_case("negative funding", "provincial_yi = 5.4", "provincial_yi = -5", "funding_history[1].provincial_yi",
                "provincial_yi = -5", "expected a finite number ≥ 0 (亿元), got -5"),
      plan_case("funding years reversed", "first_year = 2019", "first_year = 2021", "funding_history[2].last_year",
                "last_year = 2020\nprovincial_yi = 6.76", "expected a year ≥ first_year (2021), got 2020"),
      plan_case("deadline before the base year", "deadline = 2027", "deadline = 2020", "target[3].deadline",
                "deadline = 2020",
                "a year after base_year 2021 and up to horizon 2030 (a whole number from 2022 "
                "to 2030), got 2020"),
      plan_case("horizon before the base year", "horizon = 2030", "horizon = 2020", "plan.horizon", "horizon = 2020",
                "expected a year ≥ base_year (2021), got 2020"),
      plan_case("target naming an unknown indicator", "indicator = \"firms\"", "indicator = \"firm\"",
                "target[1].indicator", "indicator = \"firm\"", "unknown indicator 'firm'; did you mean 'firms'?"),
      plan_case("duplicate target id", "id = \"t-related\"", "id = \"t-firms\"", "target[2].id",
                "id = \"t-firms\"\nindicator = \"related\"", "duplicate target id 't-firms' (already used on line"),
      plan_case("duplicate indicator id", "id = \"all\"", "id = \"core\"", "indicator[5].id",
                "id = \"core\"\nname = { zh = \"合计\"", "duplicate indicator id 'core'"),
      plan_case("basis document without quote", "quote = \"拥有人工智能企业超1500家\"\n", "", "baseline.firms.quote",
                "[baseline.firms]", "missing required key 'quote'"),
      plan_case("basis assumption without note", "note = \"Test parks.\"\n", "", "baseline.parks.note",
                "[baseline.parks]", "basis = \"assumption\" needs note = a one-line reason"),
      plan_case("unknown basis", "basis = \"illustrative\"", "basis = \"ilustrative\"", "target[1].basis",
                "basis = \"ilustrative\"",
                "expected one of document, published, assumption, illustrative; got "
                "'ilustrative'; did you mean 'illustrative'?"),
      plan_case("comparison typed backwards", "comparison = \">=\"", "comparison = \"=>\"", "target[1].comparison",
                "comparison = \"=>\"", "expected one of >=, >; got '=>'; did you mean '>='?"),
      plan_case("id with capitals", "id = \"ai-special\"", "id = \"AI Special\"", "funding_history[1].id",
                "id = \"AI Special\"", "of lowercase letters, digits, '-' and '_'"),
      plan_case("kind-irrelevant key", "kind = \"revenue_sum\"",
                "kind = \"revenue_sum\"\nthreshold_parameter = \"tau_lead\"", "indicator[2].threshold_parameter",
                "threshold_parameter", "'threshold_parameter' does not apply to kind = \"revenue_sum\""),
      plan_case("elasticity without funding scale", "scale = \"funding\"", "scale = \"firms\"",
                "indicator[4].elasticity_parameter", "elasticity_parameter", "applies only with scale = \"funding\""),
      plan_case("funding scale without a baseline funding path", "baseline = true", "baseline = false",
                "indicator[4].scale", "scale = \"funding\"", "scale = \"funding\" needs a baseline funding path"),
      plan_case("of naming a later indicator", "of = \"core\"", "of = \"alliances\"", "indicator[3].of",
                "of = \"alliances\"", "indicator 'alliances' is declared later (line"),
      plan_case("of list naming an unknown indicator", R"(of = ["firms", "alliances"])",
                R"(of = ["firms", "aliances"])", "indicator[5].of[2]", "aliances",
                "unknown indicator 'aliances'; did you mean 'alliances'?"),
      plan_case("counter without baseline", "baseline = 0\n", "", "indicator[4].baseline",
                "[[indicator]]\nid = \"alliances\"", "missing required key 'baseline'"),
      plan_case("format 2", "format = 1", "format = 2", "format", "format = 2",
                "expected 1 (the only format this program reads), got 2"),
      plan_case("bad distribution in a region prior: sd ≤ 0", "median = 700\nsigma = 0.2", "median = 700\nsigma = 0",
                "prior.c0.sigma", "sigma = 0", "sigma must be a finite number > 0, got 0"),
      plan_case("bad distribution: min > max", "min = 0.1\nmax = 0.5", "min = 0.6\nmax = 0.5", "prior.eps_a.min",
                "min = 0.6", "min must be < max, got min = 0.6 and max = 0.5"),
      plan_case("distribution key of another dist", "min = 0.1\nmax = 0.5", "min = 0.1\nmax = 0.5\nsd = 1",
                "prior.eps_a.sd", "sd = 1", "'sd' does not apply to dist = \"uniform\" (it takes min and max)"),
      plan_case("unknown dist", "dist = \"uniform\"", "dist = \"unifrom\"", "prior.eps_a.dist", "dist = \"unifrom\"",
                "did you mean 'uniform'?"),
      priors_case("normal sd negative", "sd = 0.04", "sd = -1", "prior.mu_g.sd", "sd = -1",
                  "sd must be a finite number > 0, got -1"),
      priors_case("truncation that leaves no probability", "lower = 0", "lower = 5", "prior.mu_g.lower", "lower = 5",
                  "leave almost no probability"),
      priors_case("truncation of a beta", "beta = 7", "beta = 7\nupper = 0.5", "prior.p_scn.upper", "upper = 0.5",
                  "applies only to normal, lognormal and gamma"),
      priors_case("inf where a finite number is expected", "mean = 0.1", "mean = inf", "prior.mu_g.mean", "mean = inf",
                  "expected a finite number, got inf"),
      priors_case("prior that is not a table",
                  "[prior.p_scn]\ndist = \"beta\"\nalpha = 3\nbeta = 7\nbasis = \"assumption\"\nnote = \"Test.\"\n",
                  "[prior]\np_scn = 0.3\n", "prior.p_scn", "p_scn = 0.3",
                  "expected a table [prior.p_scn] with dist = … and its keys, got 0.3"),
      scenario_case("unknown lever", "name = \"funding_multiplier\"", "name = \"fundng_multiplier\"", "lever[1].name",
                    "fundng_multiplier", "got 'fundng_multiplier'; did you mean 'funding_multiplier'?"),
      scenario_case("multiplier ≤ 0", "value = 1.5", "value = 0", "lever[1].value", "value = 0",
                    "expected a finite number > 0 (a multiplier), got 0"),
      scenario_case("negative funding lever", "value = 3.0", "value = -1.0", "lever[2].value", "value = -1.0",
                    "expected a finite number ≥ 0 (亿元 per year), got -1.0"),
      scenario_case("lever years reversed", "from = 2023\nto = 2025", "from = 2026\nto = 2025", "lever[1].to",
                    "to = 2025", "expected a year ≥ from (2026), got 2025"),
      scenario_case("overlapping levers of one name", "name = \"funding_yi\"\nfrom = 2026",
                    "name = \"funding_multiplier\"\nfrom = 2025", "lever[2].from", "from = 2025\nvalue = 3.0",
                    "overlaps the funding_multiplier lever on line 9"),
      scenario_case("counter shock without indicator", "indicator = \"alliances\"\n", "", "shock[1].indicator",
                    "[[shock]]", "missing required key 'indicator'"),
      scenario_case("unknown shock rule", "rule = \"counter\"", "rule = \"growht\"", "shock[1].rule", "growht",
                    "did you mean 'growth'?"),
      scenario_case("park count of zero", "count = 2", "count = 0", "park[1].count", "count = 0",
                    "expected a count of parks (a whole number from 1 to 1000), got 0"),
  };

  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.name) {
      const auto problems = targetcast::io::validate_file(file(c.path, c.text));
      INFO("expected " << c.path << ":" << c.line << ": " << c.key << ": …" << c.fragment << "…\nfound:\n"
                       << dump(problems));
      CHECK(has_problem(problems, c.key, c.line, c.fragment));
      for (const Problem& p : problems) CHECK(p.file == c.path);
    }
  }
}

TEST_CASE("a loader collects every problem before it throws", "[io][toml]") {
  std::string text = replace_once(kPlan, "provincial_yi = 5.4", "provincial_yi = -5");
  text = replace_once(text, "deadline = 2027", "deadline = 2020");
  text = replace_once(text, "threshold = 2000", "treshold = 2000");
  try {
    (void)targetcast::io::load_plan(file("seeds/test.toml", text));
    FAIL("load_plan accepted a broken plan");
  } catch (const targetcast::model::SpecError& e) {
    const auto& problems = e.problems();
    INFO(dump(problems));
    // treshold is unknown and threshold then missing: four problems in all.
    CHECK(problems.size() == 4);
    CHECK(std::is_sorted(problems.begin(), problems.end(),
                         [](const Problem& a, const Problem& b) { return a.line < b.line; }));
    const std::string what = e.what();
    CHECK(std::count(what.begin(), what.end(), '\n') == 3);
    CHECK(what.find("seeds/test.toml:" + std::to_string(line_containing(text, "provincial_yi")) +
                    ": funding_history[1].provincial_yi: expected a finite number ≥ 0") != std::string::npos);
  }
}

TEST_CASE("a loader refuses a file of another kind", "[io][toml]") {
  try {
    (void)targetcast::io::load_scenario(file("seeds/test.toml", kPlan));
    FAIL("load_scenario accepted a plan");
  } catch (const targetcast::model::SpecError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].message == "expected a scenario file ([scenario]), but this is a plan file ([plan])");
  }
  const auto problems = targetcast::io::validate_file(file("x.toml", "format = 1\n[other]\na = 1\n"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.find("cannot tell what kind of file this is") != std::string::npos);
  CHECK(targetcast::io::detect_kind(file("x.toml", "a = = 1")) == targetcast::io::FileKind::unknown);
}

TEST_CASE("an array of tables written as a single table is explained", "[io][toml]") {
  const std::string text = replace_once(kScenario, "[[park]]", "[park]");
  const auto problems = targetcast::io::validate_file(file("scenarios/test.toml", text));
  INFO(dump(problems));
  CHECK(has_problem(problems, "park", line_containing(text, "[park]"),
                    "expected [[park]] tables, got a single table (write [[park]])"));
}

TEST_CASE("source files come from disk or from the embedded copies", "[io][source]") {
  SECTION("a missing file") {
    try {
      (void)targetcast::io::read_source("/nonexistent/seeds/nothing.toml");
      FAIL("read_source found a missing file");
    } catch (const targetcast::model::SpecError& e) {
      REQUIRE(e.problems().size() == 1);
      CHECK(e.problems()[0].file == "/nonexistent/seeds/nothing.toml");
      CHECK(e.problems()[0].message == "cannot read file: No such file or directory");
      CHECK(std::string(e.what()) == "/nonexistent/seeds/nothing.toml: cannot read file: No such file or directory");
    }
  }
  SECTION("a folder is not a file") {
    CHECK_THROWS_WITH(targetcast::io::read_source((kRoot / "seeds").string()),
                      Catch::Contains("cannot read file: Is a directory"));
  }
  SECTION("a missing embedded file") {
    CHECK_THROWS_WITH(targetcast::io::read_source("embedded:seeds/nothing.toml"),
                      Catch::Contains("no such embedded file"));
  }
  SECTION("an embedded file equals the one on disk") {
    const auto embedded = targetcast::io::read_source("embedded:seeds/priors.toml");
    const auto disk = targetcast::io::read_source((kRoot / "seeds" / "priors.toml").string());
    CHECK(embedded.embedded);
    CHECK(!disk.embedded);
    CHECK(embedded.path == "embedded:seeds/priors.toml");
    CHECK(embedded.content == disk.content);
  }
  SECTION("relative paths") {
    const SourceFile embedded{"embedded:scenarios/baseline.toml", "", true};
    CHECK(targetcast::io::resolve_relative(embedded, "../seeds/guangdong-ai-2025.toml") ==
          "embedded:seeds/guangdong-ai-2025.toml");
    CHECK(targetcast::io::resolve_relative(embedded, "other.toml") == "embedded:scenarios/other.toml");
    const SourceFile disk{"/work/x/scenarios/a.toml", "", false};
    CHECK(targetcast::io::resolve_relative(disk, "../seeds/p.toml") == "/work/x/seeds/p.toml");
    CHECK(targetcast::io::resolve_relative(disk, "/abs/p.toml") == "/abs/p.toml");
    CHECK(targetcast::io::resolve_relative(disk, "embedded:seeds/p.toml") == "embedded:seeds/p.toml");
    const SourceFile bare{"a.toml", "", false};
    CHECK(targetcast::io::resolve_relative(bare, "b.toml") == "b.toml");
  }
}

TEST_CASE("problems print as file:line: key: message", "[io][model]") {
  using targetcast::model::Problem;
  CHECK(Problem{"f.toml", 3, "target[1].id", "bad"}.to_string() == "f.toml:3: target[1].id: bad");
  CHECK(Problem{"f.toml", 0, "format", "bad"}.to_string() == "f.toml: format: bad");
  CHECK(Problem{"f.toml", 2, "", "bad"}.to_string() == "f.toml:2: bad");
  CHECK(Problem{"", 0, "", "bad"}.to_string() == "bad");
  const targetcast::model::SpecError error({Problem{"a", 1, "k", "m"}, Problem{"b", 0, "", "n"}});
  CHECK(std::string(error.what()) == "a:1: k: m\nb: n");
  CHECK(error.problems().size() == 2);
}

// Issue 16, item 8: a note planners read may be written in both languages;
// the old single text still reads.
TEST_CASE("a note is one text or { zh, en }", "[io][toml][names]") {
  // mu_g's note (the first of the file; nu_t's reads the same).
  const auto first_note = [](std::string to) {
    std::string text = kPriors;
    return text.replace(text.find("note = \"Test.\""), std::string("note = \"Test.\"").size(), to);
  };
  const std::string bilingual = first_note("note = { zh = \"测试。\", en = \"Test.\" }");
  const auto space = targetcast::io::load_priors(file("seeds/priors.toml", bilingual));
  CHECK(space[1].name == "mu_g");
  CHECK(space[1].provenance.note == "Test.");
  CHECK(space[1].provenance.note_zh == "测试。");
  CHECK(space[1].provenance.note_in("zh") == "测试。");
  CHECK(space[1].provenance.note_in("en") == "Test.");
  const auto single = targetcast::io::load_priors(file("seeds/priors.toml", kPriors));
  CHECK(single[1].provenance.note == "Test.");
  CHECK(single[1].provenance.note_zh.empty());
  CHECK(single[1].provenance.note_in("zh") == "Test.");
  // Half a translation is a clear problem naming the key.
  const std::string half = first_note("note = { zh = \"测试。\" }");
  CHECK_THROWS_WITH(targetcast::io::load_priors(file("seeds/priors.toml", half)), Catch::Contains("note.en"));
}

// Every note of the shipped priors that a planner reads is in both languages.
TEST_CASE("the shipped priors carry Chinese notes", "[io][toml][names]") {
  const auto space = targetcast::io::load_priors(targetcast::io::read_source("embedded:seeds/priors.toml"));
  for (const auto& prior : space.priors()) {
    INFO(prior.name);
    if (!prior.provenance.note.empty()) CHECK_FALSE(prior.provenance.note_zh.empty());
  }
}

// Issue 16, item 8: a parameter is named where it is declared, so a planner's
// own parameter is named in the reports like the engine's.
TEST_CASE("a prior carries its name in both languages", "[io][toml][names]") {
  const std::string named = replace_once(kPlan, "[prior.eps_a]\n",
                                         "[prior.eps_a]\nname = { zh = \"联盟对资金的弹性\", en = \"alliance response "
                                         "to funding\" }\n");
  const auto plan = targetcast::io::load_plan(file("seeds/test.toml", named));
  const auto eps_a = std::find_if(plan.priors.begin(), plan.priors.end(), [](const auto& p) { return p.name == "eps_a"; });
  REQUIRE(eps_a != plan.priors.end());
  CHECK(eps_a->label.zh == "联盟对资金的弹性");
  CHECK(eps_a->label.en == "alliance response to funding");
  // Half a name is an error naming the file and the key.
  const std::string half = replace_once(kPlan, "[prior.eps_a]\n", "[prior.eps_a]\nname = { zh = \"联盟对资金的弹性\" }\n");
  try {
    targetcast::io::load_plan(file("seeds/half.toml", half));
    FAIL("a name without en loaded");
  } catch (const targetcast::model::SpecError& e) {
    INFO(dump(e.problems()));
    CHECK(std::any_of(e.problems().begin(), e.problems().end(), [](const Problem& p) {
      return p.file == "seeds/half.toml" && p.key == "prior.eps_a.name.en";
    }));
  }
  // A misspelt name is still caught and explained.
  const std::string typo = replace_once(kPlan, "[prior.eps_a]\n", "[prior.eps_a]\nnmae = { zh = \"弹性\", en = \"e\" }\n");
  CHECK_THROWS_WITH(targetcast::io::load_plan(file("seeds/typo.toml", typo)), Catch::Contains("did you mean 'name'?"));
}

// Every prior a shipped file declares is named there (seeds/priors.toml for the
// engine's, the plan for its own): no report shows a code name.
TEST_CASE("every shipped prior has a human name", "[io][toml][names]") {
  const auto defaults = targetcast::io::load_priors(targetcast::io::read_source("embedded:seeds/priors.toml"));
  for (const auto& prior : defaults.priors()) {
    INFO(prior.name);
    CHECK_FALSE(prior.label.zh.empty());
    CHECK_FALSE(prior.label.en.empty());
  }
  for (const fs::path& path : toml_files(kRoot / "seeds")) {
    if (path.filename() == "priors.toml") continue;
    const auto plan = targetcast::io::load_plan(targetcast::io::read_source(path.string()));
    for (const auto& prior : plan.priors) {
      INFO(path.filename().string() << ": " << prior.name);
      if (!defaults.has(prior.name)) CHECK_FALSE(prior.label.zh.empty());
    }
  }
}
