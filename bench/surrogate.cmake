# Surrogate fit and predict times (forests and GP). Included from bench/CMakeLists.txt.
add_executable(surrogate_fit ${CMAKE_CURRENT_LIST_DIR}/surrogate_fit.cpp)
target_link_libraries(surrogate_fit PRIVATE hpsearch_surrogate hpsearch_warnings)
