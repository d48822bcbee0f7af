#pragma once
// Philox4x32-10 for many entities at once: block `block` of the micro-streams
// (seed, run, stream, year, entity[i]) for i = 0..n−1, the same 128 bits that
// CounterStream(seed, run, stream, year, entity[i]) yields as its first four
// words (block 0) — tests/model/test_philox_lanes.cpp checks them against
// Random123 word for word.
//
// Why: a firm-step needs two blocks (growth shock, exit draw). Random123's
// scalar Philox computes one block at a time. Many lanes at once run in vector
// registers: each round is two 32×32→64-bit products, two shifts and two
// three-way xors per lane. Written as a plain loop, GCC widens the 32-bit
// lanes and multiplies them with the full 64×64-bit vpmullq (several µops on
// current x86); the AVX2 and AVX-512 versions in model/philox_lanes.cpp use
// vpmuludq, which is exactly the 32×32→64 product Philox needs
// (docs/benchmarks.md has the ns per block of each). The round function and
// constants are those of Salmon et al., SC'11, and of Random123's philox.h.
#include <bit>
#include <cstddef>
#include <cstdint>

#include "model/rng.h"

namespace targetcast::model {

// The parts of a Philox counter and key shared by every lane of a batch.
struct PhiloxLaneKey {
  std::uint32_t key0 = 0, key1 = 0;  // master seed, low and high words
  std::uint32_t ctr2 = 0;            // (stream << 16) | year
  std::uint32_t ctr3 = 0;            // run
};

inline PhiloxLaneKey philox_lane_key(std::uint64_t master_seed, std::uint32_t run, Stream stream, int year) noexcept {
  return PhiloxLaneKey{static_cast<std::uint32_t>(master_seed), static_cast<std::uint32_t>(master_seed >> 32),
                       (static_cast<std::uint32_t>(stream) << 16) | (static_cast<std::uint32_t>(year) & 0xFFFFu), run};
}

// The four words of the block for each lane i, into out0..out3[i]: the
// widest implementation this processor has (model/philox_lanes.cpp).
void philox_lanes(const PhiloxLaneKey& k, std::uint32_t block, const std::uint32_t* entity, std::size_t n,
                  std::uint32_t* out0, std::uint32_t* out1, std::uint32_t* out2, std::uint32_t* out3) noexcept;

// Which implementation philox_lanes() uses, and each one by name, so that the
// tests compare every one that the processor can run with Random123.
enum class PhiloxLanesIsa { portable, avx2, avx512 };
PhiloxLanesIsa philox_lanes_isa() noexcept;
bool philox_lanes_supported(PhiloxLanesIsa isa) noexcept;
void philox_lanes_with(PhiloxLanesIsa isa, const PhiloxLaneKey& k, std::uint32_t block, const std::uint32_t* entity,
                       std::size_t n, std::uint32_t* out0, std::uint32_t* out1, std::uint32_t* out2,
                       std::uint32_t* out3) noexcept;

// The plain loop: the reference, the tail of the vector versions, and the
// whole of it on processors without AVX2.
inline void philox_lanes_portable(const PhiloxLaneKey& k, std::uint32_t block, const std::uint32_t* entity, std::size_t n,
                         std::uint32_t* out0, std::uint32_t* out1, std::uint32_t* out2, std::uint32_t* out3) noexcept {
  constexpr std::uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
  constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t c0 = block, c1 = entity[i], c2 = k.ctr2, c3 = k.ctr3;
    std::uint32_t k0 = k.key0, k1 = k.key1;
    for (int round = 0; round < 10; ++round) {
      const std::uint64_t p0 = static_cast<std::uint64_t>(kM0) * c0;
      const std::uint64_t p1 = static_cast<std::uint64_t>(kM1) * c2;
      const auto hi0 = static_cast<std::uint32_t>(p0 >> 32), lo0 = static_cast<std::uint32_t>(p0);
      const auto hi1 = static_cast<std::uint32_t>(p1 >> 32), lo1 = static_cast<std::uint32_t>(p1);
      c0 = hi1 ^ c1 ^ k0;
      c1 = lo1;
      c2 = hi0 ^ c3 ^ k1;
      c3 = lo0;
      k0 += kW0;
      k1 += kW1;
    }
    out0[i] = c0;
    out1[i] = c1;
    out2[i] = c2;
    out3[i] = c3;
  }
}

// The uniform CounterStream::uniform() makes of two words (low first):
// (top 52 bits + ½)·2^-52. The integer is below 2^52, so OR-ing it into the
// mantissa of 2^52 and subtracting 2^52 converts it exactly without a
// (slow to vectorise) 64-bit integer conversion.
inline double uniform_from_words(std::uint32_t lo, std::uint32_t hi) noexcept {
  const std::uint64_t bits = (static_cast<std::uint64_t>(lo) | (static_cast<std::uint64_t>(hi) << 32)) >> 12;
  const double integer = std::bit_cast<double>(bits | 0x4330000000000000ull) - 0x1.0p52;
  return (integer + 0.5) * 0x1.0p-52;
}

}  // namespace targetcast::model
