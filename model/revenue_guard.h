#pragma once
// The revenue guard (docs/model.md, "Numerical guards"): a firm's log revenue
// stays in [kMinLogRevenue, kMaxLogRevenue], so no draw of θ, however extreme,
// makes a revenue overflow to inf or underflow to 0, and a NaN never survives.
// Every rule that sets a firm's log revenue passes it through
// clamp_log_revenue: the initial rescaling (§4), completed projects (§5.3),
// firm growth (§5.4, in the batched kernel of model/firm_batch.cpp) and entry
// (§5.6).
namespace targetcast::model {

inline constexpr double kMinLogRevenue = -40.0;  // e^-40 亿元: a firm with no revenue to speak of
inline constexpr double kMaxLogRevenue = 40.0;   // e^40 亿元 ≈ 2e17: far beyond any economy

// Selects rather than branches, and NaN tested as x != x, so that the per-firm
// loops that call it still vectorise. NaN cannot arise from finite inputs, but
// would become the floor.
inline double clamp_log_revenue(double lr) {
  lr = lr < kMinLogRevenue ? kMinLogRevenue : lr;
  lr = lr > kMaxLogRevenue ? kMaxLogRevenue : lr;
  return lr != lr ? kMinLogRevenue : lr;
}

}  // namespace targetcast::model
