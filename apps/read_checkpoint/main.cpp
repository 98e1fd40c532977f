// hpsearch-read-checkpoint: reads a checkpoint as hpsearch's commands do (read_checkpoint: the
// only code of show, export, status and a resuming run that calls libhdf5), in a process of
// its own, before they read it themselves (store/read_guard.hpp): if libhdf5 crashes or
// hangs on a damaged file, this process dies or is killed, and the command reports it. Not
// meant to be run by hand. A separate, small executable rather than a subcommand of hpsearch
// (like hpsearch-eval-host): it does not link MPI, so no MPI library initializes in the
// child of an MPI rank, and it starts faster.
//
//   hpsearch-read-checkpoint PATH
// Exit 0: read; 2, 4 or 5: hpsearch's own error (printed), as the command would exit;
// anything else, or a signal: the read failed in a way the command must not repeat.
#include "hpsearch/core/error.hpp"
#include "hpsearch/store/reader.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HPSEARCH_READER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(HPSEARCH_READER_ASAN)
#define HPSEARCH_READER_ASAN 1
#endif
#ifdef HPSEARCH_READER_ASAN
#include <sanitizer/common_interface_defs.h>
#include <sanitizer/lsan_interface.h>
#endif

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "hpsearch-read-checkpoint: started by hpsearch, not by hand\n");
    return 2;
  }
  // Dies with the command that started it (even by SIGKILL). A crash inside libhdf5 leaves
  // no core file: it is expected, and reported by the parent.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  const rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);
#ifdef HPSEARCH_READER_ASAN
  // A sanitized build (tests/run.sh's asan phase) behaves as a plain one: what libhdf5 leaks
  // on a damaged file is its own (tests/sanitizers/lsan_fuzz_hdf5.supp), not reported at
  // exit, and a sanitizer's report on an invalid access inside libhdf5 ends this process by a
  // signal (SIGABRT), a crash, rather than with exit status 1.
  __lsan_disable();
  __sanitizer_set_death_callback([] {
    std::signal(SIGABRT, SIG_DFL);
    std::abort();
  });
#endif
  // Everything it prints goes to the one pipe the parent reads.
  if (::dup2(1, 2) != 2) return 1;
  try {
    (void)hpsearch::read_checkpoint(argv[1]);
    return 0;
  } catch (const hpsearch::Error& e) {
    std::fprintf(stderr, "hpsearch: error: %s\n", e.what());
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hpsearch: internal error: %s\n", e.what());
    return 1;
  }
}
