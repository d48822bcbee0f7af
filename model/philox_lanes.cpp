#include "model/philox_lanes.h"

#include <array>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define TARGETCAST_PHILOX_X86 1
#endif

namespace targetcast::model {
namespace {

constexpr std::uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;
constexpr std::size_t kRounds = 10;

// The round keys: key + round·weyl, the same for every lane.
struct RoundKeys {
  std::array<std::uint32_t, kRounds> k0{}, k1{};
};

RoundKeys round_keys(const PhiloxLaneKey& k) noexcept {
  RoundKeys r;
  std::uint32_t k0 = k.key0, k1 = k.key1;
  for (std::size_t round = 0; round < kRounds; ++round) {
    r.k0[round] = k0;
    r.k1[round] = k1;
    k0 += kW0;
    k1 += kW1;
  }
  return r;
}

#ifdef TARGETCAST_PHILOX_X86

// GCC 12's own AVX-512 intrinsics (_mm512_cvtepi64_epi32 and others) start
// from a deliberately undefined register and trip -Wuninitialized once
// inlined here; nothing of ours is uninitialised.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

// Every lane is a 64-bit slot holding a 32-bit word in its low half. vpmuludq
// multiplies the low halves only, so the high halves may hold leftovers of
// earlier products (they are never read); the stores keep the low halves.
// Several independent groups of lanes (kChains) are in flight at once so the
// multiplier's latency is hidden.
constexpr std::size_t kChains = 4;

// The four output arrays, advanced together.
struct Outputs {
  std::uint32_t *w0, *w1, *w2, *w3;
};

// Chains × 8 lanes starting at entity[0], into out.w*[0..].
template <std::size_t Chains>
__attribute__((target("avx512f"))) void group_avx512(const PhiloxLaneKey& k, const RoundKeys& rk, std::uint32_t block,
                                                     const std::uint32_t* entity, const Outputs& out) noexcept {
  constexpr std::size_t kWidth = 8;
  const __m512i m0 = _mm512_set1_epi64(kM0), m1 = _mm512_set1_epi64(kM1);
  __m512i c0[Chains], c1[Chains], c2[Chains], c3[Chains];
  for (std::size_t c = 0; c < Chains; ++c) {
    c0[c] = _mm512_set1_epi64(block);
    c1[c] = _mm512_cvtepu32_epi64(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(entity + c * kWidth)));
    c2[c] = _mm512_set1_epi64(k.ctr2);
    c3[c] = _mm512_set1_epi64(k.ctr3);
  }
  for (std::size_t round = 0; round < kRounds; ++round) {
    const __m512i k0 = _mm512_set1_epi64(rk.k0[round]), k1 = _mm512_set1_epi64(rk.k1[round]);
    for (std::size_t c = 0; c < Chains; ++c) {
      const __m512i p0 = _mm512_mul_epu32(c0[c], m0), p1 = _mm512_mul_epu32(c2[c], m1);
      c0[c] = _mm512_ternarylogic_epi64(_mm512_srli_epi64(p1, 32), c1[c], k0, 0x96);  // three-way xor
      c1[c] = p1;
      c2[c] = _mm512_ternarylogic_epi64(_mm512_srli_epi64(p0, 32), c3[c], k1, 0x96);
      c3[c] = p0;
    }
  }
  for (std::size_t c = 0; c < Chains; ++c) {
    const std::size_t at = c * kWidth;
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out.w0 + at), _mm512_cvtepi64_epi32(c0[c]));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out.w1 + at), _mm512_cvtepi64_epi32(c1[c]));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out.w2 + at), _mm512_cvtepi64_epi32(c2[c]));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out.w3 + at), _mm512_cvtepi64_epi32(c3[c]));
  }
}

// The low halves of four 64-bit slots, as four 32-bit words.
__attribute__((target("avx2"))) inline void store_low_halves(std::uint32_t* out, __m256i v) noexcept {
  const __m256i low_halves = _mm256_setr_epi32(0, 2, 4, 6, 0, 2, 4, 6);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(v, low_halves)));
}

// Chains × 4 lanes starting at entity[0], into out.w*[0..].
template <std::size_t Chains>
__attribute__((target("avx2"))) void group_avx2(const PhiloxLaneKey& k, const RoundKeys& rk, std::uint32_t block,
                                                const std::uint32_t* entity, const Outputs& out) noexcept {
  constexpr std::size_t kWidth = 4;
  const __m256i m0 = _mm256_set1_epi64x(kM0), m1 = _mm256_set1_epi64x(kM1);
  __m256i c0[Chains], c1[Chains], c2[Chains], c3[Chains];
  for (std::size_t c = 0; c < Chains; ++c) {
    c0[c] = _mm256_set1_epi64x(block);
    c1[c] = _mm256_cvtepu32_epi64(_mm_loadu_si128(reinterpret_cast<const __m128i*>(entity + c * kWidth)));
    c2[c] = _mm256_set1_epi64x(k.ctr2);
    c3[c] = _mm256_set1_epi64x(k.ctr3);
  }
  for (std::size_t round = 0; round < kRounds; ++round) {
    const __m256i k0 = _mm256_set1_epi64x(rk.k0[round]), k1 = _mm256_set1_epi64x(rk.k1[round]);
    for (std::size_t c = 0; c < Chains; ++c) {
      const __m256i p0 = _mm256_mul_epu32(c0[c], m0), p1 = _mm256_mul_epu32(c2[c], m1);
      c0[c] = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p1, 32), c1[c]), k0);
      c1[c] = p1;
      c2[c] = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p0, 32), c3[c]), k1);
      c3[c] = p0;
    }
  }
  for (std::size_t c = 0; c < Chains; ++c) {
    const std::size_t at = c * kWidth;
    store_low_halves(out.w0 + at, c0[c]);
    store_low_halves(out.w1 + at, c1[c]);
    store_low_halves(out.w2 + at, c2[c]);
    store_low_halves(out.w3 + at, c3[c]);
  }
}

// Whole groups of `Chains` chains, then single chains, then the plain loop
// for the last few lanes.
template <std::size_t Width, auto Many, auto One>
void lanes_vector(const PhiloxLaneKey& k, std::uint32_t block, const std::uint32_t* entity, std::size_t n,
                  const Outputs& out) noexcept {
  const RoundKeys rk = round_keys(k);
  std::size_t i = 0;
  const auto at = [&](std::size_t j) { return Outputs{out.w0 + j, out.w1 + j, out.w2 + j, out.w3 + j}; };
  for (; i + kChains * Width <= n; i += kChains * Width) Many(k, rk, block, entity + i, at(i));
  for (; i + Width <= n; i += Width) One(k, rk, block, entity + i, at(i));
  philox_lanes_portable(k, block, entity + i, n - i, out.w0 + i, out.w1 + i, out.w2 + i, out.w3 + i);
}

#pragma GCC diagnostic pop
#endif  // TARGETCAST_PHILOX_X86

PhiloxLanesIsa widest_supported() noexcept {
  if (philox_lanes_supported(PhiloxLanesIsa::avx512)) return PhiloxLanesIsa::avx512;
  if (philox_lanes_supported(PhiloxLanesIsa::avx2)) return PhiloxLanesIsa::avx2;
  return PhiloxLanesIsa::portable;
}

}  // namespace

bool philox_lanes_supported(PhiloxLanesIsa isa) noexcept {
  switch (isa) {
    case PhiloxLanesIsa::portable:
      return true;
#ifdef TARGETCAST_PHILOX_X86
    case PhiloxLanesIsa::avx2:
      return __builtin_cpu_supports("avx2");
    case PhiloxLanesIsa::avx512:
      return __builtin_cpu_supports("avx512f");
#else
    default:
      return false;
#endif
  }
  return false;
}

PhiloxLanesIsa philox_lanes_isa() noexcept {
  static const PhiloxLanesIsa isa = widest_supported();
  return isa;
}

void philox_lanes_with(PhiloxLanesIsa isa, const PhiloxLaneKey& k, std::uint32_t block, const std::uint32_t* entity,
                       std::size_t n, std::uint32_t* out0, std::uint32_t* out1, std::uint32_t* out2,
                       std::uint32_t* out3) noexcept {
  switch (isa) {
#ifdef TARGETCAST_PHILOX_X86
    case PhiloxLanesIsa::avx512:
      lanes_vector<8, group_avx512<kChains>, group_avx512<1>>(k, block, entity, n, Outputs{out0, out1, out2, out3});
      return;
    case PhiloxLanesIsa::avx2:
      lanes_vector<4, group_avx2<kChains>, group_avx2<1>>(k, block, entity, n, Outputs{out0, out1, out2, out3});
      return;
#endif
    default:
      philox_lanes_portable(k, block, entity, n, out0, out1, out2, out3);
      return;
  }
}

void philox_lanes(const PhiloxLaneKey& k, std::uint32_t block, const std::uint32_t* entity, std::size_t n,
                  std::uint32_t* out0, std::uint32_t* out1, std::uint32_t* out2, std::uint32_t* out3) noexcept {
  philox_lanes_with(philox_lanes_isa(), k, block, entity, n, out0, out1, out2, out3);
}

}  // namespace targetcast::model
