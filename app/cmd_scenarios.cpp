// targetcast scenarios list: the built-in scenarios and those in ./scenarios.
#include <fmt/format.h>

#include <memory>

#include "app/commands.h"
#include "io/scenario_catalog.h"
#include "report/scenario_list_table.h"

namespace targetcast::app {

Command add_scenarios_command(CLI::App& cli) {
  struct Options {
    std::string folder = "scenarios";
    std::string lang = "en";
  };
  auto o = std::make_shared<Options>();
  auto* sub = cli.add_subcommand("scenarios", "Scenario files: list them with what they change");
  sub->require_subcommand(1);
  auto* list = sub->add_subcommand("list", "List the built-in scenarios and the *.toml scenarios of a folder");
  list->add_option("--dir", o->folder, "Folder of scenario files")->default_val("scenarios");
  list->add_option("--lang", o->lang, "Language")->check(CLI::IsMember({"en", "zh"}));
  return {sub, [o](const model::Executor&) {
            const auto entries = io::list_scenarios(o->folder);
            fmt::print("{}", report::format_scenario_list(entries, o->lang));
            for (const auto& e : entries) {
              if (!e.problems.empty()) return kExitBadInput;
            }
            return 0;
          }};
}

}  // namespace targetcast::app
