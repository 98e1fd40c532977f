#include "hpsearch/runtime/transport/mpi_transport.hpp"

#include "hpsearch/runtime/backoff.hpp"

#include <boost/mpi/communicator.hpp>
#include <boost/mpi/datatype.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/mpi/request.hpp>
#include <deque>
#include <exception>
#include <iostream>
#include <mpi.h>

// Progress and Decision are plain numbers: sent as MPI struct datatypes, without packing.
BOOST_IS_MPI_DATATYPE(hpsearch::ProgressMsg)
BOOST_IS_MPI_DATATYPE(hpsearch::DecisionMsg)

namespace hpsearch {

namespace mpi = boost::mpi;

namespace {

std::string level_name(mpi::threading::level level) {
  switch (level) {
  case mpi::threading::single:
    return "single";
  case mpi::threading::funneled:
    return "funneled";
  case mpi::threading::serialized:
    return "serialized";
  case mpi::threading::multiple:
    return "multiple";
  }
  return "unknown";
}

class MpiTransport final : public TransportImpl {
public:
  explicit MpiTransport(std::string thread_level) : thread_level_(std::move(thread_level)) {}

  ~MpiTransport() override {
    try {
      for (auto& request : requests_) request.wait();
    } catch (const std::exception& e) {
      std::cerr << "hpsearch: warning: a progress report was not delivered: " << e.what() << "\n";
    }
  }

  int rank() const override { return world_.rank(); }
  int size() const override { return world_.size(); }

  void send(int destination, const Message& message) override {
    reap_sends();
    const int tag = tag_value(tag_of(message));
    std::visit(
        [&](const auto& m) {
          using M = std::decay_t<decltype(m)>;
          if constexpr (std::is_same_v<M, ProgressMsg>) {
            sending_.push_back(m);
            requests_.push_back(world_.isend(destination, tag, sending_.back()));
          } else if constexpr (std::is_empty_v<M>) {
            world_.send(destination, tag, 0);
          } else {
            world_.send(destination, tag, m);
          }
        },
        message);
  }

  std::optional<Envelope> receive(std::chrono::microseconds timeout,
                                  std::optional<Tag> only) override {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    Backoff backoff;
    for (;;) {
      reap_sends();
      if (auto status = world_.iprobe(mpi::any_source, only ? tag_value(*only) : mpi::any_tag)) {
        return receive_probed(*status);
      }
      if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
      backoff.wait();
    }
  }

  bool probe(std::optional<Tag> only) override {
    return world_.iprobe(mpi::any_source, only ? tag_value(*only) : mpi::any_tag).has_value();
  }

  /// Splits the ranks sharing memory (a node), then the workers apart from the manager, so
  /// worker local ranks count 0..k-1 on every node.
  NodePlace node_place() override {
    MPI_Comm node = MPI_COMM_NULL;
    MPI_Comm_split_type(world_, MPI_COMM_TYPE_SHARED, world_.rank(), MPI_INFO_NULL, &node);
    const mpi::communicator local(node, mpi::comm_take_ownership);
    const mpi::communicator role = local.split(world_.rank() == 0 ? 0 : 1, world_.rank());
    return NodePlace{mpi::environment::processor_name(), role.rank(), role.size()};
  }

  void abort(ExitCode code) override { world_.abort(static_cast<int>(code)); }

  std::string describe() const override { return "MPI (thread level " + thread_level_ + ")"; }

private:
  template <class M> Envelope receive_as(const mpi::status& status) {
    M m{};
    if constexpr (std::is_empty_v<M>) {
      int unused = 0;
      world_.recv(status.source(), status.tag(), unused);
    } else {
      world_.recv(status.source(), status.tag(), m);
    }
    return Envelope{status.source(), std::move(m)};
  }

  Envelope receive_probed(const mpi::status& status) {
    switch (static_cast<Tag>(status.tag())) {
    case Tag::ready:
      return receive_as<MessageOf<Tag::ready>>(status);
    case Tag::job:
      return receive_as<MessageOf<Tag::job>>(status);
    case Tag::result:
      return receive_as<MessageOf<Tag::result>>(status);
    case Tag::shutdown:
      return receive_as<MessageOf<Tag::shutdown>>(status);
    case Tag::abandon:
      return receive_as<MessageOf<Tag::abandon>>(status);
    case Tag::abandoned:
      return receive_as<MessageOf<Tag::abandoned>>(status);
    case Tag::progress:
      return receive_as<MessageOf<Tag::progress>>(status);
    case Tag::decision:
      return receive_as<MessageOf<Tag::decision>>(status);
    case Tag::start:
      return receive_as<MessageOf<Tag::start>>(status);
    }
    throw Error::internal("rank " + std::to_string(world_.rank()) +
                          " received an unknown message (tag " + std::to_string(status.tag()) +
                          ") from rank " + std::to_string(status.source()));
  }

  /// Forgets the progress sends that have completed (in order; stops at the first pending).
  void reap_sends() {
    while (!requests_.empty() && requests_.front().test()) {
      requests_.pop_front();
      sending_.pop_front();
    }
  }

  mpi::communicator world_;
  std::string thread_level_;
  /// Progress messages in flight and their requests; a deque keeps each message's address
  /// stable while MPI reads it.
  std::deque<ProgressMsg> sending_;
  std::deque<mpi::request> requests_;
};

} // namespace

struct MpiSession::Impl {
  mpi::environment environment{mpi::threading::funneled, /*abort_on_exception=*/true};
  std::string level = level_name(environment.thread_level());
};

MpiSession::MpiSession(std::ostream& err) : impl_(std::make_unique<Impl>()) {
  if (!funneled() && mpi::communicator().rank() == 0) {
    err << "hpsearch: warning: the MPI library granted thread level " << impl_->level
        << ", below the MPI_THREAD_FUNNELED hpsearch asks for (rank 0 runs helper threads "
           "that never call MPI); going on, but this MPI build may misbehave\n";
  }
}

MpiSession::~MpiSession() = default;

Transport MpiSession::world() {
  return Transport(std::make_unique<MpiTransport>(impl_->level));
}

const std::string& MpiSession::thread_level() const {
  return impl_->level;
}

bool MpiSession::funneled() const {
  return impl_->environment.thread_level() >= mpi::threading::funneled;
}

} // namespace hpsearch
