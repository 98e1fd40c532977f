# cmake -DPROGRAM=test_x -DFILTER=A.b:C.d -DCOUNT=2 -P timing_names.cmake
# Fails unless the GoogleTest program PROGRAM has exactly COUNT tests matching FILTER: the
# TIMING list of hpsearch_unit_test (tests/CMakeLists.txt) names tests that exist.
execute_process(COMMAND ${PROGRAM} --gtest_list_tests --gtest_filter=${FILTER}
                OUTPUT_VARIABLE listing RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} --gtest_list_tests failed (${code})")
endif()
# --gtest_list_tests prints "Suite." lines and indented "  Test" lines.
string(REGEX MATCHALL "\n  [^\n]+" tests "\n${listing}")
list(LENGTH tests found)
if(NOT found EQUAL COUNT)
  message(FATAL_ERROR "${PROGRAM}: ${found} tests match the TIMING list ${FILTER}, expected "
                      "${COUNT} (was one renamed? update tests/unit/*/CMakeLists.txt):\n${listing}")
endif()
message(STATUS "${PROGRAM}: the ${COUNT} TIMING tests exist")
