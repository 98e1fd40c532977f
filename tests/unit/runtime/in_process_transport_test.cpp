#include "hpsearch/runtime/transport/in_process_transport.hpp"

#include <gtest/gtest.h>
#include <thread>

namespace hpsearch {
namespace {

TEST(InProcessTransport, RankSizeAndNodePlace) {
  InProcessNetwork network(4);
  Transport manager = network.endpoint(0);
  Transport worker = network.endpoint(3);
  EXPECT_EQ(manager.rank(), 0);
  EXPECT_EQ(worker.rank(), 3);
  EXPECT_EQ(worker.size(), 4);
  EXPECT_EQ(manager.node_place().local_size, 1);
  EXPECT_EQ(worker.node_place().local_rank, 2); // workers count 0..2
  EXPECT_EQ(worker.node_place().local_size, 3);
  EXPECT_EQ(worker.describe(), "in-process");
}

TEST(InProcessTransport, MessagesFromOneRankArriveInOrderAsValues) {
  InProcessNetwork network(2);
  Transport manager = network.endpoint(0);
  Transport worker = network.endpoint(1);
  for (int i = 0; i < 5; ++i) worker.send(0, ProgressMsg{1, static_cast<double>(i), 0.5});
  for (int i = 0; i < 5; ++i) {
    auto e = manager.try_receive();
    ASSERT_TRUE(e);
    EXPECT_EQ(e->source, 1);
    EXPECT_EQ(std::get<ProgressMsg>(e->message).step, static_cast<double>(i));
  }
  EXPECT_FALSE(manager.try_receive());
}

TEST(InProcessTransport, ReceivingOneTagLeavesTheOthersInOrder) {
  InProcessNetwork network(2);
  Transport manager = network.endpoint(0);
  Transport worker = network.endpoint(1);
  manager.send(1, ShutdownMsg{});
  manager.send(1, DecisionMsg{3, 1});
  EXPECT_TRUE(worker.probe(Tag::decision));
  EXPECT_FALSE(worker.probe(Tag::job));
  auto decision = worker.try_receive(Tag::decision);
  ASSERT_TRUE(decision);
  EXPECT_EQ(std::get<DecisionMsg>(decision->message).job_id, 3);
  EXPECT_FALSE(worker.try_receive(Tag::decision));
  auto rest = worker.try_receive();
  ASSERT_TRUE(rest);
  EXPECT_TRUE(std::holds_alternative<ShutdownMsg>(rest->message));
}

TEST(InProcessTransport, AReceiveTimesOutEmptyOrWakesForAMessage) {
  InProcessNetwork network(2);
  Transport manager = network.endpoint(0);
  Transport worker = network.endpoint(1);
  EXPECT_FALSE(manager.receive(std::chrono::milliseconds(1)));
  std::jthread sender([&] { worker.send(0, AbandonedMsg{}); });
  std::optional<Envelope> e;
  while (!e) e = manager.receive(std::chrono::seconds(1));
  EXPECT_TRUE(std::holds_alternative<AbandonedMsg>(e->message));
}

TEST(InProcessTransport, ClosingWakesAWaitingReceiveWithTransportClosed) {
  InProcessNetwork network(2);
  Transport manager = network.endpoint(0);
  Transport worker = network.endpoint(1);
  std::jthread closer([&] { manager.abort(ExitCode::stopped); });
  EXPECT_THROW(
      {
        for (;;) worker.receive(std::chrono::seconds(1));
      },
      TransportClosed);
  worker.send(0, AbandonedMsg{}); // dropped, not an error
}

TEST(InProcessTransport, EachEndpointIsHandedOutOnce) {
  InProcessNetwork network(2);
  Transport first = network.endpoint(1);
  EXPECT_THROW(network.endpoint(1), Error);
  EXPECT_THROW(network.endpoint(2), Error);
  EXPECT_THROW(first.send(5, ShutdownMsg{}), Error);
}

} // namespace
} // namespace hpsearch
