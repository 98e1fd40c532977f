#include "hpsearch/sim/event_queue.hpp"

#include <algorithm>

namespace hpsearch {

namespace {
/// std::push_heap keeps the largest on top: "later" is "less".
bool later(const SimEvent& a, const SimEvent& b) {
  if (a.time != b.time) return a.time > b.time;
  return a.order > b.order;
}
} // namespace

void EventQueue::push(double time, SimEvent::Kind kind, int rank, std::optional<Message> message) {
  heap_.push_back(SimEvent{time, pushed_++, kind, rank, std::move(message)});
  std::push_heap(heap_.begin(), heap_.end(), later);
}

SimEvent EventQueue::pop() {
  std::pop_heap(heap_.begin(), heap_.end(), later);
  SimEvent event = std::move(heap_.back());
  heap_.pop_back();
  return event;
}

} // namespace hpsearch
