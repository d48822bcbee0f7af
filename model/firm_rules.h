#pragma once
// The rules of one firm in steps 5.4 (growth) and 5.5 (exit) of
// docs/model.md, as inline functions of plain numbers. The batched kernels
// (model/firm_batch.cpp) apply them to every firm's lane and step.cpp gathers
// their parameters; neither restates them. Inline and branch-free so that the
// kernels' loops still vectorise (-fopt-info-vec), and with no fused
// multiply-add (-ffp-contract=off, model/CMakeLists.txt), so a value has the
// same bits in every clone.
#include <algorithm>

#include "model/fast_math.h"
#include "model/revenue_guard.h"

namespace targetcast::model {

// §5.4: ln r_i += drift + γ_park·[in a park] + clamp(s_i ε_i, ±shock_max), with
// s_i = min(σ_max, σ_g (r_i/r_ref)^−κ), then the revenue guard. Smaller firms
// are more volatile, up to sigma_max (without the cap the tiniest firms swing
// by several log units a year and a few run away); |s_i ε_i| ≤ shock_max
// because with fat-tailed ε the mean of e^(s ε) is infinite (docs/model.md).
struct GrowthRule {
  double drift = 0.0;  // μ_g + c_t + the scenario's growth shift
  double gamma_park = 0.0;
  double sigma_g = 0.0;
  double kappa = 0.0;
  double sigma_max = 0.0;
  double shock_max = 0.0;
  double log_r_ref = 0.0;
};

// The size factors (r_i/r_ref)^−κ here and (r_i/r_ref)^−ζ in exit_hazard are
// computed in single precision (exp_fast_f, 10^-7 relative, RNG layout 3):
// a volatility or hazard is not known to a millionth, and the float exp runs
// twice the lanes of a double one.
inline double size_factor(double exponent, double log_revenue, double log_r_ref) {
  return static_cast<double>(exp_fast_f(static_cast<float>(-exponent * (log_revenue - log_r_ref))));
}

inline double grown_log_revenue(const GrowthRule& rule, double log_revenue, double eps, bool in_park) {
  const double scale = std::min(rule.sigma_max, rule.sigma_g * size_factor(rule.kappa, log_revenue, rule.log_r_ref));
  double shock = scale * eps;
  shock = shock < -rule.shock_max ? -rule.shock_max : shock;
  shock = shock > rule.shock_max ? rule.shock_max : shock;
  return clamp_log_revenue(log_revenue + rule.drift + (in_park ? rule.gamma_park : 0.0) + shock);
}

// §5.5: a firm exits when its uniform is below its hazard
// h_i = min(h_max, h0 (r_i/r_ref)^−ζ): smaller firms exit more often.
struct ExitRule {
  double h0 = 0.0;  // after the scenario's exit multiplier
  double zeta = 0.0;
  double h_max = 0.0;
  double log_r_ref = 0.0;
};

inline double exit_hazard(const ExitRule& rule, double log_revenue) {
  return std::min(rule.h_max, rule.h0 * size_factor(rule.zeta, log_revenue, rule.log_r_ref));
}

}  // namespace targetcast::model
