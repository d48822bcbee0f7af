#pragma once
// seeds/priors.toml (docs/seed-format.md), and the pieces every TOML file may
// hold: [prior.<name>] tables (plans and scenarios may override priors) and
// provenance (basis, source, quote, note). Internal to io/: the public entry
// is io/toml_loader.h.
#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "io/toml_fields.h"
#include "model/parameters.h"
#include "model/provenance.h"

namespace targetcast::io::detail {

// The values of `basis`, in model::Basis order.
inline constexpr std::array<std::string_view, 4> kBasisNames = {"document", "published", "assumption", "illustrative"};

// The values of `dist`, in model::DistributionKind order.
inline constexpr std::array<std::string_view, 6> kDistNames = {"fixed",     "uniform", "normal",
                                                               "lognormal", "beta",    "gamma"};

// basis, source, quote, note. With Need::optional the provenance may be absent
// altogether; once any of its keys is given, it must be complete.
std::optional<model::Provenance> read_provenance(Fields& f, Need need);

// Every key of a [prior.<name>] table: name, dist, the keys of every distribution
// (those of the others are rejected by name), truncation and provenance.
const std::vector<std::string_view>& prior_keys();

// [prior.<name>] tables, in file order. With `defaults` (the priors file) the
// tables may also hold placeholder and sized_for_firms, noted in `defaults`.
std::vector<model::Prior> read_priors(Fields& root, Need need, model::ParameterSpace* defaults = nullptr);

// The whole priors file: `format = 1` and [prior.<name>] tables; canonical.
model::ParameterSpace read_priors_file(Report& report, const toml::table& root);

}  // namespace targetcast::io::detail
