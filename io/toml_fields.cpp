// The generic half of the TOML loaders: messages, problems and one table
// read key by key (io/toml_fields.h).
#include "io/toml_fields.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <cmath>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace targetcast::io::detail {

namespace {

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

}  // namespace

std::string format_number(double x, bool as_float) {
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
std::string clip(std::string_view s, std::size_t limit) {
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

std::string join(std::span<const std::string_view> words, std::string_view sep) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += sep;
    out += w;
  }
  return out;
}

std::optional<std::string_view> closest(std::string_view word, std::span<const std::string_view> candidates) {
  return model::closest_word(word, candidates);
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

// "'sd' does not apply to dist = "uniform" (it takes min and max)".
std::string does_not_apply(std::string_view key, std::string_view field, std::string_view value,
                           std::string_view instead) {
  std::string out = "'";
  out.append(key).append("' does not apply to ").append(field).append(" = \"").append(value);
  out.append("\" (").append(instead).append(")");
  return out;
}

std::string expectation(const NumberRule& rule) {
  std::string out = rule.allow_inf ? "a number" : "a finite number";
  if (rule.min > -kInf) out += (rule.min_open ? " > " : " ≥ ") + format_number(rule.min);
  if (rule.max < kInf) out += (rule.min > -kInf ? " and ≤ " : " ≤ ") + format_number(rule.max);
  if (!rule.unit.empty()) out += " (" + std::string(rule.unit) + ")";
  return out;
}

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

// A problem with `key`: on its line when present, else on the table's line.
void Fields::problem(std::string_view key, std::string message) {
  const toml::node* n = table_.get(key);
  report_.add(n != nullptr ? line_of(*n) : line(), key_path(key), std::move(message));
}

void Fields::missing(std::string_view key, std::string_view hint) {
  std::string message = "missing required key '" + std::string(key) + "'";
  if (!hint.empty()) message += " (" + std::string(hint) + ")";
  report_.add(line(), key_path(key), std::move(message));
}

// A key that is valid TOML and known to the format but does not belong here
// (threshold_parameter on a counter): reported once, not again as unknown.
void Fields::reject(std::string_view key, std::string message) {
  allowed_.emplace_back(key);
  if (has(key)) problem(key, std::move(message));
}

const toml::node* Fields::node(std::string_view key, Need need, std::string_view hint) {
  const toml::node* n = get(key);
  if (n == nullptr && need == Need::required) missing(key, hint);
  return n;
}

std::optional<double> Fields::number(std::string_view key, Need need, const NumberRule& rule, std::string_view hint) {
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

std::optional<int> Fields::whole(std::string_view key, Need need, const IntRule& rule) {
  const toml::node* n = node(key, need, expectation(rule));
  if (n == nullptr) return std::nullopt;
  const auto* i = n->as_integer();
  if (i == nullptr || i->get() < rule.min || i->get() > rule.max) {
    problem(key, "expected " + expectation(rule) + ", got " + describe(*n));
    return std::nullopt;
  }
  return static_cast<int>(i->get());
}

std::optional<bool> Fields::flag(std::string_view key, Need need) {
  const toml::node* n = node(key, need, "true or false");
  if (n == nullptr) return std::nullopt;
  if (const auto* b = n->as_boolean()) return b->get();
  problem(key, "expected true or false, got " + describe(*n));
  return std::nullopt;
}

std::optional<std::string> Fields::string(std::string_view key, Need need, StringRule rule, std::string_view what) {
  const toml::node* n = node(key, need, what);
  if (n == nullptr) return std::nullopt;
  return check_string(*n, key_path(key), rule, what);
}

// Checks a string node (also used for the elements of lists).
std::optional<std::string> Fields::check_string(const toml::node& n, const std::string& path, StringRule rule,
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
std::optional<std::size_t> Fields::choice(std::string_view key, Need need, std::span<const std::string_view> options) {
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
std::optional<model::Text> Fields::text(std::string_view key, Need need) {
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

const toml::table* Fields::table(std::string_view key, Need need, std::string_view hint) {
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
void Fields::finish(std::span<const std::string_view> declared) {
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
void Fields::finish() {
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

void IdSet::add(Fields& f, const std::optional<std::string>& id) {
  if (!id) return;
  const toml::node* n = f.get("id");
  const int line = n != nullptr ? line_of(*n) : f.line();
  const auto [it, inserted] = lines_.emplace(*id, line);
  if (!inserted) {
    f.problem("id", "duplicate " + std::string(what_) + " id " + quoted(*id) + " (already used on line " +
                        std::to_string(it->second) + ")");
  }
}

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

}  // namespace targetcast::io::detail
