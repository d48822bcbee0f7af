#pragma once
// A summary of one quantity over many runs in fixed memory, for experiments
// too large to keep every run (MonteCarloOptions::record_runs = false).
//
// Two sketches of the same runs merged in any grouping give the same bits:
// every part is order-independent — counts are integers, min and max are
// exact, and the sum is kept exactly (ExactSum) rather than in floating
// point. That is what keeps results bit-identical whatever the number of
// threads or MPI processes that produced them.
//
// Quantiles come from a histogram of 128 buckets per power of two (relative
// bucket width 2^-7 ≈ 0.78%), so a quantile is within 0.4% of the exact type-7
// quantile (docs/model.md, "Summary-only experiments"); integer-valued
// quantities below 128 are exact. Values below 2^-20 share the bottom bucket
// and values of 2^60 and above the top one: quantiles there are clamped to the
// exact min and max. The engine's indicators are never negative; a negative
// value (never produced) would fall into the bottom bucket.
#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "model/results.h"

namespace targetcast::model {

// The byte forms (gathering from MPI processes, all on one kind of machine):
// a value's bytes appended, or taken off the front (std::runtime_error when
// too few are left).
template <class T>
inline void put_bytes(std::vector<std::uint8_t>& out, const T& value) {
  static_assert(std::is_trivially_copyable_v<T>);
  const std::size_t at = out.size();
  out.resize(at + sizeof(T));
  std::memcpy(out.data() + at, &value, sizeof(T));
}

template <class T>
inline T take_bytes(std::span<const std::uint8_t>& in) {
  static_assert(std::is_trivially_copyable_v<T>);
  if (in.size() < sizeof(T)) throw std::runtime_error("summary bytes: truncated");
  T value;
  std::memcpy(&value, in.data(), sizeof(T));
  in = in.subspan(sizeof(T));
  return value;
}

// Σ of doubles, exactly, in 32-bit fixed-point digits from 2^-64 to 2^128:
// addition of integers is associative, so the order of the terms cannot
// change the result. Parts below 2^-64 are dropped (truncated toward zero,
// deterministically); magnitudes from 2^128 on are clamped.
class ExactSum {
 public:
  void add(double x) noexcept;
  void merge(const ExactSum& other) noexcept;
  double value() const noexcept;  // the exact sum, rounded once
  void write(std::vector<std::uint8_t>& out) const;
  static ExactSum read(std::span<const std::uint8_t>& in);

 private:
  void normalise() noexcept;
  static constexpr int kDigits = 6;           // 6 × 32 bits: 2^-64 .. 2^128
  std::array<std::int64_t, kDigits> digit_{};  // digit_[k] weighs 2^(32k − 64)
  std::uint32_t pending_ = 0;                  // adds since the last carry propagation
};

class ValueSketch {
 public:
  ValueSketch();
  void add(double x) noexcept;
  void merge(const ValueSketch& other) noexcept;
  std::uint64_t count() const noexcept { return count_; }
  DistributionSummary summary() const;
  // The p-quantile (0 ≤ p ≤ 1), interpolated as type 7 between the estimated
  // order statistics.
  double quantile(double p) const;
  // Byte form (for gathering sketches from MPI processes): read(write(x)) == x.
  void write(std::vector<std::uint8_t>& out) const;
  static ValueSketch read(std::span<const std::uint8_t>& in);  // consumes its bytes from `in`

  static constexpr int kSubBuckets = 128;  // per power of two
  static constexpr int kMinExponent = -20;
  static constexpr int kMaxExponent = 60;  // values ≥ 2^60 go to the top bucket

 private:
  double order_statistic(std::uint64_t k) const;  // k-th smallest, 0-based (estimated)
  std::vector<std::uint32_t> bucket_;
  std::uint64_t count_ = 0;
  double min_ = 0.0, max_ = 0.0;
  bool integers_ = true;  // every value so far an integer: estimates are rounded
  ExactSum sum_;
};

}  // namespace targetcast::model
