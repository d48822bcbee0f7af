# One browser test of the what-if workbench (registered by tests/report/CMakeLists.txt):
# check_workbench.mjs starts `targetcast serve` in WORK_DIR, drives the page and saves
# a screenshot under ARTEFACT_DIR (tests/workbench-screenshot-LANG.png).
# TARGETCAST_TEST_NODE picks another Node.js at test time (scripts/debian-node.sh).
include(${CMAKE_CURRENT_LIST_DIR}/browser_prelude.cmake)
execute_process(COMMAND "${NODE}" "${SOURCE_DIR}/tests/report/check_workbench.mjs" --targetcast "${TARGETCAST}"
                        --modules "${SOURCE_DIR}/node_modules" --chromium "${CHROMIUM}" --lang "${LANG}"
                        --workdir "${WORK_DIR}" --screenshot "${ARTEFACT_DIR}/workbench-screenshot-${LANG}.png"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the workbench browser test failed (exit ${rc})")
endif()
