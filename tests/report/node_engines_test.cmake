# Runs check_node_engines.mjs under NODE, or under $ENV{TARGETCAST_TEST_NODE}
# when set (CI's second pass with Debian 12's own Node.js).
if(DEFINED ENV{TARGETCAST_TEST_NODE})
  set(NODE "$ENV{TARGETCAST_TEST_NODE}")
endif()
if(NOT NODE OR NOT EXISTS "${NODE}")
  message(FATAL_ERROR "node not found: run scripts/install-deps.sh (it installs Debian's nodejs).")
endif()
execute_process(COMMAND "${NODE}" "${SOURCE_DIR}/tests/report/check_node_engines.mjs"
                        --lock "${SOURCE_DIR}/package-lock.json" --package "${SOURCE_DIR}/package.json"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "a pinned JavaScript package does not run under Debian 12's Node.js (exit ${rc})")
endif()
