# The issue-17 benchmark suite (bench/suite/): a bench-only library of problems, and the
# evaluation server the Python peers talk to. Included from bench/CMakeLists.txt.
add_library(hpsearch_bench_suite STATIC
            ${CMAKE_CURRENT_LIST_DIR}/suite/suite_problem.cpp
            ${CMAKE_CURRENT_LIST_DIR}/suite/suite_continuous.cpp
            ${CMAKE_CURRENT_LIST_DIR}/suite/suite_discrete.cpp
            ${CMAKE_CURRENT_LIST_DIR}/suite/suite_conditional.cpp)
target_include_directories(hpsearch_bench_suite PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(hpsearch_bench_suite PUBLIC hpsearch_space hpsearch_eval PRIVATE hpsearch_warnings)
add_executable(suite_server ${CMAKE_CURRENT_LIST_DIR}/suite_server.cpp)
target_link_libraries(suite_server PRIVATE hpsearch_bench_suite hpsearch_warnings)
