#include "hpsearch/core/error.hpp"
#include "hpsearch/sim/duration_model.hpp"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <vector>

namespace hpsearch {
namespace {

TEST(DurationModel, ParsesTheThreeModels) {
  EXPECT_EQ(parse_duration_model("const:2.5").describe(), "const:2.5");
  EXPECT_EQ(parse_duration_model("uniform:0.05,0.2").describe(), "uniform:0.05,0.2");
  EXPECT_EQ(parse_duration_model("lognormal:60,0.5").describe(), "lognormal:60,0.5");
  EXPECT_DOUBLE_EQ(parse_duration_model("const:2.5").draw(7), 2.5);
}

TEST(DurationModel, RefusesBadTextNamingItAndTheFormsExpected) {
  for (const char* text :
       {"", "60", "const:", "const:-1", "uniform:2,1", "uniform:1", "lognormal:0,0.5",
        "lognormal:60,-1", "gamma:1,2", "const:1s", "trace:runs.csv"}) {
    try {
      parse_duration_model(text);
      ADD_FAILURE() << "accepted '" << text << "'";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ExitCode::bad_input) << text;
      EXPECT_NE(std::string(e.what()).find(std::string("'") + text + "'"), std::string::npos)
          << e.what();
      EXPECT_NE(std::string(e.what()).find("lognormal:MEAN,SIGMA"), std::string::npos);
    }
  }
}

TEST(DurationModel, DrawsAreDeterministicPerSeedAndFollowTheLaw) {
  const DurationModel uniform = parse_duration_model("uniform:0.05,0.2");
  const DurationModel lognormal = parse_duration_model("lognormal:60,0.5");
  EXPECT_EQ(uniform.draw(11), uniform.draw(11));
  double sum_u = 0.0, sum_l = 0.0;
  std::vector<double> logs;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    const double u = uniform.draw(static_cast<std::uint64_t>(i));
    ASSERT_GE(u, 0.05);
    ASSERT_LE(u, 0.2);
    sum_u += u;
    const double l = lognormal.draw(static_cast<std::uint64_t>(i));
    sum_l += l;
    logs.push_back(std::log(l));
  }
  EXPECT_NEAR(sum_u / n, 0.125, 0.002);
  EXPECT_NEAR(sum_l / n, 60.0, 1.0); // MEAN is the distribution's mean, not exp(mu)
  std::sort(logs.begin(), logs.end());
  EXPECT_NEAR(std::exp(logs[n / 2]), 60.0 * std::exp(-0.125), 1.0); // median exp(mu)
}

} // namespace
} // namespace hpsearch
