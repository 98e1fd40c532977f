// The one text form of a configuration in the checkpoint (core/config_text.hpp).
#include "hpsearch/core/config_text.hpp"
#include "hpsearch/core/error.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>

namespace hpsearch {
namespace {

TEST(ConfigText, IsOneLineOfTokens) {
  const Config c({{"lr", Value{0.001}},
                  {"units", Value{std::int64_t{64}}},
                  {"bn", Value{false}},
                  {"act", Value{std::string("relu")}}});
  EXPECT_EQ(config_text(c), "4 lr r 0.001 units i 64 bn b 0 act s relu");
  EXPECT_EQ(config_text(Config{}), "0");
}

TEST(ConfigText, RoundTripsEveryValueBitForBit) {
  const Config c({{"lr", Value{0.1 + 1e-17}},
                  {"tiny", Value{5e-324}},
                  {"big", Value{-1.7976931348623157e308}},
                  {"n", Value{std::int64_t{-7}}},
                  {"flag", Value{true}},
                  {"weird name%", Value{std::string("a b\n\t\r; touch pwned # 100%")}},
                  {"empty", Value{std::string()}}});
  const std::string text = config_text(c);
  EXPECT_EQ(text.find('\n'), std::string::npos) << text;
  EXPECT_EQ(parse_config_text(text), c);
  EXPECT_EQ(parse_config_text("0"), Config{});
}

TEST(ConfigText, ATokenSpanInsideALongerLine) {
  const auto tokens = split_tokens("job 7 2 a i 1 b s x%20y trailing");
  const std::span<const std::string_view> rest(tokens.begin() + 2, tokens.end());
  ASSERT_EQ(config_token_count(rest), 7u);
  const Config c = parse_config_tokens(rest.first(7));
  EXPECT_EQ(c, Config({{"a", Value{std::int64_t{1}}}, {"b", Value{std::string("x y")}}}));
}

TEST(ConfigText, MalformedTextIsABadInputNamingWhat) {
  for (const char* bad :
       {"", "x", "1", "1 a", "1 a r", "1 a r zero", "1 a q 1", "2 a i 1", "1 a i 1 extra",
        "1 a s %4", "1 a s %zz", "1 a i 1.5", "99999999999999999999 a i 1"}) {
    try {
      const Config c = parse_config_text(bad);
      ADD_FAILURE() << "accepted '" << bad << "' as " << config_text(c);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ExitCode::bad_input) << bad;
      EXPECT_NE(std::string(e.what()).find("configuration text: "), std::string::npos) << e.what();
    }
  }
}

} // namespace
} // namespace hpsearch
