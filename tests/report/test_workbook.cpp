// Tests of the Excel workbook (report/workbook_sheets.h, report/xlsx_report.h):
// which sheets, numbers kept as numbers, names and headers in the report's
// language, column widths, and the file written whole or not at all. The
// written workbook is read back by openpyxl in tests/report/check_xlsx.py.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "cli.h"
#include "model/monte_carlo.h"
#include "report/report.h"
#include "report/workbook_sheets.h"
#include "report/xlsx_report.h"
#include "store/report_data.h"
#include "store/store.h"
#include "tiny_model.h"

namespace model = targetcast::model;
namespace report = targetcast::report;
namespace store = targetcast::store;
using targetcast::test::TempDir;

namespace {

// A title that Excel would run as a formula if it were written as one.
const std::string kFormulaTitle = "=HYPERLINK(\"http://example.invalid\",\"click\")";

// The tiny plan with one target, as a reference and, when asked, a second
// scenario titled like a formula.
struct TinyWorkbookExperiment {
  TempDir dir;
  std::string db = (dir / "results.sqlite").string();

  explicit TinyWorkbookExperiment(bool two_scenarios) {
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
    tiny.plan.documents.push_back({"plan.txt", {"小省事件规划", "Tiny events plan"}, {"小省人民政府", "Tiny government"},
                                   "plan.toml", 5});
    tiny.plan.title = {"小规划", "Tiny plan"};
    store::Store store = store::Store::open(db);
    store::ExperimentInfo info;
    info.command_line = "targetcast simulate --runs 100";
    info.plan_id = tiny.plan.id;
    info.base_year = tiny.plan.base_year;
    info.horizon = tiny.plan.horizon;
    info.runs = 100;
    info.inputs.push_back({"plan", "plan.toml", "[plan]\n", ""});
    const std::int64_t id = store.begin_experiment(info);
    model::MonteCarloOptions options;
    options.runs = 100;
    options.threads = 2;
    const model::CompiledModel reference = tiny.compile();
    store.write_scenario(id, reference, model::simulate(reference, options), /*per_run=*/false);
    if (two_scenarios) {
      tiny.scenario.id = "formula";
      tiny.scenario.title = {kFormulaTitle, kFormulaTitle};
      tiny.fix("rho_events", 4.0);
      const model::CompiledModel other = tiny.compile();
      store.write_scenario(id, other, model::simulate(other, options), /*per_run=*/false);
    }
    store.finish_experiment(id, 1.0);
  }

  store::ReportData load() const {
    const store::Store store = store::Store::open(db, store::Store::Mode::read_only);
    return store::load_report_data(store);
  }
};

report::ReportOptions workbook_options(std::string lang = "en") {
  report::ReportOptions o;
  o.format = report::ReportFormat::xlsx;
  o.lang = std::move(lang);
  o.generated_at = "2025-01-01T00:00:00Z";
  return o;
}

std::vector<std::string> sheet_ids(const std::vector<report::WorkbookSheet>& sheets) {
  std::vector<std::string> ids;
  for (const report::WorkbookSheet& s : sheets) ids.push_back(s.id);
  return ids;
}

const report::WorkbookSheet& sheet(const std::vector<report::WorkbookSheet>& sheets, const std::string& id) {
  for (const report::WorkbookSheet& s : sheets) {
    if (s.id == id) return s;
  }
  FAIL("no sheet " << id);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("workbook: a sheet per table, scenario sheets only with several scenarios", "[report][xlsx]") {
  const TinyWorkbookExperiment one(false), two(true);
  const auto single = report::workbook_sheets(one.load(), workbook_options());
  CHECK(sheet_ids(single) ==
        std::vector<std::string>{"targets", "indicators", "first_passage", "parameters", "provenance"});
  for (const char* lang : {"en", "zh"}) {
    INFO(lang);
    const auto sheets = report::workbook_sheets(two.load(), workbook_options(lang));
    CHECK(sheet_ids(sheets) == std::vector<std::string>{"targets", "indicators", "first_passage", "scenarios",
                                                        "differences", "parameters", "provenance"});
    std::set<std::string> names;
    for (const report::WorkbookSheet& s : sheets) {
      // Excel refuses a sheet name over 31 characters or with one of []:*?/\.
      CHECK(s.name.find_first_of("[]:*?/\\") == std::string::npos);
      CHECK(s.name.size() <= 31 * 3);
      CHECK(names.insert(s.name).second);
      for (const report::WorkbookTable& t : s.tables) {
        for (const report::WorkbookRow& r : t.rows) CHECK(r.cells.size() <= t.header.size());
      }
    }
  }
  CHECK(report::workbook_sheets(two.load(), workbook_options("zh")).front().name == "目标一览");
  CHECK(report::workbook_sheets(two.load(), workbook_options("en")).front().name == "Targets");
}

TEST_CASE("workbook: probabilities and differences are numbers, not text", "[report][xlsx]") {
  const TinyWorkbookExperiment experiment(true);
  const store::ReportData data = experiment.load();
  const auto sheets = report::workbook_sheets(data, workbook_options());
  const report::WorkbookTable& targets = sheet(sheets, "targets").tables.at(0);
  REQUIRE(targets.header.at(5) == "P(met)");
  REQUIRE(targets.rows.size() == 2);  // the target and the whole plan
  const store::TargetResultRow* r = data.find_result(data.scenarios[0].id, "events-10");
  REQUIRE(r != nullptr);
  const report::WorkbookCell& p = targets.rows[0].cells.at(5);
  CHECK(p.is_number());
  CHECK(p.format == report::CellFormat::percent);
  CHECK(p.number == r->probability);  // the stored value, not a rounded "81.2%"
  CHECK(targets.rows[0].cells.at(6).number == r->ci_low);
  CHECK(targets.rows[0].cells.at(4).format == report::CellFormat::integer);
  CHECK(targets.rows[1].bold);
  CHECK(targets.rows[1].cells.at(5).number == data.find_joint(data.scenarios[0].id)->probability);

  const report::WorkbookTable& differences = sheet(sheets, "differences").tables.at(0);
  REQUIRE(differences.rows.size() == 1);
  const store::TargetResultRow* b = data.find_result("formula", "events-10");
  const report::WorkbookCell& d = differences.rows[0].cells.at(5);
  CHECK(d.format == report::CellFormat::points);
  CHECK(d.number == Approx(100.0 * (b->probability - r->probability)));
  // The formula-like title is a text cell: the writer never writes formulas.
  CHECK(differences.rows[0].cells.at(1).text == kFormulaTitle);
  CHECK_FALSE(differences.rows[0].cells.at(1).is_number());
}

// Issue 16, item 8: the document a target cites reads as its title and issuer,
// stored with the experiment, never as its file name.
TEST_CASE("workbook: a target's source is its document's title and issuer", "[report][xlsx][documents]") {
  const TinyWorkbookExperiment experiment(false);
  const store::ReportData data = experiment.load();
  REQUIRE(data.documents.size() == 1);
  for (const auto& [lang, expected] : {std::pair<std::string, std::string>{"zh", "“事件10项”(小省人民政府《小省事件规划》)"},
                                       {"en", "“事件10项” (Tiny events plan, Tiny government)"}}) {
    const auto sheets = report::workbook_sheets(data, workbook_options(lang));
    const report::WorkbookTable& targets = sheet(sheets, "targets").tables.at(0);
    INFO(lang);
    CHECK(targets.rows.at(0).cells.back().text == expected);
  }
}

TEST_CASE("workbook: provenance numbers stay exact, input files carry their SHA-256", "[report][xlsx]") {
  const TinyWorkbookExperiment experiment(false);
  store::ReportData data = experiment.load();
  const auto sheets = report::workbook_sheets(data, workbook_options());
  const report::WorkbookSheet& provenance = sheet(sheets, "provenance");
  REQUIRE(provenance.tables.size() == 2);
  const auto& rows = provenance.tables[0].rows;
  const auto seed = std::find_if(rows.begin(), rows.end(),
                                 [](const report::WorkbookRow& r) { return r.cells[0].text == "master seed"; });
  REQUIRE(seed != rows.end());
  CHECK(seed->cells[1].is_number());
  CHECK(seed->cells[1].number == static_cast<double>(data.experiment.master_seed));
  const report::WorkbookTable& inputs = provenance.tables[1];
  REQUIRE(inputs.rows.size() == 1);
  CHECK(inputs.rows[0].cells.at(3).text == data.input_files[0].sha256);
  CHECK(inputs.rows[0].cells.at(2).number == static_cast<double>(data.input_files[0].bytes));
  // A seed beyond a double's exact integers stays text, digit for digit.
  data.experiment.master_seed = 18446744073709551615ull;
  const auto big_sheets = report::workbook_sheets(data, workbook_options());
  const report::WorkbookSheet& big = sheet(big_sheets, "provenance");
  const auto big_seed = std::find_if(big.tables[0].rows.begin(), big.tables[0].rows.end(),
                                     [](const report::WorkbookRow& r) { return r.cells[0].text == "master seed"; });
  CHECK_FALSE(big_seed->cells[1].is_number());
  CHECK(big_seed->cells[1].text == "18446744073709551615");
}

TEST_CASE("workbook: column widths fit the contents, Chinese characters count double", "[report][xlsx]") {
  report::WorkbookSheet s;
  report::WorkbookTable t;
  t.header = {"目标", "P(met)", std::string(80, 'h')};
  t.rows.push_back({{report::text_cell("十个字的中文目标名称"), report::number_cell(0.5, report::CellFormat::percent),
                     report::text_cell(std::string(200, 'x'))}});
  s.tables.push_back(t);
  const std::vector<double> widths = report::column_widths(s);
  REQUIRE(widths.size() == 3);
  CHECK(widths[0] == 22.0);  // ten wide characters, plus a margin of two
  CHECK(widths[1] == 8.0);   // "P(met)" is wider than "50.0%"
  CHECK(widths[2] == 60.0);  // longer texts wrap at the widest column
}

TEST_CASE("workbook: written whole through a temporary file, a clear error where it cannot be", "[report][xlsx]") {
  const TinyWorkbookExperiment experiment(true);
  const store::ReportData data = experiment.load();
  const std::filesystem::path out = experiment.dir / "report.xlsx";
  report::write_report(data, workbook_options("zh"), out.string());
  std::ifstream in(out, std::ios::binary);
  std::string magic(2, '\0');
  in.read(magic.data(), 2);
  CHECK(magic == "PK");  // a zip container, as every .xlsx is
  CHECK_FALSE(std::filesystem::exists(out.string() + ".partial"));

  const std::string nowhere = (experiment.dir / "missing-folder" / "report.xlsx").string();
  CHECK_THROWS_WITH(report::write_report(data, workbook_options(), nowhere),
                    Catch::Contains("cannot write the report") && Catch::Contains(nowhere));
  CHECK_FALSE(std::filesystem::exists(experiment.dir / "missing-folder"));
  CHECK_THROWS_AS(report::render_report(data, workbook_options()), std::invalid_argument);
}

TEST_CASE("report formats: .xlsx and xlsx name the workbook", "[report][xlsx]") {
  CHECK(report::parse_report_format("xlsx") == report::ReportFormat::xlsx);
  CHECK(report::report_format_for_path("out/Report.XLSX") == report::ReportFormat::xlsx);
  CHECK(report::report_extension(report::ReportFormat::xlsx) == "xlsx");
}
