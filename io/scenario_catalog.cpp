#include "io/scenario_catalog.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "io/embedded_files.h"
#include "io/source_file.h"
#include "io/toml_loader.h"

namespace targetcast::io {
namespace {

namespace fs = std::filesystem;

ScenarioEntry load_entry(const std::string& path, bool embedded) {
  ScenarioEntry e;
  e.path = path;
  e.embedded = embedded;
  try {
    e.spec = load_scenario(read_source(path));
  } catch (const model::SpecError& error) {
    e.problems = error.problems();
  }
  return e;
}

// "2023" or "2023–2025" or "from 2023".
std::string years(int from, int to, bool zh) {
  if (to == from) return std::to_string(from);
  if (to == 0) return zh ? fmt::format("{}年起", from) : fmt::format("from {}", from);
  return fmt::format("{}–{}", from, to);
}

std::string number(double v) {
  return fmt::format("{}", v);
}

// "+20%" / "−30%".
std::string relative(double change) {
  const double pct = std::round(100.0 * change * 10.0) / 10.0;
  return pct < 0 ? fmt::format("−{}%", number(-pct)) : fmt::format("+{}%", number(pct));
}

std::string lever_text(const model::Lever& l, bool zh) {
  const std::string span = years(l.from, l.to, zh);
  const std::string v = number(l.value);
  using K = model::LeverKind;
  switch (l.kind) {
    case K::funding_multiplier:
      return zh ? fmt::format("省级资金×{}({})", v, span) : fmt::format("funding ×{} {}", v, span);
    case K::funding_yi:
      return zh ? fmt::format("省级资金{}亿元/年({})", v, span) : fmt::format("funding {}亿/yr {}", v, span);
    case K::lambda_soc:
      return zh ? fmt::format("社会资金配比{}({})", v, span) : fmt::format("social co-investment {} {}", v, span);
    case K::c_proj:
      return zh ? fmt::format("每项目{}亿元({})", v, span) : fmt::format("{}亿 per project {}", v, span);
    case K::entry_multiplier:
      return zh ? fmt::format("企业新增×{}({})", v, span) : fmt::format("entry ×{} {}", v, span);
    case K::exit_multiplier:
      return zh ? fmt::format("退出风险×{}({})", v, span) : fmt::format("exit hazard ×{} {}", v, span);
    case K::park_capacity_multiplier:
      return zh ? fmt::format("园区容量×{}({})", v, span) : fmt::format("park capacity ×{} {}", v, span);
  }
  return {};
}

std::string shock_text(const model::Shock& s, bool zh) {
  const std::string span = years(s.from, s.to == 0 ? s.from : s.to, zh);
  const std::string what = s.rule == model::ShockRule::counter
                               ? s.indicator
                               : std::string(zh ? (s.rule == model::ShockRule::growth  ? "增速"
                                                   : s.rule == model::ShockRule::entry ? "企业新增"
                                                   : s.rule == model::ShockRule::exit  ? "退出风险"
                                                                                       : "省级资金")
                                                : model::to_string(s.rule));
  return zh ? fmt::format("{}冲击{}({})", what, relative(s.value), span)
            : fmt::format("{} shock {} {}", what, relative(s.value), span);
}

std::string park_text(const model::ParkAddition& p, bool zh) {
  const std::string capacity = p.capacity > 0 ? (zh ? fmt::format(",每个{}家", number(p.capacity))
                                                    : fmt::format(" of {} firms", number(p.capacity)))
                                              : std::string();
  return zh ? fmt::format("{}年新增{}个园区{}", p.year, p.count, capacity)
            : fmt::format("+{} park{}{} in {}", p.count, p.count == 1 ? "" : "s", capacity, p.year);
}

}  // namespace

std::vector<ScenarioEntry> list_scenarios(const std::string& folder) {
  std::vector<ScenarioEntry> out;
  std::set<std::string> names;
  std::error_code ec;
  if (fs::is_directory(folder, ec)) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
      if (entry.path().extension() == ".toml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      try {
        if (detect_kind(read_source(file.string())) != FileKind::scenario) continue;
      } catch (const model::SpecError&) {
        // Unreadable: listed with its problem below.
      }
      names.insert(file.filename().string());
      out.push_back(load_entry(file.string(), false));
    }
  }
  for (const EmbeddedFile& f : embedded_files()) {
    const fs::path rel(std::string(f.path));
    if (rel.parent_path() != "scenarios" || names.count(rel.filename().string()) != 0) continue;
    out.push_back(load_entry(kEmbeddedPrefix + std::string(f.path), true));
  }
  return out;
}

std::string describe_changes(const model::ScenarioSpec& spec, std::string_view lang) {
  const bool zh = lang == "zh";
  std::vector<std::string> parts;
  for (const model::Lever& l : spec.levers) parts.push_back(lever_text(l, zh));
  for (const model::Shock& s : spec.shocks) parts.push_back(shock_text(s, zh));
  for (const model::ParkAddition& p : spec.parks) parts.push_back(park_text(p, zh));
  for (const model::Prior& p : spec.priors) {
    parts.push_back(zh ? fmt::format("先验{}替换", p.name) : fmt::format("prior {} replaced", p.name));
  }
  if (parts.empty()) return zh ? "无(基准)" : "nothing (the baseline)";
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

}  // namespace targetcast::io
