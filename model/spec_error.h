#pragma once
// One problem with an input (a seed, prior or scenario file), located as
// precisely as we can: file, line, key. io/ raises these while parsing; the
// model raises them when cross-references between files do not resolve.
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace targetcast::model {

struct Problem {
  std::string file;      // path as the user gave it, or "embedded:seeds/..."
  int line = 0;          // 1-based; 0 when unknown
  std::string key;       // dotted key path, e.g. "target[3].deadline"
  std::string message;   // what is wrong and what is expected

  // "file:line: key: message"
  std::string to_string() const;
};

// Thrown with every problem found, so that a planner fixes them all at once.
class SpecError : public std::runtime_error {
 public:
  explicit SpecError(std::vector<Problem> problems);
  explicit SpecError(Problem problem) : SpecError(std::vector<Problem>{std::move(problem)}) {}
  const std::vector<Problem>& problems() const { return problems_; }

 private:
  std::vector<Problem> problems_;
};

// The candidate closest to `word`, if it is close enough to be a typo
// (1 edit for words of up to 4 letters, 2 up to 8, else 3; a swap of two
// neighbours is one edit).
std::optional<std::string_view> closest_word(std::string_view word, std::span<const std::string_view> candidates);

// "; did you mean 'x'?" for the closest candidate, or "" when none is close.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace targetcast::model
