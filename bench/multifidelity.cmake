# Multi-fidelity schedulers on the learning-curve functions (bench/multifidelity.sh).
add_executable(multifidelity ${CMAKE_CURRENT_LIST_DIR}/multifidelity.cpp)
target_link_libraries(multifidelity PRIVATE hpsearch_search hpsearch_eval hpsearch_warnings)
