# TPE benchmarks: search quality next to Optuna's TPE, proposal latency. Included from
# bench/CMakeLists.txt.
add_executable(tpe_bench ${CMAKE_CURRENT_LIST_DIR}/tpe.cpp)
target_link_libraries(tpe_bench PRIVATE hpsearch_search hpsearch_eval hpsearch_warnings)
