// Baseline for bench/dispatch.sh: the fastest plain Boost.MPI request/reply loop between a
// manager (rank 0, waiting on any source) and N-1 workers, with messages about the size of
// hpsearch's Job/Result. hpsearch's dispatch rate is reported as a ratio to this.
#include <boost/mpi.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace mpi = boost::mpi;

int main(int argc, char** argv) {
  mpi::environment env(argc, argv);
  mpi::communicator world;
  const long total = argc > 1 ? std::atol(argv[1]) : 100000;
  const int workers = world.size() - 1;
  if (workers < 1) {
    std::fprintf(stderr, "mpi_request_reply: needs at least 2 ranks\n");
    return 2;
  }
  std::vector<double> payload(8, 0.5); // ~ a Job of 6-8 parameters
  if (world.rank() == 0) {
    const auto start = std::chrono::steady_clock::now();
    long replied = 0;
    int stopped = 0;
    while (stopped < workers) {
      mpi::status st = world.probe(mpi::any_source, 1);
      std::vector<double> request;
      world.recv(st.source(), 1, request);
      if (replied < total) {
        world.send(st.source(), 2, payload);
        ++replied;
      } else {
        world.send(st.source(), 3, 0);
        ++stopped;
      }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%d workers: %ld request/reply in %.3f s = %.0f per s\n", workers, replied, seconds,
                static_cast<double>(replied) / seconds);
  } else {
    for (;;) {
      world.send(0, 1, payload);
      mpi::status st = world.probe(0, mpi::any_tag);
      if (st.tag() == 3) {
        int unused = 0;
        world.recv(0, 3, unused);
        break;
      }
      world.recv(0, 2, payload);
    }
  }
  return 0;
}
