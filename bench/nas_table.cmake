# The tabular NAS benchmark (issue 18): random, evolution, AgEBO and AMBS against a lookup
# table of real trainings (bench/nas_table.csv, built once by bench/nas_table.sh). Included
# from bench/CMakeLists.txt.
add_executable(nas_table_bench ${CMAKE_CURRENT_LIST_DIR}/nas_table.cpp
                               ${CMAKE_CURRENT_LIST_DIR}/nas_table_lookup.cpp)
target_compile_definitions(nas_table_bench PRIVATE NAS_TABLE_DIR="${CMAKE_CURRENT_LIST_DIR}")
target_link_libraries(nas_table_bench PRIVATE hpsearch_search hpsearch_config hpsearch_warnings)
