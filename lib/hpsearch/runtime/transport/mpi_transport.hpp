#pragma once
// The MPI transport (Boost.MPI over MPI_COMM_WORLD): with the program's entry point, the
// only code that includes MPI headers, and those only in mpi_transport.cpp.
//
// MpiSession initializes MPI asking for MPI_THREAD_FUNNELED: only the main thread of a rank
// calls MPI, but rank 0 runs other threads (the AMBS helper, the forest thread pool), which
// MPI_THREAD_SINGLE forbids. When the library grants less, a warning names the level
// granted (the run goes on: the helper threads never call MPI, and libraries that grant
// SINGLE in practice tolerate threads that do not; refusing would strand such builds).
//
// Waiting is polite: a receive with a timeout probes, then yields and sleeps (Backoff),
// never a hot spin. Progress reports leave with isend (an evaluation never waits for the
// manager); their buffers live until the send completes, at the latest in the destructor.
#include "hpsearch/runtime/transport/transport.hpp"

#include <memory>
#include <ostream>
#include <string>

namespace hpsearch {

class MpiSession {
public:
  /// MPI_Init_thread(MPI_THREAD_FUNNELED); rank 0 writes the warning above to `err` when the
  /// library grants less. MPI is finalized by the destructor.
  explicit MpiSession(std::ostream& err);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  /// The transport over MPI_COMM_WORLD. Destroy it before this session.
  Transport world();
  /// "single", "funneled", "serialized" or "multiple": what MPI granted.
  const std::string& thread_level() const;
  /// True when the library granted at least MPI_THREAD_FUNNELED.
  bool funneled() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace hpsearch
