#pragma once
// Lists of firms kept in order while others are dropped: step 5.5's removal of
// the year's leavers from the firm arrays (a stable compaction: the stayers
// keep their order, so the arrays stay sorted by id; every stayer a year
// older; the leavers' parks noted for freeing), and the list of firms whose
// growth shock the polar method rejected (step 5.4).
//
// Which firms leave or are rejected is random, so the plain loops are
// branch-free (an index that advances only for a kept entry). With AVX-512 (F, BW, VL) sixteen firms are
// moved at a time with the vector compress instructions: the same arrays to
// the bit, a third of the time (docs/benchmarks.md). Chosen at start-up like
// model/philox_lanes.h; tests/model/test_firm_compaction.cpp compares both.
#include <cstddef>
#include <cstdint>
#include <span>

#include "model/state.h"

namespace targetcast::model {

struct Compaction {
  std::size_t kept = 0;  // stayers, now firms [0, kept) of every array
  std::size_t left = 0;  // leavers, their parks in left_parks[0, left)
};

// Moves the stayers (exits[i] == 0) of every array of `firms` to the front,
// in order, with age min(age + 1, 65535), and writes the leavers' park fields
// to left_parks (room for firms.size()). Does not resize the arrays.
Compaction compact_stayers(Firms& firms, std::span<const std::uint8_t> exits, std::span<std::uint16_t> left_parks);

// The polar method's rejected firms of a batch (model/firm_batch.cpp): for
// every i < n with w[i] ≥ 1 (in order), appends at[i] to out_at and key[i] to
// out_key; returns how many. The output may be the same list as the input at
// an earlier or equal position (the list of a previous round, read and
// rewritten in place): each chunk is read before anything is written.
std::size_t append_rejected(const double* w, std::size_t n, const std::uint32_t* at, const std::uint32_t* key,
                            std::uint32_t* out_at, std::uint32_t* out_key);

// The same with the plain loop, or with the vector one where supported (tests).
enum class CompactionIsa { portable, avx512 };
bool compaction_supported(CompactionIsa isa) noexcept;
Compaction compact_stayers_with(CompactionIsa isa, Firms& firms, std::span<const std::uint8_t> exits,
                                std::span<std::uint16_t> left_parks);
std::size_t append_rejected_with(CompactionIsa isa, const double* w, std::size_t n, const std::uint32_t* at,
                                 const std::uint32_t* key, std::uint32_t* out_at, std::uint32_t* out_key);

}  // namespace targetcast::model
