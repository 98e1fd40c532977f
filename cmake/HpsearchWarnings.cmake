# hpsearch_warnings: an INTERFACE target every hpsearch target links privately.
add_library(hpsearch_warnings INTERFACE)
target_compile_options(hpsearch_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                   -Wnon-virtual-dtor -Wold-style-cast)
if(HPSEARCH_WERROR)
  target_compile_options(hpsearch_warnings INTERFACE -Werror)
endif()
