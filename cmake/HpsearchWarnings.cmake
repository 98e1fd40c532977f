# hpsearch_warnings: an INTERFACE target every hpsearch target links privately.
add_library(hpsearch_warnings INTERFACE)
target_compile_options(hpsearch_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                   -Wnon-virtual-dtor -Wold-style-cast)
if(HPSEARCH_WERROR)
  target_compile_options(hpsearch_warnings INTERFACE -Werror)
endif()
# GCC 12's libstdc++ inlined at -O2/-O3 reports a memcpy of 2^63 bytes that "may overlap" inside
# std::string's operator+ on a literal and a temporary: a false -Wrestrict that other projects
# met with 12.2 and 12.3 too. Debian 12's compiler is 12.2; with -Werror a Release build failed
# in each file that inlines one (shape_text, the suite, arch/architecture before this).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(hpsearch_warnings INTERFACE -Wno-restrict)
endif()
