#include "model/value_sketch.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace targetcast::model {

// ---------------------------------------------------------------------------
// ExactSum

namespace {
constexpr std::int64_t kDigitBase = std::int64_t{1} << 32;
// A digit grows by < 2^34 per add; carrying every 2^24 adds keeps it far from 2^63.
constexpr std::uint32_t kAddsPerCarry = 1u << 24;
}  // namespace

void ExactSum::add(double x) noexcept {
  if (x == 0.0 || std::isnan(x)) return;
  const bool negative = x < 0.0;
  double magnitude = std::abs(x);
  // Clamp below 2^128 (and inf to the largest double below it).
  constexpr double kTop = 0x1.fffffffffffffp127;
  magnitude = magnitude > kTop ? kTop : magnitude;
  int exponent = 0;
  const double fraction = std::frexp(magnitude, &exponent);  // magnitude = fraction · 2^exponent, fraction ∈ [½, 1)
  auto mantissa = static_cast<std::uint64_t>(std::ldexp(fraction, 53));  // exact: 53 bits
  // Bit position of the mantissa's last bit, counted from 2^-64.
  int shift = exponent - 53 + 64;
  if (shift < 0) {
    mantissa = -shift >= 64 ? 0 : mantissa >> -shift;  // below 2^-64: truncated
    shift = 0;
  }
  const auto d = static_cast<std::size_t>(shift / 32);
  const int offset = shift % 32;
  const std::uint64_t low = (mantissa & 0xFFFFFFFFu) << offset;  // < 2^63
  const std::uint64_t high = (mantissa >> 32) << offset;         // < 2^52
  const std::int64_t sign = negative ? -1 : 1;
  digit_[d] += sign * static_cast<std::int64_t>(low & 0xFFFFFFFFu);
  if (d + 1 < kDigits) digit_[d + 1] += sign * static_cast<std::int64_t>((low >> 32) + (high & 0xFFFFFFFFu));
  if (d + 2 < kDigits) digit_[d + 2] += sign * static_cast<std::int64_t>(high >> 32);
  if (++pending_ >= kAddsPerCarry) normalise();
}

void ExactSum::normalise() noexcept {
  // Every digit but the top one into [0, 2^32); the represented integer is
  // unchanged, and this form is unique, so value() depends only on the sum.
  for (int k = 0; k + 1 < kDigits; ++k) {
    const std::int64_t carry = digit_[static_cast<std::size_t>(k)] >> 32;  // floor division
    digit_[static_cast<std::size_t>(k)] -= carry * kDigitBase;
    digit_[static_cast<std::size_t>(k) + 1] += carry;
  }
  pending_ = 0;
}

void ExactSum::merge(const ExactSum& other) noexcept {
  ExactSum o = other;
  o.normalise();
  normalise();
  for (std::size_t k = 0; k < kDigits; ++k) digit_[k] += o.digit_[k];
  normalise();
}

double ExactSum::value() const noexcept {
  ExactSum n = *this;
  n.normalise();
  // Top digit first: the result is the (unique) integer rounded by at most a
  // few ulp, the same for the same sum.
  double total = 0.0;
  for (int k = kDigits - 1; k >= 0; --k) {
    total += std::ldexp(static_cast<double>(n.digit_[static_cast<std::size_t>(k)]), 32 * k - 64);
  }
  return total;
}

void ExactSum::write(std::vector<std::uint8_t>& out) const {
  ExactSum n = *this;
  n.normalise();
  for (std::int64_t d : n.digit_) put_bytes(out, d);
}

ExactSum ExactSum::read(std::span<const std::uint8_t>& in) {
  ExactSum s;
  for (std::int64_t& d : s.digit_) d = take_bytes<std::int64_t>(in);
  return s;
}

// ---------------------------------------------------------------------------
// ValueSketch

namespace {

constexpr int kOctaves = ValueSketch::kMaxExponent - ValueSketch::kMinExponent;
// Bucket 0: below 2^kMinExponent; then kOctaves × kSubBuckets; then the top bucket.
constexpr std::size_t kBuckets = 2 + static_cast<std::size_t>(kOctaves) * ValueSketch::kSubBuckets;
const double kBottom = std::ldexp(1.0, ValueSketch::kMinExponent);
const double kTopStart = std::ldexp(1.0, ValueSketch::kMaxExponent);

std::size_t bucket_of(double x) {
  if (!(x >= kBottom)) return 0;
  if (x >= kTopStart) return kBuckets - 1;
  int exponent = 0;
  const double fraction = std::frexp(x, &exponent);  // x = fraction · 2^exponent, fraction ∈ [½, 1)
  const int octave = exponent - 1 - ValueSketch::kMinExponent;
  const auto sub = static_cast<int>((2.0 * fraction - 1.0) * ValueSketch::kSubBuckets);
  return 1 + static_cast<std::size_t>(octave) * ValueSketch::kSubBuckets + static_cast<std::size_t>(sub);
}

// [low, high) of a bucket between the bottom and the top one.
void bucket_bounds(std::size_t b, double& low, double& high) {
  const auto index = static_cast<int>(b - 1);
  const int octave = index / ValueSketch::kSubBuckets + ValueSketch::kMinExponent;
  const int sub = index % ValueSketch::kSubBuckets;
  const double width = std::ldexp(1.0, octave) / ValueSketch::kSubBuckets;
  low = std::ldexp(1.0, octave) + sub * width;
  high = low + width;
}

}  // namespace

ValueSketch::ValueSketch() : bucket_(kBuckets, 0u) {}

void ValueSketch::add(double x) noexcept {
  if (count_ == 0) {
    min_ = max_ = x;
  } else {
    min_ = std::min(min_, x);
    max_ = std::max(max_, x);
  }
  ++count_;
  ++bucket_[bucket_of(x)];
  integers_ = integers_ && x == std::nearbyint(x);
  sum_.add(x);
}

void ValueSketch::merge(const ValueSketch& other) noexcept {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    min_ = other.min_;
    max_ = other.max_;
  } else {
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
  }
  count_ += other.count_;
  for (std::size_t b = 0; b < kBuckets; ++b) bucket_[b] += other.bucket_[b];
  integers_ = integers_ && other.integers_;
  sum_.merge(other.sum_);
}

double ValueSketch::order_statistic(std::uint64_t k) const {
  std::uint64_t before = 0;
  for (std::size_t b = 0; b < kBuckets; ++b) {
    const std::uint64_t c = bucket_[b];
    if (k >= before + c) {
      before += c;
      continue;
    }
    double low = 0.0, high = 0.0;
    if (b == 0) {
      low = min_;
      high = std::min(kBottom, max_);
    } else if (b == kBuckets - 1) {
      low = std::max(kTopStart, min_);
      high = max_;
    } else {
      bucket_bounds(b, low, high);
    }
    // The j-th of c values spread evenly over the bucket.
    const double j = static_cast<double>(k - before);
    double estimate = low + (j + 0.5) / static_cast<double>(c) * (high - low);
    if (integers_) estimate = high - low <= 1.0 ? std::ceil(low) : std::nearbyint(estimate);
    return std::clamp(estimate, min_, max_);
  }
  return max_;
}

double ValueSketch::quantile(double p) const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  const double h = static_cast<double>(count_ - 1) * std::clamp(p, 0.0, 1.0);
  const auto k = static_cast<std::uint64_t>(std::floor(h));
  const double below = order_statistic(k);
  if (k + 1 >= count_) return below;
  return below + (h - std::floor(h)) * (order_statistic(k + 1) - below);
}

void ValueSketch::write(std::vector<std::uint8_t>& out) const {
  put_bytes(out, count_);
  put_bytes(out, min_);
  put_bytes(out, max_);
  put_bytes(out, static_cast<std::uint8_t>(integers_ ? 1 : 0));
  sum_.write(out);
  // Sparse: (bucket, count) pairs of the non-empty buckets.
  std::uint32_t used = 0;
  for (std::uint32_t c : bucket_) used += c != 0 ? 1u : 0u;
  put_bytes(out, used);
  for (std::size_t b = 0; b < bucket_.size(); ++b) {
    if (bucket_[b] == 0) continue;
    put_bytes(out, static_cast<std::uint32_t>(b));
    put_bytes(out, bucket_[b]);
  }
}

ValueSketch ValueSketch::read(std::span<const std::uint8_t>& in) {
  ValueSketch s;
  s.count_ = take_bytes<std::uint64_t>(in);
  s.min_ = take_bytes<double>(in);
  s.max_ = take_bytes<double>(in);
  s.integers_ = take_bytes<std::uint8_t>(in) != 0;
  s.sum_ = ExactSum::read(in);
  const auto used = take_bytes<std::uint32_t>(in);
  for (std::uint32_t i = 0; i < used; ++i) {
    const auto b = take_bytes<std::uint32_t>(in);
    if (b >= s.bucket_.size()) throw std::runtime_error("summary bytes: bucket out of range");
    s.bucket_[b] = take_bytes<std::uint32_t>(in);
  }
  return s;
}

DistributionSummary ValueSketch::summary() const {
  DistributionSummary s;
  if (count_ == 0) return s;
  s.mean = sum_.value() / static_cast<double>(count_);
  s.p05 = quantile(0.05);
  s.p25 = quantile(0.25);
  s.p50 = quantile(0.50);
  s.p75 = quantile(0.75);
  s.p95 = quantile(0.95);
  return s;
}

}  // namespace targetcast::model
