# Sanitizer builds (tests/run.sh makes one of each; neither is a shipped configuration).
#
#   HPSEARCH_SANITIZE=ON  AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer, on
#                         with ASan) and libstdc++'s bounds assertions (_GLIBCXX_ASSERTIONS:
#                         operator[] of vector, string, span, optional access). Every report
#                         aborts the program (-fno-sanitize-recover=all), so a test that
#                         triggers one fails.
#   HPSEARCH_TSAN=ON      ThreadSanitizer, for the code with threads: the AMBS helper thread,
#                         the forest ThreadPool and the manager that drives them.
#   HPSEARCH_FUZZ=ON      the libFuzzer targets of tests/fuzz (clang only): everything built
#                         with libFuzzer's coverage instrumentation (-fsanitize=fuzzer-no-link)
#                         plus the HPSEARCH_SANITIZE checks; the fuzz_* programs link
#                         libFuzzer's main (-fsanitize=fuzzer).
#
# They are applied to every target of the build (libraries, tests, GoogleTest's main), so
# that no instrumented code calls uninstrumented inline copies of the same templates.
option(HPSEARCH_SANITIZE
       "Build with AddressSanitizer, UndefinedBehaviorSanitizer and _GLIBCXX_ASSERTIONS" OFF)
option(HPSEARCH_TSAN "Build with ThreadSanitizer" OFF)
option(HPSEARCH_FUZZ "Build the libFuzzer targets of tests/fuzz (clang; implies ASan + UBSan)"
       OFF)

if(HPSEARCH_SANITIZE AND HPSEARCH_TSAN)
  message(FATAL_ERROR "HPSEARCH_SANITIZE and HPSEARCH_TSAN cannot be combined (ThreadSanitizer "
                      "and AddressSanitizer exclude each other): use two build directories")
endif()

if(HPSEARCH_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "HPSEARCH_FUZZ needs clang (libFuzzer): configure a separate build "
                        "directory with CC=clang CXX=clang++ (Debian: clang, libclang-rt-dev)")
  endif()
  if(HPSEARCH_TSAN)
    message(FATAL_ERROR "HPSEARCH_FUZZ and HPSEARCH_TSAN cannot be combined")
  endif()
  set(HPSEARCH_SANITIZE ON)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(HPSEARCH_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_compile_definitions(_GLIBCXX_ASSERTIONS)
  add_link_options(-fsanitize=address,undefined)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    # Third-party undefined behaviour clang's checks find (each entry with its reason).
    add_compile_options(
      -fsanitize-ignorelist=${PROJECT_SOURCE_DIR}/tests/sanitizers/ubsan.ignorelist)
  endif()
endif()

if(HPSEARCH_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
