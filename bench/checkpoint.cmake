# Checkpoint append throughput and resume time (DESIGN.md §4). Included from bench/CMakeLists.txt.
add_executable(checkpoint_append ${CMAKE_CURRENT_LIST_DIR}/checkpoint_append.cpp)
target_link_libraries(checkpoint_append PRIVATE hpsearch_runtime hpsearch_store hpsearch_warnings)
