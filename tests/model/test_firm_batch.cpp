// The batched per-firm draws (model/firm_batch.h, model/philox_lanes.h) must
// be exactly the scalar samplers' draws for the same micro-streams: that is
// what keeps the engine's streams defined by (seed, run, stream, year, entity)
// alone, whichever code path — or vector width — computes them.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include "model/firm_batch.h"
#include "model/philox_lanes.h"
#include "model/samplers.h"
#include "model/state.h"
#include "tests/support/tiny_model.h"

namespace {

using namespace targetcast::model;

RunContext context(const CompiledModel& m, std::uint64_t seed, std::uint32_t run) {
  return make_context(m, seed, run, draw_theta(m, seed, run));
}

// Entity ids that cross several 256-lane batches and a ragged tail, and
// entrant keys with the high bit set.
std::vector<std::uint32_t> entities() {
  std::vector<std::uint32_t> e(1000);
  std::iota(e.begin(), e.end(), 0u);
  for (std::uint32_t k = 0; k < 37; ++k) e.push_back(entrant_key(3, k));
  return e;
}

}  // namespace

TEST_CASE("philox_lanes gives every lane the block CounterStream gives that entity", "[firm_batch][rng]") {
  const std::vector<std::uint32_t> e = entities();
  // Every implementation this processor runs, and lengths that end inside a
  // group of chains, inside a vector and exactly on one (the vector versions
  // hand the last few lanes to the plain loop).
  for (const PhiloxLanesIsa isa : {PhiloxLanesIsa::portable, PhiloxLanesIsa::avx2, PhiloxLanesIsa::avx512}) {
    if (!philox_lanes_supported(isa)) continue;
    for (const std::size_t n : {e.size(), std::size_t{1}, std::size_t{7}, std::size_t{8}, std::size_t{33}}) {
      std::vector<std::uint32_t> w0(n + 1, 0xAAAAAAAAu), w1(n + 1), w2(n + 1), w3(n + 1);
      for (std::uint32_t block : {0u, 1u, 7u}) {
        const PhiloxLaneKey key = philox_lane_key(0xfeedface12345678ULL, 99, Stream::firm_exit, 2027);
        philox_lanes_with(isa, key, block, e.data(), n, w0.data(), w1.data(), w2.data(), w3.data());
        REQUIRE(w0[n] == 0xAAAAAAAAu);  // nothing written past the last lane
        for (std::size_t i = 0; i < n; ++i) {
          CounterStream s(0xfeedface12345678ULL, 99, Stream::firm_exit, 2027, e[i]);
          for (std::uint32_t b = 0; b < block; ++b) (void)s.next_u64(), (void)s.next_u64();
          const std::uint32_t a = s.next_u32(), b = s.next_u32(), c = s.next_u32(), d = s.next_u32();
          INFO("implementation " << static_cast<int>(isa) << " lanes " << n << " lane " << i << " block " << block);
          REQUIRE(w0[i] == a);
          REQUIRE(w1[i] == b);
          REQUIRE(w2[i] == c);
          REQUIRE(w3[i] == d);
        }
      }
    }
  }
}

TEST_CASE("uniform_from_words is CounterStream::uniform", "[firm_batch][rng]") {
  CounterStream s(5, 6, Stream::entrant, 2024, 3);
  CounterStream t(5, 6, Stream::entrant, 2024, 3);
  for (int i = 0; i < 1000; ++i) {
    const std::uint32_t lo = t.next_u32(), hi = t.next_u32();
    REQUIRE(uniform_from_words(lo, hi) == s.uniform());
  }
  CHECK(uniform_from_words(0u, 0u) == CounterStream::kUniformMin);
  CHECK(uniform_from_words(0xFFFFFFFFu, 0xFFFFFFFFu) == CounterStream::kUniformMax);
}

TEST_CASE("Batched firm draws equal the scalar exit uniform and Student-t draw for draw", "[firm_batch]") {
  const CompiledModel m = targetcast::test::tiny_model().compile();
  const RunContext ctx = context(m, 77, 4);
  const std::vector<std::uint32_t> keys = entities();
  std::vector<double> eps(keys.size()), u_exit(keys.size()), u_alone(keys.size());
  exit_uniforms(ctx, 2023, keys, u_alone);
  for (double nu : {2.5, 4.0, 30.0, std::numeric_limits<double>::infinity()}) {
    firm_year_draws(ctx, 2023, nu, keys, u_exit, eps);
    std::size_t long_tries = 0;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      CounterStream s = ctx.stream(Stream::firm_growth, 2023, keys[i]);
      INFO("nu " << nu << " firm " << i);
      REQUIRE(u_exit[i] == s.uniform());
      REQUIRE(u_alone[i] == u_exit[i]);
      REQUIRE(eps[i] == student_t_unit_variance(s, nu));
      long_tries += s.blocks_used() >= 2 ? 1u : 0u;
    }
    // Some firms needed the second block's tries (rounds 1 and 2), so the
    // word pairs of later rounds were compared too.
    if (std::isfinite(nu)) CHECK(long_tries > 0);
  }
}

TEST_CASE("Batched new-firm draws equal the scalar stream's 32-bit normal and uniforms", "[firm_batch]") {
  const CompiledModel m = targetcast::test::tiny_model().compile();
  const RunContext ctx = context(m, 3, 1);
  const std::vector<std::uint32_t> keys = entities();
  std::vector<double> z(keys.size()), u_park(keys.size()), u_pick(keys.size());
  new_firm_draws(ctx, Stream::entrant, 2022, keys, z, u_park, u_pick);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    CounterStream s = ctx.stream(Stream::entrant, 2022, keys[i]);
    REQUIRE(z[i] == standard_normal_32(s));
    REQUIRE(u_park[i] == s.uniform32());
    REQUIRE(u_pick[i] == s.uniform32());
    REQUIRE(s.blocks_used() == 1);
  }
}

TEST_CASE("Batched exit draws compare the scalar uniform with the capped hazard", "[firm_batch]") {
  const CompiledModel m = targetcast::test::tiny_model().compile();
  const RunContext ctx = context(m, 9, 2);
  const std::vector<std::uint32_t> keys = entities();
  std::vector<double> log_revenue(keys.size()), u_exit(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) log_revenue[i] = -6.0 + 12.0 * static_cast<double>(i) / static_cast<double>(keys.size());
  const ExitRule rule{0.2, 0.3, 0.5, 0.0};
  std::vector<std::uint8_t> exits(keys.size());
  exit_uniforms(ctx, 2021, keys, u_exit);
  exit_draws(rule, u_exit, log_revenue, exits);
  std::size_t exited = 0;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    CounterStream s = ctx.stream(Stream::firm_growth, 2021, keys[i]);
    const double hazard = std::min(rule.h_max, rule.h0 * std::exp(-rule.zeta * log_revenue[i]));
    REQUIRE((exits[i] != 0) == (s.uniform() < hazard));
    exited += exits[i];
  }
  // Neither none nor all: the comparison above saw both outcomes.
  CHECK(exited > 50);
  CHECK(exited < keys.size() - 50);
}

TEST_CASE("sum_exp is deterministic and within rounding of the plain sum", "[firm_batch]") {
  std::vector<double> x;
  for (int i = 0; i < 1003; ++i) x.push_back(std::sin(i * 0.37) * 8.0);
  double plain = 0.0;
  for (double v : x) plain += std::exp(v);
  const double batched = sum_exp(x);
  CHECK(batched == Approx(plain).epsilon(1e-13));
  CHECK(sum_exp(x) == batched);
  CHECK(sum_exp(std::span<const double>()) == 0.0);
}
