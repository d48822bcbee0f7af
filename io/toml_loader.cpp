// Loading and validation of seed, prior and scenario files (docs/seed-format.md).
//
// The loaders walk the parsed TOML once, table by table. Each table is read
// through a Fields object that records which keys the format allows there, so
// that every key left over is reported as unknown (with a did-you-mean), and
// every problem is collected instead of thrown, so that a planner sees all of
// them at once. toml++ is included here only: it is slow to compile.
#include "io/toml_loader.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "model/distribution.h"

namespace targetcast::io {

namespace {

using model::Problem;

constexpr double kInf = std::numeric_limits<double>::infinity();

// Years outside this window are typing mistakes (20255, 225), not plans.
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2200;

// ---------------------------------------------------------------------------
// Words: how values are shown in messages.
// ---------------------------------------------------------------------------

std::string format_number(double x, bool as_float = false) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  std::array<char, 32> buf{};
  const auto result = std::to_chars(buf.data(), buf.data() + buf.size(), x);
  std::string out(buf.data(), result.ptr);
  // A TOML float is shown as a float ("2025.0"), so that "expected a whole
  // number, got 2025.0" makes sense.
  if (as_float && out.find_first_of(".e") == std::string::npos) out += ".0";
  return out;
}

// At most `limit` bytes of s, cut at a UTF-8 character boundary.
std::string clip(std::string_view s, std::size_t limit = 60) {
  if (s.size() <= limit) return std::string(s);
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0U) == 0x80U) --end;
  return std::string(s.substr(0, end)) + "…";
}

std::string quoted(std::string_view s) {
  return "'" + clip(s) + "'";
}

// What a node holds, for "got ..." in messages.
std::string describe(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: {
      const std::string& s = n.as_string()->get();
      return s.empty() ? std::string("an empty text") : "the text \"" + clip(s) + "\"";
    }
    case toml::node_type::integer:
      return std::to_string(n.as_integer()->get());
    case toml::node_type::floating_point:
      return format_number(n.as_floating_point()->get(), true);
    case toml::node_type::boolean:
      return n.as_boolean()->get() ? "true" : "false";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "a list";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string join(std::span<const std::string_view> words, std::string_view sep = ", ") {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += sep;
    out += w;
  }
  return out;
}

// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions,
// so that "=>" is one edit from ">=").
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::size_t> d((n + 1) * (m + 1));
  auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 1) + j]; };
  for (std::size_t i = 0; i <= n; ++i) at(i, 0) = i;
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(n, m);
}

// The candidate closest to `word`, if it is close enough to be a typo.
std::optional<std::string_view> closest(std::string_view word, std::span<const std::string_view> candidates) {
  const std::size_t allowed = word.size() <= 4 ? 1 : word.size() <= 8 ? 2 : 3;
  std::optional<std::string_view> best;
  std::size_t best_distance = allowed + 1;
  for (std::string_view c : candidates) {
    const std::size_t dist = edit_distance(word, c);
    if (dist < best_distance && dist < c.size()) {
      best = c;
      best_distance = dist;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  const auto best = closest(word, candidates);
  return best ? "; did you mean " + quoted(*best) + "?" : std::string();
}

bool is_id(std::string_view s) {
  if (s.empty()) return false;
  auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; };
  return std::all_of(s.begin(), s.end(), ok) && s.front() != '-' && s.front() != '_';
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// A key as it appears in a dotted path: bare when TOML allows, else quoted.
std::string path_key(std::string_view key) {
  const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
  return bare ? std::string(key) : "\"" + std::string(key) + "\"";
}

std::string child_path(std::string_view parent, std::string_view key) {
  return parent.empty() ? path_key(key) : std::string(parent) + "." + path_key(key);
}

std::string element_path(std::string_view array_path, std::size_t index0) {
  // Planners count from 1: the third [[target]] is target[3].
  return std::string(array_path) + "[" + std::to_string(index0 + 1) + "]";
}

int line_of(const toml::node& n) {
  return static_cast<int>(n.source().begin.line);
}

// ---------------------------------------------------------------------------
// Problems of one file.
// ---------------------------------------------------------------------------

class Report {
 public:
  explicit Report(std::string file) : file_(std::move(file)) {}

  void add(int line, std::string key, std::string message) {
    problems_.push_back(Problem{file_, line, std::move(key), std::move(message)});
  }
  bool ok() const { return problems_.empty(); }
  std::size_t count() const { return problems_.size(); }
  const std::string& file() const { return file_; }

  // In file order, so that a planner can work from the top down.
  std::vector<Problem> take() {
    std::stable_sort(problems_.begin(), problems_.end(),
                     [](const Problem& a, const Problem& b) { return a.line < b.line; });
    return std::move(problems_);
  }

 private:
  std::string file_;
  std::vector<Problem> problems_;
};

// ---------------------------------------------------------------------------
// Reading one table.
// ---------------------------------------------------------------------------

enum class Need { optional, required };

// "'sd' does not apply to dist = "uniform" (it takes min and max)".
std::string does_not_apply(std::string_view key, std::string_view field, std::string_view value,
                           std::string_view instead) {
  std::string out = "'";
  out.append(key).append("' does not apply to ").append(field).append(" = \"").append(value);
  out.append("\" (").append(instead).append(")");
  return out;
}

struct NumberRule {
  double min = -kInf;
  bool min_open = false;
  double max = kInf;
  bool allow_inf = false;      // TOML inf / -inf accepted (nu_t = inf, truncation bounds)
  std::string_view unit = {};  // shown in messages: "(亿元)"
};

std::string expectation(const NumberRule& rule) {
  std::string out = rule.allow_inf ? "a number" : "a finite number";
  if (rule.min > -kInf) out += (rule.min_open ? " > " : " ≥ ") + format_number(rule.min);
  if (rule.max < kInf) out += (rule.min > -kInf ? " and ≤ " : " ≤ ") + format_number(rule.max);
  if (!rule.unit.empty()) out += " (" + std::string(rule.unit) + ")";
  return out;
}

struct IntRule {
  long long min = 0;
  long long max = INT_MAX;
  std::string_view what;  // "a year", "a count of projects"
};

std::string expectation(const IntRule& rule) {
  std::string range = "a whole number";
  if (rule.min > INT_MIN && rule.max < INT_MAX) {
    range += " from " + std::to_string(rule.min) + " to " + std::to_string(rule.max);
  } else if (rule.min > INT_MIN) {
    range += " ≥ " + std::to_string(rule.min);
  } else if (rule.max < INT_MAX) {
    range += " ≤ " + std::to_string(rule.max);
  }
  return rule.what.empty() ? range : std::string(rule.what) + " (" + range + ")";
}

constexpr IntRule year_rule(std::string_view what = "a year") {
  return IntRule{kFirstYear, kLastYear, what};
}

enum class StringRule { any, nonblank, id };

// Bilingual text: { zh = "…", en = "…" }.
constexpr std::array<std::string_view, 2> kTextKeys = {"zh", "en"};

class Fields {
 public:
  Fields(Report& report, const toml::table& table, std::string path)
      : report_(report), table_(table), path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  int line() const { return line_of(table_); }
  std::string key_path(std::string_view key) const { return child_path(path_, key); }
  bool has(std::string_view key) const { return table_.contains(key); }
  Report& report() { return report_; }

  // Marks `key` as allowed in this table and returns its node, if present.
  const toml::node* get(std::string_view key) {
    allowed_.emplace_back(key);
    return table_.get(key);
  }

  // A problem with `key`: on its line when present, else on the table's line.
  void problem(std::string_view key, std::string message) {
    const toml::node* n = table_.get(key);
    report_.add(n != nullptr ? line_of(*n) : line(), key_path(key), std::move(message));
  }

  void missing(std::string_view key, std::string_view hint = {}) {
    std::string message = "missing required key '" + std::string(key) + "'";
    if (!hint.empty()) message += " (" + std::string(hint) + ")";
    report_.add(line(), key_path(key), std::move(message));
  }

  // A key that is valid TOML and known to the format but does not belong here
  // (threshold_parameter on a counter): reported once, not again as unknown.
  void reject(std::string_view key, std::string message) {
    allowed_.emplace_back(key);
    if (has(key)) problem(key, std::move(message));
  }

  const toml::node* node(std::string_view key, Need need, std::string_view hint = {}) {
    const toml::node* n = get(key);
    if (n == nullptr && need == Need::required) missing(key, hint);
    return n;
  }

  std::optional<double> number(std::string_view key, Need need, const NumberRule& rule = {},
                               std::string_view hint = {}) {
    const toml::node* n = node(key, need, hint.empty() ? expectation(rule) : hint);
    if (n == nullptr) return std::nullopt;
    double x = 0.0;
    if (const auto* i = n->as_integer()) {
      x = static_cast<double>(i->get());
    } else if (const auto* f = n->as_floating_point()) {
      x = f->get();
    } else {
      problem(key, "expected " + expectation(rule) + ", got " + describe(*n));
      return std::nullopt;
    }
    const bool in_range = !std::isnan(x) && (rule.allow_inf || std::isfinite(x)) &&
                          (rule.min_open ? x > rule.min : x >= rule.min) && x <= rule.max;
    if (!in_range) {
      problem(key, "expected " + expectation(rule) + ", got " + describe(*n));
      return std::nullopt;
    }
    return x;
  }

  std::optional<int> whole(std::string_view key, Need need, const IntRule& rule) {
    const toml::node* n = node(key, need, expectation(rule));
    if (n == nullptr) return std::nullopt;
    const auto* i = n->as_integer();
    if (i == nullptr || i->get() < rule.min || i->get() > rule.max) {
      problem(key, "expected " + expectation(rule) + ", got " + describe(*n));
      return std::nullopt;
    }
    return static_cast<int>(i->get());
  }

  std::optional<bool> flag(std::string_view key, Need need) {
    const toml::node* n = node(key, need, "true or false");
    if (n == nullptr) return std::nullopt;
    if (const auto* b = n->as_boolean()) return b->get();
    problem(key, "expected true or false, got " + describe(*n));
    return std::nullopt;
  }

  std::optional<std::string> string(std::string_view key, Need need, StringRule rule = StringRule::nonblank,
                                    std::string_view what = "a text") {
    const toml::node* n = node(key, need, what);
    if (n == nullptr) return std::nullopt;
    return check_string(*n, key_path(key), rule, what);
  }

  // Checks a string node (also used for the elements of lists).
  std::optional<std::string> check_string(const toml::node& n, const std::string& path, StringRule rule,
                                          std::string_view what) {
    const auto* s = n.as_string();
    if (s == nullptr) {
      report_.add(line_of(n), path, "expected " + std::string(what) + " in quotes, got " + describe(n));
      return std::nullopt;
    }
    const std::string& value = s->get();
    if (rule == StringRule::id && !is_id(value)) {
      report_.add(line_of(n), path,
                  "expected " + std::string(what) + " of lowercase letters, digits, '-' and '_', got " + describe(n));
      return std::nullopt;
    }
    if (rule == StringRule::nonblank && is_blank(value)) {
      report_.add(line_of(n), path, "expected " + std::string(what) + ", got " + describe(n));
      return std::nullopt;
    }
    return value;
  }

  // Index of the option the value spells.
  std::optional<std::size_t> choice(std::string_view key, Need need, std::span<const std::string_view> options) {
    const std::string expected = "one of " + join(options);
    const toml::node* n = node(key, need, expected);
    if (n == nullptr) return std::nullopt;
    const auto* s = n->as_string();
    if (s == nullptr) {
      problem(key, "expected " + expected + "; got " + describe(*n));
      return std::nullopt;
    }
    const auto it = std::find(options.begin(), options.end(), s->get());
    if (it == options.end()) {
      problem(key, "expected " + expected + "; got " + quoted(s->get()) + did_you_mean(s->get(), options));
      return std::nullopt;
    }
    return static_cast<std::size_t>(it - options.begin());
  }

  // Bilingual text: name = { zh = "…", en = "…" }.
  std::optional<model::Text> text(std::string_view key, Need need) {
    const toml::node* n = node(key, need, "write " + std::string(key) + R"( = { zh = "…", en = "…" })");
    if (n == nullptr) return std::nullopt;
    const auto* t = n->as_table();
    if (t == nullptr) {
      problem(key, R"(expected { zh = "…", en = "…" } (Chinese and English), got )" + describe(*n));
      return std::nullopt;
    }
    Fields sub(report_, *t, key_path(key));
    const auto zh = sub.string("zh", Need::required, StringRule::nonblank, "the Chinese text");
    const auto en = sub.string("en", Need::required, StringRule::nonblank, "the English text");
    sub.finish(kTextKeys);
    if (!zh || !en) return std::nullopt;
    return model::Text{*zh, *en};
  }

  const toml::table* table(std::string_view key, Need need, std::string_view hint = {}) {
    const toml::node* n = get(key);
    if (n == nullptr) {
      if (need == Need::required) {
        std::string message = "missing required table [" + key_path(key) + "]";
        if (!hint.empty()) message += " (" + std::string(hint) + ")";
        report_.add(line(), key_path(key), std::move(message));
      }
      return nullptr;
    }
    if (const auto* t = n->as_table()) return t;
    problem(key, "expected a table [" + key_path(key) + "], got " + describe(*n));
    return nullptr;
  }

  // As finish(), after checking that the keys asked for are exactly `declared`,
  // the list published by scenario_vocabulary(): a mismatch is a bug of this
  // file (a key read but not published, or published but never read).
  void finish(std::span<const std::string_view> declared) {
    std::vector<std::string_view> asked(allowed_.begin(), allowed_.end());
    std::vector<std::string_view> listed(declared.begin(), declared.end());
    for (auto* v : {&asked, &listed}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    if (asked != listed) {
      throw std::logic_error("toml_loader: table '" + path_ + "' reads the keys " + join(asked) + " but declares " +
                             join(listed));
    }
    finish();
  }

  // Reports every key that no accessor asked for.
  void finish() {
    std::vector<std::string_view> allowed(allowed_.begin(), allowed_.end());
    std::sort(allowed.begin(), allowed.end());
    allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
    for (auto&& [k, v] : table_) {
      const std::string_view key = k.str();
      if (std::binary_search(allowed.begin(), allowed.end(), key)) continue;
      const bool is_table = v.is_table() || v.is_array_of_tables();
      std::string message = std::string(is_table ? "unknown table " : "unknown key ") + quoted(key);
      const auto best = closest(key, allowed);
      if (best) {
        message += "; did you mean " + quoted(*best) + "?";
      } else if (allowed.empty()) {
        message += " (nothing else is allowed here)";
      } else {
        message += " (allowed here: " + join(allowed) + ")";
      }
      report_.add(line_of(v), key_path(key), std::move(message));
    }
  }

 private:
  Report& report_;
  const toml::table& table_;
  std::string path_;
  std::vector<std::string> allowed_;
};

// Calls fn(table, path) for each [[key]] table, in file order.
template <class Fn>
void each_table(Fields& parent, std::string_view key, Fn&& fn) {
  const toml::node* n = parent.get(key);
  if (n == nullptr) return;
  const auto* array = n->as_array();
  if (array == nullptr) {
    const std::string header = "[[" + parent.key_path(key) + "]]";
    parent.problem(key, "expected " + header + " tables, got " +
                            (n->is_table() ? "a single table (write " + header + ")" : describe(*n)));
    return;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    const std::string path = element_path(parent.key_path(key), i);
    if (const auto* t = element.as_table()) {
      fn(*t, path);
    } else {
      parent.report().add(line_of(element), path,
                          "expected a table (" + parent.key_path(key) + " = [{ … }] or [[" + parent.key_path(key) +
                              "]]), got " + describe(element));
    }
  }
}

// Reports a second use of the same id in one list.
class IdSet {
 public:
  explicit IdSet(std::string_view what) : what_(what) {}
  void add(Fields& f, const std::optional<std::string>& id) {
    if (!id) return;
    const toml::node* n = f.get("id");
    const int line = n != nullptr ? line_of(*n) : f.line();
    const auto [it, inserted] = lines_.emplace(*id, line);
    if (!inserted) {
      f.problem("id", "duplicate " + std::string(what_) + " id " + quoted(*id) + " (already used on line " +
                          std::to_string(it->second) + ")");
    }
  }

 private:
  std::string_view what_;
  std::map<std::string, int> lines_;
};

// ---------------------------------------------------------------------------
// Common pieces: format, provenance, priors.
// ---------------------------------------------------------------------------

constexpr std::array<std::string_view, 4> kBasisNames = {"document", "published", "assumption", "illustrative"};

void read_format(Fields& root) {
  const toml::node* n = root.get("format");
  if (n == nullptr) {
    root.report().add(1, "format", "missing required key 'format' (write format = 1 at the top)");
    return;
  }
  const auto* i = n->as_integer();
  if (i == nullptr || i->get() != 1) {
    root.problem("format", "expected 1 (the only format this program reads), got " + describe(*n));
  }
}

// basis, source, quote, note. With Need::optional the provenance may be absent
// altogether; once any of its keys is given, it must be complete.
std::optional<model::Provenance> read_provenance(Fields& f, Need need) {
  const bool any = f.has("basis") || f.has("source") || f.has("quote") || f.has("note");
  const Need basis_need = (need == Need::required || any) ? Need::required : Need::optional;
  const auto basis = f.choice("basis", basis_need, kBasisNames);
  const auto source =
      f.string("source", Need::optional, StringRule::nonblank, "the source (seed document file name or citation)");
  const auto quote = f.string("quote", Need::optional, StringRule::nonblank, "the exact phrase quoted from the source");
  const auto note = f.string("note", Need::optional, StringRule::nonblank, "a one-line note");
  if (!basis) return std::nullopt;

  model::Provenance p;
  p.basis = static_cast<model::Basis>(*basis);
  p.source = source.value_or("");
  p.quote = quote.value_or("");
  p.note = note.value_or("");
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

constexpr std::array<std::string_view, 6> kDistNames = {"fixed", "uniform", "normal", "lognormal", "beta", "gamma"};

// The two keys of each distribution, in DistributionKind order ("" = none).
constexpr std::array<std::array<std::string_view, 2>, 6> kDistKeys = {{
    {"value", ""},
    {"min", "max"},
    {"mean", "sd"},
    {"median", "sigma"},
    {"alpha", "beta"},
    {"shape", "scale"},
}};

// Every key of a [prior.<name>] table: dist, the keys of every distribution
// (those of the others are rejected by name), truncation and provenance.
const std::vector<std::string_view>& prior_keys() {
  static const std::vector<std::string_view> keys = [] {
    std::vector<std::string_view> k = {"dist"};
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

std::optional<model::Prior> read_prior(Report& report, const toml::table& table, std::string_view name,
                                       const std::string& path, const std::string& origin) {
  Fields f(report, table, path);
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
    f.finish(prior_keys());
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
  f.finish(prior_keys());

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
  return model::Prior{std::string(name), d, *provenance, origin, f.line()};
}

// [prior.<name>] tables, in file order.
std::vector<model::Prior> read_priors(Fields& root, Need need) {
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
    if (auto prior = read_prior(root.report(), *t, name, path, root.report().file())) {
      priors.push_back(std::move(*prior));
    }
  }
  return priors;
}

// ---------------------------------------------------------------------------
// Plans.
// ---------------------------------------------------------------------------

constexpr std::array<std::string_view, 2> kBoundNames = {"exact", "floor"};

constexpr std::array<std::string_view, 9> kIndicatorKinds = {
    "firm_count", "firm_count_above", "revenue_sum",           "park_count", "multiple", "sum",
    "counter",    "growth_series",    "investment_completion",
};

constexpr std::array<std::string_view, 3> kScaleNames = {"none", "firms", "funding"};

constexpr std::array<std::string_view, 2> kComparisons = {">=", ">"};

// Keys that belong to some indicator kinds only.
constexpr std::array<std::string_view, 14> kKindKeys = {
    "threshold_parameter",
    "parameter",
    "of",
    "baseline",
    "baseline_parameter",
    "rate_parameter",
    "scale",
    "elasticity_parameter",
    "per_project_parameter",
    "initial_growth",
    "mean_growth_parameter",
    "persistence_parameter",
    "planned_total_yi",
    "concentration_parameter",
};

std::vector<std::string_view> keys_of_kind(model::IndicatorKind kind) {
  using K = model::IndicatorKind;
  switch (kind) {
    case K::firm_count:
    case K::revenue_sum:
    case K::park_count:
      return {};
    case K::firm_count_above:
      return {"threshold_parameter"};
    case K::multiple:
      return {"of", "parameter"};
    case K::sum:
      return {"of"};
    case K::counter:
      return {"baseline", "baseline_parameter",   "rate_parameter",
              "scale",    "elasticity_parameter", "per_project_parameter"};
    case K::growth_series:
      return {"baseline", "initial_growth", "mean_growth_parameter", "persistence_parameter"};
    case K::investment_completion:
      return {"planned_total_yi", "baseline", "rate_parameter", "concentration_parameter"};
  }
  return {};
}

// [baseline.firms] and [baseline.parks].
std::optional<model::Figure> read_baseline_figure(Fields& baseline, std::string_view key, model::Text name,
                                                  model::Text unit, long long min_value) {
  const toml::table* t = baseline.table(key, Need::required);
  if (t == nullptr) return std::nullopt;
  Fields f(baseline.report(), *t, baseline.key_path(key));
  model::Figure figure;
  figure.id = std::string(key);
  figure.name = std::move(name);
  figure.unit = std::move(unit);
  const auto value = f.whole("value", Need::required, IntRule{min_value, INT_MAX, "a count"});
  const auto bound = f.choice("bound", Need::required, kBoundNames);
  const auto year = f.whole("year", Need::optional, year_rule());
  const auto provenance = read_provenance(f, Need::required);
  f.finish();
  if (!value || !bound || !provenance || (f.has("year") && !year)) return std::nullopt;
  figure.value = *value;
  figure.bound = static_cast<model::Bound>(*bound);
  figure.year = year.value_or(0);
  figure.provenance = *provenance;
  return figure;
}

struct DeclaredIndicator {
  std::size_t index;
  int line;
};

class PlanReader {
 public:
  PlanReader(Report& report, const toml::table& root, const SourceFile& file)
      : report_(report), root_(report, root, ""), file_(file) {}

  model::PlanSpec read() {
    plan_.source_path = file_.path;
    read_format(root_);
    read_region();
    read_plan_table();
    read_baseline();
    const std::size_t before_funding = report_.count();
    each_table(root_, "funding_history", [&](const toml::table& t, const std::string& path) { read_funding(t, path); });
    // Checks that use the funding path are skipped when it could not be read,
    // so that one mistake is not reported twice.
    funding_read_ = report_.count() == before_funding;
    each_table(root_, "figure", [&](const toml::table& t, const std::string& path) { read_figure(t, path); });
    collect_indicator_ids();
    std::size_t index = 0;
    each_table(root_, "indicator",
               [&](const toml::table& t, const std::string& path) { read_indicator(t, path, index++); });
    each_table(root_, "target", [&](const toml::table& t, const std::string& path) { read_target(t, path); });
    plan_.priors = read_priors(root_, Need::optional);
    root_.finish();
    return std::move(plan_);
  }

 private:
  bool years_known() const { return base_year_ok_ && horizon_ok_; }

  void read_region() {
    const toml::table* t = root_.table("region", Need::required);
    if (t == nullptr) return;
    Fields f(report_, *t, "region");
    plan_.region_id = f.string("id", Need::required, StringRule::id, "a region id").value_or("");
    plan_.region_name = f.text("name", Need::required).value_or(model::Text{});
    f.finish();
  }

  void read_plan_table() {
    const toml::table* t = root_.table("plan", Need::required);
    if (t == nullptr) return;
    Fields f(report_, *t, "plan");
    plan_.id = f.string("id", Need::required, StringRule::id, "a plan id").value_or("");
    plan_.title = f.text("title", Need::required).value_or(model::Text{});
    plan_.source =
        f.string("source", Need::required, StringRule::nonblank, "the plan's seed document file name").value_or("");
    const auto base_year = f.whole("base_year", Need::required, year_rule());
    const auto horizon = f.whole("horizon", Need::required, year_rule());
    plan_.base_year = base_year.value_or(0);
    plan_.horizon = horizon.value_or(0);
    base_year_ok_ = base_year.has_value();
    horizon_ok_ = horizon.has_value();
    if (base_year && horizon && *horizon < *base_year) {
      f.problem("horizon",
                "expected a year ≥ base_year (" + std::to_string(*base_year) + "), got " + std::to_string(*horizon));
      horizon_ok_ = false;
    }
    f.finish();
  }

  void read_baseline() {
    const toml::table* t = root_.table("baseline", Need::required, "with [baseline.firms] and [baseline.parks]");
    if (t == nullptr) return;
    Fields f(report_, *t, "baseline");
    if (auto firms = read_baseline_figure(f, "firms", {"人工智能企业", "AI firms"}, {"家", "firms"}, 1)) {
      plan_.firms = std::move(*firms);
    }
    if (auto parks = read_baseline_figure(f, "parks", {"产业园", "parks"}, {"个", "parks"}, 0)) {
      plan_.parks = std::move(*parks);
    }
    f.finish();
  }

  void read_funding(const toml::table& t, const std::string& path) {
    Fields f(report_, t, path);
    model::FundingHistory h;
    const auto id = f.string("id", Need::required, StringRule::id, "an id");
    funding_ids_.add(f, id);
    const auto name = f.text("name", Need::required);
    const auto first = f.whole("first_year", Need::required, year_rule());
    const auto last = f.whole("last_year", Need::required, year_rule());
    const auto projects = f.whole("projects", Need::optional, IntRule{0, INT_MAX, "a count of projects"});
    const NumberRule money{.min = 0.0, .unit = "亿元"};
    const auto provincial = f.number("provincial_yi", Need::required, money);
    const auto social = f.number("social_yi", Need::optional, money);
    const auto baseline = f.flag("baseline", Need::optional);
    const auto provenance = read_provenance(f, Need::required);
    if (first && last && *last < *first) {
      f.problem("last_year",
                "expected a year ≥ first_year (" + std::to_string(*first) + "), got " + std::to_string(*last));
    }
    f.finish();
    h.id = id.value_or("");
    h.name = name.value_or(model::Text{});
    h.first_year = first.value_or(0);
    h.last_year = last.value_or(0);
    h.projects = projects.value_or(0);
    h.provincial_yi = provincial.value_or(0.0);
    h.social_yi = social.value_or(0.0);
    h.baseline = baseline.value_or(false);
    h.provenance = provenance.value_or(model::Provenance{});
    plan_.funding_history.push_back(std::move(h));
  }

  void read_figure(const toml::table& t, const std::string& path) {
    Fields f(report_, t, path);
    model::Figure figure;
    const auto id = f.string("id", Need::required, StringRule::id, "an id");
    figure_ids_.add(f, id);
    figure.id = id.value_or("");
    figure.name = f.text("name", Need::required).value_or(model::Text{});
    figure.value = f.number("value", Need::required).value_or(0.0);
    figure.bound = static_cast<model::Bound>(f.choice("bound", Need::optional, kBoundNames).value_or(0));
    figure.year = f.whole("year", Need::optional, year_rule()).value_or(0);
    figure.unit = f.text("unit", Need::optional).value_or(model::Text{});
    figure.provenance = read_provenance(f, Need::required).value_or(model::Provenance{});
    f.finish();
    plan_.figures.push_back(std::move(figure));
  }

  // First pass: every indicator id with its position, so that `of` can tell
  // "declared later" from "not declared", and targets can name any indicator.
  void collect_indicator_ids() {
    const toml::node* n = root_.get("indicator");
    const auto* array = n != nullptr ? n->as_array() : nullptr;
    if (array == nullptr) return;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const auto* t = array->get(i)->as_table();
      if (t == nullptr) continue;
      const toml::node* id = t->get("id");
      if (id == nullptr || !id->is_string()) continue;
      indicator_ids_.emplace(id->as_string()->get(), DeclaredIndicator{i, line_of(*id)});
    }
    for (const auto& [id, declared] : indicator_ids_) indicator_names_.push_back(id);
  }

  // An indicator named by `of` in indicator number `index` (0-based).
  void check_earlier(const toml::node& n, const std::string& path, const std::string& ref, std::size_t index) {
    const auto it = indicator_ids_.find(ref);
    if (it == indicator_ids_.end()) {
      report_.add(line_of(n), path, "unknown indicator " + quoted(ref) + did_you_mean(ref, indicator_names_));
    } else if (it->second.index == index) {
      report_.add(line_of(n), path, "an indicator cannot be built from itself");
    } else if (it->second.index > index) {
      report_.add(line_of(n), path,
                  "indicator " + quoted(ref) + " is declared later (line " + std::to_string(it->second.line) +
                      "); indicators named by 'of' must be declared earlier in the file");
    }
  }

  std::string parameter(Fields& f, std::string_view key, Need need) {
    return f.string(key, need, StringRule::id, "a parameter name").value_or("");
  }

  void read_indicator(const toml::table& t, const std::string& path, std::size_t index) {
    using K = model::IndicatorKind;
    Fields f(report_, t, path);
    model::IndicatorSpec s;
    s.line = f.line();
    const auto id = f.string("id", Need::required, StringRule::id, "an id");
    indicator_dupes_.add(f, id);
    s.id = id.value_or("");
    s.name = f.text("name", Need::required).value_or(model::Text{});
    s.unit = f.text("unit", Need::optional).value_or(model::Text{});
    const auto kind_index = f.choice("kind", Need::required, kIndicatorKinds);
    if (!kind_index) {
      for (std::string_view k : kKindKeys) f.get(k);
      read_provenance(f, Need::optional);
      f.finish();
      return;
    }
    s.kind = static_cast<K>(*kind_index);
    const std::string kind_name(kIndicatorKinds[*kind_index]);
    const auto own = keys_of_kind(s.kind);
    const std::string takes = kind_name + (own.empty() ? " takes no further keys"
                                                       : " takes only " + join(std::span<const std::string_view>(own)));
    for (std::string_view k : kKindKeys) {
      if (std::find(own.begin(), own.end(), k) != own.end()) continue;
      f.reject(k, does_not_apply(k, "kind", kind_name, takes));
    }

    bool has_figure = false;  // a baseline number that needs provenance
    switch (s.kind) {
      case K::firm_count:
      case K::revenue_sum:
      case K::park_count:
        break;
      case K::firm_count_above:
        s.threshold_parameter = parameter(f, "threshold_parameter", Need::required);
        break;
      case K::multiple: {
        s.parameter = parameter(f, "parameter", Need::required);
        if (const auto ref = f.string("of", Need::required, StringRule::id, "an indicator id")) {
          check_earlier(*f.get("of"), f.key_path("of"), *ref, index);
          s.of.push_back(*ref);
        }
        break;
      }
      case K::sum: {
        const toml::node* n = f.node("of", Need::required, R"(a list of indicator ids, of = ["a", "b"])");
        if (n == nullptr) break;
        const auto* list = n->as_array();
        if (list == nullptr || list->empty()) {
          f.problem("of", R"(expected a list of indicator ids, e.g. of = ["a", "b"], got )" +
                              (list != nullptr ? std::string("an empty list") : describe(*n)));
          break;
        }
        for (std::size_t i = 0; i < list->size(); ++i) {
          const toml::node& element = *list->get(i);
          const std::string element_key = element_path(f.key_path("of"), i);
          if (const auto ref = f.check_string(element, element_key, StringRule::id, "an indicator id")) {
            check_earlier(element, element_key, *ref, index);
            s.of.push_back(*ref);
          }
        }
        break;
      }
      case K::counter: {
        const bool by_number = f.has("baseline");
        const bool by_parameter = f.has("baseline_parameter");
        if (by_number && by_parameter) {
          f.problem("baseline_parameter", "give either baseline (a count) or baseline_parameter (a prior), not both");
        } else if (!by_number && !by_parameter) {
          f.missing("baseline", "a counter starts from baseline = a count, or from baseline_parameter = a prior");
        }
        s.baseline =
            static_cast<double>(f.whole("baseline", Need::optional, IntRule{0, INT_MAX, "a count"}).value_or(0));
        s.baseline_parameter = parameter(f, "baseline_parameter", Need::optional);
        has_figure = by_number;
        s.rate_parameter = parameter(f, "rate_parameter", Need::required);
        s.scale = static_cast<model::CounterScale>(f.choice("scale", Need::optional, kScaleNames).value_or(0));
        if (s.scale == model::CounterScale::funding) {
          // (F_t / F_ref)^elasticity needs F_ref > 0.
          if (funding_read_ && !(plan_.baseline_funding_yi_per_year() > 0.0)) {
            f.problem("scale",
                      "scale = \"funding\" needs a baseline funding path "
                      "([[funding_history]] entries with baseline = true and "
                      "provincial_yi > 0); this plan has none");
          }
          s.elasticity_parameter = parameter(f, "elasticity_parameter", Need::required);
        } else {
          f.reject("elasticity_parameter", "'elasticity_parameter' applies only with scale = \"funding\"");
        }
        s.per_project_parameter = parameter(f, "per_project_parameter", Need::optional);
        break;
      }
      case K::growth_series:
        has_figure = true;
        s.baseline = f.number("baseline", Need::required, NumberRule{.min = 0.0, .min_open = true}).value_or(0.0);
        s.initial_growth = f.number("initial_growth", Need::required,
                                    NumberRule{.min = -1.0, .min_open = true, .unit = "a rate: 0.565 = +56.5%"})
                               .value_or(0.0);
        s.mean_growth_parameter = parameter(f, "mean_growth_parameter", Need::required);
        s.persistence_parameter = parameter(f, "persistence_parameter", Need::required);
        break;
      case K::investment_completion: {
        has_figure = true;
        const auto total =
            f.number("planned_total_yi", Need::required, NumberRule{.min = 0.0, .min_open = true, .unit = "亿元"});
        NumberRule done{.min = 0.0, .unit = "亿元, completed by the end of the base year"};
        if (total) done.max = *total;
        const auto baseline = f.number("baseline", Need::required, done);
        s.planned_total_yi = total.value_or(0.0);
        s.baseline = baseline.value_or(0.0);
        s.rate_parameter = parameter(f, "rate_parameter", Need::required);
        s.concentration_parameter = parameter(f, "concentration_parameter", Need::required);
        break;
      }
    }
    s.provenance = read_provenance(f, has_figure ? Need::required : Need::optional).value_or(model::Provenance{});
    f.finish();
    plan_.indicators.push_back(std::move(s));
  }

  void read_target(const toml::table& t, const std::string& path) {
    Fields f(report_, t, path);
    model::TargetSpec s;
    s.line = f.line();
    const auto id = f.string("id", Need::required, StringRule::id, "an id");
    target_ids_.add(f, id);
    s.id = id.value_or("");
    if (const auto ind = f.string("indicator", Need::required, StringRule::id, "an indicator id")) {
      s.indicator = *ind;
      if (indicator_ids_.count(*ind) == 0) {
        std::string message = "unknown indicator " + quoted(*ind) + did_you_mean(*ind, indicator_names_);
        if (indicator_names_.empty()) message += " (the file declares no [[indicator]])";
        f.problem("indicator", message);
      }
    }
    s.comparison = static_cast<model::Comparison>(f.choice("comparison", Need::required, kComparisons).value_or(0));
    s.threshold = f.number("threshold", Need::required).value_or(0.0);
    IntRule deadline = year_rule();
    if (years_known()) {
      deadline.min = plan_.base_year + 1;
      deadline.max = plan_.horizon;
      deadline_what_ = "a year after base_year " + std::to_string(plan_.base_year) + " and up to horizon " +
                       std::to_string(plan_.horizon);
      deadline.what = deadline_what_;
    }
    s.deadline = f.whole("deadline", Need::required, deadline).value_or(0);
    s.name = f.text("name", Need::required).value_or(model::Text{});
    s.provenance = read_provenance(f, Need::required).value_or(model::Provenance{});
    f.finish();
    plan_.targets.push_back(std::move(s));
  }

  Report& report_;
  Fields root_;
  const SourceFile& file_;
  model::PlanSpec plan_;
  bool base_year_ok_ = false;
  bool horizon_ok_ = false;
  bool funding_read_ = false;
  IdSet funding_ids_{"funding_history"};
  IdSet figure_ids_{"figure"};
  IdSet indicator_dupes_{"indicator"};
  IdSet target_ids_{"target"};
  std::map<std::string, DeclaredIndicator> indicator_ids_;
  std::vector<std::string_view> indicator_names_;
  std::string deadline_what_;
};

// ---------------------------------------------------------------------------
// Scenarios.
// ---------------------------------------------------------------------------

constexpr std::array<std::string_view, 7> kLeverNames = {
    "funding_multiplier",       "funding_yi", "lambda_soc", "c_proj", "entry_multiplier", "exit_multiplier",
    "park_capacity_multiplier",
};

constexpr std::array<std::string_view, 5> kShockRules = {"growth", "entry", "exit", "funding", "counter"};

// The keys of each table of a scenario file. The reader checks that it asks
// for exactly these (Fields::finish(declared)); scenario_vocabulary() publishes
// them for docs/scenarios.md and its test.
constexpr std::array<std::string_view, 6> kScenarioRootKeys = {"format", "scenario", "lever", "shock", "park", "prior"};
constexpr std::array<std::string_view, 5> kScenarioTableKeys = {"id", "title", "baseline", "horizon", "description"};
constexpr std::array<std::string_view, 4> kLeverKeys = {"name", "from", "to", "value"};
constexpr std::array<std::string_view, 5> kShockKeys = {"rule", "indicator", "from", "to", "value"};
constexpr std::array<std::string_view, 3> kParkKeys = {"year", "count", "capacity"};

NumberRule lever_rule(model::LeverKind kind) {
  using L = model::LeverKind;
  switch (kind) {
    case L::funding_yi:
      return {.min = 0.0, .unit = "亿元 per year"};
    case L::lambda_soc:
      return {.min = 0.0, .unit = "social yuan per provincial yuan"};
    case L::c_proj:
      return {.min = 0.0, .min_open = true, .unit = "亿元 per project"};
    case L::funding_multiplier:
    case L::entry_multiplier:
    case L::exit_multiplier:
    case L::park_capacity_multiplier:
      return {.min = 0.0, .min_open = true, .unit = "a multiplier"};
  }
  return {};
}

class ScenarioReader {
 public:
  ScenarioReader(Report& report, const toml::table& root, const SourceFile& file)
      : report_(report), root_(report, root, ""), file_(file) {}

  model::ScenarioSpec read() {
    spec_.source_path = file_.path;
    read_format(root_);
    read_scenario_table();
    each_table(root_, "lever", [&](const toml::table& t, const std::string& path) { read_lever(t, path); });
    each_table(root_, "shock", [&](const toml::table& t, const std::string& path) { read_shock(t, path); });
    each_table(root_, "park", [&](const toml::table& t, const std::string& path) { read_park(t, path); });
    spec_.priors = read_priors(root_, Need::optional);
    root_.finish(kScenarioRootKeys);
    return std::move(spec_);
  }

 private:
  void read_scenario_table() {
    const toml::table* t = root_.table("scenario", Need::required);
    if (t == nullptr) return;
    Fields f(report_, *t, "scenario");
    spec_.id = f.string("id", Need::required, StringRule::id, "a scenario id").value_or(spec_.id);
    spec_.title = f.text("title", Need::required).value_or(spec_.title);
    if (const auto path = f.string("baseline", Need::optional, StringRule::nonblank,
                                   "the path of the plan file, relative to this file")) {
      spec_.baseline_path = resolve_relative(file_, *path);
      spec_.baseline_line = line_of(*t->get("baseline"));
    }
    spec_.horizon = f.whole("horizon", Need::optional, year_rule()).value_or(0);
    spec_.description = f.text("description", Need::optional).value_or(model::Text{});
    f.finish(kScenarioTableKeys);
  }

  // from and to (inclusive), with to ≥ from; `to` absent → 0.
  std::pair<int, int> read_span(Fields& f) {
    const auto from = f.whole("from", Need::required, year_rule());
    const auto to = f.whole("to", Need::optional, year_rule());
    if (from && to && *to < *from) {
      f.problem("to", "expected a year ≥ from (" + std::to_string(*from) + "), got " + std::to_string(*to));
    }
    if (from && spec_.horizon > 0 && *from > spec_.horizon) {
      f.problem("from", "expected a year ≤ the scenario's horizon (" + std::to_string(spec_.horizon) + "), got " +
                            std::to_string(*from));
    }
    return {from.value_or(0), to.value_or(0)};
  }

  void read_lever(const toml::table& t, const std::string& path) {
    Fields f(report_, t, path);
    model::Lever lever;
    lever.line = f.line();
    const auto kind = f.choice("name", Need::required, kLeverNames);
    const auto [from, to] = read_span(f);
    lever.from = from;
    lever.to = to;
    const NumberRule rule = kind ? lever_rule(static_cast<model::LeverKind>(*kind)) : NumberRule{};
    const auto value = f.number("value", Need::required, rule);
    f.finish(kLeverKeys);
    if (!kind) return;
    lever.kind = static_cast<model::LeverKind>(*kind);
    lever.value = value.value_or(0.0);
    // Two levers of the same name in the same year would be ambiguous (replace
    // or multiply?), so they are refused. `to` = 0 runs to the horizon.
    const int end = lever.to > 0 ? lever.to : INT_MAX;
    if (from > 0) {
      for (std::size_t i = 0; i < spec_.levers.size(); ++i) {
        const model::Lever& other = spec_.levers[i];
        const int other_end = other.to > 0 ? other.to : INT_MAX;
        if (other.kind == lever.kind && other.from > 0 && lever.from <= other_end && other.from <= end) {
          f.problem("from", "overlaps the " + std::string(kLeverNames[*kind]) + " lever on line " +
                                std::to_string(other.line) +
                                ": two levers of the same name cannot cover the same year");
          break;
        }
      }
    }
    spec_.levers.push_back(lever);
  }

  void read_shock(const toml::table& t, const std::string& path) {
    Fields f(report_, t, path);
    model::Shock shock;
    shock.line = f.line();
    const auto rule = f.choice("rule", Need::required, kShockRules);
    if (rule && static_cast<model::ShockRule>(*rule) == model::ShockRule::counter) {
      shock.indicator =
          f.string("indicator", Need::required, StringRule::id, "the id of the counter indicator").value_or("");
    } else if (rule) {
      f.reject("indicator", "'indicator' applies only to rule = \"counter\"");
    } else {
      f.get("indicator");
    }
    const auto [from, to] = read_span(f);
    shock.from = from;
    shock.to = to;
    // A growth shock shifts log growth; the others scale a rate by (1 + value),
    // which must stay ≥ 0.
    const bool shift = rule && static_cast<model::ShockRule>(*rule) == model::ShockRule::growth;
    const NumberRule value_rule = shift
                                      ? NumberRule{.unit = "a relative change: -0.10 = −10%"}
                                      : NumberRule{.min = -1.0, .unit = "a relative change: -0.10 = −10%, at least -1"};
    shock.value = f.number("value", Need::required, value_rule).value_or(0.0);
    f.finish(kShockKeys);
    if (rule) {
      shock.rule = static_cast<model::ShockRule>(*rule);
      spec_.shocks.push_back(std::move(shock));
    }
  }

  void read_park(const toml::table& t, const std::string& path) {
    Fields f(report_, t, path);
    model::ParkAddition park;
    park.line = f.line();
    park.year = f.whole("year", Need::required, year_rule()).value_or(0);
    if (park.year > 0 && spec_.horizon > 0 && park.year > spec_.horizon) {
      f.problem("year", "expected a year ≤ the scenario's horizon (" + std::to_string(spec_.horizon) + "), got " +
                            std::to_string(park.year));
    }
    park.count = f.whole("count", Need::optional, IntRule{1, 1000, "a count of parks"}).value_or(1);
    park.capacity =
        f.number("capacity", Need::optional, NumberRule{.min = 0.0, .min_open = true, .unit = "firms per park"})
            .value_or(0.0);
    f.finish(kParkKeys);
    spec_.parks.push_back(park);
  }

  Report& report_;
  Fields root_;
  const SourceFile& file_;
  model::ScenarioSpec spec_;
};

// ---------------------------------------------------------------------------
// Entry points.
// ---------------------------------------------------------------------------

std::optional<toml::table> parse(const SourceFile& file, Report& report) {
  try {
    return toml::parse(file.content, std::string_view(file.path));
  } catch (const toml::parse_error& e) {
    report.add(
        static_cast<int>(e.source().begin.line), "",
        "malformed TOML at column " + std::to_string(e.source().begin.column) + ": " + std::string(e.description()));
    return std::nullopt;
  }
}

// [plan] or [scenario] decide; failing those, the tables only one kind has (a
// plan whose [plan] header was mistyped is still reported as a plan).
FileKind kind_of(const toml::table& root) {
  if (root.contains("plan")) return FileKind::plan;
  if (root.contains("scenario")) return FileKind::scenario;
  auto any_of = [&](std::initializer_list<std::string_view> keys) {
    return std::any_of(keys.begin(), keys.end(), [&](std::string_view k) { return root.contains(k); });
  };
  if (any_of({"region", "baseline", "funding_history", "figure", "indicator", "target"})) {
    return FileKind::plan;
  }
  if (any_of({"lever", "shock", "park"})) return FileKind::scenario;
  if (root.contains("prior")) return FileKind::priors;
  return FileKind::unknown;
}

std::string_view describe(FileKind kind) {
  switch (kind) {
    case FileKind::priors:
      return "a priors file (only [prior.<name>] tables)";
    case FileKind::plan:
      return "a plan file ([plan])";
    case FileKind::scenario:
      return "a scenario file ([scenario])";
    case FileKind::unknown:
      break;
  }
  return "a file of unknown kind";
}

// False (with a problem) when the file is plainly of another kind.
bool expect_kind(const toml::table& root, FileKind expected, Report& report) {
  const FileKind found = kind_of(root);
  if (root.contains("plan") && root.contains("scenario")) {
    report.add(1, "", "a file holds either a [plan] or a [scenario] table, not both");
    return false;
  }
  if (found == expected || found == FileKind::unknown) return true;
  report.add(1, "", "expected " + std::string(describe(expected)) + ", but this is " + std::string(describe(found)));
  return false;
}

model::ParameterSpace read_priors_file(Report& report, const toml::table& root) {
  Fields f(report, root, "");
  read_format(f);
  model::ParameterSpace space;
  for (model::Prior& prior : read_priors(f, Need::required)) space.set(std::move(prior));
  f.finish();
  space.canonicalise();
  return space;
}

void throw_if_any(Report& report) {
  if (!report.ok()) throw model::SpecError(report.take());
}

}  // namespace

ScenarioVocabulary scenario_vocabulary() {
  const auto list = [](auto&& keys) { return std::vector<std::string_view>(keys.begin(), keys.end()); };
  ScenarioVocabulary v;
  v.tables = {{"(top level)", list(kScenarioRootKeys)},
              {"scenario", list(kScenarioTableKeys)},
              {"lever", list(kLeverKeys)},
              {"shock", list(kShockKeys)},
              {"park", list(kParkKeys)},
              {"prior.<name>", prior_keys()},
              {"title / description", list(kTextKeys)}};
  v.lever_names = list(kLeverNames);
  v.shock_rules = list(kShockRules);
  v.distributions = list(kDistNames);
  v.bases = list(kBasisNames);
  return v;
}

model::ParameterSpace load_priors(const SourceFile& file) {
  Report report(file.path);
  model::ParameterSpace space;
  if (const auto root = parse(file, report)) {
    if (expect_kind(*root, FileKind::priors, report)) space = read_priors_file(report, *root);
  }
  throw_if_any(report);
  return space;
}

model::PlanSpec load_plan(const SourceFile& file) {
  Report report(file.path);
  model::PlanSpec plan;
  if (const auto root = parse(file, report)) {
    if (expect_kind(*root, FileKind::plan, report)) plan = PlanReader(report, *root, file).read();
  }
  throw_if_any(report);
  return plan;
}

model::ScenarioSpec load_scenario(const SourceFile& file) {
  Report report(file.path);
  model::ScenarioSpec spec;
  if (const auto root = parse(file, report)) {
    if (expect_kind(*root, FileKind::scenario, report)) {
      spec = ScenarioReader(report, *root, file).read();
    }
  }
  throw_if_any(report);
  return spec;
}

FileKind detect_kind(const SourceFile& file) {
  Report ignored(file.path);
  const auto root = parse(file, ignored);
  return root ? kind_of(*root) : FileKind::unknown;
}

std::vector<model::Problem> validate_file(const SourceFile& file) {
  Report report(file.path);
  const auto root = parse(file, report);
  if (!root) return report.take();
  if (root->contains("plan") && root->contains("scenario")) {
    report.add(1, "", "a file holds either a [plan] or a [scenario] table, not both");
    return report.take();
  }
  switch (kind_of(*root)) {
    case FileKind::plan:
      PlanReader(report, *root, file).read();
      break;
    case FileKind::scenario:
      ScenarioReader(report, *root, file).read();
      break;
    case FileKind::priors:
      read_priors_file(report, *root);
      break;
    case FileKind::unknown:
      report.add(1, "",
                 "cannot tell what kind of file this is: expected a [plan] table (a region's "
                 "plan), a [scenario] table (a scenario) or only [prior.<name>] tables (the "
                 "priors file)");
      break;
  }
  return report.take();
}

}  // namespace targetcast::io
