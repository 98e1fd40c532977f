# bench/eval_host: plugin overhead and trainer epoch time, in-process vs in the evaluation
# host (issue 14), in one run. Included from bench/CMakeLists.txt.
if(TARGET branin_plugin)
  add_executable(eval_host_overhead ${CMAKE_CURRENT_LIST_DIR}/eval_host.cpp)
  target_link_libraries(eval_host_overhead PRIVATE hpsearch_runtime hpsearch_warnings)
  target_compile_definitions(eval_host_overhead PRIVATE
                             HPSEARCH_EXAMPLE_PLUGIN="$<TARGET_FILE:branin_plugin>")
  add_dependencies(eval_host_overhead branin_plugin hpsearch-eval-host)
  if(TARGET hpsearch_train)
    add_dependencies(eval_host_overhead hpsearch_train)
  endif()
endif()
