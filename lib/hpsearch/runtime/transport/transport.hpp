#pragma once
// Transport: how the manager and worker loops talk (DESIGN.md §1), as ADIOS2's Comm and
// libEnsemble's comms: send a Message to a rank, receive one from any rank (with a timeout,
// or at once: try_receive), probe, rank() and size(). A move-only value over an
// implementation: MPI in production (mpi_transport.hpp, the only code that includes MPI),
// threads and queues in one process (in_process_transport.hpp) for unit tests, `hpsearch
// run --transport inproc` and a simulator.
//
// Guarantees every implementation keeps, as MPI does: messages from one rank to another
// arrive in the order they were sent (also when a receive picks one tag); send() never
// waits for the receiver to call receive (small messages, a progress report never).
#include "hpsearch/core/error.hpp"
#include "hpsearch/runtime/messages.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace hpsearch {

/// A received message and the rank it came from.
struct Envelope {
  int source = -1;
  Message message;
};

/// Where a rank sits on its node among the ranks of its role (workers, or the manager).
struct NodePlace {
  std::string host;
  int local_rank = 0; ///< index among the node's ranks of the same role, by rank
  int local_size = 1; ///< the node's ranks of the same role
};

/// A receive on a transport that was closed (the in-process network after an abort).
class TransportClosed : public std::runtime_error {
public:
  TransportClosed() : std::runtime_error("the transport was closed") {}
};

/// What an implementation provides; users hold a Transport.
class TransportImpl {
public:
  virtual ~TransportImpl() = default;
  TransportImpl() = default;
  TransportImpl(const TransportImpl&) = delete;
  TransportImpl& operator=(const TransportImpl&) = delete;

  virtual int rank() const = 0;
  virtual int size() const = 0;
  virtual void send(int destination, const Message& message) = 0;
  /// The first message waiting (of tag `only`, when given), waiting politely up to
  /// `timeout` for one; nothing when none came.
  virtual std::optional<Envelope> receive(std::chrono::microseconds timeout,
                                          std::optional<Tag> only) = 0;
  virtual bool probe(std::optional<Tag> only) = 0;
  virtual NodePlace node_place() = 0;
  virtual void abort(ExitCode code) = 0;
  virtual std::string describe() const = 0;
};

class Transport {
public:
  explicit Transport(std::unique_ptr<TransportImpl> impl) : impl_(std::move(impl)) {}
  Transport(Transport&&) noexcept = default;
  Transport& operator=(Transport&&) noexcept = default;
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;
  ~Transport() = default;

  int rank() const { return impl_->rank(); }
  int size() const { return impl_->size(); }
  void send(int destination, const Message& message) { impl_->send(destination, message); }
  /// Waits up to `timeout` (politely: never a hot spin) for a message from any rank, of tag
  /// `only` when given. Throws TransportClosed once the transport is closed.
  std::optional<Envelope> receive(std::chrono::microseconds timeout,
                                  std::optional<Tag> only = std::nullopt) {
    return impl_->receive(timeout, only);
  }
  /// A message already here, or nothing; never waits.
  std::optional<Envelope> try_receive(std::optional<Tag> only = std::nullopt) {
    return impl_->receive(std::chrono::microseconds(0), only);
  }
  /// True when a message (of tag `only`) is waiting; never waits.
  bool probe(std::optional<Tag> only = std::nullopt) { return impl_->probe(only); }
  /// Collective: every rank calls it once, after the start message.
  NodePlace node_place() { return impl_->node_place(); }
  /// Ends every rank at once (MPI_Abort with `code`; in one process: closes the network,
  /// so every rank's next receive throws TransportClosed, and returns).
  void abort(ExitCode code) { impl_->abort(code); }
  /// For the start line: "MPI (thread level funneled)", "in-process".
  std::string describe() const { return impl_->describe(); }

private:
  std::unique_ptr<TransportImpl> impl_;
};

} // namespace hpsearch
