// core's one JSON writer: its number policy and string escaping.
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/json_writer.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>

namespace hpsearch {
namespace {

TEST(JsonWriter, WritesNestedValuesOnOneLineSpacedAsPython) {
  JsonWriter w;
  w.begin_object().key("a").begin_array().integer(1).integer(-7).boolean(true).null().end_array();
  w.key("b").string("x").key("c").begin_object().end_object().end_object();
  EXPECT_EQ(w.text(), R"({"a": [1, -7, true, null], "b": "x", "c": {}})");
}

TEST(JsonWriter, RealsAreShortestRoundTripAndStayReals) {
  JsonWriter w;
  w.begin_array().real(2.0).real(-2500.0).real(0.1).real(0.1 + 0.2).real(-1e300).real(5e-324);
  w.end_array();
  EXPECT_EQ(w.text(), "[2.0, -2500.0, 0.1, 0.30000000000000004, -1e+300, 5e-324]");
}

TEST(JsonWriter, NanAndInfinitiesAreNullSoStrictParsersReadTheFile) {
  JsonWriter w;
  w.begin_array()
      .real(std::numeric_limits<double>::quiet_NaN())
      .real(std::numeric_limits<double>::infinity())
      .real(-std::numeric_limits<double>::infinity())
      .end_array();
  EXPECT_EQ(w.text(), "[null, null, null]");
}

TEST(JsonWriter, StringsAreEscaped) {
  // (more in eval's config_json_test.cpp)
  EXPECT_EQ(json_string(std::string("a\0b", 3)), R"("a\u0000b")");
  JsonWriter w;
  w.begin_object().key("k, \"x\": \\").string("a, b: \\\" c").end_object();
  EXPECT_EQ(w.text(), R"({"k, \"x\": \\": "a, b: \\\" c"})")
      << "no space is added inside strings, escaped quotes and backslashes included";
}

TEST(JsonWriter, AValueWhereAKeyIsDueIsABugNotOutput) {
  JsonWriter w;
  w.begin_object();
  try {
    w.integer(1);
    FAIL() << "accepted: " << w.text();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::internal_error);
  }
}

} // namespace
} // namespace hpsearch
