// The evaluation host protocol's codec (eval/host_protocol.hpp): every message survives a
// round trip, whole or fed a byte at a time; malformed frames are refused.
#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/host_protocol.hpp"

#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <limits>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace hpsearch {
namespace {

HostMessage round_trip(const HostMessage& message) {
  HostDecoder decoder;
  decoder.feed(encode(message));
  auto decoded = decoder.next();
  EXPECT_TRUE(decoded.has_value());
  EXPECT_FALSE(decoder.next().has_value()) << "one frame, one message";
  return decoded.value_or(HostStop{});
}

Job sample_job() {
  Job job;
  job.id = 1234567890123;
  job.config.set("lr", 0.001);
  job.config.set("units", std::int64_t{-64});
  job.config.set("batchnorm", true);
  job.config.set("activation", std::string("relu\0tanh", 9)); // any bytes
  job.fidelity = 2.5;
  job.trial = 987654321;
  job.from_fidelity = 0.75;
  job.donor = 6;
  job.seed = std::numeric_limits<std::uint64_t>::max();
  job.timeout = 30.0;
  return job;
}

TEST(HostProtocol, JobRoundTripsWithEveryValueType) {
  const Job job = sample_job();
  const Job back = std::get<Job>(round_trip(job));
  EXPECT_EQ(back.id, job.id);
  EXPECT_EQ(back.config, job.config);
  EXPECT_EQ(back.config.entries().at(1).second.index(), job.config.entries().at(1).second.index());
  EXPECT_EQ(back.fidelity, job.fidelity);
  EXPECT_EQ(back.trial, job.trial);
  EXPECT_EQ(back.from_fidelity, job.from_fidelity);
  EXPECT_EQ(back.donor, job.donor);
  EXPECT_EQ(back.seed, job.seed);
  EXPECT_EQ(back.timeout, job.timeout);
}

TEST(HostProtocol, InitReadyProgressStopRoundTrip) {
  const HostInit init{"space: {}\n", "/p/problem.yaml",  "/p/work", 3, "node-7", 1, 4,
                      "cuda:1",      "/scratch/p.trials"};
  EXPECT_EQ(std::get<HostInit>(round_trip(init)), init);
  const HostReady ready{"objective.library: cannot load", 2};
  EXPECT_EQ(std::get<HostReady>(round_trip(ready)), ready);
  EXPECT_EQ(std::get<HostReady>(round_trip(HostReady{})), HostReady{});
  const HostProgress progress{3.0, -0.125};
  EXPECT_EQ(std::get<HostProgress>(round_trip(progress)), progress);
  EXPECT_EQ(std::get<HostStop>(round_trip(HostStop{})).decision, ReportDecision::stop);
  EXPECT_EQ(std::get<HostStop>(round_trip(HostStop{ReportDecision::pause})).decision,
            ReportDecision::pause);
}

TEST(HostProtocol, ResultKeepsStatusNanAndMessage) {
  HostResult result;
  result.outcome.status = Status::stopped;
  result.outcome.started_at = 1.7e9;
  result.outcome.finished_at = 1.7e9 + 0.5;
  result.outcome.message = "line 1\nline 2";
  result.outcome.metadata = R"({"train_loss": 0.25, "params": 1024})";
  const Outcome back = std::get<HostResult>(round_trip(result)).outcome;
  EXPECT_EQ(back.status, Status::stopped);
  EXPECT_TRUE(std::isnan(back.objective));
  EXPECT_EQ(back.started_at, result.outcome.started_at);
  EXPECT_EQ(back.finished_at, result.outcome.finished_at);
  EXPECT_EQ(back.message, result.outcome.message);
  EXPECT_EQ(back.metadata, result.outcome.metadata) << "user metrics cross the host pipe";
}

TEST(HostProtocol, FramesFedAByteAtATimeComeOutWholeAndInOrder) {
  const std::string bytes =
      encode(sample_job()) + encode(HostProgress{1.0, 2.0}) + encode(HostStop{});
  HostDecoder decoder;
  std::vector<HostMessage> out;
  for (const char c : bytes) {
    decoder.feed(std::string_view(&c, 1));
    while (auto message = decoder.next()) out.push_back(std::move(*message));
  }
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(std::get<Job>(out[0]).config, sample_job().config);
  EXPECT_EQ(std::get<HostProgress>(out[1]), (HostProgress{1.0, 2.0}));
  EXPECT_TRUE(std::holds_alternative<HostStop>(out[2]));
}

TEST(HostProtocol, MalformedFramesAreRefused) {
  const auto refused = [](std::string frame) {
    HostDecoder decoder;
    decoder.feed(frame);
    try {
      decoder.next();
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ExitCode::internal_error);
      return true;
    }
    return false;
  };
  std::string unknown = encode(HostStop{});
  unknown[4] = 99; // the kind byte
  EXPECT_TRUE(refused(unknown));
  std::string truncated = encode(HostProgress{1.0, 2.0});
  truncated[0] = 5; // claims 5 bytes: the kind and half a double
  EXPECT_TRUE(refused(truncated.substr(0, 9)));
  std::string trailing = encode(HostStop{});
  trailing[0] = static_cast<char>(trailing[0] + 1); // one byte more than a stop uses
  EXPECT_TRUE(refused(trailing + "x"));
  std::string proceed = encode(HostStop{});
  proceed[5] = 0; // a stop message saying "proceed"
  EXPECT_TRUE(refused(proceed));
  EXPECT_TRUE(refused(std::string("\xff\xff\xff\xff", 4))); // larger than kMaxFrame
}

TEST(HostProtocol, SocketCarriesMessagesAndReportsAClosedPeer) {
  int fds[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
  ASSERT_TRUE(send_message(fds[0], sample_job()));
  HostDecoder decoder;
  EXPECT_TRUE(receive_available(fds[1], decoder));
  ASSERT_TRUE(decoder.next().has_value());
  ::close(fds[0]);
  EXPECT_FALSE(receive_available(fds[1], decoder)) << "end of stream";
  EXPECT_FALSE(send_message(fds[1], HostStop{})) << "a closed peer: false, not SIGPIPE";
  ::close(fds[1]);
}

} // namespace
} // namespace hpsearch
