# The Excel workbook read as a planner's spreadsheet program would read it
# (registered by tests/report/CMakeLists.txt): a small sensitivity analysis, a
# lever solve and a two-scenario experiment of the Guangdong plan, so that every
# sheet but the track record has data; the workbook in English from
# `simulate --report`, in Chinese from `report` to a Chinese file name and to
# standard output; each opened by openpyxl (check_xlsx.py) and checked against
# the database. A place that cannot be written must fail clearly and leave no file.
if(NOT PYTHON OR NOT EXISTS "${PYTHON}")
  message(FATAL_ERROR "Debian's /usr/bin/python3 not found: run scripts/install-deps.sh (python3, python3-openpyxl).")
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

function(run)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  message("$ ${ARGN}\n${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (exit ${rc})")
  endif()
endfunction()

set(baseline "${SOURCE_DIR}/scenarios/baseline.toml")
run("${TARGETCAST}" sensitivity --db results.sqlite --threads 2 --samples 8 --bootstrap 20 --tornado-runs 4
    --no-levers --scenario "${baseline}" --target gd-2025-leading-firms)
run("${TARGETCAST}" solve --db results.sqlite --threads 2 --scenario "${baseline}" --target gd-2025-leading-firms
    --probability 0.6 --runs 100 --confirm-runs 100 --tolerance 0.2)
run("${TARGETCAST}" simulate --db results.sqlite --runs 300 --threads 2 --no-per-run --scenario "${baseline}"
    --scenario "${SOURCE_DIR}/scenarios/funding-plus-50.toml" --report report.xlsx)
run("${TARGETCAST}" report --db results.sqlite --lang zh --out 报告.xlsx)
execute_process(COMMAND "${TARGETCAST}" report --db results.sqlite --lang zh --format xlsx --out -
                WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE rc OUTPUT_FILE "${WORK_DIR}/stdout.xlsx")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "report --out - failed (exit ${rc})")
endif()

foreach(check IN ITEMS "report.xlsx;en" "报告.xlsx;zh" "stdout.xlsx;zh")
  list(GET check 0 file)
  list(GET check 1 lang)
  run("${PYTHON}" "${SOURCE_DIR}/tests/report/check_xlsx.py" --db results.sqlite --xlsx "${file}" --lang ${lang})
endforeach()

execute_process(COMMAND "${TARGETCAST}" report --db results.sqlite --out missing/report.xlsx
                WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE rc ERROR_VARIABLE err)
message("$ targetcast report --out missing/report.xlsx\n${err}")
if(rc EQUAL 0 OR NOT err MATCHES "cannot write the report missing/report.xlsx" OR EXISTS "${WORK_DIR}/missing")
  message(FATAL_ERROR "an unwritable path must fail with a clear message and leave nothing (exit ${rc})")
endif()
file(GLOB partial "${WORK_DIR}/*.partial")
if(partial)
  message(FATAL_ERROR "left behind: ${partial}")
endif()
