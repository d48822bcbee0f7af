#include "model/run_context.h"

#include <Eigen/Cholesky>

#include "model/distribution.h"

namespace targetcast::model {

Theta draw_theta(const CompiledModel& model, std::uint64_t master_seed, std::uint32_t run) {
  Theta theta;
  const std::size_t n = model.parameters.size();
  theta.values.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    CounterStream s(master_seed, run, Stream::parameter, 0, model.parameter_stream_ids[i]);
    theta.values[i] = quantile(model.parameters[i].distribution, s.uniform());
  }
  return theta;
}

RunContext make_context(const CompiledModel& model, std::uint64_t master_seed, std::uint32_t run, Theta theta,
                        const PastPath& past) {
  RunContext ctx;
  ctx.model = &model;
  ctx.master_seed = master_seed;
  ctx.run = run;
  ctx.past = past;
  ctx.theta = std::move(theta);
  const Theta& t = ctx.theta;

  const Eigen::Vector3d sd(t[Param::sigma_cg], t[Param::sigma_ce], t[Param::sigma_cq]);
  double shrink = 1.0;
  for (int attempt = 0; attempt < 200; ++attempt) {
    Eigen::Matrix3d corr = Eigen::Matrix3d::Identity();
    corr(0, 1) = corr(1, 0) = shrink * t[Param::rho_ge];
    corr(0, 2) = corr(2, 0) = shrink * t[Param::rho_gq];
    corr(1, 2) = corr(2, 1) = shrink * t[Param::rho_eq];
    Eigen::LLT<Eigen::Matrix3d> llt(corr);
    if (llt.info() == Eigen::Success) {
      // Σ = D C D with D = diag(sd): its Cholesky factor is D·chol(C), which
      // stays valid when an sd is 0 (noise switched off).
      ctx.shock_cholesky = sd.asDiagonal() * Eigen::Matrix3d(llt.matrixL());
      break;
    }
    shrink *= 0.9;
  }
  ctx.shock_correlation_shrink = shrink;

  const double w1 = t[Param::w_lag1], w2 = t[Param::w_lag2], w3 = t[Param::w_lag3];
  const double total = w1 + w2 + w3;
  ctx.lag_weights = total > 0.0 ? std::array<double, 3>{w1 / total, w2 / total, w3 / total}
                                : std::array<double, 3>{1.0, 0.0, 0.0};
  ctx.log_r_ref = std::log(t[Param::r_ref]);
  return ctx;
}

}  // namespace targetcast::model
