#pragma once
// §5.2's project recipients: a project goes to an alive firm drawn with
// probability ∝ r^α. The weights e^(α(ln r − max ln r)) (relative to the
// largest firm, so they cannot overflow; in single precision, exp_scaled_f)
// are summed in blocks of 64 firms; a
// draw finds its block by binary search over the blocks' running totals and
// then walks that block's firms in order.
//
// Why blocks (RNG layout 3): a running sum over every firm is one long chain
// of dependent additions, about 1.3 ns a firm a year; the block sums run in
// vector lanes and only the few draws of a year walk a block. Each block's
// sum is in a fixed order (model/firm_batch.h, block_sums), so the same
// firms give the same recipients on every thread and machine.
#include <cstddef>
#include <span>
#include <vector>

namespace targetcast::model {

class RecipientWeights {
 public:
  static constexpr std::size_t kBlock = 64;

  // The weights of firms with these log revenues; the buffers are kept from
  // call to call.
  void assign(std::span<const double> log_revenue, double alpha);

  double total() const { return block_end_.empty() ? 0.0 : block_end_.back(); }

  // The firm where the running weight (block totals, then the firms of the
  // block in order) first exceeds `target` ∈ [0, total()); the last firm of the
  // block, or of all, where rounding leaves none.
  std::size_t pick(double target) const;

 private:
  std::vector<double> weight_;
  std::vector<double> block_end_;  // running total at the end of each block
};

}  // namespace targetcast::model
