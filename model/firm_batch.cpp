#include "model/firm_batch.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "model/fast_math.h"
#include "model/firm_compaction.h"
#include "model/fixed_order_sum.h"
#include "model/philox_lanes.h"
#include "model/samplers.h"

namespace targetcast::model {
namespace {

// Lanes per batch: four word arrays of 256 × 4 bytes stay in L1 with room to spare.
constexpr std::size_t kLanes = 256;
// Doubles in the widest vector register (AVX-512). Loops over a multiple of
// it never enter the compiler's scalar tail.
constexpr std::size_t kWidth = 8;

std::size_t round_up_to_vector(std::size_t lanes) { return (lanes + kWidth - 1) / kWidth * kWidth; }

struct Words {
  alignas(64) std::array<std::uint32_t, kLanes> w0, w1, w2, w3;
  alignas(64) std::array<double, kLanes> t, scratch;
  alignas(64) std::array<std::uint32_t, kLanes> index;  // the batch's firm indices, in round 0
};

// The lanes' key of year `year`: a continued path's streams up to its last
// year, the run's own afterwards (RunContext::key).
PhiloxLaneKey lane_key(const RunContext& ctx, Stream stream, int year) {
  const RunKey k = ctx.key(year);
  return philox_lane_key(k.seed, k.run, stream, year);
}

}  // namespace

TARGETCAST_VECTOR_CLONES
void firm_year_draws(const RunContext& ctx, int year, double nu, std::span<const std::uint32_t> keys,
                     std::span<double> u_exit, std::span<double> eps) {
  // ν = ∞ (a normal) or ν ≤ 2 (no unit-variance t) take the scalar sampler.
  if (!std::isfinite(nu) || !(nu > 2.0)) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
      CounterStream s = ctx.stream(Stream::firm_growth, year, keys[i]);
      u_exit[i] = s.uniform();
      eps[i] = student_t_unit_variance(s, nu);
    }
    return;
  }
  // The micro-stream's words: 0–1 the exit uniform, then Bailey's polar
  // method two words a try. Round 0 takes block 0 on every firm (the exit
  // uniform and try 0); round r ≥ 1 is try r, words 2r + 2 and 2r + 3: the
  // low pair of block (r + 1)/2 when r is odd, its high pair when even. A
  // firm rejected (w ≥ 1, probability 1 − π/4) in one round is redrawn in the
  // next, as the scalar sampler would. Each later round runs on the firms
  // still rejected, gathered from the whole array so that the rounds stay long
  // (short ones ran mostly in scalar loop tails).
  const PhiloxLaneKey key = lane_key(ctx, Stream::firm_growth, year);
  Words words;
  // The rejected firms: their indices and keys, with room for a last batch
  // rounded up to whole vectors. Kept from call to call on each thread (a
  // step calls this once a year of every run); the padding lanes' keys are
  // whatever is there, their draws are never used.
  thread_local std::vector<std::uint32_t> pending_at, pending_key;
  pending_at.resize(keys.size() + kWidth);
  pending_key.resize(keys.size() + kWidth);
  std::array<std::uint32_t, kLanes> tail_keys{};
  std::size_t pending = 0;
  for (std::uint32_t round = 0; round == 0 || pending > 0; ++round) {
    const std::size_t lanes_total = round == 0 ? keys.size() : pending;
    const std::uint32_t block = (round + 1) / 2;
    const bool high_pair = round % 2 == 0;
    std::size_t still = 0;
    for (std::size_t start = 0; start < lanes_total; start += kLanes) {
      const std::size_t lanes = std::min(kLanes, lanes_total - start);
      const std::size_t padded = round_up_to_vector(lanes);
      const std::uint32_t* lane_keys = round == 0 ? keys.data() + start : pending_key.data() + start;
      if (round == 0 && padded != lanes) {  // the firms' last batch: keys padded to whole vectors
        std::copy_n(lane_keys, lanes, tail_keys.begin());
        lane_keys = tail_keys.data();
      }
      philox_lanes(key, block, lane_keys, padded, words.w0.data(), words.w1.data(), words.w2.data(), words.w3.data());
      if (round == 0) {
        for (std::size_t j = 0; j < lanes; ++j) u_exit[start + j] = uniform_from_words(words.w0[j], words.w1[j]);
      }
      const std::uint32_t* word_u = high_pair ? words.w2.data() : words.w0.data();
      const std::uint32_t* word_v = high_pair ? words.w3.data() : words.w1.data();
      for (std::size_t j = 0; j < padded; ++j) {
        const float u = signed_unit_from_word(word_u[j]);
        const float v = signed_unit_from_word(word_v[j]);
        const float w = u * u + v * v;
        words.scratch[j] = static_cast<double>(w);
        words.t[j] = student_t_from_disc(u, w < 1.0f ? w : 0.5f, nu);
      }
      // Every firm gets its value (a rejected one's is overwritten by a
      // later round); the rejected ones are appended to the pending list
      // (model/firm_compaction.h; never past the entry being read: still ≤
      // start + j), without branches, since which firms are rejected is random.
      if (round == 0) {
        for (std::size_t j = 0; j < lanes; ++j) {
          eps[start + j] = words.t[j];
          words.index[j] = static_cast<std::uint32_t>(start + j);
        }
        still += append_rejected(words.scratch.data(), lanes, words.index.data(), lane_keys, pending_at.data() + still,
                                 pending_key.data() + still);
      } else {
        for (std::size_t j = 0; j < lanes; ++j) eps[pending_at[start + j]] = words.t[j];
        still += append_rejected(words.scratch.data(), lanes, pending_at.data() + start, lane_keys,
                                 pending_at.data() + still, pending_key.data() + still);
      }
    }
    pending = still;
  }
}

TARGETCAST_VECTOR_CLONES
void new_firm_draws(const RunContext& ctx, Stream stream, int year, std::span<const std::uint32_t> entities,
                    std::span<double> z, std::span<double> u_park, std::span<double> u_pick) {
  const PhiloxLaneKey key = lane_key(ctx, stream, year);
  const std::span<const std::uint32_t> ids = entities;
  Words words;
  for (std::size_t start = 0; start < ids.size(); start += kLanes) {
    const std::size_t n = std::min(kLanes, ids.size() - start);
    // One block of 32-bit uniforms (layout 3): the Box–Muller pair, then the two park uniforms.
    philox_lanes(key, 0, ids.data() + start, n, words.w0.data(), words.w1.data(), words.w2.data(), words.w3.data());
    for (std::size_t j = 0; j < n; ++j) {
      z[start + j] = box_muller(uniform_from_word(words.w0[j]), uniform_from_word(words.w1[j]));
      u_park[start + j] = uniform_from_word(words.w2[j]);
      u_pick[start + j] = uniform_from_word(words.w3[j]);
    }
  }
}

TARGETCAST_VECTOR_CLONES
void apply_growth(const GrowthRule& rule, std::span<const double> eps, std::span<const std::uint16_t> park,
                  std::span<double> log_revenue) {
  for (std::size_t i = 0; i < log_revenue.size(); ++i) {
    log_revenue[i] = grown_log_revenue(rule, log_revenue[i], eps[i], park[i] != 0);
  }
}

TARGETCAST_VECTOR_CLONES
void exit_uniforms(const RunContext& ctx, int year, std::span<const std::uint32_t> keys, std::span<double> u_exit) {
  const PhiloxLaneKey key = lane_key(ctx, Stream::firm_growth, year);
  Words words;
  for (std::size_t start = 0; start < keys.size(); start += kLanes) {
    const std::size_t n = std::min(kLanes, keys.size() - start);
    philox_lanes(key, 0, keys.data() + start, n, words.w0.data(), words.w1.data(), words.w2.data(), words.w3.data());
    for (std::size_t j = 0; j < n; ++j) u_exit[start + j] = uniform_from_words(words.w0[j], words.w1[j]);
  }
}

TARGETCAST_VECTOR_CLONES
void exit_draws(const ExitRule& rule, std::span<const double> u_exit, std::span<const double> log_revenue,
                std::span<std::uint8_t> exits) {
  for (std::size_t i = 0; i < log_revenue.size(); ++i) {
    exits[i] = u_exit[i] < exit_hazard(rule, log_revenue[i]) ? 1 : 0;
  }
}

TARGETCAST_VECTOR_CLONES
void exp_scaled(std::span<const double> x, double alpha, double shift, std::span<double> out) {
  for (std::size_t i = 0; i < x.size(); ++i) out[i] = exp_fast(alpha * (x[i] - shift));
}

TARGETCAST_VECTOR_CLONES
std::size_t count_at_least(std::span<const double> x, double threshold) {
  std::size_t count = 0;
  for (const double v : x) count += v >= threshold ? 1u : 0u;
  return count;
}

TARGETCAST_VECTOR_CLONES
double sum_exp(std::span<const double> x) {
  return fixed_order_sum(x.data(), x.size(), [](double v) { return exp_fast(v); });
}

}  // namespace targetcast::model
