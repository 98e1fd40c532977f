# Sanitizer builds (tests/run.sh makes one of each; neither is a shipped configuration).
#
#   HPSEARCH_SANITIZE=ON  AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer, on
#                         with ASan) and libstdc++'s bounds assertions (_GLIBCXX_ASSERTIONS:
#                         operator[] of vector, string, span, optional access). Every report
#                         aborts the program (-fno-sanitize-recover=all), so a test that
#                         triggers one fails.
#   HPSEARCH_TSAN=ON      ThreadSanitizer, for the code with threads: the AMBS helper thread,
#                         the forest ThreadPool and the manager that drives them.
#
# They are applied to every target of the build (libraries, tests, GoogleTest's main), so
# that no instrumented code calls uninstrumented inline copies of the same templates.
option(HPSEARCH_SANITIZE
       "Build with AddressSanitizer, UndefinedBehaviorSanitizer and _GLIBCXX_ASSERTIONS" OFF)
option(HPSEARCH_TSAN "Build with ThreadSanitizer" OFF)

if(HPSEARCH_SANITIZE AND HPSEARCH_TSAN)
  message(FATAL_ERROR "HPSEARCH_SANITIZE and HPSEARCH_TSAN cannot be combined (ThreadSanitizer "
                      "and AddressSanitizer exclude each other): use two build directories")
endif()

if(HPSEARCH_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_compile_definitions(_GLIBCXX_ASSERTIONS)
  add_link_options(-fsanitize=address,undefined)
endif()

if(HPSEARCH_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
