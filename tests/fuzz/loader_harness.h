#pragma once
// One input through one file loader, as the fuzzers (tests/fuzz/fuzz_loader.cpp)
// and the regression test of the main build (tests/io/test_hostile_files.cpp)
// both run it. A loader may accept the bytes or reject them with a
// model::SpecError whose every problem names the file; anything else (another
// exception, a problem without the file's name) is a failure. Crashes, leaks
// and undefined behaviour are the sanitizers' to catch.
#include <optional>
#include <string>
#include <string_view>

namespace targetcast::fuzz {

enum class Loader { plan, priors, scenario, observations };

inline constexpr Loader kLoaders[] = {Loader::plan, Loader::priors, Loader::scenario, Loader::observations};

// "plan", "priors", "scenario", "observations": the folder names under
// tests/fuzz/regressions/ and the suffixes of the fuzzers' names.
std::string_view name_of(Loader loader);

// "" when the loader behaved; otherwise what went wrong.
std::string check_loader(Loader loader, std::string_view bytes);

}  // namespace targetcast::fuzz
