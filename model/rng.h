#pragma once
// Counter-based random streams (docs/model.md §1, STYLE.md point 3).
//
// Every draw is a pure function of (master seed, run, stream, year, entity, draw
// index): Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as
// 1, 2, 3", SC'11) keyed by the master seed, with the other coordinates packed
// into the 128-bit counter. There is no shared sequential generator, so results
// do not depend on which thread or process computes a run, and two scenarios
// run with the same seed see the same draws for the same firm in the same year.
//
// Counter layout (RNG layout version kRngLayoutVersion; stored with every experiment):
//   ctr[0] = draw block index (increments inside one micro-stream)
//   ctr[1] = entity id (firm id, project index, indicator index, parameter hash, ...)
//   ctr[2] = (stream << 16) | (year & 0xFFFF)
//   ctr[3] = run index
//   key    = master seed (low 32 bits, high 32 bits)
#include <Random123/philox.h>

#include <cstdint>

namespace targetcast::model {

// Bump whenever the counter layout, a stream's meaning or a sampler's algorithm
// changes: results stored under one version are not comparable with another.
// 2: t shocks and batched kernels through model/fast_math.h.
// 3: a firm's exit uniform and its growth shock share the firm_growth
//    micro-stream (exit uniform first, then the shock), the polar t method
//    runs in single precision from 23-bit signed uniforms, and a new
//    firm's four draws come from one block of 32-bit uniforms
//    (docs/model.md §13; firm_exit is no longer drawn).
inline constexpr int kRngLayoutVersion = 3;

// Named streams. Append only: renumbering changes every stored result.
enum class Stream : std::uint32_t {
  parameter = 0,        // θ draws: entity = parameter hash, year = 0
  initial_firm = 1,     // initial revenue and park of each base firm: entity = firm id (= its key)
  common_shock = 2,     // z ~ N(0, I3) of step 1: entity = 0
  project_count = 3,    // n_t of step 2: entity = 0
  project = 4,          // recipient and lag of each new project: entity = project key (model/state.h)
  project_outcome = 5,  // scenario / landmark result of a completed project: entity = project key
  firm_growth = 6,      // exit uniform of step 5, then ε_i of step 4: entity = firm stream key (model/state.h)
  firm_exit = 7,        // unused since layout 3 (was the exit draw of step 5); kept so no number moves
  entry_count = 8,      // E_t of step 6: entity = 0
  entrant = 9,          // entrant revenue and park choice: entity = firm stream key
  counter = 10,         // Poisson counters of step 8: entity = name_hash(indicator id)
  growth_series = 11,   // reserved for idiosyncratic growth-series shocks: entity = name_hash(indicator id)
  investment = 12,      // investment-completion series: entity = name_hash(indicator id)
  posterior = 13,       // choice of a posterior particle: entity = 0
  // Calibration (calibration/abc_smc.h): run = attempt index, year = generation.
  calibration_proposal = 14,  // ancestor choice (entity 0), prior draws by inversion (entity = parameter hash)
  calibration_kernel = 15,    // perturbation z ~ N(0, I) of a proposal: entity = 0
  calibration_predictive =
      16,  // backtest: particle of a predictive run (entity 0), measurement noise (entity = observation index + 1)
  // Global sensitivity (analysis/sobol.h): run = design row, year = matrix (0 = A, 1 = B), entity = input index.
  sensitivity_design = 17,
  sensitivity_bootstrap = 18,  // bootstrap resample r: run = r, entity 0
};

// A micro-stream: the sequence of 32-bit words for one (seed, run, stream, year,
// entity) coordinate. Cheap to construct (no state beyond the counter), so make
// one per firm per rule; never share one across entities.
class CounterStream {
 public:
  using Philox = r123::Philox4x32;

  CounterStream(std::uint64_t master_seed, std::uint32_t run, Stream stream, int year, std::uint32_t entity) noexcept {
    key_ = {{static_cast<std::uint32_t>(master_seed), static_cast<std::uint32_t>(master_seed >> 32)}};
    ctr_ = {
        {0u, entity, (static_cast<std::uint32_t>(stream) << 16) | (static_cast<std::uint32_t>(year) & 0xFFFFu), run}};
  }

  // Next 32 random bits.
  std::uint32_t next_u32() noexcept {
    if (used_ == 4) refill();
    return block_[used_++];
  }

  // Next 64 random bits (two consecutive words, low word first).
  std::uint64_t next_u64() noexcept {
    const std::uint64_t lo = next_u32();
    const std::uint64_t hi = next_u32();
    return lo | (hi << 32);
  }

  // Uniform on the open interval (0, 1) with 52 random bits, at the midpoints
  // (k + 1/2)·2^-52: never 0 or 1 (with 53 bits the largest midpoint would
  // round up to exactly 1), so log(u) and inverse CDFs are always finite.
  // Smallest value kUniformMin = 2^-53, largest kUniformMax = 1 − 2^-53.
  double uniform() noexcept { return (static_cast<double>(next_u64() >> 12) + 0.5) * 0x1.0p-52; }
  static constexpr double kUniformMin = 0x1.0p-53;
  static constexpr double kUniformMax = 1.0 - 0x1.0p-53;

  // Uniform on (−1, 1) in single precision from the next word alone (signed_unit_from_word).
  float signed_unit() noexcept;

  // Uniform on (0, 1) from the next word alone (uniform_from_word): 32 bits.
  double uniform32() noexcept;

  // Number of Philox blocks consumed so far (for tests and benchmarks).
  std::uint32_t blocks_used() const noexcept { return ctr_[0]; }

 private:
  void refill() noexcept {
    Philox philox;
    block_ = philox(ctr_, key_);
    ++ctr_[0];
    used_ = 0;
  }

  Philox::key_type key_{};
  Philox::ctr_type ctr_{};
  Philox::ctr_type block_{};
  unsigned used_ = 4;
};

// Uniform on the open interval (−1, 1) in single precision from one 32-bit
// word: its top 23 bits read as a signed integer k ∈ [−2^22, 2^22), at the
// midpoint (k + ½)·2^-22, so never 0 or ±1, symmetric about 0, and exact in
// float. The polar t method's U and V (model/samplers.h), computed in single
// precision: a spacing of 2^-22 is far below what a growth shock resolves.
// Only exact integer operations and one conversion, in every vector ISA.
inline float signed_unit_from_word(std::uint32_t word) noexcept {
  return (static_cast<float>(static_cast<std::int32_t>(word) >> 9) + 0.5f) * 0x1.0p-22f;
}

inline float CounterStream::signed_unit() noexcept { return signed_unit_from_word(next_u32()); }

// Uniform on the open interval (0, 1) from one 32-bit word w: (w + ½)·2^-32,
// exact in double, never 0 or 1 (smallest 2^-33). For the draws of a new firm
// (layout 3), where one Philox block gives all four: a uniform's 2^-32 spacing
// is far below what a park choice or a starting revenue resolves.
inline double uniform_from_word(std::uint32_t word) noexcept {
  return (static_cast<double>(word) + 0.5) * 0x1.0p-32;
}

inline double CounterStream::uniform32() noexcept { return uniform_from_word(next_u32()); }

// Stable 32-bit entity id for a named thing (FNV-1a), so that adding a parameter
// does not shift the draws of the others.
constexpr std::uint32_t name_hash(const char* s, std::size_t n) noexcept {
  std::uint32_t h = 2166136261u;
  for (std::size_t i = 0; i < n; ++i) {
    h ^= static_cast<unsigned char>(s[i]);
    h *= 16777619u;
  }
  return h;
}

}  // namespace targetcast::model
