// make_multifidelity_scheduler builds the scheduler a kind names, over an owned or a
// borrowed sampler.
#include "asha_test_util.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/search/multifidelity/multifidelity_factory.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

TEST(MultiFidelityFactory, BuildsAshaAndAsyncHyperbandByName) {
  for (const SchedulerKind kind : {SchedulerKind::asha, SchedulerKind::async_hyperband}) {
    const MultiFidelityOptions o = test::settings(kind, AshaVariant::promotion, 1, 9);
    const auto s = make_multifidelity_scheduler(o, std::make_unique<test::CountingSampler>(),
                                                Direction::minimize, 3);
    EXPECT_EQ(s->name(), scheduler_kinds.name_of(kind));
    EXPECT_EQ(s->next()->trial, 0);
  }
}

TEST(MultiFidelityFactory, ABorrowedSamplerIsTheCallersOwn) {
  std::vector<Evaluation> told;
  test::CountingSampler sampler(1000, &told);
  const auto s =
      make_multifidelity_scheduler(test::settings(SchedulerKind::asha, AshaVariant::stopping, 1, 9),
                                   sampler, Direction::maximize, 3);
  const TrialJob first = *s->next();
  EXPECT_EQ(sampler.save_state(), "1") << "the scheduler asked the caller's sampler";
  s->job_ended(first, test::result(first, 0.5));
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].fidelity, 9.0);
  sampler.restore_state("5");
  EXPECT_EQ(s->next()->config, Config({{"x", Value{std::int64_t{5}}}}));
}

TEST(MultiFidelityFactory, BadSettingsAreInputErrors) {
  MultiFidelityOptions o = test::settings(SchedulerKind::asha, AshaVariant::promotion, 0, 9);
  try {
    make_multifidelity_scheduler(o, std::make_unique<test::CountingSampler>(), Direction::minimize,
                                 1);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    EXPECT_NE(std::string(e.what()).find("search.min_fidelity"), std::string::npos);
  }
}

} // namespace
} // namespace hpsearch
