#include "calibration/scores.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/summary.h"

namespace targetcast::calibration {

double crps_sorted(std::span<const double> sorted, double y) {
  const std::size_t n = sorted.size();
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  double spread_to_y = 0.0;
  double spread = 0.0;
  const double count = static_cast<double>(n);
  for (std::size_t i = 0; i < n; ++i) {
    spread_to_y += std::abs(sorted[i] - y);
    spread += (2.0 * static_cast<double>(i) - count + 1.0) * sorted[i];
  }
  return spread_to_y / count - spread / (count * count);
}

double pit_sorted(std::span<const double> sorted, double y) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const auto below = std::lower_bound(sorted.begin(), sorted.end(), y) - sorted.begin();
  const auto not_above = std::upper_bound(sorted.begin(), sorted.end(), y) - sorted.begin();
  return (static_cast<double>(below) + 0.5 * static_cast<double>(not_above - below)) /
         static_cast<double>(sorted.size());
}

bool in_central_interval(std::span<const double> sorted, double y, double level) {
  if (sorted.empty()) return false;
  const double lo = model::quantile_sorted(sorted, 0.5 - level / 2.0);
  const double hi = model::quantile_sorted(sorted, 0.5 + level / 2.0);
  return y >= lo && y <= hi;
}

}  // namespace targetcast::calibration
