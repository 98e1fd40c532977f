#include "hpsearch/runtime/messages.hpp"

#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <gtest/gtest.h>
#include <sstream>

namespace hpsearch {
namespace {

template <class T> T round_trip(const T& value) {
  std::stringstream buffer;
  {
    boost::archive::text_oarchive out(buffer);
    out << value;
  }
  T back;
  boost::archive::text_iarchive in(buffer);
  in >> back;
  return back;
}

TEST(Messages, JobRoundTripKeepsEveryValueType) {
  Job job;
  job.id = 12;
  job.config.set("lr", 0.001);
  job.config.set("units", std::int64_t{64});
  job.config.set("bn", true);
  job.config.set("act", std::string("relu"));
  job.seed = 99;
  job.timeout = 3.5;
  job.fidelity = 9.0;
  job.trial = 5;
  job.from_fidelity = 3.0;
  job.donor = 17;
  const Job back = round_trip(job);
  EXPECT_EQ(back.id, 12);
  EXPECT_EQ(back.fidelity, 9.0);
  EXPECT_EQ(back.trial, 5);
  EXPECT_EQ(back.from_fidelity, 3.0);
  EXPECT_EQ(back.donor, 17);
  EXPECT_EQ(back.config, job.config);
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(back.config.at("units")));
  EXPECT_TRUE(std::holds_alternative<bool>(back.config.at("bn")));
  EXPECT_EQ(back.seed, 99u);
  EXPECT_EQ(back.timeout, 3.5);
}

TEST(Messages, ResultRoundTrip) {
  ResultMsg r;
  r.job_id = 4;
  r.outcome.status = Status::timeout;
  r.outcome.objective = 1.5;
  r.outcome.message = "killed after 30 s";
  r.outcome.metadata = R"({"train_time": 12.5})";
  const ResultMsg back = round_trip(r);
  EXPECT_EQ(back.job_id, 4);
  EXPECT_EQ(back.outcome.status, Status::timeout);
  EXPECT_EQ(back.outcome.message, "killed after 30 s");
  EXPECT_EQ(back.outcome.metadata, R"({"train_time": 12.5})") << "user metrics reach the manager";
}

TEST(Messages, StartRoundTrip) {
  StartMsg start;
  start.exit_code = 0;
  start.problem_text = "space: {}\n";
  start.problem_origin = "runs/p.yaml";
  start.workdir = "runs/p.work";
  start.trial_dir = "/scratch/p.trials";
  const StartMsg back = round_trip(start);
  EXPECT_EQ(back.problem_text, start.problem_text);
  EXPECT_EQ(back.problem_origin, start.problem_origin);
  EXPECT_EQ(back.workdir, start.workdir);
  EXPECT_EQ(back.trial_dir, start.trial_dir);
}

TEST(Messages, DecisionCodesAreTheReportDecisionsAndAnUnknownCodeStops) {
  EXPECT_EQ(decision_of(DecisionMsg{1, 0}), ReportDecision::proceed);
  EXPECT_EQ(decision_of(DecisionMsg{1, 1}), ReportDecision::stop);
  EXPECT_EQ(decision_of(DecisionMsg{1, 2}), ReportDecision::pause);
  EXPECT_EQ(decision_of(DecisionMsg{1, 7}), ReportDecision::stop);
  const DecisionMsg back = round_trip(DecisionMsg{3, 2});
  EXPECT_EQ(back.job_id, 3);
  EXPECT_EQ(back.code, 2);
}

TEST(Messages, EveryMessageKindHasItsOwnTag) {
  EXPECT_EQ(tag_of(Message{ReadyMsg{}}), Tag::ready);
  EXPECT_EQ(tag_of(Message{Job{}}), Tag::job);
  EXPECT_EQ(tag_of(Message{ShutdownMsg{}}), Tag::shutdown);
  EXPECT_EQ(tag_of(Message{DecisionMsg{}}), Tag::decision);
  EXPECT_EQ(tag_of(Message{StartMsg{}}), Tag::start);
  EXPECT_EQ(to_string(Tag::start), "Start");
}

} // namespace
} // namespace hpsearch
