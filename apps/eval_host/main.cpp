// hpsearch-eval-host: the evaluation host a worker rank starts for `objective.kind: plugin`
// and `torch` (eval/host_evaluator.hpp); not meant to be run by hand. A separate, small
// executable rather than a subcommand of hpsearch: it does not link MPI, so no MPI library
// initializes (or inspects the fabric) in the child of an MPI process, it starts faster, and
// `ps`/`pgrep` tell hosts from ranks.
//
//   hpsearch-eval-host PARENT_PID     (fd 0: the socket to the worker; stdout: a pipe)
#include "hpsearch/runtime/eval_host_main.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "hpsearch-eval-host: started by hpsearch worker ranks, not by hand\n");
    return 2;
  }
  // Dies with the worker rank (even by SIGKILL); exits if it is already gone.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != static_cast<pid_t>(std::strtol(argv[1], nullptr, 10))) return 1;
  // The socket moves off fd 0, which reads /dev/null as a plugin may expect; the plugin's
  // stderr joins its stdout, the pipe the worker copies to its own stderr.
  const int socket = ::fcntl(0, F_DUPFD_CLOEXEC, 3);
  const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (socket < 0 || null < 0 || ::dup2(null, 0) != 0 || ::dup2(1, 2) != 2) return 1;
  ::close(null);
  return hpsearch::run_eval_host(socket);
}
