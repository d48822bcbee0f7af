# What every browser test needs before it starts (included by browser_test.cmake
# and workbench_test.cmake): Node.js (TARGETCAST_TEST_NODE picks another one at
# test time: CI runs these tests again under Debian 12's own Node,
# scripts/debian-node.sh, issue 12), Debian's chromium and playwright-core, and
# an empty WORK_DIR and ARTEFACT_DIR.
if(DEFINED ENV{TARGETCAST_TEST_NODE})
  set(NODE "$ENV{TARGETCAST_TEST_NODE}")
endif()
foreach(tool IN ITEMS NODE CHROMIUM)
  if(NOT ${tool} OR NOT EXISTS "${${tool}}")
    message(FATAL_ERROR "${tool} not found: run scripts/install-deps.sh (it installs Debian's nodejs and chromium).")
  endif()
endforeach()
if(NOT EXISTS "${SOURCE_DIR}/node_modules/playwright-core/package.json")
  message(FATAL_ERROR "playwright-core is missing from node_modules: run scripts/install-deps.sh (npm ci).")
endif()
execute_process(COMMAND "${NODE}" --version OUTPUT_VARIABLE node_version OUTPUT_STRIP_TRAILING_WHITESPACE)
message("Node.js ${node_version} (${NODE})")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}" "${ARTEFACT_DIR}")
