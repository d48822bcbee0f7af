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

TEST_CASE("compaction: the polar method's rejected lanes are listed the same by both versions, in place too",
          "[model][growth]") {
  CounterStream s(32, 0, Stream::parameter, 0, 8);
  for (const std::size_t n : {std::size_t{0}, std::size_t{5}, std::size_t{16}, std::size_t{31}, std::size_t{256}}) {
    std::vector<double> w(n);
    std::vector<std::uint32_t> at(n), key(n);
    for (std::size_t i = 0; i < n; ++i) {
      w[i] = 1.3 * s.uniform();  // about 23% at or above 1
      if (i % 7 == 3) w[i] = 1.0;  // exactly 1 is rejected
      at[i] = static_cast<std::uint32_t>(5 * i + 2);
      key[i] = s.next_u32();
    }
    std::vector<std::uint32_t> want_at, want_key;
    for (std::size_t i = 0; i < n; ++i) {
      if (w[i] < 1.0) continue;
      want_at.push_back(at[i]);
      want_key.push_back(key[i]);
    }
    for (const CompactionIsa isa : {CompactionIsa::portable, CompactionIsa::avx512}) {
      if (!compaction_supported(isa)) continue;
      INFO("lanes " << n << " implementation " << static_cast<int>(isa));
      // Into separate lists, with room for the vector stores past the end.
      std::vector<std::uint32_t> out_at(n + 16), out_key(n + 16);
      const std::size_t count = append_rejected_with(isa, w.data(), n, at.data(), key.data(), out_at.data(), out_key.data());
      REQUIRE(count == want_at.size());
      for (std::size_t j = 0; j < count; ++j) {
        REQUIRE(out_at[j] == want_at[j]);
        REQUIRE(out_key[j] == want_key[j]);
      }
      // In place, as a later round rewrites the list it reads.
      std::vector<std::uint32_t> list_at = at, list_key = key;
      const std::size_t in_place =
          append_rejected_with(isa, w.data(), n, list_at.data(), list_key.data(), list_at.data(), list_key.data());
      REQUIRE(in_place == want_at.size());
      for (std::size_t j = 0; j < in_place; ++j) {
        REQUIRE(list_at[j] == want_at[j]);
        REQUIRE(list_key[j] == want_key[j]);
      }
    }
  }
}
