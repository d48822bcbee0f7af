// One resolver for a target named on the command line (model::lookup_target):
// a target id, or the indicator of exactly one target.
#include <catch2/catch.hpp>
#include <vector>

#include "model/plan.h"

using namespace targetcast;

TEST_CASE("a target is named by its id or by the indicator of exactly one target", "[model][targets]") {
  const std::vector<model::TargetName> targets = {
      {"gd-2025-core-industry", "core_industry"}, {"gd-2025-firms", "firms"}, {"gd-2030-firms", "firms"}};
  CHECK(model::lookup_target(targets, "gd-2025-firms").index == 1);
  CHECK(model::lookup_target(targets, "core_industry").index == 0);
  const auto ambiguous = model::lookup_target(targets, "firms");
  CHECK(ambiguous.problem.find("several targets are on the indicator 'firms'") != std::string::npos);
  const auto unknown = model::lookup_target(targets, "parks");
  CHECK(unknown.problem.find("no target or target indicator 'parks'") != std::string::npos);
  CHECK(unknown.problem.find("gd-2025-core-industry, gd-2025-firms, gd-2030-firms") != std::string::npos);
  CHECK(model::lookup_target(targets, "core_industy").problem.find("did you mean 'core_industry'?") !=
        std::string::npos);
}
