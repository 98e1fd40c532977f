# `cmake --install` (issue 20): everything under one prefix, relocatable (nothing below
# refers to the prefix by its absolute path: hpsearch finds its companion programs beside
# itself and the trainer module in <bin>/../lib, core/companion_program and
# eval/torch_module_search):
#   bin/                         hpsearch, hpsearch-eval-host, hpsearch-read-checkpoint
#   lib/libhpsearch_train.so     the LibTorch trainer module (HPSEARCH_WITH_TORCH)
#   include/hpsearch/eval/hpsearch_plugin.h   the plugin C ABI
#   lib/cmake/hpsearch/          the CMake package: find_package(hpsearch) gives
#                                hpsearch::plugin (include directory for plugins) and
#                                hpsearch::hpsearch (the executable, imported)
#   share/hpsearch/jobscripts/   job scripts (local.sh, slurm.sbatch, ...)
#   share/hpsearch/configs/      the example problems and scripts, plugins/ with the example
#                                plugin built and its source
#   share/hpsearch/modulefiles/hpsearch/<version>.lua   an Lmod module for sites
include(CMakePackageConfigHelpers)

set(HPSEARCH_CMAKE_DIR lib/cmake/hpsearch)

# The plugin interface: a header-only target that plugin projects link against.
add_library(hpsearch_plugin INTERFACE)
add_library(hpsearch::plugin ALIAS hpsearch_plugin)
target_include_directories(hpsearch_plugin INTERFACE $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/lib>
                                                     $<INSTALL_INTERFACE:include>)
set_target_properties(hpsearch_plugin PROPERTIES EXPORT_NAME plugin)

install(TARGETS hpsearch EXPORT hpsearchTargets RUNTIME DESTINATION bin)
install(TARGETS hpsearch-eval-host hpsearch-read-checkpoint RUNTIME DESTINATION bin)
install(TARGETS hpsearch_plugin EXPORT hpsearchTargets)
install(FILES ${PROJECT_SOURCE_DIR}/lib/hpsearch/eval/hpsearch_plugin.h
        DESTINATION include/hpsearch/eval)
if(TARGET hpsearch_train)
  # Exactly <prefix>/lib: where hpsearch looks for it (eval/torch_module_search).
  install(TARGETS hpsearch_train LIBRARY DESTINATION lib)
endif()

file(GLOB HPSEARCH_JOBSCRIPTS ${PROJECT_SOURCE_DIR}/jobscripts/*)
install(PROGRAMS ${HPSEARCH_JOBSCRIPTS} DESTINATION share/hpsearch/jobscripts)
file(GLOB HPSEARCH_EXAMPLES ${PROJECT_SOURCE_DIR}/configs/*.yaml ${PROJECT_SOURCE_DIR}/configs/*.py)
install(FILES ${HPSEARCH_EXAMPLES} DESTINATION share/hpsearch/configs)
install(TARGETS branin_plugin LIBRARY DESTINATION share/hpsearch/configs/plugins)
install(FILES ${PROJECT_SOURCE_DIR}/configs/plugins/branin_plugin.c
        DESTINATION share/hpsearch/configs/plugins)

install(EXPORT hpsearchTargets NAMESPACE hpsearch:: DESTINATION ${HPSEARCH_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/hpsearchConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/hpsearchConfig.cmake
                              INSTALL_DESTINATION ${HPSEARCH_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/hpsearchConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES ${PROJECT_BINARY_DIR}/hpsearchConfig.cmake
              ${PROJECT_BINARY_DIR}/hpsearchConfigVersion.cmake
        DESTINATION ${HPSEARCH_CMAKE_DIR})

configure_file(${PROJECT_SOURCE_DIR}/cmake/lmod/hpsearch.lua.in
               ${PROJECT_BINARY_DIR}/modulefiles/hpsearch/${PROJECT_VERSION}.lua @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/modulefiles/hpsearch/${PROJECT_VERSION}.lua
        DESTINATION share/hpsearch/modulefiles/hpsearch)
