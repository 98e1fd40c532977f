#pragma once
// InProcessNetwork: a Transport for ranks that run as threads of one process (unit tests of
// the manager and worker loops, `hpsearch run --transport inproc`, a simulator). One mailbox
// (a mutex, a condition variable and a queue) per rank; endpoint(r) is rank r's Transport.
//
// Messages cross as value copies, not as Boost.Serialization archives: the wire form is
// the MPI transport's concern, checked by the message round-trip tests and by running the
// same search under both transports (tests/mpi/test_transports.py); copies keep a network of
// thousands of simulated workers cheap. A receive waits on the condition variable, so a
// message wakes its receiver at once and an idle rank costs nothing.
#include "hpsearch/runtime/transport/transport.hpp"

#include <memory>

namespace hpsearch {

class InProcessNetwork {
public:
  /// `size` ranks: 0 (the manager) and size-1 workers. Throws on size < 1.
  explicit InProcessNetwork(int size);

  /// Rank `rank`'s endpoint; each rank's once. The endpoints share the network's state, so
  /// they may outlive this object.
  Transport endpoint(int rank);
  /// Every endpoint's next receive (and any waiting one) throws TransportClosed; sends are
  /// dropped. What an abort does in one process.
  void close();

  int size() const;

  struct State;

private:
  std::shared_ptr<State> state_;
};

} // namespace hpsearch
