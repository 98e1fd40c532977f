#include "hpsearch/runtime/transport/in_process_transport.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <unistd.h>
#include <vector>

namespace hpsearch {

namespace {

struct Mailbox {
  std::mutex mutex;
  std::condition_variable arrived;
  std::deque<Envelope> queue;
  bool taken = false; ///< endpoint() handed out
};

/// This machine's name (every in-process rank runs on it), "localhost" when unknown.
std::string host_name() {
  std::array<char, 256> name{};
  if (gethostname(name.data(), name.size() - 1) != 0 || name[0] == '\0') return "localhost";
  return name.data();
}

bool matches(const Envelope& envelope, std::optional<Tag> only) {
  return !only || tag_of(envelope.message) == *only;
}

} // namespace

struct InProcessNetwork::State {
  explicit State(int size) : mailboxes(static_cast<std::size_t>(size)) {}
  std::vector<Mailbox> mailboxes;
  std::atomic<bool> closed{false};

  Mailbox& at(int rank, const char* what) {
    if (rank < 0 || rank >= static_cast<int>(mailboxes.size())) {
      throw Error::internal(std::string("in-process transport: ") + what + " rank " +
                            std::to_string(rank) + " outside 0.." +
                            std::to_string(mailboxes.size() - 1));
    }
    return mailboxes[static_cast<std::size_t>(rank)];
  }
};

namespace {

class InProcessTransport final : public TransportImpl {
public:
  InProcessTransport(std::shared_ptr<InProcessNetwork::State> state, int rank)
      : state_(std::move(state)), rank_(rank) {}

  int rank() const override { return rank_; }
  int size() const override { return static_cast<int>(state_->mailboxes.size()); }

  void send(int destination, const Message& message) override {
    Mailbox& box = state_->at(destination, "send to");
    if (state_->closed) return;
    {
      const std::lock_guard lock(box.mutex);
      box.queue.push_back(Envelope{rank_, message});
    }
    box.arrived.notify_one();
  }

  std::optional<Envelope> receive(std::chrono::microseconds timeout,
                                  std::optional<Tag> only) override {
    Mailbox& box = state_->mailboxes[static_cast<std::size_t>(rank_)];
    std::unique_lock lock(box.mutex);
    auto found = box.queue.end();
    const auto ready = [&] {
      if (state_->closed) return true;
      found = std::find_if(box.queue.begin(), box.queue.end(),
                           [&](const Envelope& e) { return matches(e, only); });
      return found != box.queue.end();
    };
    if (timeout.count() > 0) {
      box.arrived.wait_for(lock, timeout, ready);
    } else {
      ready();
    }
    if (state_->closed) throw TransportClosed();
    if (found == box.queue.end()) return std::nullopt;
    Envelope envelope = std::move(*found);
    box.queue.erase(found);
    return envelope;
  }

  bool probe(std::optional<Tag> only) override {
    Mailbox& box = state_->mailboxes[static_cast<std::size_t>(rank_)];
    const std::lock_guard lock(box.mutex);
    return std::any_of(box.queue.begin(), box.queue.end(),
                       [&](const Envelope& e) { return matches(e, only); });
  }

  /// One node: the manager alone in its role, the workers numbered 0..size-2.
  NodePlace node_place() override {
    if (rank_ == 0) return NodePlace{host_name(), 0, 1};
    return NodePlace{host_name(), rank_ - 1, size() - 1};
  }

  void abort(ExitCode) override {
    state_->closed = true;
    for (Mailbox& box : state_->mailboxes) {
      const std::lock_guard lock(box.mutex); // no receiver between its check and its wait
      box.arrived.notify_all();
    }
  }

  std::string describe() const override { return "in-process"; }

private:
  std::shared_ptr<InProcessNetwork::State> state_;
  int rank_;
};

} // namespace

InProcessNetwork::InProcessNetwork(int size) {
  if (size < 1) {
    throw Error::internal("in-process transport: needs at least 1 rank, got " +
                          std::to_string(size));
  }
  state_ = std::make_shared<State>(size);
}

Transport InProcessNetwork::endpoint(int rank) {
  Mailbox& box = state_->at(rank, "endpoint of");
  if (box.taken) {
    throw Error::internal("in-process transport: the endpoint of rank " + std::to_string(rank) +
                          " was already taken");
  }
  box.taken = true;
  return Transport(std::make_unique<InProcessTransport>(state_, rank));
}

void InProcessNetwork::close() {
  InProcessTransport(state_, 0).abort(ExitCode::stopped);
}

int InProcessNetwork::size() const {
  return static_cast<int>(state_->mailboxes.size());
}

} // namespace hpsearch
