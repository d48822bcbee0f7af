// Tests of the report writers (io/report*.h, report/html_escape.h): escaping for
// HTML, JSON inside <script>, Markdown and CSV; the tables and their order in
// every format; and the data read back from a store written by a tiny
// experiment. The page itself is checked in a real browser by
// tests/report/check_report.mjs.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "cli.h"
#include "model/monte_carlo.h"
#include "report/html_escape.h"
#include "report/report.h"
#include "report/report_csv.h"
#include "report/report_format.h"
#include "report/report_html.h"
#include "report/report_markdown.h"
#include "report/report_tables.h"
#include "store/report_data.h"
#include "store/store.h"
#include "tiny_model.h"

namespace model = targetcast::model;
namespace report = targetcast::report;
namespace store = targetcast::store;
using targetcast::test::TempDir;

namespace {

const std::string kHostile = "<script>alert(1)</script>";
const std::string kLineSeparator = "\xE2\x80\xA8";       // U+2028
const std::string kParagraphSeparator = "\xE2\x80\xA9";  // U+2029

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// The tiny plan with two targets, run twice (a reference and a scenario with a
// hostile title) into a fresh store.
struct TinyExperiment {
  TempDir dir;
  std::string db = (dir / "results.sqlite").string();
  std::int64_t id = 0;

  TinyExperiment() {
    auto tiny = targetcast::test::tiny_model();
    model::TargetSpec events;
    events.id = "events-10";
    events.indicator = "events";
    events.comparison = model::Comparison::at_least;
    events.threshold = 10;
    events.deadline = 2023;
    events.name = {"事件10项以上", "10+ events"};
    events.provenance = {model::Basis::document, "plan.txt", "事件10项", ""};
    tiny.plan.targets.push_back(events);
    model::TargetSpec robots = events;
    robots.id = "robots-1500";
    robots.indicator = "robots";
    robots.threshold = 1500;
    robots.deadline = 2025;
    robots.name = {"机器人1500套", "1500 robots"};
    robots.provenance = {model::Basis::illustrative, "", "", "The plan states no number."};
    tiny.plan.targets.push_back(robots);
    tiny.plan.title = {"小规划", "Tiny plan"};

    store::Store store = store::Store::open(db);
    store::ExperimentInfo info;
    info.command_line = "targetcast simulate --runs 200";
    info.plan_id = tiny.plan.id;
    info.base_year = tiny.plan.base_year;
    info.horizon = tiny.plan.horizon;
    info.runs = 200;
    info.inputs.push_back({"plan", "plan.toml", "[plan]\ntitle = { zh = \"小规划\", en = \"Tiny plan\" }\n", ""});
    id = store.begin_experiment(info);
    model::MonteCarloOptions options;
    options.runs = 200;
    options.threads = 2;
    const model::CompiledModel reference = tiny.compile();
    store.write_scenario(id, reference, model::simulate(reference, options), /*per_run=*/false);
    tiny.scenario.id = "hostile";
    tiny.scenario.title = {kHostile + kLineSeparator + kParagraphSeparator, kHostile};
    tiny.scenario.description = {"</script><b>x</b>" + kLineSeparator, "</script><b>x</b>" + kParagraphSeparator};
    const model::CompiledModel hostile = tiny.compile();
    store.write_scenario(id, hostile, model::simulate(hostile, options), /*per_run=*/false);
    store.finish_experiment(id, 1.0);
  }

  store::ReportData load() const {
    const store::Store store = store::Store::open(db, store::Store::Mode::read_only);
    return store::load_report_data(store);
  }
};

report::ReportOptions options(report::ReportFormat format, std::string lang = "en") {
  report::ReportOptions o;
  o.format = format;
  o.lang = std::move(lang);
  o.generated_at = "2025-01-01T00:00:00Z";
  return o;
}

}  // namespace

TEST_CASE("format_value never ends a number with its decimal point", "[io][report]") {
  // 9.9996 rounds to "10.00" at two decimals; stripping the zeros left "10." (a solve's +10亿元 read "+10.亿元").
  CHECK(report::format_value(9.9996) == "10");
  CHECK(report::format_value(99.96) == "100");
  CHECK(report::format_value(0.999) == "1");
  CHECK(report::format_value(9.5) == "9.5");
  CHECK(report::format_value(12.34) == "12.3");
}

TEST_CASE("html_escape turns markup into text", "[io][report]") {
  CHECK(report::html_escape(kHostile) == "&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(report::html_escape("a & b \"c\" 'd'") == "a &amp; b &quot;c&quot; &#39;d&#39;");
  CHECK(report::html_escape("广东省 ≥ 300家") == "广东省 ≥ 300家");
  CHECK(report::html_escape("") == "");
}

TEST_CASE("json_string is valid JSON that cannot close or alter a script element", "[io][report]") {
  CHECK(report::json_string(kHostile) == R"("\u003cscript\u003ealert(1)\u003c/script\u003e")");
  CHECK(report::json_string("<!-- x") == R"("\u003c!-- x")");
  CHECK(report::json_string("a\"b\\c") == R"("a\"b\\c")");
  CHECK(report::json_string("tab\tnew\nline\x01") == R"("tab\tnew\nline\u0001")");
  CHECK(report::json_string("x" + kLineSeparator + "y" + kParagraphSeparator) == R"("x\u2028y\u2029")");
  CHECK(report::json_string("a & b") == R"("a \u0026 b")");
  // Chinese text passes through as UTF-8; broken UTF-8 becomes U+FFFD.
  CHECK(report::json_string("领军企业") == "\"领军企业\"");
  CHECK(report::json_string("bad\xC3(") == R"("bad\ufffd(")");
  CHECK(report::json_string("\xED\xA0\x80") == R"("\ufffd\ufffd\ufffd")");  // a UTF-16 surrogate is not UTF-8
  CHECK(report::json_string("") == "\"\"");
}

TEST_CASE("markdown_escape keeps table cells literal", "[io][report]") {
  CHECK(report::markdown_escape(kHostile) == "\\<script\\>alert(1)\\</script\\>");
  CHECK(report::markdown_escape("a|b") == "a\\|b");
  CHECK(report::markdown_escape("*bold* [link](x) `code` ~x~ & \\") ==
        "\\*bold\\* \\[link\\](x) \\`code\\` \\~x\\~ \\& \\\\");
  CHECK(report::markdown_escape("two\r\nlines\nhere") == "two lines here");
  CHECK(report::markdown_escape("mu_g 领军企业") == "mu_g 领军企业");
}

TEST_CASE("markdown_table writes a GitHub table with right-aligned numbers", "[io][report]") {
  report::ReportTable table;
  table.header = {"target", "P(met)"};
  table.numeric = {false, true};
  table.add({"a|b", "81.2%"});
  table.note = "note";
  CHECK(report::markdown_table(table) == "| target | P(met) |\n| --- | ---: |\n| a\\|b | 81.2% |\n\nnote\n");
}

TEST_CASE("csv_field quotes as RFC 4180 and defuses formulas", "[io][report]") {
  CHECK(report::csv_field("plain") == "plain");
  CHECK(report::csv_field("a,b") == "\"a,b\"");
  CHECK(report::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(report::csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(report::csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(report::csv_field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(report::csv_field("+cmd") == "'+cmd");
  CHECK(report::csv_field("-1+2") == "'-1+2");
  // Signed numbers stay numbers.
  CHECK(report::csv_field("+3.4") == "+3.4");
  CHECK(report::csv_field("-12") == "-12");
  CHECK(report::csv_field("-0.5%") == "-0.5%");
  CHECK(report::csv_field("领军企业") == "领军企业");
  CHECK(report::csv_line({"a", "b,c", ""}) == "a,\"b,c\",\r\n");
}

TEST_CASE("report data: an experiment read back from the store", "[io][report]") {
  const TinyExperiment experiment;
  const store::ReportData data = experiment.load();
  CHECK(data.experiment.id == experiment.id);
  CHECK(data.plan_title.en == "Tiny plan");
  CHECK(data.plan_title.zh == "小规划");
  REQUIRE(data.scenarios.size() == 2);
  CHECK(data.scenarios[1].title.en == kHostile);
  REQUIRE(data.targets.size() == 2);
  CHECK(data.targets[1].provenance.basis == "illustrative");
  CHECK(data.fans.size() == 2 * data.indicators.size());
  for (const store::ReportFan& fan : data.fans) {
    CHECK(fan.years.size() == static_cast<std::size_t>(data.experiment.horizon - data.experiment.base_year + 1));
  }
  REQUIRE(data.first_passages.size() == 4);
  for (const store::ReportFirstPassage& f : data.first_passages) CHECK(f.total() == 200);
  CHECK(data.target_results.size() == 4);
  CHECK(data.joint_results.size() == 2);
  CHECK_FALSE(data.parameters.empty());
  CHECK(data.observations.empty());
  REQUIRE(data.input_files.size() == 1);
  CHECK(data.input_files[0].sha256.size() == 64);
}

TEST_CASE("report data: the newest complete experiment by default, a clear error without one", "[io][report]") {
  TempDir dir;
  const std::string db = (dir / "empty.sqlite").string();
  { store::Store::open(db); }
  const store::Store store = store::Store::open(db, store::Store::Mode::read_only);
  CHECK_THROWS_WITH(store::load_report_data(store), Catch::Contains("no complete experiment"));
  CHECK_THROWS_WITH(store::load_report_data(store, 7), Catch::Contains("no experiment 7"));
}

TEST_CASE("every format carries the same tables in the same order", "[io][report]") {
  const TinyExperiment experiment;
  const store::ReportData data = experiment.load();
  for (const char* lang : {"en", "zh"}) {
    const auto tables = report::report_tables(data, options(report::ReportFormat::html, lang));
    REQUIRE(tables.size() == 9);  // two scenarios: the scenario list, scenario and difference tables are in
    const std::string md = report::render_report(data, options(report::ReportFormat::markdown, lang));
    const std::string csv = report::render_report(data, options(report::ReportFormat::csv, lang));
    const std::string html = report::render_report(data, options(report::ReportFormat::html, lang));
    std::size_t md_at = 0, csv_at = 0, html_at = 0;
    for (const report::ReportTable& table : tables) {
      INFO(lang << " table " << table.id);
      const std::size_t md_next = md.find(report::markdown_table(table), md_at);
      CHECK(md_next != std::string::npos);
      md_at = md_next == std::string::npos ? md_at : md_next;
      const std::size_t csv_next = csv.find(report::csv_line({table.title}) + report::csv_line(table.header), csv_at);
      CHECK(csv_next != std::string::npos);
      csv_at = csv_next == std::string::npos ? csv_at : csv_next;
      for (const auto& row : table.rows) CHECK(csv.find(report::csv_line(row), csv_at) != std::string::npos);
      const std::size_t html_next = html.find("id=\"table-" + table.id + "\"", html_at);
      CHECK(html_next != std::string::npos);
      html_at = html_next == std::string::npos ? html_at : html_next;
    }
  }
}

TEST_CASE("the headline table: traffic light by the configured thresholds, joint row last", "[io][report]") {
  const TinyExperiment experiment;
  const store::ReportData data = experiment.load();
  report::ReportOptions o = options(report::ReportFormat::markdown);
  const double p = data.find_result(data.scenarios[0].id, "events-10")->probability;
  const auto status_of_first = [&](const report::ReportOptions& opt) {
    const report::ReportTable t = report::targets_table(data, opt);
    REQUIRE(t.rows.size() == 3);
    return t.rows[0][static_cast<std::size_t>(t.status_column)];
  };
  const report::ReportTable en = report::targets_table(data, o);
  CHECK(en.rows[1][1] == "1500 robots (illustrative)");
  CHECK(en.rows[2][1] == "all 2 targets together");
  CHECK(en.row_class[2] == "joint " + en.row_class[2].substr(6));
  const report::ReportTable zh = report::targets_table(data, options(report::ReportFormat::markdown, "zh"));
  CHECK(zh.rows[1][1] == "机器人1500套(示意)");
  CHECK(zh.rows[2][1] == "全部2项目标同时达成");
  o.on_track = p;  // P(met) = on_track is on track
  o.at_risk = 0.0;
  CHECK(status_of_first(o) == "on track");
  o.on_track = std::nextafter(p, 2.0);
  CHECK(status_of_first(o) == "at risk");
  o.at_risk = o.on_track;
  CHECK(status_of_first(o) == "off track");
  o.lang = "zh";
  CHECK(status_of_first(o) == "难以达成");
  o.at_risk = 0.9;
  o.on_track = 0.8;
  CHECK_THROWS_AS(report::render_report(data, o), std::invalid_argument);
}

TEST_CASE("a hostile scenario title is text in HTML, Markdown and CSV", "[io][report]") {
  const TinyExperiment experiment;
  const store::ReportData data = experiment.load();
  for (const char* lang : {"en", "zh"}) {
    const std::string html = report::render_report(data, options(report::ReportFormat::html, lang));
    CHECK(html.find(kHostile) == std::string::npos);
    CHECK(html.find("<b>x</b>") == std::string::npos);
    CHECK(html.find(report::html_escape(kHostile)) != std::string::npos);
    // No raw U+2028/2029 in the scripts (harmless in markup), and exactly three
    // script elements, whose closing tags are the only "</script" in the page.
    const std::string scripts = html.substr(html.find("<script"));
    CHECK(scripts.find(kLineSeparator) == std::string::npos);
    CHECK(scripts.find(kParagraphSeparator) == std::string::npos);
    CHECK(count(html, "<script") == 3);
    CHECK(count(html, "</script") == 3);
    const std::string json = report::report_chart_json(data, options(report::ReportFormat::html, lang));
    CHECK(json.find('<') == std::string::npos);
    CHECK(json.find("\\u003cscript\\u003ealert(1)") != std::string::npos);
    if (std::string(lang) == "zh") CHECK(json.find("\\u2028\\u2029") != std::string::npos);

    const std::string md = report::render_report(data, options(report::ReportFormat::markdown, lang));
    CHECK(md.find(kHostile) == std::string::npos);
    CHECK(md.find(report::markdown_escape(kHostile)) != std::string::npos);

    const std::string csv = report::render_report(data, options(report::ReportFormat::csv, lang));
    CHECK(csv.rfind(std::string(report::kUtf8Bom), 0) == 0);
    CHECK(csv.find(kHostile) != std::string::npos);  // CSV is data: the title as typed
    CHECK(count(csv, "\r\n") == count(csv, "\n"));   // every line ends CRLF
  }
}

TEST_CASE("report formats from names and file extensions", "[io][report]") {
  CHECK(report::parse_report_format("md") == report::ReportFormat::markdown);
  CHECK(report::parse_report_format("csv") == report::ReportFormat::csv);
  CHECK(report::parse_report_format("pdf") == std::nullopt);
  CHECK(report::report_format_for_path("out/report.CSV") == report::ReportFormat::csv);
  CHECK(report::report_format_for_path("r.markdown") == report::ReportFormat::markdown);
  CHECK(report::report_format_for_path("report.html") == report::ReportFormat::html);
  CHECK(report::report_format_for_path("report") == report::ReportFormat::html);
}

TEST_CASE("observed history: read for a calibrated experiment, drawn on the fan chart", "[io][report]") {
  const TinyExperiment experiment;
  {
    // The query of the calibration's observations runs against the real schema.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(experiment.db.c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE experiments SET posterior = '9'", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  store::ReportData data = experiment.load();
  CHECK(data.experiment.posterior == "9");
  CHECK(data.observations.empty());  // no calibration 9 in this file

  data.observations = {{"robots", 2018, 640.0, false}, {"firms", 2019, 90.0, true}};
  const std::string json = report::report_chart_json(data, options(report::ReportFormat::html));
  CHECK(json.find(R"("observed":[[2018,640,false]])") != std::string::npos);
  CHECK(json.find(R"("observed":[[2019,90,true]])") != std::string::npos);
  const std::string html = report::render_report(data, options(report::ReportFormat::html));
  CHECK(html.find("No observed values") == std::string::npos);
}
