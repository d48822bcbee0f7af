// Sobol indices by Saltelli sampling and Jansen estimators, checked on the
// Ishigami function, whose indices are known in closed form (Ishigami &
// Homma 1990; Saltelli et al. 2010, Comput Phys Commun 181:259, §5).
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

#include "analysis/sobol.h"

namespace analysis = targetcast::analysis;

namespace {

constexpr double kA = 7.0, kB = 0.1;
constexpr double kPi = std::numbers::pi;

double ishigami(double x1, double x2, double x3) {
  return std::sin(x1) + kA * std::sin(x2) * std::sin(x2) + kB * std::pow(x3, 4) * std::sin(x1);
}

// Exact indices: V1 = ½(1 + bπ⁴/5)², V2 = a²/8, V13 = b²π⁸·8/225, V3 = 0.
struct Exact {
  double v, s1, s2, s3, st1, st2, st3;
};
Exact exact() {
  const double v1 = 0.5 * std::pow(1.0 + kB * std::pow(kPi, 4) / 5.0, 2);
  const double v2 = kA * kA / 8.0;
  const double v13 = kB * kB * std::pow(kPi, 8) * 8.0 / 225.0;
  const double v = v1 + v2 + v13;
  return {v, v1 / v, v2 / v, 0.0, (v1 + v13) / v, v2 / v, v13 / v};
}

std::vector<double> evaluate(const analysis::SaltelliDesign& d) {
  std::vector<double> f(d.evaluations());
  for (std::size_t e = 0; e < f.size(); ++e) {
    const auto x = [&](std::size_t c) { return -kPi + 2.0 * kPi * d.point(e, c); };
    f[e] = ishigami(x(0), x(1), x(2));
  }
  return f;
}

}  // namespace

TEST_CASE("Ishigami exact indices are the published ones", "[sobol]") {
  const Exact x = exact();
  CHECK(x.s1 == Approx(0.3139).margin(1e-4));
  CHECK(x.s2 == Approx(0.4424).margin(1e-4));
  CHECK(x.st1 == Approx(0.5576).margin(1e-4));
  CHECK(x.st3 == Approx(0.2437).margin(1e-4));
}

TEST_CASE("Jansen estimators recover the Ishigami indices within their bootstrap error", "[sobol]") {
  const std::size_t n = 20000;
  const analysis::SaltelliDesign design(7, n, {11, 22, 33});
  const std::vector<double> f = evaluate(design);
  const analysis::SobolResult r = analysis::jansen_indices(f, n, 3, {.seed = 3, .resamples = 300, .threads = 2});
  const Exact x = exact();
  CHECK(r.variance == Approx(x.v).epsilon(0.03));
  const double first[] = {x.s1, x.s2, x.s3};
  const double total[] = {x.st1, x.st2, x.st3};
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("input " << i + 1 << ": S " << r.indices[i].first << " ± " << r.indices[i].first_se << ", ST "
                  << r.indices[i].total << " ± " << r.indices[i].total_se);
    const analysis::SobolIndex& s = r.indices[i];
    // The bootstrap standard error is the Monte Carlo error of the estimate;
    // 4 of them make a false failure a ~1e-4 event per check.
    CHECK(s.first_se > 0.0);
    CHECK(s.first_se < 0.03);
    CHECK(std::abs(s.first - first[i]) <= 4.0 * s.first_se);
    CHECK(std::abs(s.total - total[i]) <= 4.0 * s.total_se);
    CHECK(s.first_low <= s.first);
    CHECK(s.first <= s.first_high);
    CHECK(s.total_low <= s.total);
    CHECK(s.total <= s.total_high);
  }
  // x3 alone does nothing: its first-order interval covers 0.
  CHECK(r.indices[2].first_low <= 0.0);
  CHECK(r.indices[2].first_high >= 0.0);
}

TEST_CASE("Sobol design and bootstrap do not depend on the thread count", "[sobol]") {
  const analysis::SaltelliDesign design(5, 500, {1, 2, 3});
  const std::vector<double> f = evaluate(design);
  const auto one = analysis::jansen_indices(f, 500, 3, {.seed = 9, .resamples = 100, .threads = 1});
  const auto two = analysis::jansen_indices(f, 500, 3, {.seed = 9, .resamples = 100, .threads = 2});
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(one.indices[i].total_low == two.indices[i].total_low);
    CHECK(one.indices[i].first_high == two.indices[i].first_high);
  }
}

TEST_CASE("A_B^i takes input i from B and every other input from A", "[sobol]") {
  const analysis::SaltelliDesign d(1, 4, {10, 20});
  // Evaluation 2·4 + 1 is row 1 of A_B^0.
  CHECK(d.point(9, 0) == d.u(1, 1, 0));
  CHECK(d.point(9, 1) == d.u(0, 1, 1));
  CHECK(d.point(1, 0) == d.u(0, 1, 0));
  CHECK(d.point(5, 1) == d.u(1, 1, 1));
  CHECK(d.u(0, 1, 0) != d.u(1, 1, 0));
}

TEST_CASE("Sobol indices are NaN when the output never varies", "[sobol]") {
  const std::vector<double> f(10 * 4, 1.0);
  const auto r = analysis::jansen_indices(f, 10, 2, {.resamples = 20});
  CHECK(r.variance == 0.0);
  CHECK(std::isnan(r.indices[0].first));
  CHECK(std::isnan(r.indices[1].total_low));
}
