// The stable compaction of step 5.5 (model/firm_compaction.h): the vector
// version gives the plain loop's arrays to the bit, for every length around
// its chunks of sixteen and for exit patterns from none to all.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "model/firm_compaction.h"
#include "model/rng.h"

namespace {

using namespace targetcast::model;

Firms some_firms(std::size_t n, CounterStream& s) {
  Firms f;
  for (std::size_t i = 0; i < n; ++i) {
    f.push_back(static_cast<std::uint32_t>(3 * i + 1), s.next_u32(), 10.0 * (s.uniform() - 0.5),
                static_cast<std::uint16_t>(s.next_u32() % 12));
    // Ages up to the cap, so the saturation at 65535 is exercised.
    f.age.back() = static_cast<std::uint16_t>(s.next_u32() % 4 == 0 ? 0xFFFFu : s.next_u32() % 40);
  }
  return f;
}

}  // namespace

TEST_CASE("compaction: the vector version moves the stayers exactly as the plain loop", "[model][exit]") {
  CounterStream s(31, 0, Stream::parameter, 0, 7);
  for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{15}, std::size_t{16}, std::size_t{17},
                              std::size_t{33}, std::size_t{1000}}) {
    for (const double exit_share : {0.0, 0.07, 0.5, 1.0}) {
      const Firms start = some_firms(n, s);
      std::vector<std::uint8_t> exits(n);
      for (auto& e : exits) e = s.uniform() < exit_share ? 1 : 0;
      Firms plain = start;
      std::vector<std::uint16_t> plain_left(n);
      const Compaction p = compact_stayers_with(CompactionIsa::portable, plain, exits, plain_left);
      // The plain loop is the specification: the stayers in order, a year older.
      std::size_t expect_kept = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (exits[i] != 0) continue;
        REQUIRE(plain.id[expect_kept] == start.id[i]);
        REQUIRE(plain.age[expect_kept] == std::min<int>(start.age[i] + 1, 0xFFFF));
        ++expect_kept;
      }
      REQUIRE(p.kept == expect_kept);
      REQUIRE(p.left == n - expect_kept);
      if (!compaction_supported(CompactionIsa::avx512)) continue;
      Firms vec = start;
      std::vector<std::uint16_t> vec_left(n);
      const Compaction v = compact_stayers_with(CompactionIsa::avx512, vec, exits, vec_left);
      INFO("firms " << n << " exit share " << exit_share);
      REQUIRE(v.kept == p.kept);
      REQUIRE(v.left == p.left);
      for (std::size_t i = 0; i < p.kept; ++i) {
        REQUIRE(vec.id[i] == plain.id[i]);
        REQUIRE(vec.key[i] == plain.key[i]);
        REQUIRE(vec.log_revenue[i] == plain.log_revenue[i]);
        REQUIRE(vec.park[i] == plain.park[i]);
        REQUIRE(vec.age[i] == plain.age[i]);
      }
      for (std::size_t j = 0; j < p.left; ++j) REQUIRE(vec_left[j] == plain_left[j]);
    }
  }
}
