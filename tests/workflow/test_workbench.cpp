// The what-if workbench behind `targetcast serve` (issue 15): a what-if is a
// scenario file's text, checked as a file is, run on the baseline's random
// numbers and compared run by run; requests from other sites are refused.
#include <catch2/catch.hpp>
#include <cmath>
#include <regex>
#include <string>

#include "model/scenario.h"
#include "model/spec_error.h"
#include "report/html_escape.h"
#include "report/report_assets.h"
#include "report/report_options.h"
#include "report/workbench_json.h"
#include "report/workbench_page.h"
#include "workflow/workbench.h"

using namespace targetcast;

namespace {

const workflow::Workbench& guangdong() {
  static const workflow::Workbench bench([] {
    workflow::WorkbenchOptions o;
    o.runs = 400;
    o.threads = 2;
    return o;
  }());
  return bench;
}

std::string scenario(const std::string& levers) {
  return "format = 1\n[scenario]\nid = \"w\"\ntitle = { zh = \"试\", en = \"test\" }\n" + levers;
}

std::size_t target_index(const model::CompiledModel& m, const std::string& id) {
  for (std::size_t t = 0; t < m.targets.size(); ++t) {
    if (m.targets[t].spec.id == id) return t;
  }
  FAIL("no target " << id);
  return 0;
}

}  // namespace

TEST_CASE("a what-if with no lever is the baseline run for run", "[workflow][workbench]") {
  const workflow::WhatIf w = guangdong().run(scenario(""));
  for (const analysis::TargetComparison& t : w.comparison.targets) {
    INFO(t.target_id);
    CHECK(t.probability == t.reference_probability);
    CHECK(t.counts.scenario_only == 0);
    CHECK(t.counts.reference_only == 0);
  }
}

TEST_CASE("more funding raises the institutions target, paired on the same runs", "[workflow][workbench]") {
  const workflow::WhatIf w =
      guangdong().run(scenario("[[lever]]\nname = \"funding_multiplier\"\nfrom = 2023\nvalue = 2.0\n"));
  const auto& t = w.comparison.targets[target_index(guangdong().baseline(), "gd-2025-institutions")];
  INFO("difference " << t.paired.difference << " [" << t.paired.low << ", " << t.paired.high << "]");
  CHECK(t.paired.low > 0.0);  // the 95% interval excludes 0
}

TEST_CASE("a what-if's text gets every problem a scenario file would, with the field", "[workflow][workbench]") {
  try {
    guangdong().run("format = 1\n[scenario]\nid = \"w\"\n[[lever]]\nname = \"funding\"\nvalue = -1\n");
    FAIL("accepted");
  } catch (const model::SpecError& e) {
    std::string all;
    for (const auto& p : e.problems()) all += p.to_string() + "\n";
    CHECK_THAT(all, Catch::Contains("what-if:2: scenario.title: missing required key 'title'"));
    CHECK_THAT(all, Catch::Contains("lever[1].from: missing required key 'from'"));
    CHECK_THAT(all, Catch::Contains("lever[1].name: expected one of funding_multiplier"));
  }
  CHECK_THROWS_AS(guangdong().run("not toml at all ["), model::SpecError);
}

TEST_CASE("requests from another site are refused: Host and Origin must be the served address",
          "[workflow][workbench]") {
  using workflow::refuse_request;
  CHECK(refuse_request("127.0.0.1:8765", "", "127.0.0.1", 8765).empty());
  CHECK(refuse_request("localhost:8765", "http://localhost:8765", "127.0.0.1", 8765).empty());
  CHECK(refuse_request("[::1]:8765", "", "127.0.0.1", 8765).empty());
  CHECK(refuse_request("10.0.0.5:8765", "http://10.0.0.5:8765", "10.0.0.5", 8765).empty());
  // DNS rebinding: a name that resolves here, but is not the address served.
  CHECK_THAT(refuse_request("evil.example:8765", "", "127.0.0.1", 8765), Catch::Contains("Host 'evil.example:8765'"));
  CHECK_THAT(refuse_request("127.0.0.1:9999", "", "127.0.0.1", 8765), Catch::Contains("not the address"));
  CHECK_THAT(refuse_request("", "", "127.0.0.1", 8765), Catch::Contains("Host ''"));
  // Cross-site: a page elsewhere posting to the workbench.
  CHECK_THAT(refuse_request("127.0.0.1:8765", "http://evil.example", "127.0.0.1", 8765),
             Catch::Contains("Origin 'http://evil.example'"));
  CHECK_FALSE(refuse_request("127.0.0.1:8765", "https://127.0.0.1:8765", "127.0.0.1", 8765).empty());
  CHECK_FALSE(refuse_request("127.0.0.1:8765", "null", "127.0.0.1", 8765).empty());
  // Served on another address, the loopback names are not that address.
  CHECK_FALSE(refuse_request("localhost:8765", "", "10.0.0.5", 8765).empty());
}

TEST_CASE("the workbench page inlines exactly its scripts, allowed by their hashes, in both languages",
          "[workflow][workbench]") {
  for (const char* lang : {"en", "zh"}) {
    INFO(lang);
    report::ReportOptions o;
    o.lang = lang;
    const std::string json = report::baseline_json(guangdong().baseline(), guangdong().baseline_results(), o);
    const std::string page = report::workbench_html(guangdong().baseline(), json, 400, std::nullopt, lang);
    std::size_t scripts = 0;
    for (std::size_t at = page.find("<script"); at != std::string::npos; at = page.find("<script", at + 1)) ++scripts;
    CHECK(scripts == 3);  // data, ECharts, the page's script: none closes early
    CHECK(page.find(report::csp_hash(report::workbench_js())) != std::string::npos);
    CHECK(page.find(report::csp_hash(report::echarts_js())) != std::string::npos);
    CHECK(page.find("connect-src 'self'") != std::string::npos);
    CHECK(page.find("\"what_if\"") != std::string::npos);
  }
}

TEST_CASE("the page has a control for every lever and shock rule of the scenario format", "[workflow][workbench]") {
  const std::string page = report::workbench_html(guangdong().baseline(), "{}", 400, std::nullopt, "en");
  for (auto kind = model::LeverKind::funding_multiplier; kind <= model::LeverKind::park_capacity_multiplier;
       kind = static_cast<model::LeverKind>(static_cast<int>(kind) + 1)) {
    const std::string name(model::to_string(kind));
    INFO(name);
    CHECK((page.find("id=\"" + name + "\"") != std::string::npos ||
           page.find("id=\"v-" + name + "\"") != std::string::npos));
  }
  for (const char* rule : {"growth", "entry", "exit", "funding"}) {
    CHECK(page.find("<option value=\"" + std::string(rule) + "\">") != std::string::npos);
  }
  CHECK(page.find("<option value=\"counter:scenarios\">") != std::string::npos);
  CHECK(page.find("id=\"parks\"") != std::string::npos);
}

TEST_CASE("a prior's slider has the prior's own centre among its positions", "[workflow][workbench]") {
  // A browser snaps a range input's value to min + k·step: a centre off that
  // grid would show (and send) another value than the prior's.
  const std::string page = report::workbench_html(guangdong().baseline(), "{}", 400, std::nullopt, "en");
  const std::regex slider(R"re(id="p-(\w+)" min="([^"]+)" max="([^"]+)" step="([^"]+)" value="([^"]+)")re");
  int sliders = 0;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), slider); it != std::sregex_iterator(); ++it, ++sliders) {
    const auto& m = *it;
    INFO(m[1].str());
    const double min = std::stod(m[2]), max = std::stod(m[3]), step = std::stod(m[4]), value = std::stod(m[5]);
    const double k = (value - min) / step;
    CHECK(std::abs(k - std::round(k)) < 1e-6);
    CHECK(min < value);
    CHECK(value < max);
  }
  CHECK(sliders >= 5);  // mu_g, lambda0, roi, c0, tau_lead, tau_top
}
