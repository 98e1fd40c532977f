# Command evaluator per-evaluation overhead (issue 6). Included from bench/CMakeLists.txt.
add_executable(command_overhead ${CMAKE_CURRENT_LIST_DIR}/command.cpp)
target_link_libraries(command_overhead PRIVATE hpsearch_eval hpsearch_warnings)
if(TARGET branin_plugin)
  target_compile_definitions(command_overhead PRIVATE
                             HPSEARCH_EXAMPLE_PLUGIN="$<TARGET_FILE:branin_plugin>")
  add_dependencies(command_overhead branin_plugin)
endif()
