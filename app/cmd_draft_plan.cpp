// targetcast draft-plan: a commented seed plan drafted from a policy document
// (workflow/draft_plan.h, docs/draft-plan.md).
#include <fmt/format.h>

#include <fstream>
#include <memory>

#include "app/commands.h"
#include "workflow/draft_plan.h"

namespace targetcast::app {

Command add_draft_plan_command(CLI::App& cli) {
  auto o = std::make_shared<workflow::DraftRequest>();
  auto* sub = cli.add_subcommand("draft-plan", "Draft a seed plan file from a policy document, for review");
  sub->add_option("document", o->document, "The plan's text (UTF-8; simplified or traditional Chinese)")
      ->required()
      ->check(CLI::ExistingFile);
  sub->add_option("--baseline-doc", o->baseline_documents,
                  "Further documents with baseline figures (press conferences, replies); repeatable")
      ->check(CLI::ExistingFile);
  sub->add_option("--region", o->region, "Region id (default: the region the document names)");
  sub->add_option("--out", o->out_path, "Write the draft here (default: print it)");
  return {sub, [o](const model::Executor&) {
            const workflow::DraftResult r = workflow::draft_plan(*o);
            if (o->out_path.empty()) {
              fmt::print("{}", r.toml);
            } else {
              std::ofstream out(o->out_path, std::ios::binary);
              out << r.toml;
              if (!out) throw std::runtime_error("cannot write " + o->out_path);
            }
            const std::string where = o->out_path.empty() ? "the draft" : o->out_path;
            fmt::print(stderr, "{}: {} targets written, {} commented (with their reason), {} qualitative goals.\n",
                       where, r.targets_written, r.targets_commented, r.plan.goals.size());
            if (r.problems.empty()) {
              fmt::print(stderr, "It validates: review it, then run `targetcast simulate --baseline {}`.\n", where);
            } else {
              fmt::print(stderr, "To fill in before it runs (`targetcast validate` says the same):\n");
              for (const auto& p : r.problems) fmt::print(stderr, "  {}\n", p.to_string());
            }
            return 0;
          }};
}

}  // namespace targetcast::app
