#pragma once
// Prior distributions of parameters (docs/model.md §6).
//
// A prior is drawn by inversion: θ = quantile(prior, u) with u from the
// parameter stream. Inversion through Boost.Math is exact, reproducible across
// standard libraries, and maps a Sobol or Latin-hypercube point to a draw as
// well as a random one.
#include <limits>
#include <string>
#include <string_view>

namespace targetcast::model {

enum class DistributionKind { fixed, uniform, normal, lognormal, beta, gamma };

std::string_view to_string(DistributionKind kind);

struct Distribution {
  DistributionKind kind = DistributionKind::fixed;
  // fixed: a = value; uniform: a = min, b = max; normal: a = mean, b = sd;
  // lognormal: a = median, b = sigma (log-sd); beta: a = alpha, b = beta;
  // gamma: a = shape, b = scale.
  double a = 0.0;
  double b = 0.0;
  // Optional truncation (normal, lognormal, gamma). Infinite = none.
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();

  static Distribution fixed(double value) { return {DistributionKind::fixed, value, 0.0}; }
  static Distribution uniform(double lo, double hi) { return {DistributionKind::uniform, lo, hi}; }
  static Distribution normal(double mean, double sd) { return {DistributionKind::normal, mean, sd}; }
};

// Empty when the distribution's numbers are valid, else what is wrong, in words
// a planner understands ("sd must be a finite number > 0, got -1"). The message
// begins with the TOML key at fault (value, min, max, mean, sd, median, sigma,
// alpha, beta, shape, scale, lower, upper) so that io/ can point at its line.
std::string check(const Distribution& d);

// Quantile at u ∈ (0, 1) (truncation respected). Precondition: check(d) is empty.
double quantile(const Distribution& d, double u);

// Cumulative distribution at x (truncation respected).
double cdf(const Distribution& d, double x);

// Density at x (truncation respected); 0 outside the support. A fixed
// distribution has density 1 at its value and 0 elsewhere (a point mass).
double density(const Distribution& d, double x);

// Support bounds after truncation.
double support_lower(const Distribution& d);
double support_upper(const Distribution& d);

// Mean of the (possibly truncated) distribution (closed forms: truncated normal,
// size-biased lognormal and gamma).
double mean(const Distribution& d);

// Human-readable form, e.g. "Normal(0.1, 0.04) truncated to [0, inf)".
std::string describe(const Distribution& d);

}  // namespace targetcast::model
