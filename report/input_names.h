#pragma once
// The names a planner reads for the engine's parameters, the scenario levers
// and the source documents, in Chinese and English (issue 16, item 8): reports
// never show a code name such as `rho_b`, `funding_multiplier_from_2023` or
// `002_b10e5fe339225739.txt` when the files or this catalogue name it.
#include <span>
#include <string>
#include <string_view>

#include "store/report_data.h"

namespace targetcast::report {

// A lever (scenario files), or a sensitivity input named after a lever
// ("funding_multiplier_from_2023": the lever from that year), in `lang`; the
// code itself when unknown.
std::string input_name(std::string_view code, std::string_view lang);

// A parameter by the name its prior table gives (name = { zh, en }, carried in
// data.parameters), else as input_name(code, lang): a parameter no file names
// shows its code (validate warns about it).
std::string input_name(const store::ReportData& data, std::string_view code, std::string_view lang);

// The note of a sensitivity driver in `lang`: the stored driver keeps the
// English note, its prior keeps both.
std::string input_note(const store::ReportData& data, const store::ReportDriver& d, std::string_view lang);

// A document by the title and issuing body its [[document]] table gives:
// "广东省人民政府《…》" in Chinese (the issuer before the title in book marks,
// as Chinese documents are cited), "title, issuer" in English (not in brackets: the reports put the whole source in brackets); the file name
// itself when no table declares it (or the results file predates them).
std::string source_name(std::span<const model::SourceDocument> documents, std::string_view file,
                        std::string_view lang);

}  // namespace targetcast::report
