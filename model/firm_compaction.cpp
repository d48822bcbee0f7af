#include "model/firm_compaction.h"

#include <algorithm>
#include <bit>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define TARGETCAST_COMPACTION_X86 1
#endif

namespace targetcast::model {
namespace {

// Firms [from, size) onto the ends `at` of the stayers and the leavers.
Compaction compact_from(Firms& f, std::span<const std::uint8_t> exits, std::span<std::uint16_t> left_parks,
                        std::size_t from, Compaction at) {
  std::size_t kept = at.kept, left = at.left;
  for (std::size_t i = from; i < f.size(); ++i) {
    const std::size_t stays = exits[i] != 0 ? 0u : 1u;
    left_parks[left] = f.park[i];
    left += 1u - stays;
    f.id[kept] = f.id[i];
    f.key[kept] = f.key[i];
    f.log_revenue[kept] = f.log_revenue[i];
    f.park[kept] = f.park[i];
    f.age[kept] = static_cast<std::uint16_t>(std::min<int>(f.age[i] + 1, 0xFFFF));
    kept += stays;
  }
  return {kept, left};
}

std::size_t append_rejected_from(const double* w, std::size_t from, std::size_t n, const std::uint32_t* at,
                                 const std::uint32_t* key, std::uint32_t* out_at, std::uint32_t* out_key,
                                 std::size_t count) {
  for (std::size_t i = from; i < n; ++i) {
    // Without a branch: which firms are rejected is random (21%).
    out_at[count] = at[i];
    out_key[count] = key[i];
    count += w[i] < 1.0 ? 0u : 1u;
  }
  return count;
}

#ifdef TARGETCAST_COMPACTION_X86
// GCC 12's own intrinsic headers start several conversions from a vector that
// is undefined on purpose (_mm256_undefined_si256) and then warn about it.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
// Sixteen firms at a time. Each chunk is loaded whole before anything is
// stored, and every store starts at kept ≤ i (or left ≤ i) and spans at most
// sixteen entries, so it only overwrites entries already read: the unmasked
// stores past the stayers are harmless and later chunks overwrite them.
// 16-bit fields are widened to 32-bit lanes for the compress and narrowed back.
__attribute__((target("avx512f,avx512bw,avx512vl"))) Compaction compact_avx512(Firms& f,
                                                                               std::span<const std::uint8_t> exits,
                                                                               std::span<std::uint16_t> left_parks) {
  const std::size_t n = f.size();
  std::size_t kept = 0, left = 0, i = 0;
  const __m512i one = _mm512_set1_epi32(1), age_max = _mm512_set1_epi32(0xFFFF);
  for (; i + 16 <= n; i += 16) {
    const __m128i flags = _mm_loadu_si128(reinterpret_cast<const __m128i*>(exits.data() + i));
    const __mmask16 stay = _mm_cmpeq_epi8_mask(flags, _mm_setzero_si128());
    const auto leave = static_cast<__mmask16>(~stay);
    const auto lo = static_cast<__mmask8>(stay & 0xFFu), hi = static_cast<__mmask8>(stay >> 8);
    const __m512i id = _mm512_loadu_si512(f.id.data() + i);
    const __m512i key = _mm512_loadu_si512(f.key.data() + i);
    const __m512d lr_lo = _mm512_loadu_pd(f.log_revenue.data() + i);
    const __m512d lr_hi = _mm512_loadu_pd(f.log_revenue.data() + i + 8);
    const __m512i park = _mm512_cvtepu16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(f.park.data() + i)));
    __m512i age = _mm512_cvtepu16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(f.age.data() + i)));
    age = _mm512_min_epu32(_mm512_add_epi32(age, one), age_max);

    _mm512_storeu_si512(f.id.data() + kept, _mm512_maskz_compress_epi32(stay, id));
    _mm512_storeu_si512(f.key.data() + kept, _mm512_maskz_compress_epi32(stay, key));
    _mm512_storeu_pd(f.log_revenue.data() + kept, _mm512_maskz_compress_pd(lo, lr_lo));
    _mm512_storeu_pd(f.log_revenue.data() + kept + static_cast<unsigned>(std::popcount(static_cast<unsigned>(lo))),
                     _mm512_maskz_compress_pd(hi, lr_hi));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(f.park.data() + kept),
                        _mm512_cvtepi32_epi16(_mm512_maskz_compress_epi32(stay, park)));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(f.age.data() + kept),
                        _mm512_cvtepi32_epi16(_mm512_maskz_compress_epi32(stay, age)));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(left_parks.data() + left),
                        _mm512_cvtepi32_epi16(_mm512_maskz_compress_epi32(leave, park)));
    const auto stayers = static_cast<std::size_t>(std::popcount(static_cast<unsigned>(stay)));
    kept += stayers;
    left += 16 - stayers;
  }
  return compact_from(f, exits, left_parks, i, {kept, left});
}

// Sixteen lanes at a time; as in compact_avx512, a chunk is loaded before the
// (unmasked) stores, which start at count ≤ i.
__attribute__((target("avx512f,avx512bw,avx512vl"))) std::size_t append_rejected_avx512(
    const double* w, std::size_t n, const std::uint32_t* at, const std::uint32_t* key, std::uint32_t* out_at,
    std::uint32_t* out_key) {
  const __m512d one = _mm512_set1_pd(1.0);
  std::size_t count = 0, i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m512i a = _mm512_loadu_si512(at + i);
    const __m512i k = _mm512_loadu_si512(key + i);
    // "not less than 1", as the plain loop's w < 1.0 ? 0 : 1.
    const __mmask8 lo = _mm512_cmp_pd_mask(_mm512_loadu_pd(w + i), one, _CMP_NLT_UQ);
    const __mmask8 hi = _mm512_cmp_pd_mask(_mm512_loadu_pd(w + i + 8), one, _CMP_NLT_UQ);
    const auto rejected = static_cast<__mmask16>(static_cast<unsigned>(lo) | (static_cast<unsigned>(hi) << 8));
    _mm512_storeu_si512(out_at + count, _mm512_maskz_compress_epi32(rejected, a));
    _mm512_storeu_si512(out_key + count, _mm512_maskz_compress_epi32(rejected, k));
    count += static_cast<std::size_t>(std::popcount(static_cast<unsigned>(rejected)));
  }
  return append_rejected_from(w, i, n, at, key, out_at, out_key, count);
}
#pragma GCC diagnostic pop
#endif

CompactionIsa widest_supported() noexcept {
  return compaction_supported(CompactionIsa::avx512) ? CompactionIsa::avx512 : CompactionIsa::portable;
}

}  // namespace

bool compaction_supported(CompactionIsa isa) noexcept {
  if (isa == CompactionIsa::portable) return true;
#ifdef TARGETCAST_COMPACTION_X86
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512vl");
#else
  return false;
#endif
}

Compaction compact_stayers_with(CompactionIsa isa, Firms& firms, std::span<const std::uint8_t> exits,
                                std::span<std::uint16_t> left_parks) {
#ifdef TARGETCAST_COMPACTION_X86
  if (isa == CompactionIsa::avx512) return compact_avx512(firms, exits, left_parks);
#endif
  (void)isa;
  return compact_from(firms, exits, left_parks, 0, {});
}

Compaction compact_stayers(Firms& firms, std::span<const std::uint8_t> exits, std::span<std::uint16_t> left_parks) {
  static const CompactionIsa isa = widest_supported();
  return compact_stayers_with(isa, firms, exits, left_parks);
}

std::size_t append_rejected_with(CompactionIsa isa, const double* w, std::size_t n, const std::uint32_t* at,
                                 const std::uint32_t* key, std::uint32_t* out_at, std::uint32_t* out_key) {
#ifdef TARGETCAST_COMPACTION_X86
  if (isa == CompactionIsa::avx512) return append_rejected_avx512(w, n, at, key, out_at, out_key);
#endif
  (void)isa;
  return append_rejected_from(w, 0, n, at, key, out_at, out_key, 0);
}

std::size_t append_rejected(const double* w, std::size_t n, const std::uint32_t* at, const std::uint32_t* key,
                            std::uint32_t* out_at, std::uint32_t* out_key) {
  static const CompactionIsa isa = widest_supported();
  return append_rejected_with(isa, w, n, at, key, out_at, out_key);
}

}  // namespace targetcast::model
