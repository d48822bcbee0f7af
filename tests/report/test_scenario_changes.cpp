// Tests of report/scenario_changes.h (issue 16, item 9): what a scenario
// changes, from its levers, shocks, parks and prior overrides, by name.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "report/input_names.h"
#include "report/report_html.h"
#include "report/report_sensitivity_tables.h"
#include "report/report_tables.h"
#include "report/report_text.h"
#include "report/scenario_changes.h"

namespace model = targetcast::model;
namespace report = targetcast::report;
namespace store = targetcast::store;

namespace {

// The stored prior of `code` as a seed file names it.
store::ReportParameter named_parameter(std::string code, std::string zh, std::string en) {
  store::ReportParameter p;
  p.scenario_id = "baseline";
  p.name = std::move(code);
  p.label = {std::move(zh), std::move(en)};
  return p;
}

}  // namespace

TEST_CASE("a scenario's changes are listed from its levers, with names a planner reads", "[report][scenarios]") {
  model::ScenarioSpec spec;
  spec.description = {"省级资金增加50%,其余同基准。", "+50% funding, everything else as in the baseline."};
  spec.levers.push_back({0, model::LeverKind::funding_multiplier, 2023, 0, 1.5});
  spec.levers.push_back({0, model::LeverKind::c_proj, 2024, 2025, 0.2});
  spec.shocks.push_back({0, model::ShockRule::growth, "", 2023, 0, -0.1});
  spec.parks.push_back({0, 2023, 4, 0.0});
  model::Prior prior;
  prior.name = "rho_b";
  spec.priors.push_back(prior);
  store::ReportData data;
  data.parameters.push_back(named_parameter("rho_b", "项目外每年标志性成果", "landmark results per year outside projects"));
  CHECK(report::scenario_changes(spec, data, "en") ==
        std::vector<std::string>{"provincial funding ×1.5 from 2023",
                                 "provincial money per project set to 0.2 2024–2025", "firm growth shock −10% in 2023",
                                 "+4 parks in 2023", "a new prior for landmark results per year outside projects"});
  CHECK(report::scenario_changes(spec, data, "zh") ==
        std::vector<std::string>{"省级资金×1.5(2023年起)", "每个项目的省级资金设为0.2(2024–2025年)",
                                 "企业增速冲击−10%(2023年)", "2023年新增4个园区", "重设“项目外每年标志性成果”的先验"});
  store::ReportScenario scenario;
  CHECK(report::scenario_changes_text(scenario, data, "en").empty());  // no stored file: nothing to list
  scenario.spec = model::ScenarioSpec{};
  CHECK(report::scenario_changes_text(scenario, data, "zh") == "无调整,按规划基线运行");
}


TEST_CASE("parameters, levers and seed documents have human names", "[report][names]") {
  store::ReportData data;
  data.parameters.push_back(named_parameter("rho_b", "项目外每年标志性成果", "landmark results per year outside projects"));
  data.parameters.push_back(named_parameter("p_res", "项目形成标志性成果的概率", "chance a project yields a landmark result"));
  CHECK(report::input_name(data, "rho_b", "en") == "landmark results per year outside projects");
  CHECK(report::input_name(data, "p_res", "zh") == "项目形成标志性成果的概率");
  // A parameter no file names keeps its code (validate warns about it).
  CHECK(report::input_name(data, "rho_x", "zh") == "rho_x");
  // A lever that sets a parameter reads the seed file's name of it, with its year.
  data.parameters.push_back(named_parameter("c_proj", "单个项目资金", "money per project"));
  CHECK(report::input_name(data, "c_proj_from_2024", "zh") == "单个项目资金(2024年起)");
  CHECK(report::input_name("c_proj_from_2024", "en") == "provincial money per project from 2024");
  CHECK(report::input_name("funding_multiplier_from_2023", "en") == "provincial funding multiplier from 2023");
  CHECK(report::input_name("funding_multiplier_from_2023", "zh") == "省级资金倍数(2023年起)");
  CHECK(report::input_name("new_parks_2025", "en") == "number of new parks in 2025");
  CHECK(report::input_name("unknown_thing", "en") == "unknown_thing");
}

TEST_CASE("a source reads as its declared title and issuing body, else as its file name", "[report][names]") {
  const std::vector<model::SourceDocument> documents = {
      {"my-plan.txt", {"某市人工智能行动方案", "City AI action plan"}, {"某市人民政府", "City government"}, "p.toml", 3}};
  CHECK(report::source_name(documents, "my-plan.txt", "zh") == "某市人民政府《某市人工智能行动方案》");
  CHECK(report::source_name(documents, "my-plan.txt", "en") == "City AI action plan, City government");
  // No [[document]] for it, or a results file written before documents were stored.
  CHECK(report::source_name(documents, "elsewhere.txt", "en") == "elsewhere.txt");
  CHECK(report::source_name({}, "my-plan.txt", "zh") == "my-plan.txt");
}

TEST_CASE("the parameter table names each prior and reads its note in the report's language", "[report][names]") {
  store::ReportData data;
  data.scenarios.push_back({"baseline", {"基准情景", "Baseline"}, {}, "", 10, false, true, std::nullopt});
  store::ReportParameter p;
  p.scenario_id = "baseline";
  p.name = "rho_b";
  p.label = {"项目外每年标志性成果", "landmark results per year outside projects"};
  p.distribution = "Uniform(0.5, 3)";
  p.basis = "assumption";
  p.note = "Below Guangdong's pace; very wide.";
  p.note_zh = "低于广东的速度;区间很宽。";
  p.origin = "seeds/priors.toml";
  data.parameters.push_back(p);
  report::ReportOptions o;
  o.lang = "zh";
  const report::ReportTable zh = report::parameters_table(data, o);
  REQUIRE(zh.rows.size() == 1);
  CHECK(zh.rows[0][0] == "项目外每年标志性成果");
  CHECK(zh.rows[0][3].find("低于广东的速度;区间很宽。") != std::string::npos);
  CHECK(zh.rows[0][3].find("Below") == std::string::npos);
  o.lang = "en";
  const report::ReportTable en = report::parameters_table(data, o);
  CHECK(en.rows[0][0] == "landmark results per year outside projects");
  CHECK(en.rows[0][3].find("Below Guangdong's pace") != std::string::npos);
}


// The Chinese report reads a prior in Chinese (issue 16, item 8): the stored
// text is model::describe's English.
TEST_CASE("a prior's distribution reads in the report's language", "[report][names]") {
  CHECK(report::distribution_text("LogNormal(700, 0.4)", "zh") == "对数正态分布(700, 0.4)");
  CHECK(report::distribution_text("Normal(0.1, 0.04) truncated to [0, inf)", "zh") == "正态分布(0.1, 0.04),截断于[0, ∞)");
  CHECK(report::distribution_text("Uniform(1500, 1650)", "zh") == "均匀分布(1500, 1650)");
  CHECK(report::distribution_text("Fixed(inf)", "zh") == "固定值(∞)");
  CHECK(report::distribution_text("Beta(3, 7)", "zh") == "贝塔分布(3, 7)");
  CHECK(report::distribution_text("Gamma(2, 0.5)", "zh") == "伽马分布(2, 0.5)");
  CHECK(report::distribution_text("LogNormal(700, 0.4)", "en") == "LogNormal(700, 0.4)");
  CHECK(report::stored_term("lever", "zh") == "政策杠杆");
}

// The Sobol line says what its numbers are in words, not "N = 8".
TEST_CASE("the drivers' introduction names the Sobol base sample in words", "[report][names]") {
  store::ReportData data;
  data.sensitivity.sobol_id = 1;
  data.sensitivity.samples = 8;
  data.sensitivity.evaluations = 384;
  report::ReportOptions o;
  o.lang = "zh";
  CHECK(report::drivers_intro(data, o).find("Sobol分析 1:基础样本 8 个,共 384 次模拟。") != std::string::npos);
  o.lang = "en";
  CHECK(report::drivers_intro(data, o).find("Sobol analysis 1: base sample 8, 384 model runs.") != std::string::npos);
  CHECK(report::drivers_intro(data, o).find("N = ") == std::string::npos);
}

// Seen in the report screenshot: a tornado of a short analysis had two bars
// and eight empty rows. Only the inputs that move P(met) are drawn.
TEST_CASE("a tornado draws only the inputs that move P(met)", "[report][names]") {
  store::ReportData data;
  data.sensitivity.tornado_id = 2;
  store::ReportTornadoTarget t;
  t.target_id = "t";
  t.probability = 0.3;
  t.bars.push_back({"rho_b", "assumption", 0.5, 3.0, 0.1, 0.9});
  t.bars.push_back({"n0", "document", 1500, 1650, 0.3, 0.3});
  t.bars.push_back({"funding_multiplier_from_2023", "lever", 0.5, 1.5, 0.3, 0.4});
  data.sensitivity.tornado.push_back(t);
  report::ReportOptions o;
  o.lang = "en";
  const std::string json = report::report_chart_json(data, o);
  CHECK(json.find("\"name\":\"rho_b\"") != std::string::npos);  // no file named it here: its code
  CHECK(json.find("provincial funding multiplier from 2023") != std::string::npos);
  CHECK(json.find("\"name\":\"n0\"") == std::string::npos);
  // When nothing moves, the bars stay: the page then says so in words.
  data.sensitivity.tornado[0].bars = {{"n0", "document", 1500, 1650, 0.3, 0.3}};
  CHECK(report::report_chart_json(data, o).find("\"name\":\"n0\"") != std::string::npos);
}
