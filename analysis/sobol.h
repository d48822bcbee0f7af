#pragma once
// Variance-based global sensitivity: Sobol indices by Saltelli's sampling
// scheme and Jansen's estimators, with bootstrap intervals (docs/sensitivity.md).
//
// Pure maths on numbers; nothing here knows the model. The caller maps each
// design point u ∈ (0,1)^k to its inputs (a prior's quantile, a lever's range,
// a run index), evaluates the output, and hands the evaluations back in the
// design's order.
//
// Design (Saltelli 2002, Comput Phys Commun 145:280; Saltelli et al. 2010,
// Comput Phys Commun 181:259): two independent N × k matrices A and B, and for
// every input i the matrix A_B^i, which is A with column i taken from B. The
// model is evaluated on the N(k + 2) rows, stored block by block:
//   evaluation e = block · N + j, block 0 = A, 1 = B, 2 + i = A_B^i.
//
// Estimators (Jansen 1999, Comput Phys Commun 117:35; the pair recommended in
// Saltelli et al. 2010, table 2), with V the variance of f over the 2N rows of
// A and B:
//   first order  S_i  = (V − ½·mean_j (f(B)_j − f(A_B^i)_j)²) / V
//   total order  S_Ti = ½·mean_j (f(A)_j − f(A_B^i)_j)² / V
// Intervals: percentile bootstrap over the N rows (each resample keeps the
// rows of A, B and every A_B^i together), resample indices from the
// counter-based stream Stream::sensitivity_bootstrap: the same seed gives the
// same intervals on any number of threads.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace targetcast::analysis {

class SaltelliDesign {
 public:
  // `input_keys`: one stable id per input (e.g. name_hash of its name), so
  // that adding an input leaves the columns of the others unchanged.
  SaltelliDesign(std::uint64_t seed, std::size_t samples, std::vector<std::uint32_t> input_keys);

  std::size_t samples() const { return samples_; }
  std::size_t inputs() const { return keys_.size(); }
  std::size_t evaluations() const { return samples_ * (keys_.size() + 2); }

  // Row j (0..N−1) of evaluation e: A, B and every A_B^i share it.
  std::size_t row(std::size_t evaluation) const { return evaluation % samples_; }
  // The base matrix (0 = A, 1 = B) that input c of evaluation e takes its value from.
  int source(std::size_t evaluation, std::size_t input) const;
  // Design point of input c in row j of base matrix `matrix` (0 = A, 1 = B), in (0, 1).
  double u(int matrix, std::size_t row, std::size_t input) const;
  // Design point of input c of evaluation e.
  double point(std::size_t evaluation, std::size_t input) const {
    return u(source(evaluation, input), row(evaluation), input);
  }

 private:
  std::uint64_t seed_;
  std::size_t samples_;
  std::vector<std::uint32_t> keys_;
};

struct SobolIndex {
  double first = 0.0, first_low = 0.0, first_high = 0.0, first_se = 0.0;
  double total = 0.0, total_low = 0.0, total_high = 0.0, total_se = 0.0;
};

struct SobolResult {
  std::size_t samples = 0;
  std::size_t bootstrap = 0;
  double mean = 0.0;                // of f over the rows of A and B
  double variance = 0.0;            // V; the indices are NaN when it is 0 (the output never varies)
  std::vector<SobolIndex> indices;  // in input order
};

struct BootstrapOptions {
  std::uint64_t seed = 1;
  std::size_t resamples = 500;
  double confidence = 0.95;
  int threads = 0;  // 0 = all available
};

// Jansen first- and total-order indices of the evaluations `f` (size
// samples · (inputs + 2), in the design's order) with bootstrap intervals
// (percentile) and standard errors (sd of the bootstrap replicates).
SobolResult jansen_indices(std::span<const double> f, std::size_t samples, std::size_t inputs,
                           const BootstrapOptions& bootstrap = {});

}  // namespace targetcast::analysis
