// The observation model: which observations fit, which start the pre-sample
// run, the hand-over of the pre-sample's end state to the forecast, the
// residuals, and the errors a planner gets for observations that do not fit
// the model.
#include <catch2/catch.hpp>
#include <cmath>

#include "calibration/abc_smc.h"
#include "calibration/observation_model.h"
#include "calibration/posterior.h"
#include "model/monte_carlo.h"
#include "model/run_context.h"
#include "synthetic.h"

using namespace targetcast;
using namespace targetcast::calibration;

namespace {

Observation obs(const std::string& indicator, int year, double value, Measure measure = Measure::level,
                double relative_sd = 0.1) {
  Observation o = test::observation_template(indicator, year, relative_sd, measure);
  o.value = value;
  o.line = year;  // distinct lines for messages
  return o;
}

// The tiny model (base year 2020) with figures from 2016 on: a pre-sample run 2016..2020.
std::vector<Observation> presample_observations() {
  return {obs("core_industry", 2016, 30.0),          obs("robots", 2016, 500.0),
          obs("robots", 2016, 0.25, Measure::growth), obs("firms", 2017, 60.0, Measure::floor),
          obs("robots", 2018, 0.2, Measure::growth), obs("firms", 2020, 100.0),
          obs("core_industry", 2022, 70.0)};
}

std::string messages(const model::SpecError& e) {
  std::string out;
  for (const auto& p : e.problems()) out += p.to_string() + "\n";
  return out;
}

}  // namespace

TEST_CASE("observations before the base year start a pre-sample run from the earliest year", "[calibration][observations]") {
  const model::CompiledModel tiny = test::calibration_tiny_model().compile();
  const ObservationModel om(tiny, presample_observations());
  REQUIRE(om.has_presample());
  CHECK(om.presample_start_year() == 2016);
  CHECK(om.presample().base_year == 2016);
  CHECK(om.presample().horizon == 2020);
  const auto uses = om.uses();
  CHECK(uses[0] == ObservationUse::initial_condition);  // core 2016: the pre-sample's c0
  CHECK(uses[1] == ObservationUse::initial_condition);  // robots 2016: its starting level
  CHECK(uses[2] == ObservationUse::initial_condition);  // and growth
  CHECK(uses[3] == ObservationUse::fit);
  CHECK(uses[4] == ObservationUse::fit);
  CHECK(uses[5] == ObservationUse::fit);
  CHECK(uses[6] == ObservationUse::fit);
  CHECK(om.fitted_count() == 4);
  // The pre-sample starts from the observed robots.
  const auto robots = om.presample().indicator_index("robots");
  CHECK(om.presample().indicators[robots].spec.baseline == 500.0);
  CHECK(om.presample().indicators[robots].spec.initial_growth == 0.25);

  // Coordinates: the three calibrated parameters, then the pre-sample's stock;
  // derived: the forecast's n0 and c0.
  std::vector<std::string> names;
  for (const auto& p : om.parameters()) names.push_back(p.name + ":" + std::string(to_string(p.role)));
  CHECK(names == std::vector<std::string>{"mu_g:calibrated", "lambda0:calibrated", "gbar_q:calibrated",
                                          "n0_2016:presample", "c0_2016:presample", "n0:derived", "c0:derived"});
  CHECK(om.dimension() == 5);
  // c0_2016 from the observation; n0_2016 back-cast: n0 is fixed at 100 in the
  // tiny model, so uniform on [10, 100].
  const model::Distribution& c0_start = om.parameters()[4].prior.distribution;
  CHECK(c0_start.kind == model::DistributionKind::lognormal);
  CHECK(c0_start.a == 30.0);
  CHECK(c0_start.b == 0.1);
  const model::Distribution& n0_start = om.parameters()[3].prior.distribution;
  CHECK(n0_start.kind == model::DistributionKind::uniform);
  CHECK(n0_start.a == Approx(10.0));
  CHECK(n0_start.b == Approx(100.0));
}

TEST_CASE("the pre-sample's end state becomes the forecast's starting stock", "[calibration][observations]") {
  const model::CompiledModel tiny = test::calibration_tiny_model().compile();
  const ObservationModel om(tiny, presample_observations());
  const std::vector<double> x = {0.12, 15.0, 0.1, 60.0, 30.0};
  std::vector<double> predicted(om.observations().size()), derived(om.derived_count());
  om.simulate(x, 42, 3, predicted, derived);

  // Re-run the pre-sample by hand: n0 = 60, c0 = 30 in 2016.
  model::Theta theta;
  theta.values.assign(om.presample().parameters.size(), 0.0);
  for (std::size_t i = 0; i < theta.values.size(); ++i) {
    const auto& d = om.presample().parameters[i].distribution;
    if (d.kind == model::DistributionKind::fixed) theta.values[i] = d.a;
  }
  theta[model::Param::mu_g] = 0.12;
  theta[model::Param::lambda0] = 15.0;
  theta[model::Param::gbar_q] = 0.1;
  theta[model::Param::n0] = 60.0;
  theta[model::Param::c0] = 30.0;
  const model::CompiledModel& pre = om.presample();
  std::vector<double> trajectory(pre.year_count() * pre.indicators.size());
  model::simulate_run(pre, theta, 42, 3, trajectory);
  const auto at = [&](int year, const char* id) {
    return trajectory[static_cast<std::size_t>(year - 2016) * pre.indicators.size() + pre.indicator_index(id)];
  };
  CHECK(derived[0] == at(2020, "firms"));
  CHECK(derived[1] == Approx(at(2020, "core_industry")).epsilon(1e-12));
  CHECK(predicted[3] == at(2017, "firms"));
  CHECK(predicted[4] == Approx(at(2018, "robots") / at(2017, "robots") - 1.0).epsilon(1e-12));
  CHECK(predicted[5] == at(2020, "firms"));
  CHECK(std::isnan(predicted[0]));

  // The forecast starts from that stock; λ0 continues the pre-sample's entry
  // rate at the 2020 industry size: λ0 · (c0 / c0_2016)^ε_C (ε_C = 0 here).
  std::vector<double> values(om.posterior_names().size());
  om.posterior_values(x, derived, values);
  CHECK(om.posterior_names() == std::vector<std::string>{"mu_g", "lambda0", "gbar_q", "n0", "c0"});
  CHECK(values[3] == derived[0]);
  CHECK(values[4] == derived[1]);
  CHECK(values[1] == 15.0);
}

TEST_CASE("lambda0 is carried over to the base-year industry size", "[calibration][observations]") {
  auto tiny = test::calibration_tiny_model();
  tiny.fix("eps_c", 0.5);
  const ObservationModel om(tiny.compile(), presample_observations());
  const std::vector<double> x = {0.12, 15.0, 0.1, 60.0, 30.0};
  const std::vector<double> derived = {100.0, 120.0};
  std::vector<double> values(om.posterior_names().size());
  om.posterior_values(x, derived, values);
  CHECK(values[1] == Approx(15.0 * std::sqrt(120.0 / 30.0)));
}

TEST_CASE("without earlier years there is no pre-sample and n0, c0 are ordinary coordinates", "[calibration][observations]") {
  auto tiny = test::calibration_tiny_model();
  model::Prior c0;
  c0.name = "c0";
  c0.distribution = model::Distribution::uniform(40, 60);
  tiny.priors.set(c0);
  const ObservationModel om(tiny.compile(), {obs("core_industry", 2020, 50.0), obs("robots", 2020, 0.2, Measure::growth),
                                             obs("core_industry", 2023, 70.0)});
  CHECK_FALSE(om.has_presample());
  CHECK(om.uses()[0] == ObservationUse::fit);                // the base year's core industry is c0's draw
  CHECK(om.uses()[1] == ObservationUse::initial_condition);  // the seed's own initial growth
  CHECK(om.derived_count() == 0);
  bool c0_calibrated = false;
  for (const auto& p : om.parameters()) c0_calibrated |= p.name == "c0" && p.role == ParameterRole::calibrated;
  CHECK(c0_calibrated);
}

TEST_CASE("residuals are scaled log errors and floors count only from below", "[calibration][observations]") {
  const Observation level = obs("firms", 2021, 100.0, Measure::level, 0.1);
  CHECK(residual(level, 110.0) == Approx(std::log(1.1) / 0.1));
  CHECK(residual(level, 90.0) == Approx(std::log(0.9) / 0.1));
  const Observation floor = obs("firms", 2021, 100.0, Measure::floor, 0.1);
  CHECK(residual(floor, 150.0) == 0.0);
  CHECK(residual(floor, 90.0) == Approx(std::log(0.9) / 0.1));
  const Observation growth = obs("robots", 2021, 0.5, Measure::growth, 0.02);
  CHECK(residual(growth, 0.5) == 0.0);
  CHECK(residual(growth, 0.2) == Approx(std::log(1.2 / 1.5) / 0.02));
  // A prediction of 0 counts as a millionth of the figure: large, finite.
  CHECK(residual(level, 0.0) == Approx(std::log(1e-6) / 0.1));
  CHECK(std::isfinite(residual(growth, -1.0)));
}

TEST_CASE("observations that do not fit the model are refused with file, line and column", "[calibration][observations]") {
  const model::CompiledModel tiny = test::calibration_tiny_model().compile();
  const auto refused = [&](std::vector<Observation> rows, int held_out_from = 0) {
    try {
      const ObservationModel om(tiny, std::move(rows), held_out_from);
    } catch (const model::SpecError& e) {
      return messages(e);
    }
    return std::string("accepted");
  };
  CHECK_THAT(refused({obs("firms", 2021, 100), obs("unicorns", 2022, 3)}),
             Catch::Contains("synthetic:2022: indicator: unknown indicator 'unicorns'") &&
                 Catch::Contains("firms, leading_firms"));
  CHECK_THAT(refused({obs("firms", 2030, 100)}), Catch::Contains("year: 2030 is after the model's horizon 2025"));
  CHECK_THAT(refused({obs("firms", 2021, 100), obs("firms", 2021, 120)}), Catch::Contains("duplicate row"));
  Observation other = obs("firms", 2021, 100);
  other.region = "guangxi";
  CHECK_THAT(refused({other}), Catch::Contains("region: 'guangxi' is not the region of the plan"));
  CHECK_THAT(refused({obs("firms", 2016, 0.1, Measure::growth), obs("firms", 2018, 100)}),
             Catch::Contains("can only set a growth series' starting growth"));
  CHECK_THAT(refused({obs("firms", 2021, 100), obs("firms", 2023, 120)}, 2021),
             Catch::Contains("no observation before the cut 2021"));
  CHECK_THAT(refused({obs("core_industry", 2016, 30), obs("firms", 2018, 100)}, 2016),
             Catch::Contains("leaves no observed year to start from"));
  CHECK(refused({obs("firms", 2021, 100), obs("firms", 2023, 120)}, 2023) == "accepted");
}

TEST_CASE("a posterior sets the parameters it calibrated, drawn by weight as a pure function of (seed, run)",
          "[calibration][posterior]") {
  const model::CompiledModel tiny = test::calibration_tiny_model().compile();
  auto posterior = std::make_shared<Posterior>();
  posterior->names = {"mu_g", "not_a_parameter_here"};
  posterior->values = {0.01, 7.0, 0.2, 8.0, 0.3, 9.0};
  posterior->weights = {0.0, 0.5, 0.5};
  const model::RunSource source = make_run_source(posterior, tiny);
  int second = 0;
  for (std::uint32_t run = 0; run < 200; ++run) {
    const model::Theta a = source(tiny, 5, run).theta;
    const model::Theta b = source(tiny, 5, run).theta;
    CHECK(a.values == b.values);
    const double mu = a[model::Param::mu_g];
    CHECK((mu == 0.2 || mu == 0.3));  // never the particle of weight 0
    second += mu == 0.2 ? 1 : 0;
    // The others are the priors' draws of that run.
    CHECK(a[model::Param::lambda0] == model::draw_theta(tiny, 5, run)[model::Param::lambda0]);
  }
  CHECK(second > 70);  // Binomial(200, 0.5) ≥ 71 with probability 0.99997
  CHECK(second < 130);
}

TEST_CASE("figures under another definition form their own series, linked to the model by a ratio",
          "[calibration][definitions]") {
  const model::CompiledModel tiny = test::calibration_tiny_model().compile();
  Observation narrow = obs("firms", 2022, 60.0);
  narrow.definition = "press count";
  narrow.definition_sd = 0.5;
  Observation narrow_later = narrow;
  narrow_later.year = 2023;
  const ObservationModel om(tiny, {obs("firms", 2022, 100.0), narrow, narrow_later});
  // One ratio coordinate, shared by the two press-count figures, not a forecast parameter.
  REQUIRE(om.dimension() == 4);
  const CalibrationParameter& ratio = om.parameters()[3];
  CHECK(ratio.name == "ratio(firms, press count)");
  CHECK(ratio.definition_ratio);
  CHECK(ratio.prior.distribution.kind == model::DistributionKind::lognormal);
  CHECK(ratio.prior.distribution.b == 0.5);
  const auto names = om.posterior_names();
  CHECK(std::find(names.begin(), names.end(), ratio.name) == names.end());
  // Two series: the plan's count and the press count.
  CHECK(om.series_count() == 2);
  CHECK(om.series_of(1) == om.series_of(2));
  CHECK(om.series_of(0) != om.series_of(1));
  // The press-count figures are the model's count times the ratio.
  std::vector<double> x = {0.1, 12.0, 0.1, 0.6}, predicted(3), derived(om.derived_count());
  om.simulate(x, 3, 0, predicted, derived);
  CHECK(predicted[1] == Approx(0.6 * predicted[0]).epsilon(1e-12));
  // Prior against posterior shows the ratio as drawn, each row its own parameter.
  ParticleSet ps;
  ps.dimension = 4;
  ps.x = {0.1, 12.0, 0.1, 0.6, 0.12, 13.0, 0.1, 0.7};
  ps.weights = {0.5, 0.5};
  const auto summary = summarise_population(om, ps);
  REQUIRE(summary.size() == 4);
  CHECK(summary[1].name == "lambda0");
  CHECK(summary[1].p50 == 12.0);
  CHECK(summary[3].name == "ratio(firms, press count)");
  CHECK(summary[3].p50 == 0.6);
  // A starting figure under another definition widens the start by the ratio's spread.
  Observation start = obs("core_industry", 2016, 30.0);
  start.definition = "old boundary";
  start.definition_sd = 0.4;
  const ObservationModel pre(tiny, {start, obs("firms", 2016, 60.0), obs("firms", 2018, 80.0)});
  for (const CalibrationParameter& p : pre.parameters()) {
    if (p.name == "c0_2016") CHECK(p.prior.distribution.b == Approx(std::hypot(0.1, 0.4)));
  }
}
