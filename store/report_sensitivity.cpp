#include "store/report_sensitivity.h"

#include <algorithm>
#include <cmath>

namespace targetcast::store {
namespace {

// The experiment's plan and reference scenario, as SQL conditions on ?1 = experiment id.
constexpr const char* kSamePlan = R"sql(
  plan_id = (SELECT plan_id FROM experiments WHERE id = ?1)
  AND scenario_id = (SELECT scenario_id FROM scenarios WHERE experiment_id = ?1 ORDER BY scenario_index LIMIT 1))sql";

// Only complete rows have results: analyses and solves are begun 'running'
// (schema 2; every file read here has it, store/schema.cpp).
constexpr const char* kCompleteOnly = " AND status = 'complete'";

std::int64_t latest(const Store& store, std::int64_t experiment_id, const char* method) {
  std::int64_t id = 0;
  store.select_rows(std::string("SELECT max(id) FROM sensitivity_analyses WHERE method = '") + method + "' AND " +
                        kSamePlan + kCompleteOnly,
                    experiment_id, [&](const StoreRow& r) { id = r.is_null(0) ? 0 : r.integer(0); });
  return id;
}

// Target order of the experiment, "*" last.
template <class Row>
void in_target_order(const Store& store, std::int64_t experiment_id, std::vector<Row>& rows) {
  std::vector<std::string> order;
  store.select_rows("SELECT target_id FROM targets WHERE experiment_id = ?1 ORDER BY target_index", experiment_id,
                    [&](const StoreRow& r) { order.push_back(r.text(0)); });
  const auto rank = [&](const std::string& id) {
    return static_cast<std::size_t>(std::find(order.begin(), order.end(), id) - order.begin());
  };
  std::stable_sort(rows.begin(), rows.end(),
                   [&](const Row& a, const Row& b) { return rank(a.target_id) < rank(b.target_id); });
}

template <class Row>
Row& row_for(std::vector<Row>& rows, const std::string& target_id) {
  if (rows.empty() || rows.back().target_id != target_id) {
    Row row;
    row.target_id = target_id;
    rows.push_back(std::move(row));
  }
  return rows.back();
}

double nan_last(double x) {
  return std::isnan(x) ? -1.0 : x;
}

}  // namespace

ReportSensitivity read_report_sensitivity(const Store& store, std::int64_t experiment_id) {
  ReportSensitivity s;
  if (store.columns("sensitivity_analyses").empty()) return s;
  s.sobol_id = latest(store, experiment_id, "sobol");
  s.tornado_id = latest(store, experiment_id, "tornado");
  if (s.sobol_id != 0) {
    store.select_rows("SELECT samples, evaluations FROM sensitivity_analyses WHERE id = ?1", s.sobol_id,
                      [&](const StoreRow& r) {
                        s.samples = static_cast<std::uint64_t>(r.integer(0));
                        s.evaluations = static_cast<std::uint64_t>(r.integer(1));
                      });
    store.select_rows(R"sql(
      SELECT m.target_id, i.name, i.kind, i.basis, i.note, m.total_order, m.total_low, m.total_high, m.first_order,
             v.total_order, v.total_low, v.total_high, m.output_variance
      FROM sensitivity_indices AS m
      JOIN sensitivity_inputs AS i ON i.analysis_id = m.analysis_id AND i.input_index = m.input_index
      LEFT JOIN sensitivity_indices AS v ON v.analysis_id = m.analysis_id AND v.target_id = m.target_id
                                       AND v.input_index = m.input_index AND v.output = 'value'
      WHERE m.analysis_id = ?1 AND m.output = 'met' ORDER BY m.target_id, m.input_index)sql",
                      s.sobol_id, [&](const StoreRow& r) {
                        ReportSobolTarget& t = row_for(s.sobol, r.text(0));
                        t.met_variance = r.real(12);
                        t.drivers.push_back({r.text(1), r.text(2), r.text(3), r.text(4), r.real(5), r.real(6),
                                             r.real(7), r.real(8), r.real(9), r.real(10), r.real(11)});
                      });
    for (ReportSobolTarget& t : s.sobol) {
      std::stable_sort(t.drivers.begin(), t.drivers.end(), [](const ReportDriver& a, const ReportDriver& b) {
        return nan_last(a.total_met) > nan_last(b.total_met);
      });
    }
    in_target_order(store, experiment_id, s.sobol);
  }
  if (s.tornado_id != 0) {
    store.select_rows("SELECT samples FROM sensitivity_analyses WHERE id = ?1", s.tornado_id,
                      [&](const StoreRow& r) { s.tornado_runs = static_cast<std::uint64_t>(r.integer(0)); });
    store.select_rows(R"sql(
      SELECT b.target_id, i.name, i.basis, b.input_low, b.input_high, b.probability_low, b.probability_high,
             b.probability_base
      FROM tornado_bars AS b
      JOIN sensitivity_inputs AS i ON i.analysis_id = b.analysis_id AND i.input_index = b.input_index
      WHERE b.analysis_id = ?1 ORDER BY b.target_id, b.input_index)sql",
                      s.tornado_id, [&](const StoreRow& r) {
                        ReportTornadoTarget& t = row_for(s.tornado, r.text(0));
                        t.probability = r.real(7);
                        t.bars.push_back({r.text(1), r.text(2), r.real(3), r.real(4), r.real(5), r.real(6)});
                      });
    for (ReportTornadoTarget& t : s.tornado) {
      std::stable_sort(t.bars.begin(), t.bars.end(), [](const ReportTornadoBar& a, const ReportTornadoBar& b) {
        return std::abs(a.probability_high - a.probability_low) > std::abs(b.probability_high - b.probability_low);
      });
    }
    in_target_order(store, experiment_id, s.tornado);
  }
  store.select_rows(
      std::string(R"sql(
      SELECT target_id, lever, from_year, range_low, range_high, required_probability, value, reached,
             confirmation_probability, confirmation_ci_low, confirmation_ci_high, runs, confirmation_runs,
             coalesce(confirmed, CASE WHEN reached THEN confirmation_ci_high >= required_probability
                                             ELSE confirmation_ci_low < required_probability END), coalesce(rounds, 1),
             coalesce(last_year, 0), scenario_funding_yi
      FROM lever_solves WHERE id IN (SELECT max(id) FROM lever_solves WHERE )sql") +
          kSamePlan + kCompleteOnly + " GROUP BY target_id, lever, required_probability) ORDER BY id",
      experiment_id, [&](const StoreRow& r) {
        s.solves.push_back({r.text(0), r.text(1), static_cast<int>(r.integer(2)), r.real(3), r.real(4), r.real(5),
                            r.real(6), r.integer(7) != 0, r.real(8), r.real(9), r.real(10),
                            static_cast<std::uint64_t>(r.integer(11)), static_cast<std::uint64_t>(r.integer(12)),
                            r.integer(13) != 0, static_cast<int>(r.integer(14)), static_cast<int>(r.integer(15)),
                            r.real(16)});
      });
  return s;
}

}  // namespace targetcast::store
