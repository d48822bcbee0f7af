// libFuzzer entry point for one loader, chosen at compile time
// (TARGETCAST_FUZZ_LOADER = plan | priors | scenario | observations; see
// tests/fuzz/CMakeLists.txt). A failure of check_loader aborts, so that
// libFuzzer saves the input as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "loader_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using targetcast::fuzz::Loader;
  const std::string failure = targetcast::fuzz::check_loader(
      Loader::TARGETCAST_FUZZ_LOADER, std::string_view(reinterpret_cast<const char*>(data), size));
  if (!failure.empty()) {
    std::fprintf(stderr, "targetcast fuzz: %s\n", failure.c_str());
    std::abort();
  }
  return 0;
}
