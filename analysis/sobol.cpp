#include "analysis/sobol.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "model/rng.h"
#include "model/summary.h"

namespace targetcast::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The sums one estimate needs, over a multiset of rows (all rows once, or a
// bootstrap resample): Σf, Σf² over A and B, and per input the two squared
// differences of Jansen's estimators.
struct Sums {
  double n = 0.0, f = 0.0, f2 = 0.0;
  std::vector<double> first, total;
  explicit Sums(std::size_t inputs) : first(inputs, 0.0), total(inputs, 0.0) {}

  void add(std::span<const double> evaluations, std::size_t samples, std::size_t row) {
    const double a = evaluations[row];
    const double b = evaluations[samples + row];
    n += 2.0;
    f += a + b;
    f2 += a * a + b * b;
    for (std::size_t i = 0; i < first.size(); ++i) {
      const double ab = evaluations[(2 + i) * samples + row];
      first[i] += (b - ab) * (b - ab);
      total[i] += (a - ab) * (a - ab);
    }
  }

  double mean() const { return f / n; }
  // Variance with divisor 2N − 1 over the 2N rows of A and B.
  double variance() const { return n > 1.0 ? std::max(0.0, (f2 - f * f / n) / (n - 1.0)) : kNaN; }
  double first_index(std::size_t i, double v) const { return v > 0.0 ? (v - first[i] / n) / v : kNaN; }
  double total_index(std::size_t i, double v) const { return v > 0.0 ? total[i] / n / v : kNaN; }
};

struct Spread {
  double low = kNaN, high = kNaN, se = kNaN;
};

// Percentile interval and sd of bootstrap replicates (NaN ones dropped).
Spread spread(std::vector<double> replicates, double confidence) {
  std::erase_if(replicates, [](double x) { return std::isnan(x); });
  Spread s;
  if (replicates.size() < 2) return s;
  std::sort(replicates.begin(), replicates.end());
  const double tail = (1.0 - confidence) / 2.0;
  s.low = model::quantile_sorted(replicates, tail);
  s.high = model::quantile_sorted(replicates, 1.0 - tail);
  double sum = 0.0;
  for (double x : replicates) sum += x;
  const double mean = sum / static_cast<double>(replicates.size());
  double squares = 0.0;
  for (double x : replicates) squares += (x - mean) * (x - mean);
  s.se = std::sqrt(squares / static_cast<double>(replicates.size() - 1));
  return s;
}

}  // namespace

SaltelliDesign::SaltelliDesign(std::uint64_t seed, std::size_t samples, std::vector<std::uint32_t> input_keys)
    : seed_(seed), samples_(samples), keys_(std::move(input_keys)) {
  if (samples_ < 2) throw std::invalid_argument("a Saltelli design needs at least 2 samples");
}

int SaltelliDesign::source(std::size_t evaluation, std::size_t input) const {
  const std::size_t block = evaluation / samples_;
  if (block == 0) return 0;
  if (block == 1) return 1;
  return block - 2 == input ? 1 : 0;
}

double SaltelliDesign::u(int matrix, std::size_t row, std::size_t input) const {
  model::CounterStream s(seed_, static_cast<std::uint32_t>(row), model::Stream::sensitivity_design, matrix,
                         keys_[input]);
  return s.uniform();
}

SobolResult jansen_indices(std::span<const double> f, std::size_t samples, std::size_t inputs,
                           const BootstrapOptions& bootstrap) {
  if (samples < 2 || f.size() != samples * (inputs + 2)) {
    throw std::invalid_argument("jansen_indices: expected samples * (inputs + 2) evaluations");
  }
  SobolResult r;
  r.samples = samples;
  r.bootstrap = bootstrap.resamples;
  Sums all(inputs);
  for (std::size_t j = 0; j < samples; ++j) all.add(f, samples, j);
  r.mean = all.mean();
  r.variance = all.variance();
  r.indices.resize(inputs);
  for (std::size_t i = 0; i < inputs; ++i) {
    r.indices[i].first = all.first_index(i, r.variance);
    r.indices[i].total = all.total_index(i, r.variance);
  }

  // Replicates, resample-major: resample b writes only its own slots.
  const std::size_t resamples = bootstrap.resamples;
  std::vector<double> first(resamples * inputs), total(resamples * inputs);
  const int threads = bootstrap.threads > 0 ? bootstrap.threads : omp_get_max_threads();
  const auto n_resamples = static_cast<std::int64_t>(resamples);
#pragma omp parallel for num_threads(threads) schedule(static)
  for (std::int64_t b = 0; b < n_resamples; ++b) {
    model::CounterStream pick(bootstrap.seed, static_cast<std::uint32_t>(b), model::Stream::sensitivity_bootstrap, 0,
                              0);
    Sums sums(inputs);
    for (std::size_t k = 0; k < samples; ++k) {
      // Uniform row index by multiply-shift of 32 random bits (Lemire 2019);
      // the bias is below samples / 2^32, negligible for any design we run.
      const auto j = static_cast<std::size_t>((static_cast<std::uint64_t>(pick.next_u32()) * samples) >> 32);
      sums.add(f, samples, j);
    }
    const double v = sums.variance();
    const auto base = static_cast<std::size_t>(b) * inputs;
    for (std::size_t i = 0; i < inputs; ++i) {
      first[base + i] = sums.first_index(i, v);
      total[base + i] = sums.total_index(i, v);
    }
  }
  for (std::size_t i = 0; i < inputs; ++i) {
    std::vector<double> fi(resamples), ti(resamples);
    for (std::size_t b = 0; b < resamples; ++b) {
      fi[b] = first[b * inputs + i];
      ti[b] = total[b * inputs + i];
    }
    const Spread sf = spread(std::move(fi), bootstrap.confidence);
    const Spread st = spread(std::move(ti), bootstrap.confidence);
    SobolIndex& x = r.indices[i];
    x.first_low = sf.low, x.first_high = sf.high, x.first_se = sf.se;
    x.total_low = st.low, x.total_high = st.high, x.total_se = st.se;
  }
  return r;
}

}  // namespace targetcast::analysis
