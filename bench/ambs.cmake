# AMBS benchmarks: proposal latency and search quality. Included from bench/CMakeLists.txt.
add_executable(ask_latency ${CMAKE_CURRENT_LIST_DIR}/ask_latency.cpp)
target_link_libraries(ask_latency PRIVATE hpsearch_search hpsearch_eval hpsearch_warnings)
add_executable(quality ${CMAKE_CURRENT_LIST_DIR}/quality.cpp)
target_link_libraries(quality PRIVATE hpsearch_config hpsearch_search hpsearch_bench_suite hpsearch_warnings)
add_executable(ambs_async ${CMAKE_CURRENT_LIST_DIR}/ambs_async.cpp)
target_link_libraries(ambs_async PRIVATE hpsearch_search hpsearch_eval hpsearch_warnings)
add_executable(ambs_pending ${CMAKE_CURRENT_LIST_DIR}/ambs_pending.cpp)
target_link_libraries(ambs_pending PRIVATE hpsearch_search hpsearch_warnings)
