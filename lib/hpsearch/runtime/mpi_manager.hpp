#pragma once
// MpiManager: the thin Boost.MPI transport around ManagerCore on rank 0. It waits on any
// source (never on one worker), turns messages into events and executes the resulting
// actions in order: record (append + flush) before sending the next job.
#include "hpsearch/runtime/manager_core.hpp"
#include "hpsearch/runtime/progress.hpp"

#include <boost/mpi/communicator.hpp>
#include <functional>

namespace hpsearch {

class MpiManager {
public:
  using Recorder = std::function<void(const Evaluation&)>;

  MpiManager(const boost::mpi::communicator& world, ManagerCore& core, Recorder record,
             ProgressReporter& progress)
      : world_(world), core_(core), record_(std::move(record)), progress_(progress) {}

  /// Serves workers until every one of them has been shut down.
  void run();

private:
  /// Receives the message `status` announced and feeds it to the core.
  void handle(const boost::mpi::status& status);
  void execute(const Actions& actions);

  const boost::mpi::communicator& world_;
  ManagerCore& core_;
  Recorder record_;
  ProgressReporter& progress_;
};

} // namespace hpsearch
