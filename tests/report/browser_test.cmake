# One browser test of the HTML report (registered by tests/report/CMakeLists.txt):
# simulate a small Guangdong experiment, write its report with the targetcast
# binary, then open it in headless chromium (check_report.mjs) and save a
# screenshot under ARTEFACT_DIR.
#   CASE=en       baseline + funding-plus-50, `simulate --report`, English
#                 → tests/report-screenshot.png
#   CASE=hostile  baseline + a scenario whose title and description are HTML and
#                 script, `report --lang zh` → tests/report-screenshot-zh.png
# TARGETCAST_TEST_NODE picks another Node.js at test time: CI runs these tests
# again under Debian 12's own Node (scripts/debian-node.sh, issue 12).
include(${CMAKE_CURRENT_LIST_DIR}/browser_prelude.cmake)

# What the report must show, counted from the seed file itself.
file(READ "${SOURCE_DIR}/seeds/guangdong-ai-2025.toml" plan)
string(REGEX MATCHALL "\n\\[\\[indicator\\]\\]" indicators "${plan}")
string(REGEX MATCHALL "\n\\[\\[target\\]\\]" targets "${plan}")
list(LENGTH indicators indicator_count)
list(LENGTH targets target_count)

function(run)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  message("$ ${ARGN}\n${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (exit ${rc})")
  endif()
endfunction()

set(simulate "${TARGETCAST}" simulate --db results.sqlite --runs 300 --threads 2 --no-per-run
             --scenario "${SOURCE_DIR}/scenarios/baseline.toml")
if(CASE STREQUAL "en")
  # A tiny sensitivity analysis of the same plan and scenario first: the report
  # then shows a tornado per target and one for the joint outcome.
  run("${TARGETCAST}" sensitivity --db results.sqlite --threads 2 --samples 8 --bootstrap 20 --tornado-runs 4
      --no-levers --scenario "${SOURCE_DIR}/scenarios/baseline.toml" --target gd-2025-leading-firms)
  math(EXPR tornado_count "${target_count} + 1")
  run(${simulate} --scenario "${SOURCE_DIR}/scenarios/funding-plus-50.toml" --report report.html)
  set(hostile_args --tornados ${tornado_count})
  set(screenshot "${ARTEFACT_DIR}/report-screenshot.png")
else()
  # A copy of funding-plus-50 with a hostile title and description. U+2028 is a
  # line terminator in older JavaScript: it must not break the embedded JSON.
  set(hostile_title "<script>alert(1)</script>")
  file(READ "${SOURCE_DIR}/scenarios/funding-plus-50.toml" scenario)
  string(REGEX REPLACE "\nid = \"[^\"]*\"" "\nid = \"hostile\"" scenario "${scenario}")
  string(REGEX REPLACE "\ntitle = {[^\n]*" "\ntitle = { zh = \"${hostile_title}\", en = \"${hostile_title}\" }"
         scenario "${scenario}")
  string(REGEX REPLACE "\ndescription = {[^\n]*"
         "\ndescription = { zh = \"</script><img src=x onerror=alert(2)>\\\\u2028'&amp;\", en = \"</script><img src=x onerror=alert(2)>\" }"
         scenario "${scenario}")
  string(REPLACE "\"../seeds/" "\"${SOURCE_DIR}/seeds/" scenario "${scenario}")
  file(WRITE "${WORK_DIR}/hostile.toml" "${scenario}")
  run(${simulate} --scenario hostile.toml)
  run("${TARGETCAST}" report --db results.sqlite --lang zh --out report.html)
  set(hostile_args --hostile "${hostile_title}")
  set(screenshot "${ARTEFACT_DIR}/report-screenshot-zh.png")
endif()

run("${NODE}" "${SOURCE_DIR}/tests/report/check_report.mjs" --modules "${SOURCE_DIR}/node_modules"
    --chromium "${CHROMIUM}" --report report.html --screenshot "${screenshot}"
    --fans ${indicator_count} --firsts ${target_count} --scenarios 2 ${hostile_args})
