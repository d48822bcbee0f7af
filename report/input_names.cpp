#include "report/input_names.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <optional>

namespace targetcast::report {
namespace {

struct Name {
  std::string_view code, zh, en;
};

// The levers of docs/scenarios.md: they are no seed-file items, so their names
// live here. Parameters are named by their prior tables (name = { zh, en }),
// carried in the report data.
constexpr std::array kNames = {
    // Levers (scenario files, `targetcast solve --lever`).
    Name{"funding_multiplier", "省级资金倍数", "provincial funding multiplier"},
    Name{"funding_yi", "省级资金(亿元/年)", "provincial funding (100 million yuan a year)"},
    // Two levers set a parameter; the report data's name of it (seeds/priors.toml) comes first.
    Name{"lambda_soc", "每元财政资金带动的社会资金", "social money per yuan of provincial money"},
    Name{"c_proj", "每个项目的省级资金", "provincial money per project"},
    Name{"entry_multiplier", "企业新增倍数", "start-up rate multiplier"},
    Name{"exit_multiplier", "企业退出风险倍数", "exit risk multiplier"},
    Name{"park_capacity_multiplier", "园区容量倍数", "park capacity multiplier"},
    Name{"new_parks", "新增园区数", "number of new parks"},
    // The runs' own randomness (analysis/sensitivity.cpp): what no input explains.
    Name{"intrinsic_randomness", "每次模拟自身的随机性", "each run's own randomness"},
};

template <std::size_t N>
const Name* find(const std::array<Name, N>& names, std::string_view code) {
  for (const Name& n : names) {
    if (n.code == code) return &n;
  }
  return nullptr;
}

// `code` by itself: a parameter named by its prior table (when `data` is
// given), else a lever; nullopt when neither knows it.
std::optional<std::string> plain_name(const store::ReportData* data, std::string_view code, std::string_view lang) {
  if (data != nullptr) {
    for (const store::ReportParameter& p : data->parameters) {
      if (p.name == code && !p.label.zh.empty() && !p.label.en.empty()) return p.label.in(lang);
    }
  }
  if (const Name* n = find(kNames, code)) return std::string(lang == "zh" ? n->zh : n->en);
  return std::nullopt;
}

std::string any_name(const store::ReportData* data, std::string_view code, std::string_view lang) {
  if (auto name = plain_name(data, code, lang)) return *name;
  const bool zh = lang == "zh";
  // A lever of a sensitivity analysis or solve (analysis/policy_lever.h):
  // "<lever>_from_<year>" (from that year on) or "new_parks_<year>" (in that year).
  for (const std::string_view joint : {std::string_view("_from_"), std::string_view("_")}) {
    const std::size_t at = code.rfind(joint);
    if (at == std::string_view::npos) continue;
    const std::string_view year = code.substr(at + joint.size());
    int y = 0;
    const auto [end, ec] = std::from_chars(year.data(), year.data() + year.size(), y);
    const auto name = plain_name(data, code.substr(0, at), lang);
    if (!name || ec != std::errc() || end != year.data() + year.size()) continue;
    if (joint == "_") return zh ? fmt::format("{}({}年)", *name, y) : fmt::format("{} in {}", *name, y);
    return zh ? fmt::format("{}({}年起)", *name, y) : fmt::format("{} from {}", *name, y);
  }
  return std::string(code);
}

}  // namespace

std::string input_name(std::string_view code, std::string_view lang) { return any_name(nullptr, code, lang); }

std::string input_name(const store::ReportData& data, std::string_view code, std::string_view lang) {
  return any_name(&data, code, lang);
}

std::string input_note(const store::ReportData& data, const store::ReportDriver& d, std::string_view lang) {
  for (const store::ReportParameter& p : data.parameters) {
    if (p.name == d.name && p.note == d.note) return p.note_in(lang);
  }
  return d.note;
}

std::string source_name(std::span<const model::SourceDocument> documents, std::string_view file,
                        std::string_view lang) {
  for (const model::SourceDocument& d : documents) {
    if (d.file != file) continue;
    const std::string& title = d.title.in(lang);
    const std::string& issuer = d.issuer.in(lang);
    // A comma, not brackets: the reports already put a source in brackets.
    if (lang != "zh") return fmt::format("{}, {}", title, issuer);
    // A title already in book marks keeps them.
    return title.starts_with("《") ? issuer + title : fmt::format("{}《{}》", issuer, title);
  }
  return std::string(file);
}

}  // namespace targetcast::report
