#include "report/scenario_list_table.h"

#include "report/text_table.h"

namespace targetcast::report {

std::string format_scenario_list(const std::vector<io::ScenarioEntry>& entries, std::string_view lang) {
  const bool zh = lang == "zh";
  TextTable table(zh ? std::vector<std::string>{"编号", "名称", "改变了什么", "文件"}
                     : std::vector<std::string>{"id", "title", "what it changes", "file"});
  for (const io::ScenarioEntry& e : entries) {
    if (!e.problems.empty()) {
      table.add({"?", zh ? "(无效文件)" : "(invalid file)", e.problems.front().to_string(), e.path});
      continue;
    }
    table.add({e.spec.id, e.spec.title.in(lang), io::describe_changes(e.spec, lang), e.path});
  }
  return table.str();
}

}  // namespace targetcast::report
