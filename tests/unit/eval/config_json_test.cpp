#include "hpsearch/core/json_writer.hpp"
#include "hpsearch/eval/config_json.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>

namespace hpsearch {
namespace {

TEST(ConfigJson, EveryValueTypeInTheConfigsOrder) {
  Config c;
  c.set("units", std::int64_t{64});
  c.set("lr", 0.001);
  c.set("bn", true);
  c.set("act", std::string("relu"));
  EXPECT_EQ(to_json(c), R"({"units": 64, "lr": 0.001, "bn": true, "act": "relu"})");
}

TEST(ConfigJson, AnEmptyConfigIsAnEmptyObject) {
  EXPECT_EQ(to_json(Config{}), "{}");
}

TEST(ConfigJson, IntegralRealsStayReals) {
  Config c;
  c.set("x", 2.0);
  c.set("y", -1e300);
  c.set("z", 0.1);
  EXPECT_EQ(to_json(c), R"({"x": 2.0, "y": -1e+300, "z": 0.1})");
}

TEST(ConfigJson, RealsRoundTripExactly) {
  const double x = 0.1 + 0.2;
  Config c;
  c.set("x", x);
  const std::string json = to_json(c);
  const auto colon = json.find(':');
  EXPECT_EQ(std::stod(json.substr(colon + 1)), x) << json;
}

TEST(ConfigJson, NonFiniteRealsAreNull) {
  Config c;
  c.set("a", std::numeric_limits<double>::quiet_NaN());
  c.set("b", std::numeric_limits<double>::infinity());
  EXPECT_EQ(to_json(c), R"({"a": null, "b": null})");
}

TEST(ConfigJson, StringsAreEscaped) {
  EXPECT_EQ(json_string(R"(say "hi")"), R"("say \"hi\"")");
  EXPECT_EQ(json_string("a\\b"), R"("a\\b")");
  EXPECT_EQ(json_string("l1\nl2\tx\r"), R"("l1\nl2\tx\r")");
  EXPECT_EQ(json_string(std::string("\x01\x1f", 2)), R"("\u0001\u001F")");
  EXPECT_EQ(json_string("; touch pwned #"), R"("; touch pwned #")");
  EXPECT_EQ(json_string("héllo"), "\"héllo\"") << "UTF-8 passes through";
  Config c;
  c.set("we\"ird", std::string("v"));
  EXPECT_EQ(to_json(c), R"({"we\"ird": "v"})");
}

} // namespace
} // namespace hpsearch
