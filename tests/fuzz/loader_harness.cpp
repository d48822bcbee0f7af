#include "loader_harness.h"

#include <exception>

#include "io/observations_csv.h"
#include "io/source_file.h"
#include "io/toml_loader.h"
#include "model/spec_error.h"

namespace targetcast::fuzz {

std::string_view name_of(Loader loader) {
  switch (loader) {
    case Loader::plan:
      return "plan";
    case Loader::priors:
      return "priors";
    case Loader::scenario:
      return "scenario";
    case Loader::observations:
      return "observations";
  }
  return "?";
}

std::string check_loader(Loader loader, std::string_view bytes) {
  io::SourceFile file;
  file.path = loader == Loader::observations ? "fuzz-input.csv" : "fuzz-input.toml";
  file.content = std::string(bytes);
  try {
    switch (loader) {
      case Loader::plan:
        static_cast<void>(io::load_plan(file));
        break;
      case Loader::priors:
        static_cast<void>(io::load_priors(file));
        break;
      case Loader::scenario:
        static_cast<void>(io::load_scenario(file));
        break;
      case Loader::observations:
        static_cast<void>(io::load_observations(file));
        break;
    }
    // validate_file is what `targetcast validate` runs on any file: it must
    // never throw, whatever the bytes.
    if (loader != Loader::observations) static_cast<void>(io::validate_file(file));
  } catch (const model::SpecError& e) {
    if (e.problems().empty()) return "a SpecError without problems";
    for (const model::Problem& p : e.problems()) {
      if (p.file != file.path) return "a problem that does not name the file: " + p.to_string();
      if (p.line < 0) return "a problem with a negative line: " + p.to_string();
      if (p.message.empty()) return "a problem without a message: " + p.to_string();
    }
  } catch (const std::exception& e) {
    return std::string("an exception other than SpecError: ") + e.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
  return "";
}

}  // namespace targetcast::fuzz
