#include "report/report_markdown.h"

#include <fmt/format.h>

#include "report/plain_summary.h"
#include "report/report_sensitivity_tables.h"
#include "report/report_text.h"

namespace targetcast::report {

std::string markdown_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    switch (ch) {
      case '\\':
      case '`':
      case '*':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '&':
      case '~':
        out += '\\';
        out += ch;
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += ' ';
        break;
      case '\n':
        out += ' ';
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string markdown_table(const ReportTable& table) {
  std::string out = "|";
  std::string rule = "|";
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    out += " " + markdown_escape(table.header[c]) + " |";
    rule += c < table.numeric.size() && table.numeric[c] ? " ---: |" : " --- |";
  }
  out += "\n" + rule + "\n";
  for (const auto& row : table.rows) {
    out += "|";
    for (std::size_t c = 0; c < table.header.size(); ++c) {
      out += " " + (c < row.size() ? markdown_escape(row[c]) : std::string()) + " |";
    }
    out += "\n";
  }
  if (!table.note.empty()) out += "\n" + markdown_escape(table.note) + "\n";
  return out;
}

std::string render_markdown(const store::ReportData& data, const ReportOptions& options) {
  const ReportText& t = report_text(options.lang);
  const store::ExperimentRow& e = data.experiment;
  std::string out = fmt::format("# {}\n\n", markdown_escape(t.title));
  out += fmt::format("**{}** · {} · {} {} · {}\n\n", markdown_escape(plan_title(data, options)),
                     fill(t.subtitle_experiment, "id", std::to_string(e.id)), t.subtitle_scenario,
                     markdown_escape(data.scenarios.empty() ? "" : data.scenarios.front().title.in(options.lang)),
                     fill(t.subtitle_runs, "runs", std::to_string(e.runs)));
  if (e.status != "complete") {
    out += "> " + markdown_escape(fill(t.warning_status, "status", stored_term(e.status, options.lang))) + "\n\n";
  }

  if (const std::string summary = plain_summary_text(data, options); !summary.empty()) {
    out += fmt::format("## {}\n\n{}\n\n", markdown_escape(t.sec_summary), markdown_escape(summary));
  }

  const std::vector<ReportTable> tables = report_tables(data, options);
  const auto table = [&](std::string_view id) -> const ReportTable* {
    for (const ReportTable& tb : tables) {
      if (tb.id == id) return &tb;
    }
    return nullptr;
  };
  const auto section = [&](std::string_view heading, std::string_view intro) {
    out += fmt::format("## {}\n\n", markdown_escape(heading));
    if (!intro.empty()) out += markdown_escape(intro) + "\n\n";
  };
  const auto sub_table = [&](const ReportTable* tb) {
    if (tb == nullptr) return;
    out += fmt::format("### {}\n\n{}\n", markdown_escape(tb->title), markdown_table(*tb));
  };

  section(t.sec_targets, t.intro_targets);
  out += markdown_table(*table("targets")) + "\n";
  section(t.sec_joint, t.intro_joint);
  out += markdown_escape(joint_sentence(data, options)) + " " + markdown_escape(status_counts(data, options)) + "\n\n";
  section(t.sec_fans, "");
  sub_table(table("indicators"));
  section(t.sec_first, "");
  sub_table(table("first_passage"));
  if (data.scenarios.size() > 1) {
    section(t.sec_scenarios, t.intro_scenarios);
    out += markdown_table(*table("scenario_list")) + "\n";
    sub_table(table("scenarios"));
    sub_table(table("differences"));
  }
  if (!data.sensitivity.empty()) {
    section(drivers_heading(options), drivers_intro(data, options));
    sub_table(table("drivers"));
    sub_table(table("solves"));
  }
  const ReportTable* track = table("track_record");
  section(t.sec_track, track == nullptr ? t.no_track : t.intro_track);
  if (track != nullptr) out += markdown_table(*track) + "\n";
  section(t.sec_parameters, t.intro_parameters);
  out += markdown_table(*table("parameters")) + "\n";
  section(t.sec_provenance, "");
  sub_table(table("provenance"));
  sub_table(table("input_files"));
  return out;
}

}  // namespace targetcast::report
