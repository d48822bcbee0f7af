#include "store/report_data.h"

#include <fmt/format.h>

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "io/source_file.h"
#include "io/toml_loader.h"
#include "model/spec_error.h"
#include "store/calibration_store.h"

namespace targetcast::store {
namespace {

template <typename T>
const T* find_if_ptr(const std::vector<T>& items, auto&& pred) {
  const auto it = std::find_if(items.begin(), items.end(), pred);
  return it == items.end() ? nullptr : &*it;
}

// The series of (scenario, key) that rows ordered by scenario and key fill:
// the last one when it matches, else a new one.
template <typename Series>
Series& series_for(std::vector<Series>& all, std::string Series::*key_member, const std::string& scenario_id,
                   const std::string& key) {
  if (all.empty() || all.back().scenario_id != scenario_id || all.back().*key_member != key) {
    Series next{};
    next.scenario_id = scenario_id;
    next.*key_member = key;
    all.push_back(std::move(next));
  }
  return all.back();
}

bool has_column(const std::vector<std::string>& columns, const char* name) {
  return std::find(columns.begin(), columns.end(), name) != columns.end();
}

std::int64_t choose_experiment(const Store& store, std::optional<std::int64_t> id) {
  if (id) {
    if (!store.experiment(*id)) {
      throw StoreError(store.path(), fmt::format("there is no experiment {} in this file (list them with "
                                                 "`targetcast experiments`).",
                                                 *id));
    }
    return *id;
  }
  std::optional<std::int64_t> latest;
  for (const ExperimentRow& e : store.experiments()) {
    if (e.status == "complete") latest = e.id;
  }
  if (!latest) {
    throw StoreError(store.path(),
                     "there is no complete experiment in this file: run `targetcast simulate` first, "
                     "or name one with --experiment (list them with `targetcast experiments`).");
  }
  return *latest;
}

// The plan's title and region from the plan file stored with the experiment.
// The report falls back to the plan id: a stored file is never re-validated.
void read_plan_names(ReportData& data, const std::vector<InputFileRecord>& files) {
  data.plan_title = {data.experiment.plan_id, data.experiment.plan_id};
  for (const InputFileRecord& f : files) {
    if (f.role != "plan") continue;
    try {
      const toml::table doc = toml::parse(f.content, std::string_view(f.path));
      if (auto zh = doc["plan"]["title"]["zh"].value<std::string>()) data.plan_title.zh = *zh;
      if (auto en = doc["plan"]["title"]["en"].value<std::string>()) data.plan_title.en = *en;
      if (auto zh = doc["region"]["name"]["zh"].value<std::string>()) data.region_name.zh = *zh;
      if (auto en = doc["region"]["name"]["en"].value<std::string>()) data.region_name.en = *en;
    } catch (const toml::parse_error&) {
      // Keep the plan id: the numbers of the report do not depend on it.
    }
    return;
  }
}

// Paired differences (analysis/comparison.h), stored by `simulate` with several
// scenarios and by `compare`; absent from files written before that table.
void read_comparisons(const Store& store, ReportData& data) {
  const std::vector<std::string> columns = store.columns("comparisons");
  for (const char* c :
       {"experiment_id", "scenario_id", "reference_scenario_id", "target_id", "difference", "ci_low", "ci_high"}) {
    if (!has_column(columns, c)) return;
  }
  store.select_rows(R"sql(
    SELECT scenario_id, reference_scenario_id, target_id, difference, ci_low, ci_high
    FROM comparisons WHERE experiment_id = ?1)sql",
                    data.experiment.id, [&](const StoreRow& r) {
                      data.comparisons.push_back({r.text(0), r.text(1), r.text(2), r.real(3), r.real(4), r.real(5)});
                    });
}

// The observed history behind the experiment's posterior, drawn as points on
// the fan charts. An experiment that drew from the priors has none.
void read_observations(const Store& store, ReportData& data) {
  if (data.experiment.posterior.empty()) return;
  const std::vector<std::string> columns = store.columns("calibration_observations");
  for (const char* c : {"calibration_id", "indicator_id", "year", "measure", "value"}) {
    if (!has_column(columns, c)) return;
  }
  store.select_rows(
      R"sql(
    SELECT o.indicator_id, o.year, o.value, o.measure = 'floor'
    FROM calibration_observations AS o JOIN experiments AS e ON o.calibration_id = CAST(e.posterior AS INTEGER)
    WHERE e.id = ?1 AND o.measure IN ('level', 'floor') ORDER BY o.indicator_id, o.year)sql",
      data.experiment.id, [&](const StoreRow& r) {
        data.observations.push_back({r.text(0), static_cast<int>(r.integer(1)), r.real(2), r.integer(3) != 0});
      });
  if (!has_column(columns, "fit_p50")) return;  // schema 1: fit errors were not stored
  store.select_rows(
      fmt::format(R"sql(
    SELECT o.indicator_id, o.year, o.measure, o.value, o.fit_p50
    FROM calibration_observations AS o JOIN experiments AS e ON o.calibration_id = CAST(e.posterior AS INTEGER)
    WHERE e.id = ?1 AND abs(o.fit_p50) > {} ORDER BY o.observation_index)sql",
                  kNotReproducedSds),
      data.experiment.id, [&](const StoreRow& r) {
        data.unreproduced.push_back({r.text(0), static_cast<int>(r.integer(1)), r.text(2), r.real(3), r.real(4)});
      });
}

// How the model forecast this plan's figures before: per cut year, the
// newest complete backtest's scores (docs/validation.md).
void read_track_record(const Store& store, ReportData& data) {
  if (!has_column(store.columns("backtest_scores"), "brier")) return;  // before schema 3
  store.select_rows(R"sql(
    SELECT c.cut_year, c.id, sum(o.measure <> 'floor'), sum(o.measure = 'floor'),
           avg(CASE WHEN o.measure <> 'floor' THEN b.in_50 END), avg(CASE WHEN o.measure <> 'floor' THEN b.in_90 END),
           avg(CASE WHEN o.measure <> 'floor' THEN b.relative_crps END), avg(b.brier)
    FROM calibrations AS c
    JOIN backtest_scores AS b ON b.calibration_id = c.id
    JOIN calibration_observations AS o ON o.calibration_id = b.calibration_id
                                      AND o.observation_index = b.observation_index
    WHERE c.purpose = 'backtest' AND c.status = 'complete'
      AND c.plan_id = (SELECT plan_id FROM experiments WHERE id = ?1)
      AND c.id = (SELECT max(d.id) FROM calibrations AS d WHERE d.purpose = 'backtest' AND d.status = 'complete'
                  AND d.plan_id = c.plan_id AND d.cut_year = c.cut_year)
    GROUP BY c.id ORDER BY c.cut_year)sql",
                    data.experiment.id, [&](const StoreRow& r) {
                      data.track_record.push_back({static_cast<int>(r.integer(0)), r.integer(1),
                                                   static_cast<std::size_t>(r.integer(2)),
                                                   static_cast<std::size_t>(r.integer(3)), r.real(4), r.real(5),
                                                   r.real(6), r.real(7)});
                    });
}

// Weighted quantile of (value, weight) pairs sorted by value: the smallest
// value whose cumulative weight reaches p of the total.
double weighted_quantile(const std::vector<std::pair<double, double>>& sorted, double total, double p) {
  double cumulative = 0.0;
  for (const auto& [value, weight] : sorted) {
    cumulative += weight;
    if (cumulative >= p * total) return value;
  }
  return sorted.back().first;
}

// For an experiment drawn from a posterior: the posterior median and 5–95% of
// every parameter from the calibration's weighted particles, shown beside the
// prior (issue #5: "prior vs posterior for each parameter").
void read_posterior(const Store& store, ReportData& data) {
  if (data.experiment.posterior.empty()) return;
  const std::vector<std::string> columns = store.columns("calibration_posterior");
  for (const char* c : {"calibration_id", "name", "weight", "value"}) {
    if (!has_column(columns, c)) return;
  }
  std::string name;
  std::vector<std::pair<double, double>> particles;
  const auto flush = [&] {
    double total = 0.0;
    for (const auto& pw : particles) total += pw.second;
    if (particles.empty() || !(total > 0.0)) return;
    model::DistributionSummary d;
    d.p05 = weighted_quantile(particles, total, 0.05);
    d.p50 = weighted_quantile(particles, total, 0.50);
    d.p95 = weighted_quantile(particles, total, 0.95);
    for (ReportParameter& p : data.parameters) {
      if (p.name != name) continue;
      p.has_drawn = true;
      p.drawn = d;
    }
  };
  store.select_rows(R"sql(
    SELECT c.name, c.value, c.weight
    FROM calibration_posterior AS c JOIN experiments AS e ON c.calibration_id = CAST(e.posterior AS INTEGER)
    WHERE e.id = ?1 AND c.value IS NOT NULL ORDER BY c.name, c.value)sql",
                    data.experiment.id, [&](const StoreRow& r) {
                      if (r.text(0) != name) {
                        flush();
                        name = r.text(0);
                        particles.clear();
                      }
                      particles.emplace_back(r.real(1), r.real(2));
                    });
  flush();
}

// The forecast the experiment's calibration revised: the latest complete
// experiment of the same plan drawn from the calibration's parent (or from
// the priors), earlier than this one.
void read_calibration_change(const Store& store, ReportData& data) {
  ReportCalibrationChange& c = data.calibration_change;
  if (data.experiment.posterior.empty()) return;
  store.select_rows(R"sql(
    SELECT c.id, c.parent_id,
           (SELECT count(*) FROM calibration_observations AS o WHERE o.calibration_id = c.id AND o.use = 'fit')
    FROM calibrations AS c JOIN experiments AS e ON c.id = CAST(e.posterior AS INTEGER) WHERE e.id = ?1)sql",
                    data.experiment.id, [&](const StoreRow& r) {
                      c.calibration_id = r.integer(0);
                      c.observations = static_cast<std::size_t>(r.integer(2));
                    });
  if (c.calibration_id == 0) return;
  store.select_rows(R"sql(
    SELECT b.id FROM experiments AS e
    JOIN calibrations AS c ON c.id = CAST(e.posterior AS INTEGER)
    JOIN experiments AS b ON b.plan_id = e.plan_id AND b.status = 'complete' AND b.id < e.id
         AND b.posterior IS (CASE WHEN c.parent_id IS NULL THEN NULL ELSE CAST(c.parent_id AS TEXT) END)
    WHERE e.id = ?1 ORDER BY b.id DESC LIMIT 1)sql",
                    data.experiment.id, [&](const StoreRow& r) { c.before_experiment = r.integer(0); });
  if (c.before_experiment == 0) return;
  store.select_rows(R"sql(
    SELECT r.target_id, r.probability FROM target_results AS r
    JOIN scenarios AS s ON s.experiment_id = r.experiment_id AND s.scenario_id = r.scenario_id AND s.scenario_index = 0
    WHERE r.experiment_id = ?1 ORDER BY r.target_id)sql",
                    c.before_experiment,
                    [&](const StoreRow& r) { c.before.emplace_back(r.text(0), r.real(1)); });
}

}  // namespace

std::uint64_t ReportFirstPassage::total() const {
  std::uint64_t sum = never;
  for (const std::uint64_t r : runs) sum += r;
  return sum;
}

const ReportIndicator* ReportData::find_indicator(std::string_view id) const {
  return find_if_ptr(indicators, [&](const ReportIndicator& i) { return i.id == id; });
}
const ReportScenario* ReportData::find_scenario(std::string_view id) const {
  return find_if_ptr(scenarios, [&](const ReportScenario& s) { return s.id == id; });
}
const ReportFan* ReportData::find_fan(std::string_view scenario_id, std::string_view indicator_id) const {
  return find_if_ptr(
      fans, [&](const ReportFan& f) { return f.scenario_id == scenario_id && f.indicator_id == indicator_id; });
}
const TargetResultRow* ReportData::find_result(std::string_view scenario_id, std::string_view target_id) const {
  return find_if_ptr(target_results, [&](const TargetResultRow& r) {
    return r.scenario_id == scenario_id && r.target_id == target_id;
  });
}
const ReportFirstPassage* ReportData::find_first_passage(std::string_view scenario_id,
                                                         std::string_view target_id) const {
  return find_if_ptr(first_passages, [&](const ReportFirstPassage& f) {
    return f.scenario_id == scenario_id && f.target_id == target_id;
  });
}
const JointResultRow* ReportData::find_joint(std::string_view scenario_id) const {
  return find_if_ptr(joint_results, [&](const JointResultRow& j) { return j.scenario_id == scenario_id; });
}
const ReportComparison* ReportData::find_comparison(std::string_view scenario_id, std::string_view target_id) const {
  return find_if_ptr(
      comparisons, [&](const ReportComparison& c) { return c.scenario_id == scenario_id && c.target_id == target_id; });
}

namespace {

void read_scenarios(const Store& store, ReportData& data) {
  store.select_rows(R"sql(
    SELECT scenario_id, title_zh, title_en, description_zh, description_en, source_path, runs, per_run,
           written IS NOT NULL
    FROM scenarios WHERE experiment_id = ?1 ORDER BY scenario_index)sql",
                    data.experiment.id, [&](const StoreRow& r) {
                      data.scenarios.push_back({r.text(0),
                                                {r.text(1), r.text(2)},
                                                {r.text(3), r.text(4)},
                                                r.text(5),
                                                static_cast<std::uint64_t>(r.integer(6)),
                                                r.integer(7) != 0,
                                                r.integer(8) != 0,
                                                std::nullopt});
                    });
}

// Each scenario's levers, shocks, parks and overrides, from its file as stored
// with the experiment (the report lists what a scenario changes from them,
// not from its free-text description, which may be out of date).
void read_scenario_specs(ReportData& data, const std::vector<InputFileRecord>& files) {
  for (ReportScenario& s : data.scenarios) {
    for (const InputFileRecord& f : files) {
      if (f.role != "scenario" || f.path != s.source_path || s.source_path.empty()) continue;
      try {
        s.spec = io::load_scenario(io::SourceFile{f.path, f.content, false});
      } catch (const model::SpecError&) {
        // A stored file this program no longer reads: the description stands alone.
      }
      break;
    }
  }
}

void read_indicators(const Store& store, ReportData& data) {
  store.select_rows(R"sql(
    SELECT indicator_id, name_zh, name_en, unit_zh, unit_en, kind, basis, source, quote, note, note_zh
    FROM indicators WHERE experiment_id = ?1 ORDER BY indicator_index)sql",
                    data.experiment.id, [&](const StoreRow& r) {
                      data.indicators.push_back({r.text(0),
                                                 {r.text(1), r.text(2)},
                                                 {r.text(3), r.text(4)},
                                                 r.text(5),
                                                 {r.text(6), r.text(7), r.text(8), r.text(9), r.text(10)}});
                    });
}

void read_targets(const Store& store, ReportData& data) {
  store.select_rows(R"sql(
    SELECT target_id, indicator_id, comparison, threshold, deadline, name_zh, name_en, basis, source, quote, note,
           rests_on_assumption, note_zh
    FROM targets WHERE experiment_id = ?1 ORDER BY target_index)sql",
                    data.experiment.id, [&](const StoreRow& r) {
                      data.targets.push_back({r.text(0),
                                              r.text(1),
                                              r.text(2),
                                              r.real(3),
                                              static_cast<int>(r.integer(4)),
                                              {r.text(5), r.text(6)},
                                              {r.text(7), r.text(8), r.text(9), r.text(10), r.text(12)},
                                              r.integer(11) == 1});
                    });
}

// Each indicator of each scenario, by year: indicator_summary.
void read_fans(const Store& store, ReportData& data) {
  store.select_rows(R"sql(
    SELECT m.scenario_id, m.indicator_id, m.year, m.mean, m.p05, m.p25, m.p50, m.p75, m.p95
    FROM indicator_summary AS m
    JOIN scenarios AS s ON s.experiment_id = m.experiment_id AND s.scenario_id = m.scenario_id
    JOIN indicators AS i ON i.experiment_id = m.experiment_id AND i.indicator_id = m.indicator_id
    WHERE m.experiment_id = ?1 ORDER BY s.scenario_index, i.indicator_index, m.year)sql",
                    data.experiment.id, [&](const StoreRow& r) {
                      ReportFan& fan = series_for(data.fans, &ReportFan::indicator_id, r.text(0), r.text(1));
                      fan.years.push_back(static_cast<int>(r.integer(2)));
                      fan.values.push_back({r.real(3), r.real(4), r.real(5), r.real(6), r.real(7), r.real(8)});
                    });
}

// Runs first meeting each target each year; runs never meeting it from target_results (read first).
void read_first_passages(const Store& store, ReportData& data) {
  store.select_rows(R"sql(
    SELECT f.scenario_id, f.target_id, f.year, f.runs
    FROM first_passage AS f
    JOIN scenarios AS s ON s.experiment_id = f.experiment_id AND s.scenario_id = f.scenario_id
    JOIN targets AS t ON t.experiment_id = f.experiment_id AND t.target_id = f.target_id
    WHERE f.experiment_id = ?1 ORDER BY s.scenario_index, t.target_index, f.year)sql",
                    data.experiment.id, [&](const StoreRow& r) {
                      ReportFirstPassage& passage =
                          series_for(data.first_passages, &ReportFirstPassage::target_id, r.text(0), r.text(1));
                      passage.years.push_back(static_cast<int>(r.integer(2)));
                      passage.runs.push_back(static_cast<std::uint64_t>(r.integer(3)));
                    });
  for (ReportFirstPassage& f : data.first_passages) {
    if (const TargetResultRow* r = data.find_result(f.scenario_id, f.target_id)) f.never = r->never_reached;
  }
}

// The documents the input files declare by title (schema 7; a file written
// before has none, and its reports show file names).
void read_documents(const Store& store, ReportData& data) {
  store.select_rows(R"sql(
    SELECT file, title_zh, title_en, issuer_zh, issuer_en, origin, line
    FROM documents WHERE experiment_id = ?1 ORDER BY file)sql",
                    data.experiment.id, [&](const StoreRow& r) {
                      data.documents.push_back(model::SourceDocument{r.text(0),
                                                                     {r.text(1), r.text(2)},
                                                                     {r.text(3), r.text(4)},
                                                                     r.text(5),
                                                                     static_cast<int>(r.integer(6))});
                    });
}

// The names this build's seeds/priors.toml gives the engine's parameters: a
// file written before names were stored (schema 5 and earlier) has none, and
// its reports would otherwise show code names such as rho_b.
const std::map<std::string, model::Text, std::less<>>& shipped_parameter_names() {
  static const std::map<std::string, model::Text, std::less<>> names = [] {
    std::map<std::string, model::Text, std::less<>> m;
    const model::ParameterSpace space = io::load_priors(io::read_source("embedded:seeds/priors.toml"));
    for (const model::Prior& p : space.priors()) {
      if (!p.label.zh.empty() && !p.label.en.empty()) m.emplace(p.name, p.label);
    }
    return m;
  }();
  return names;
}

// The priors of each scenario; their posterior figures come from read_posterior.
void read_parameters(const Store& store, ReportData& data) {
  store.select_rows(R"sql(
    SELECT p.scenario_id, p.name, p.distribution, p.basis, p.source, p.quote, p.note, p.origin, p.line, p.note_zh,
           p.name_zh, p.name_en
    FROM parameters AS p
    JOIN scenarios AS s ON s.experiment_id = p.experiment_id AND s.scenario_id = p.scenario_id
    WHERE p.experiment_id = ?1 ORDER BY s.scenario_index, p.parameter_index)sql",
                    data.experiment.id, [&](const StoreRow& r) {
                      data.parameters.push_back({r.text(0),
                                                 r.text(1),
                                                 r.text(2),
                                                 r.text(3),
                                                 r.text(4),
                                                 r.text(5),
                                                 r.text(6),
                                                 r.text(7),
                                                 static_cast<int>(r.integer(8)),
                                                 false,
                                                 {},
                                                 r.text(9),
                                                 {r.text(10), r.text(11)}});
                      ReportParameter& added = data.parameters.back();
                      if (added.label.zh.empty() || added.label.en.empty()) {
                        const auto& shipped = shipped_parameter_names();
                        if (const auto it = shipped.find(added.name); it != shipped.end()) added.label = it->second;
                      }
                    });
}

}  // namespace

ReportData load_report_data(const Store& store, std::optional<std::int64_t> id) {
  ReportData data;
  data.experiment = *store.experiment(choose_experiment(store, id));
  const std::int64_t eid = data.experiment.id;

  const std::vector<InputFileRecord> files = store.input_files(eid);
  for (const InputFileRecord& f : files) {
    data.input_files.push_back({f.role, f.path, f.sha256, static_cast<std::uint64_t>(f.content.size())});
  }
  read_plan_names(data, files);
  read_scenarios(store, data);
  read_scenario_specs(data, files);
  read_indicators(store, data);
  read_targets(store, data);
  read_fans(store, data);
  data.target_results = store.target_results(eid);
  data.joint_results = store.joint_results(eid);
  read_first_passages(store, data);
  read_parameters(store, data);
  read_documents(store, data);
  read_comparisons(store, data);
  read_observations(store, data);
  read_track_record(store, data);
  read_posterior(store, data);
  read_calibration_change(store, data);
  data.sensitivity = read_report_sensitivity(store, eid);
  return data;
}

}  // namespace targetcast::store
