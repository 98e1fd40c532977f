#pragma once
// EventQueue: the simulation's agenda, in virtual seconds. Events come out by time; events
// at the same time come out in the order they were pushed (FIFO), so ties are resolved the
// same way in every run and a message never overtakes one sent before it on the same link.
#include "hpsearch/runtime/messages.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace hpsearch {

struct SimEvent {
  enum class Kind {
    to_manager,  ///< `message` from worker `rank` reaches the manager
    to_worker,   ///< `message` from the manager reaches worker `rank`
    manager_run, ///< the manager is free and handles what waits in its mailbox
    step_done,   ///< worker `rank` finished a step of its job
    tick,        ///< the time budget may have run out
  };
  double time = 0.0;
  std::uint64_t order = 0; ///< push order: the tie-break
  Kind kind = Kind::tick;
  int rank = 0;
  std::optional<Message> message;
};

class EventQueue {
public:
  void push(double time, SimEvent::Kind kind, int rank,
            std::optional<Message> message = std::nullopt);
  /// The earliest event (the first pushed among equals). Precondition: !empty().
  SimEvent pop();
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }

private:
  std::vector<SimEvent> heap_;
  std::uint64_t pushed_ = 0;
};

} // namespace hpsearch
