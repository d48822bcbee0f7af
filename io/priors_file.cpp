// seeds/priors.toml, [prior.<name>] tables and provenance (io/priors_file.h).
#include "io/priors_file.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/document_file.h"
#include "model/distribution.h"

namespace targetcast::io::detail {

namespace {

// The two keys of each distribution, in DistributionKind order ("" = none).
constexpr std::array<std::array<std::string_view, 2>, 6> kDistKeys = {{
    {"value", ""},
    {"min", "max"},
    {"mean", "sd"},
    {"median", "sigma"},
    {"alpha", "beta"},
    {"shape", "scale"},
}};

// `placeholder` and `sized_for_firms`: notes on a default, only in the priors
// file (a region's own prior is neither).
void read_default_scale(Fields& f, std::string_view name, model::ParameterSpace* space) {
  if (space == nullptr) return;
  model::DefaultScale scale;
  scale.placeholder = f.flag("placeholder", Need::optional).value_or(false);
  scale.sized_for_firms =
      f.number("sized_for_firms", Need::optional, NumberRule{.min = 0.0, .min_open = true, .unit = "firms"})
          .value_or(0.0);
  if (scale.placeholder || scale.sized_for_firms > 0.0) space->set_default_scale(std::string(name), scale);
}

// Asks for every key of a prior table and reports the others; the priors
// file's tables also take placeholder and sized_for_firms.
void finish_prior(Fields& f, const model::ParameterSpace* space) {
  if (space == nullptr) {
    f.finish(prior_keys());
  } else {
    f.finish();
  }
}

std::optional<model::Prior> read_prior(Report& report, const toml::table& table, std::string_view name,
                                       const std::string& path, const std::string& origin,
                                       model::ParameterSpace* defaults) {
  Fields f(report, table, path);
  read_default_scale(f, name, defaults);
  const auto kind_index = f.choice("dist", Need::required, kDistNames);
  if (!kind_index) {
    // Without a known dist we cannot tell which keys belong: accept them all.
    for (const auto& keys : kDistKeys) {
      for (std::string_view k : keys) {
        if (!k.empty()) f.get(k);
      }
    }
    f.get("lower");
    f.get("upper");
    read_provenance(f, Need::required);
    f.text("name", Need::optional);
    finish_prior(f, defaults);
    return std::nullopt;
  }
  const auto kind = static_cast<model::DistributionKind>(*kind_index);
  const auto& own = kDistKeys[*kind_index];
  const std::string dist_name(kDistNames[*kind_index]);
  const std::string takes = own[1].empty() ? std::string(own[0]) : std::string(own[0]) + " and " + std::string(own[1]);

  // Keys of other distributions are named, not just "unknown".
  for (std::size_t k = 0; k < kDistKeys.size(); ++k) {
    for (std::string_view key : kDistKeys[k]) {
      if (key.empty() || key == own[0] || key == own[1]) continue;
      f.reject(key, does_not_apply(key, "dist", dist_name, "it takes " + takes));
    }
  }
  const bool truncatable = kind == model::DistributionKind::normal || kind == model::DistributionKind::lognormal ||
                           kind == model::DistributionKind::gamma;

  bool complete = true;
  model::Distribution d;
  d.kind = kind;
  // nu_t = inf is how a prior says "normal firm shocks" (docs/seed-format.md).
  const NumberRule first_rule{.allow_inf = kind == model::DistributionKind::fixed};
  const auto a = f.number(own[0], Need::required, first_rule);
  complete = complete && a.has_value();
  d.a = a.value_or(0.0);
  if (!own[1].empty()) {
    const auto b = f.number(own[1], Need::required);
    complete = complete && b.has_value();
    d.b = b.value_or(0.0);
  }
  if (truncatable) {
    const NumberRule bound{.allow_inf = true};
    const auto lower = f.number("lower", Need::optional, bound);
    const auto upper = f.number("upper", Need::optional, bound);
    complete = complete && (lower || !f.has("lower")) && (upper || !f.has("upper"));
    d.lower = lower.value_or(-kInf);
    d.upper = upper.value_or(kInf);
  } else {
    for (std::string_view key : {"lower", "upper"}) {
      f.reject(key, "'" + std::string(key) +
                        "' (truncation) applies only to normal, lognormal and gamma, not to dist = \"" + dist_name +
                        "\"");
    }
  }
  const auto provenance = read_provenance(f, Need::required);
  // name = { zh, en }: what the reports call the parameter; both or neither.
  const auto label = f.text("name", Need::optional);
  complete = complete && (label || !f.has("name"));
  finish_prior(f, defaults);

  if (complete) {
    const std::string message = model::check(d);
    if (!message.empty()) {
      // check() names the key at fault first ("sd must be ...").
      const std::string key = message.substr(0, message.find(' '));
      f.problem(key, message);
      complete = false;
    }
  }
  if (!complete || !provenance) return std::nullopt;
  return model::Prior{std::string(name), d, *provenance, origin, f.line(), label.value_or(model::Text{})};
}

}  // namespace

std::optional<model::Provenance> read_provenance(Fields& f, Need need) {
  const bool any = f.has("basis") || f.has("source") || f.has("quote") || f.has("note");
  const Need basis_need = (need == Need::required || any) ? Need::required : Need::optional;
  const auto basis = f.choice("basis", basis_need, kBasisNames);
  const auto source =
      f.string("source", Need::optional, StringRule::nonblank, "the source (seed document file name or citation)");
  const auto quote = f.string("quote", Need::optional, StringRule::nonblank, "the exact phrase quoted from the source");
  // note = "…" (one text) or note = { zh = "…", en = "…" } (a planner reads it in either report).
  std::optional<std::string> note;
  std::string note_zh;
  if (const toml::node* n = f.get("note"); n != nullptr && n->is_table()) {
    if (const auto text = f.text("note", Need::optional)) {
      note = text->en;
      note_zh = text->zh;
    }
  } else {
    note = f.string("note", Need::optional, StringRule::nonblank, "a one-line note, or { zh = \"…\", en = \"…\" }");
  }
  if (!basis) return std::nullopt;

  model::Provenance p;
  p.basis = static_cast<model::Basis>(*basis);
  p.source = source.value_or("");
  p.quote = quote.value_or("");
  p.note = note.value_or("");
  p.note_zh = note_zh;
  switch (p.basis) {
    case model::Basis::document:
      if (!f.has("source")) {
        f.missing("source", "basis = \"document\" needs source = the seed document's file name");
      }
      if (!f.has("quote")) {
        f.missing("quote", "basis = \"document\" needs quote = the exact phrase from the document");
      }
      break;
    case model::Basis::published:
      if (!f.has("source")) f.missing("source", "basis = \"published\" needs source = the citation");
      break;
    case model::Basis::assumption:
    case model::Basis::illustrative:
      if (!f.has("note")) {
        f.missing("note", "basis = \"" + std::string(kBasisNames[*basis]) + "\" needs note = a one-line reason");
      }
      break;
  }
  return p;
}

const std::vector<std::string_view>& prior_keys() {
  static const std::vector<std::string_view> keys = [] {
    std::vector<std::string_view> k = {"name", "dist"};
    for (const auto& pair : kDistKeys) {
      for (std::string_view key : pair) {
        if (!key.empty()) k.push_back(key);
      }
    }
    k.insert(k.end(), {"lower", "upper", "basis", "source", "quote", "note"});
    return k;
  }();
  return keys;
}

std::vector<model::Prior> read_priors(Fields& root, Need need, model::ParameterSpace* defaults) {
  std::vector<model::Prior> priors;
  const toml::node* n = root.get("prior");
  if (n == nullptr) {
    if (need == Need::required) {
      root.report().add(1, "prior", "missing [prior.<name>] tables (one per parameter)");
    }
    return priors;
  }
  const auto* table = n->as_table();
  if (table == nullptr) {
    root.problem("prior", "expected [prior.<name>] tables, got " + describe(*n));
    return priors;
  }
  // toml++ keeps keys sorted; the file's order is the one a planner expects.
  std::vector<std::pair<std::string_view, const toml::node*>> entries;
  for (auto&& [k, v] : *table) entries.emplace_back(k.str(), &v);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& x, const auto& y) { return line_of(*x.second) < line_of(*y.second); });
  for (const auto& [name, value] : entries) {
    const std::string path = child_path("prior", name);
    if (!is_id(name)) {
      root.report().add(line_of(*value), path,
                        "expected a parameter name of lowercase letters, digits, '-' and '_', got " + quoted(name));
    }
    const auto* t = value->as_table();
    if (t == nullptr) {
      root.report().add(line_of(*value), path,
                        "expected a table [" + path + "] with dist = … and its keys, got " + describe(*value));
      continue;
    }
    if (auto prior = read_prior(root.report(), *t, name, path, root.report().file(), defaults)) {
      priors.push_back(std::move(*prior));
    }
  }
  return priors;
}

model::ParameterSpace read_priors_file(Report& report, const toml::table& root) {
  Fields f(report, root, "");
  read_format(f);
  model::ParameterSpace space;
  for (model::Prior& prior : read_priors(f, Need::required, &space)) space.set(std::move(prior));
  space.set_documents(read_documents(f));
  f.finish();
  space.canonicalise();
  return space;
}

}  // namespace targetcast::io::detail
