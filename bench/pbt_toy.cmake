# Population-based training and its ablations on the PBT paper's toy problem
# (bench/pbt_toy.cpp). Included from bench/CMakeLists.txt.
add_executable(pbt_toy_bench ${CMAKE_CURRENT_LIST_DIR}/pbt_toy.cpp)
target_link_libraries(pbt_toy_bench PRIVATE hpsearch_eval hpsearch_search hpsearch_warnings)
