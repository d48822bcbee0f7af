#pragma once
// Parameters θ of the model (docs/model.md §6) and the space they live in.
//
// The engine's own parameters are an enum, so that the hot loops read
// theta[Param::mu_g] by index with no lookup. Regions declare more parameters
// (counter rates, completion rates, ...) by name; they are appended after the
// engine's own and referenced by index once the model is compiled.
#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/distribution.h"
#include "model/provenance.h"

namespace targetcast::model {

// Append only when adding; the names below are the TOML keys.
enum class Param : std::size_t {
  n0, c0, sigma0, f_park0, park_capacity,
  sigma_cg, sigma_ce, sigma_cq, rho_ge, rho_gq, rho_eq, phi_c,
  lambda_soc, c_proj, alpha_alloc, w_lag1, w_lag2, w_lag3, p_scn, p_res, roi,
  mu_g, gamma_park, sigma_g, r_ref, kappa, nu_t,
  h0, zeta, h_max,
  lambda0, k_e, eps_c, beta_park, mu_e, sigma_e, p_park,
  tau_lead, tau_top, m_rel,
  gbar_q, phi_q,
  sigma_max,  // appended: cap on a firm's yearly volatility (docs/model.md)
  shock_max,  // appended: cap on a firm's yearly log-revenue shock |s_i ε_i| (docs/model.md)
  count_
};

inline constexpr std::size_t kEngineParamCount = static_cast<std::size_t>(Param::count_);

// Name (TOML key) of an engine parameter.
std::string_view param_name(Param p);

// Engine parameter with that name, if any.
std::optional<Param> find_engine_param(std::string_view name);

// Valid range of an engine parameter's values, checked against the prior's
// support when a model is compiled (e.g. probabilities in [0, 1]).
struct ParamRange {
  double lower;
  double upper;
  bool lower_open;  // value must be > lower instead of >=
  std::string_view meaning;  // one line, for messages and reports
  std::string_view unit;
  bool upper_open = false;  // value must be < upper instead of <= (correlations, persistences)

  // True when x lies in the range (NaN never does).
  bool contains(double x) const {
    return (lower_open ? x > lower : x >= lower) && (upper_open ? x < upper : x <= upper);
  }
};
const ParamRange& param_range(Param p);

// True when every value a prior can draw lies in the range. A continuous
// prior's support endpoints carry no probability, so LogNormal (support
// [0, inf)) is admitted by the range (0, inf); a fixed value must be inside.
bool admits(const ParamRange& range, const Distribution& d);

struct Prior {
  std::string name;
  Distribution distribution;
  Provenance provenance;
  std::string origin;  // which file set it last: "seeds/priors.toml", a region or scenario file
  int line = 0;        // line of its table in that file
  // What a planner calls it (name = { zh, en } in its table); empty when no
  // file names it. A later file's prior without a name keeps the earlier name.
  Text label = {};
};

// What the priors file says about a default that a region should not run on
// unawares (docs/priors.md): a generic placeholder every region is expected
// to replace, or a value sized for a region of `sized_for_firms` firms.
struct DefaultScale {
  bool placeholder = false;
  double sized_for_firms = 0.0;  // 0 = does not depend on the region's size
};

// An ordered set of named priors: the engine's parameters first (by enum
// order), then the region's own in declaration order.
class ParameterSpace {
 public:
  // The priors file's notes on its defaults, by parameter name.
  void set_default_scale(const std::string& name, DefaultScale scale) { scales_[name] = scale; }
  const std::map<std::string, DefaultScale, std::less<>>& default_scales() const { return scales_; }

  // The documents the priors file cites ([[document]] tables).
  void set_documents(std::vector<SourceDocument> documents) { documents_ = std::move(documents); }
  const std::vector<SourceDocument>& documents() const { return documents_; }

  // Sets or replaces the prior of `name` (replacement keeps its index).
  void set(Prior prior);

  std::size_t size() const { return priors_.size(); }
  const Prior& operator[](std::size_t i) const { return priors_[i]; }
  std::span<const Prior> priors() const { return priors_; }

  std::optional<std::size_t> index_of(std::string_view name) const;
  bool has(std::string_view name) const { return index_of(name).has_value(); }

  // Engine parameters must come first, in enum order, for theta[Param] to work.
  // Returns the names of engine parameters that have no prior (empty when complete).
  std::vector<std::string> missing_engine_params() const;

  // Reorders so that engine parameters come first in enum order. Call after
  // all set() calls and before compiling a model.
  void canonicalise();

 private:
  std::vector<Prior> priors_;
  std::vector<SourceDocument> documents_;
  std::map<std::string, DefaultScale, std::less<>> scales_;
};

// One draw of every parameter, indexed like the ParameterSpace it came from.
struct Theta {
  std::vector<double> values;

  double operator[](Param p) const { return values[static_cast<std::size_t>(p)]; }
  double& operator[](Param p) { return values[static_cast<std::size_t>(p)]; }
  double operator[](std::size_t i) const { return values[i]; }
  double& operator[](std::size_t i) { return values[i]; }
};

}  // namespace targetcast::model
