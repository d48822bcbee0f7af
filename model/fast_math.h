#pragma once
// exp and log for the engine's per-firm loops, written so that the compiler
// vectorises a loop calling them (branch-free, no table, no libm call).
//
// Why not std::exp: glibc's exp and log are scalar calls, about half of the
// cost of a firm-step before these existed (docs/benchmarks.md, profile), and
// a loop that calls them cannot be vectorised. These run in a few
// nanoseconds per value in a vectorised loop, and the same expression gives the
// same bits in a scalar and in a vector lane (only +, −, ×, ÷ and exact
// integer operations; the build sets -ffp-contract=off so no multiply-add is
// fused differently in one place than in another). That is what keeps a run's
// results bit-identical whether a firm is advanced by the batched kernel or by
// the scalar sampler.
//
// Accuracy (tests/model/test_fast_math.cpp, against glibc over the engine's
// ranges): exp_fast within 1 ulp on [−700, 700], log_fast within 1 ulp on
// positive normal numbers. Ranges:
//   exp_fast(x): x is clamped to [−708, 709]; so it never returns inf or 0 for
//                finite x (e^709 ≈ 8.2e307, e^-708 ≈ 3.3e-308, both normal); NaN in, NaN out.
//   log_fast(x): for positive normal finite x only (the callers pass uniforms
//                in (0, 1] and revenues in [e^-40, e^40]).
#include <bit>
#include <cmath>
#include <cstdint>

namespace targetcast::model {

namespace fast_math_detail {
inline constexpr double kLog2e = 1.4426950408889634074;
// ln 2 split so that n·kLn2Hi is exact for |n| < 2^11 (Cody–Waite reduction).
inline constexpr double kLn2Hi = 6.93147180369123816490e-01;
inline constexpr double kLn2Lo = 1.90821492927058770002e-10;
// 1.5·2^52: adding it rounds a double in (−2^51, 2^51) to the nearest integer,
// which then sits in the low mantissa bits.
inline constexpr double kRoundMagic = 0x1.8p52;
// x = 2^e·m with m ∈ [√½, √2), for positive normal x: e (as a double) and m,
// both exact. Subtracting the bits of √½ moves the exponent boundary to
// √½·2^k, so the (arithmetic) shift gives e with m = x·2^-e in [√½, √2). The
// exponent field of the difference is e mod 4096; e + 2048 (in [1026, 3072])
// is turned into a double through the mantissa of 2^52, since vector ISAs
// before AVX-512 have neither an arithmetic 64-bit shift nor a 64-bit integer
// to double conversion.
struct LogArgument {
  double exponent;
  double mantissa;
};
inline LogArgument split_log_argument(double x) noexcept {
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(x);
  constexpr std::uint64_t kSqrtHalfBits = 0x3FE6A09E667F3BCDull;
  const std::uint64_t offset = bits - kSqrtHalfBits;
  const std::uint64_t e_field = ((offset >> 52) + 2048u) & 0xFFFu;
  const double ed = (std::bit_cast<double>(e_field | 0x4330000000000000ull) - 0x1.0p52) - 2048.0;
  const double m = std::bit_cast<double>(bits - (offset & (0xFFFull << 52)));
  return {ed, m};
}
}  // namespace fast_math_detail

// e^x: x = n·ln2 + r with |r| ≤ ln2/2, e^r by its Taylor series to r^13
// (truncation error < 2e-17 relative), then the exponent n added to the bits.
inline double exp_fast(double x) noexcept {
  using namespace fast_math_detail;
  // Selects, not std::clamp (which compiles to branches and stops vectorisation).
  x = x < -708.0 ? -708.0 : x;
  x = x > 709.0 ? 709.0 : x;
  const double shifted = x * kLog2e + kRoundMagic;
  const double n = shifted - kRoundMagic;
  const double r = (x - n * kLn2Hi) - n * kLn2Lo;
  // Horner on the Taylor coefficients 1/k!, highest order first.
  double p = 1.0 / 6227020800.0;  // 1/13!
  p = 1.0 / 479001600.0 + r * p;  // 1/12!
  p = 1.0 / 39916800.0 + r * p;   // 1/11!
  p = 1.0 / 3628800.0 + r * p;    // 1/10!
  p = 1.0 / 362880.0 + r * p;     // 1/9!
  p = 1.0 / 40320.0 + r * p;      // 1/8!
  p = 1.0 / 5040.0 + r * p;       // 1/7!
  p = 1.0 / 720.0 + r * p;        // 1/6!
  p = 1.0 / 120.0 + r * p;        // 1/5!
  p = 1.0 / 24.0 + r * p;         // 1/4!
  p = 1.0 / 6.0 + r * p;          // 1/3!
  p = 0.5 + r * p;                // 1/2!
  p = 1.0 + r * p;
  p = 1.0 + r * p;
  // 2^n as a double, n ∈ [−1021, 1023] after the clamp, so 2^n is normal and
  // p·2^n does not overflow (p < 1 when n = 1023). The low bits of `shifted`
  // hold n in two's complement: adding the bias 1023 and shifting left by 52
  // leaves exactly n + 1023 in the exponent field (only 64-bit add and
  // shift, which every vector ISA has).
  const double scale = std::bit_cast<double>((std::bit_cast<std::uint64_t>(shifted) + 1023u) << 52);
  return p * scale;
}

// ln x for positive normal x: x = 2^e·m with m ∈ [√½, √2), then
// ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.1716, by its odd series to
// s^21 (truncation error < 1e-17 relative).
inline double log_fast(double x) noexcept {
  using namespace fast_math_detail;
  const auto [ed, m] = split_log_argument(x);
  const double f = m - 1.0;
  const double s = f / (m + 1.0);
  const double s2 = s * s;
  double q = 1.0 / 21.0;
  q = 1.0 / 19.0 + s2 * q;
  q = 1.0 / 17.0 + s2 * q;
  q = 1.0 / 15.0 + s2 * q;
  q = 1.0 / 13.0 + s2 * q;
  q = 1.0 / 11.0 + s2 * q;
  q = 1.0 / 9.0 + s2 * q;
  q = 1.0 / 7.0 + s2 * q;
  q = 1.0 / 5.0 + s2 * q;
  q = 1.0 / 3.0 + s2 * q;
  // ln m = 2s + 2s³q = f − s·(f − 2s²q)... written as f − s(f − 2 s² q) keeps
  // the leading term exact-ish: 2s = f − s·f.
  const double log_m = f - s * (f - 2.0 * s2 * q);
  return ed * kLn2Hi + (log_m + ed * kLn2Lo);
}

namespace fast_math_detail {
// ln 2 split so that n·kLn2HiF is exact for |n| < 2^7 (17 + 7 bits).
inline constexpr float kLn2HiF = 0.693145751953125f;
inline constexpr float kLn2LoF = 1.428606765330187045e-06f;

// y = n·ln2 + r with |r| ≤ ln2/2 for |y| ≤ 87: 2^n (a normal float) and
// q = e^r − 1 by its Taylor series to r^7 (truncation below 2e-8 relative).
struct ReducedExpF {
  float scale;  // 2^n
  float q;      // e^r − 1
};
inline ReducedExpF reduce_exp_f(float y) noexcept {
  constexpr float kLog2eF = 1.44269504088896341f;
  constexpr float kRoundMagicF = 0x1.8p23f;  // adding it rounds |v| < 2^22 to an integer
  const float shifted = y * kLog2eF + kRoundMagicF;
  const float n = shifted - kRoundMagicF;
  const float r = (y - n * kLn2HiF) - n * kLn2LoF;
  float p = 1.0f / 5040.0f;
  p = 1.0f / 720.0f + r * p;
  p = 1.0f / 120.0f + r * p;
  p = 1.0f / 24.0f + r * p;
  p = 1.0f / 6.0f + r * p;
  p = 0.5f + r * p;
  p = 1.0f + r * p;
  // 2^n from the low bits of `shifted` (n ∈ [−126, 126]), as in exp_fast.
  const float scale = std::bit_cast<float>((std::bit_cast<std::uint32_t>(shifted) + 127u) << 23);
  return {scale, r * p};
}
}  // namespace fast_math_detail

// ln x in single precision for positive normal float x, with a relative
// error below 4e-7 everywhere, also next to x = 1 (where ln x → 0): x = 2^e·m
// with m ∈ [√½, √2) by exact integer operations, f = m − 1 exact (Sterbenz),
// then ln m = 2·atanh(f/(2+f)) by its series to s^9 (truncation below 3e-9
// relative). Used by the growth shocks' W^(−2/ν) (model/samplers.h): 16
// lanes an instruction, twice double's.
inline float log_fast_f(float x) noexcept {
  // Subtracting the bits of √½ moves the exponent boundary to √½·2^k, so the
  // arithmetic shift of the difference gives e (32-bit lanes have one in
  // every vector ISA).
  constexpr std::uint32_t kSqrtHalfBitsF = 0x3F3504F3u;
  const std::uint32_t bits = std::bit_cast<std::uint32_t>(x);
  const std::int32_t e = static_cast<std::int32_t>(bits - kSqrtHalfBitsF) >> 23;
  const float m = std::bit_cast<float>(bits - (static_cast<std::uint32_t>(e) << 23));
  const float f = m - 1.0f;
  const float s = f / (2.0f + f);
  const float s2 = s * s;
  float q = 1.0f / 9.0f;
  q = 1.0f / 7.0f + s2 * q;
  q = 1.0f / 5.0f + s2 * q;
  q = 1.0f / 3.0f + s2 * q;
  const float log_m = f - s * (f - 2.0f * s2 * q);
  const auto ef = static_cast<float>(e);
  return ef * fast_math_detail::kLn2HiF + (log_m + ef * fast_math_detail::kLn2LoF);
}


// e^y − 1 in single precision for y ∈ [0, 87], relative error below 4e-7
// (also for small y, where e^y − 1 → 0): e^y − 1 = 2^n·q + (2^n − 1), which
// never cancels: for n = 0 it is q itself, for n ≥ 1 both terms are positive
// or 2^n·q > −2^n·0.3. Larger y are taken as 87.
inline float expm1_fast_f(float y) noexcept {
  y = y > 87.0f ? 87.0f : y;
  const fast_math_detail::ReducedExpF e = fast_math_detail::reduce_exp_f(y);
  return e.scale * e.q + (e.scale - 1.0f);
}

// e^x in single precision, relative error below 4e-7 on [−87, 87]; x is
// clamped to that range (e^±87 are normal floats), NaN gives NaN. For the
// firm rules' multipliers (model/firm_rules.h), where 10^-7 is far below what
// the model resolves and 16 lanes an instruction are twice double's.
inline float exp_fast_f(float x) noexcept {
  x = x < -87.0f ? -87.0f : x;
  x = x > 87.0f ? 87.0f : x;
  const fast_math_detail::ReducedExpF e = fast_math_detail::reduce_exp_f(x);
  return e.scale + e.scale * e.q;
}

// cos(2πu) for u in [0, 1] (the angle of the Box–Muller transform). u is
// reduced exactly in turns (u − round(u) and the octant offsets below are
// exact for dyadic u), then cos or sin of an angle |z| ≤ π/4 by Taylor series
// to z^16 / z^17 (truncation error < 1e-17). Absolute error below 1e-15 on
// (0, 1) against glibc's cos(2πu) (tests/model/test_fast_math.cpp); near the
// zeros of the cosine this is the more accurate of the two, since glibc's
// argument 2π·u is itself rounded.
inline double cos_2pi_fast(double u) noexcept {
  constexpr double kTwoPi = 6.28318530717958647693;
  double a = u - (u > 0.5 ? 1.0 : 0.0);  // [−½, ½]
  a = a < 0.0 ? -a : a;                   // cos is even: [0, ½]
  // Octants: [0, ⅛] cos(2πa); (⅛, ⅜] sin(2π(¼ − a)); (⅜, ½] −cos(2π(½ − a)).
  const bool middle = a > 0.125 && a <= 0.375;
  const bool last = a > 0.375;
  const double b = middle ? 0.25 - a : (last ? 0.5 - a : a);
  const double z = b * kTwoPi;
  const double z2 = z * z;
  double c = 1.0 / 20922789888000.0;        // 1/16!
  c = -1.0 / 87178291200.0 + z2 * c;        // 1/14!
  c = 1.0 / 479001600.0 + z2 * c;           // 1/12!
  c = -1.0 / 3628800.0 + z2 * c;            // 1/10!
  c = 1.0 / 40320.0 + z2 * c;               // 1/8!
  c = -1.0 / 720.0 + z2 * c;                // 1/6!
  c = 1.0 / 24.0 + z2 * c;                  // 1/4!
  c = -0.5 + z2 * c;                        // 1/2!
  const double cos_z = 1.0 + z2 * c;
  double sn = 1.0 / 355687428096000.0;      // 1/17!
  sn = -1.0 / 1307674368000.0 + z2 * sn;    // 1/15!
  sn = 1.0 / 6227020800.0 + z2 * sn;        // 1/13!
  sn = -1.0 / 39916800.0 + z2 * sn;         // 1/11!
  sn = 1.0 / 362880.0 + z2 * sn;            // 1/9!
  sn = -1.0 / 5040.0 + z2 * sn;             // 1/7!
  sn = 1.0 / 120.0 + z2 * sn;               // 1/5!
  sn = -1.0 / 6.0 + z2 * sn;                // 1/3!
  const double sin_z = z + z * z2 * sn;
  return middle ? sin_z : (last ? -cos_z : cos_z);
}

// The Box–Muller normal of two uniforms in (0, 1) (Box and Muller 1958):
// shared by standard_normal() and the batched initial firms so both give the
// same bits.
inline double box_muller(double u1, double u2) noexcept {
  return std::sqrt(-2.0 * log_fast(u1)) * cos_2pi_fast(u2);
}

}  // namespace targetcast::model
