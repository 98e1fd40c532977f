#include "hpsearch/sim/event_queue.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

TEST(EventQueue, EventsComeOutByTimeAndTiesInPushOrder) {
  EventQueue queue;
  queue.push(2.0, SimEvent::Kind::step_done, 1);
  queue.push(1.0, SimEvent::Kind::to_manager, 2, ReadyMsg{"a", 0, "cpu"});
  queue.push(1.0, SimEvent::Kind::to_manager, 3, ReadyMsg{"b", 0, "cpu"});
  queue.push(0.5, SimEvent::Kind::tick, 0);
  queue.push(1.0, SimEvent::Kind::manager_run, 0);
  std::vector<std::pair<double, int>> order;
  while (!queue.empty()) {
    const SimEvent event = queue.pop();
    order.emplace_back(event.time, event.rank);
    if (event.rank == 2) {
      EXPECT_EQ(std::get<ReadyMsg>(*event.message).host, "a");
    }
  }
  const std::vector<std::pair<double, int>> expected = {
      {0.5, 0}, {1.0, 2}, {1.0, 3}, {1.0, 0}, {2.0, 1}};
  EXPECT_EQ(order, expected);
}

TEST(EventQueue, ManyTiesKeepTheirOrder) {
  EventQueue queue;
  for (int i = 0; i < 1000; ++i) queue.push(i % 2 == 0 ? 1.0 : 0.0, SimEvent::Kind::tick, i);
  int last_odd = -1, last_even = -1;
  for (int n = 0; n < 1000; ++n) {
    const SimEvent event = queue.pop();
    if (n < 500) {
      ASSERT_EQ(event.rank % 2, 1);
      ASSERT_GT(event.rank, last_odd);
      last_odd = event.rank;
    } else {
      ASSERT_EQ(event.rank % 2, 0);
      ASSERT_GT(event.rank, last_even);
      last_even = event.rank;
    }
  }
}

} // namespace
} // namespace hpsearch
