# Regularized evolution against random search, AMBS and TPE on problems of the issue-17
# suite (bench/suite), to 1,000 evaluations. Included from bench/CMakeLists.txt.
add_executable(evolution_bench ${CMAKE_CURRENT_LIST_DIR}/evolution.cpp)
target_link_libraries(evolution_bench PRIVATE hpsearch_bench_suite hpsearch_search hpsearch_config
                      hpsearch_warnings)
