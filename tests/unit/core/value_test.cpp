#include "hpsearch/core/config.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/value.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

TEST(Value, IntsPrintWithoutDecimalPointAndRealsRoundTrip) {
  EXPECT_EQ(to_string(Value{std::int64_t{64}}), "64");
  EXPECT_EQ(to_string(Value{0.1}), "0.1");
  EXPECT_EQ(std::stod(to_string(Value{1.0 / 3.0})), 1.0 / 3.0);
  EXPECT_EQ(to_string(Value{true}), "true");
  EXPECT_EQ(to_string(Value{std::string("relu")}), "relu");
}

TEST(Value, StringsAreNotNumbers) {
  EXPECT_DOUBLE_EQ(as_double(Value{std::int64_t{3}}), 3.0);
  EXPECT_THROW(as_double(Value{std::string("relu")}), Error);
}

TEST(Config, KeepsInsertionOrderAndReplacesInPlace) {
  Config c;
  c.set("b", std::int64_t{1});
  c.set("a", 2.0);
  c.set("b", std::int64_t{3});
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c.entries()[0].first, "b");
  EXPECT_EQ(std::get<std::int64_t>(c.at("b")), 3);
  EXPECT_EQ(c.to_string(), "b=3 a=2");
  EXPECT_EQ(c.find("zz"), nullptr);
  EXPECT_THROW(c.at("zz"), Error);
}

} // namespace
} // namespace hpsearch
