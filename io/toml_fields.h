#pragma once
// The generic half of the TOML loaders (io/toml_loader.h): how values are
// shown in messages, the problems of one file (Report), and one table read key
// by key under a rule (Fields).
//
// Each table is read through a Fields object that records which keys the
// format allows there, so that every key left over is reported as unknown
// (with a did-you-mean), and every problem is collected instead of thrown, so
// that a planner sees all of them at once. Only the loaders of io/ include
// this header: toml++ is slow to compile.
#include <algorithm>
#include <array>
#include <climits>
#include <cstddef>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "model/provenance.h"
#include "model/spec_error.h"

namespace targetcast::io::detail {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

// Years outside this window are typing mistakes (20255, 225), not plans.
inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 2200;

// ---------------------------------------------------------------------------
// Words: how values are shown in messages.
// ---------------------------------------------------------------------------

std::string format_number(double x, bool as_float = false);

// At most `limit` bytes of s, cut at a UTF-8 character boundary.
std::string clip(std::string_view s, std::size_t limit = 60);

std::string quoted(std::string_view s);

// What a node holds, for "got ..." in messages.
std::string describe(const toml::node& n);

std::string join(std::span<const std::string_view> words, std::string_view sep = ", ");

// The candidate closest to `word`, if it is close enough to be a typo.
std::optional<std::string_view> closest(std::string_view word, std::span<const std::string_view> candidates);

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

bool is_id(std::string_view s);

std::string child_path(std::string_view parent, std::string_view key);

// Planners count from 1: the third [[target]] is target[3].
std::string element_path(std::string_view array_path, std::size_t index0);

int line_of(const toml::node& n);

// ---------------------------------------------------------------------------
// Problems of one file.
// ---------------------------------------------------------------------------

class Report {
 public:
  explicit Report(std::string file) : file_(std::move(file)) {}

  void add(int line, std::string key, std::string message) {
    problems_.push_back(model::Problem{file_, line, std::move(key), std::move(message)});
  }
  bool ok() const { return problems_.empty(); }
  std::size_t count() const { return problems_.size(); }
  const std::string& file() const { return file_; }

  // In file order, so that a planner can work from the top down.
  std::vector<model::Problem> take() {
    std::stable_sort(problems_.begin(), problems_.end(),
                     [](const model::Problem& a, const model::Problem& b) { return a.line < b.line; });
    return std::move(problems_);
  }

 private:
  std::string file_;
  std::vector<model::Problem> problems_;
};

// ---------------------------------------------------------------------------
// Reading one table.
// ---------------------------------------------------------------------------

enum class Need { optional, required };

// "'sd' does not apply to dist = "uniform" (it takes min and max)".
std::string does_not_apply(std::string_view key, std::string_view field, std::string_view value,
                           std::string_view instead);

struct NumberRule {
  double min = -kInf;
  bool min_open = false;
  double max = kInf;
  bool allow_inf = false;      // TOML inf / -inf accepted (nu_t = inf, truncation bounds)
  std::string_view unit = {};  // shown in messages: "(亿元)"
};

std::string expectation(const NumberRule& rule);

struct IntRule {
  long long min = 0;
  long long max = INT_MAX;
  std::string_view what;  // "a year", "a count of projects"
};

std::string expectation(const IntRule& rule);

constexpr IntRule year_rule(std::string_view what = "a year") {
  return IntRule{kFirstYear, kLastYear, what};
}

enum class StringRule { any, nonblank, id };

// Bilingual text: { zh = "…", en = "…" }.
inline constexpr std::array<std::string_view, 2> kTextKeys = {"zh", "en"};

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
  void problem(std::string_view key, std::string message);

  void missing(std::string_view key, std::string_view hint = {});

  // A key that is valid TOML and known to the format but does not belong here
  // (threshold_parameter on a counter): reported once, not again as unknown.
  void reject(std::string_view key, std::string message);

  const toml::node* node(std::string_view key, Need need, std::string_view hint = {});

  std::optional<double> number(std::string_view key, Need need, const NumberRule& rule = {},
                               std::string_view hint = {});

  std::optional<int> whole(std::string_view key, Need need, const IntRule& rule);

  std::optional<bool> flag(std::string_view key, Need need);

  std::optional<std::string> string(std::string_view key, Need need, StringRule rule = StringRule::nonblank,
                                    std::string_view what = "a text");

  // Checks a string node (also used for the elements of lists).
  std::optional<std::string> check_string(const toml::node& n, const std::string& path, StringRule rule,
                                          std::string_view what);

  // Index of the option the value spells.
  std::optional<std::size_t> choice(std::string_view key, Need need, std::span<const std::string_view> options);

  // Bilingual text: name = { zh = "…", en = "…" }.
  std::optional<model::Text> text(std::string_view key, Need need);

  const toml::table* table(std::string_view key, Need need, std::string_view hint = {});

  // As finish(), after checking that the keys asked for are exactly `declared`,
  // the list published by scenario_vocabulary(): a mismatch is a bug of the
  // loader (a key read but not published, or published but never read).
  void finish(std::span<const std::string_view> declared);

  // Reports every key that no accessor asked for.
  void finish();

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
  void add(Fields& f, const std::optional<std::string>& id);

 private:
  std::string_view what_;
  std::map<std::string, int> lines_;
};

// `format = 1`, the first key of every file.
void read_format(Fields& root);

}  // namespace targetcast::io::detail
