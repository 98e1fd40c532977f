// The JSON reader for a training script's output (untrusted text): every malformed input
// is an error with a reason, never a crash, and no string it returns holds invalid UTF-8.
#include "hpsearch/eval/json.hpp"

#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <limits>
#include <string>

namespace hpsearch {
namespace {

/// The parse error for `text`, or "" when it parsed.
std::string json_error_of(const std::string& text) {
  return parse_json(text).error;
}

TEST(Json, ParsesValuesAndWritesThemBack) {
  const ParsedJson j =
      parse_json(R"( {"a": [1, -2.5e3, true, false, null], "b": "x\"\u00e9\n", "a": 7} )");
  ASSERT_TRUE(j.ok()) << j.error;
  EXPECT_DOUBLE_EQ(last_member(j.document, "a")->GetDouble(), 7.0); // the last duplicate wins
  EXPECT_EQ(last_member(j.document, "b")->GetString(), std::string("x\"\xc3\xa9\n"));
  EXPECT_EQ(last_member(j.document, "c"), nullptr);
  EXPECT_EQ(to_json(j.document),
            R"({"a": [1, -2500.0, true, false, null], "b": "x\"é\n", "a": 7})");
}

TEST(Json, ReadsTheNanAndInfinityPythonWrites) {
  // json.dumps([float("nan"), float("inf"), -float("inf")]) == '[NaN, Infinity, -Infinity]'
  const ParsedJson j = parse_json("[NaN, Infinity, -Infinity]");
  ASSERT_TRUE(j.ok()) << j.error;
  EXPECT_TRUE(std::isnan(j.document[0].GetDouble()));
  EXPECT_EQ(j.document[1].GetDouble(), HUGE_VAL);
  EXPECT_EQ(j.document[2].GetDouble(), -HUGE_VAL);
  EXPECT_EQ(to_json(j.document), "[null, null, null]");
}

TEST(Json, NumbersReadAsTheDoublePythonMeant) {
  const ParsedJson j = parse_json("[0.1, 2.2250738585072014e-308, 1e308, 123456789012345678901]");
  ASSERT_TRUE(j.ok()) << j.error;
  EXPECT_EQ(j.document[0].GetDouble(), 0.1);
  EXPECT_EQ(j.document[1].GetDouble(), 2.2250738585072014e-308);
  EXPECT_EQ(j.document[2].GetDouble(), 1e308);
  EXPECT_EQ(j.document[3].GetDouble(), 123456789012345678901.0);
}

TEST(Json, MalformedTextIsAnErrorWithAReason) {
  for (const char* bad :
       {"",    " ",   "{",  "[1,]", "{\"a\" 1}", "01",  "-01",    "01x",   "\"\\q\"",  "[1] 2",
        "tru", "nan", "+1", ".5",   "1.",        "'a'", "{a: 1}", "[1 2]", "\"a\tb\"", "NaNx"}) {
    const ParsedJson j = parse_json(bad);
    EXPECT_FALSE(j.ok()) << "accepted: " << bad;
    EXPECT_NE(j.error.find("at byte"), std::string::npos) << bad << ": " << j.error;
  }
  EXPECT_NE(json_error_of("01").find("at byte 1"), std::string::npos) << json_error_of("01");
}

TEST(Json, TruncatedInputIsAnErrorAtEveryCut) {
  const std::string whole =
      R"({"objective": -1.5e-3, "metadata": {"s": "a\u00e9\ud83d\ude00", "l": [NaN, true, null]}})";
  ASSERT_TRUE(parse_json(whole).ok()) << parse_json(whole).error;
  for (std::size_t cut = 0; cut < whole.size(); ++cut) {
    EXPECT_FALSE(parse_json(whole.substr(0, cut)).ok()) << "accepted: " << whole.substr(0, cut);
  }
}

TEST(Json, HugeNumbersAreAnErrorNotAnInfinity) {
  EXPECT_NE(json_error_of("1e999").find("too big"), std::string::npos) << json_error_of("1e999");
  EXPECT_NE(json_error_of("-1e999").find("too big"), std::string::npos) << json_error_of("-1e999");
  EXPECT_FALSE(parse_json("1" + std::string(400, '0')).ok());
  const ParsedJson digits = parse_json("1" + std::string(300, '0'));
  ASSERT_TRUE(digits.ok()) << digits.error;
  EXPECT_EQ(digits.document.GetDouble(), 1e300);
  const ParsedJson tiny = parse_json("1e-999"); // underflow is zero, as in Python
  ASSERT_TRUE(tiny.ok()) << tiny.error;
  EXPECT_EQ(tiny.document.GetDouble(), 0.0);
}

// RapidJSON 1.1.0's full-precision conversion computed __builtin_clzll(0) (undefined) for a
// zero significand with an exponent beyond 22 (tests/fuzz found "0e125"); numbers are now
// converted by std::from_chars.
TEST(Json, NumbersConvertExactlyAtTheEdges) {
  const auto number = [](const std::string& text) {
    const ParsedJson json = parse_json(text);
    EXPECT_TRUE(json.ok()) << text << ": " << json.error;
    return json.ok() ? json.document.GetDouble() : std::nan("");
  };
  EXPECT_EQ(number("0e125"), 0.0);
  EXPECT_TRUE(std::signbit(number("-0e125")));
  EXPECT_EQ(number("0.000e-300"), 0.0);
  EXPECT_EQ(number("1e-99999"), 0.0);
  EXPECT_TRUE(std::signbit(number("-1e-99999")));
  EXPECT_EQ(number("4.9e-324"), 4.9e-324); // the smallest subnormal
  EXPECT_EQ(number("2.2250738585072011e-308"), 2.2250738585072011e-308);
  EXPECT_EQ(number("1.7976931348623157e308"), 1.7976931348623157e308);
  EXPECT_EQ(number("0.1"), 0.1);
  EXPECT_EQ(number("9007199254740993"), 9007199254740993.0);
  EXPECT_NE(json_error_of("1.8e308").find("too big"), std::string::npos)
      << json_error_of("1.8e308");
  EXPECT_NE(json_error_of("-2e308").find("too big"), std::string::npos) << json_error_of("-2e308");
  // Integers keep their exact value and type.
  const ParsedJson big = parse_json("[-9223372036854775808, 18446744073709551615, 7]");
  ASSERT_TRUE(big.ok()) << big.error;
  EXPECT_EQ(big.document[0].GetInt64(), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(big.document[1].GetUint64(), std::numeric_limits<std::uint64_t>::max());
  EXPECT_TRUE(big.document[2].IsInt());
  const ParsedJson beyond = parse_json("18446744073709551616");
  ASSERT_TRUE(beyond.ok()) << beyond.error;
  EXPECT_TRUE(beyond.document.IsDouble());
  EXPECT_EQ(beyond.document.GetDouble(), 18446744073709551616.0);
  EXPECT_TRUE(std::isnan(number("NaN")));
  EXPECT_EQ(number("-Infinity"), -std::numeric_limits<double>::infinity());
}

TEST(Json, DeepNestingIsRefusedWithoutRecursion) {
  const auto nested = [](int depth) {
    return std::string(static_cast<std::size_t>(depth), '[') +
           std::string(static_cast<std::size_t>(depth), ']');
  };
  EXPECT_TRUE(parse_json(nested(kMaxJsonDepth)).ok());
  EXPECT_NE(json_error_of(nested(kMaxJsonDepth + 1)).find("deeper than 64"), std::string::npos);
  // A million levels would overflow a recursive parser's stack; this one says no.
  EXPECT_FALSE(parse_json(nested(1000000)).ok());
  EXPECT_FALSE(parse_json(std::string(1000000, '[')).ok());
  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  EXPECT_FALSE(parse_json(objects + "1" + std::string(100000, '}')).ok());
}

TEST(Json, ASurrogatePairIsOneCharacter) {
  const ParsedJson j = parse_json(R"("\ud83d\ude00")");
  ASSERT_TRUE(j.ok()) << j.error;
  EXPECT_EQ(std::string(j.document.GetString()), "\xF0\x9F\x98\x80");
}

TEST(Json, LoneSurrogatesAreAnErrorNotInvalidUtf8) {
  for (const char* bad : {R"("\uD800")", R"("\uDBFF")", R"("\uDC00")", R"("\uDFFF")",
                          R"("a\uD800b")", R"("\uD800\u0041")", R"("\uDC00\uD800")",
                          R"({"\uDC00": 1})", R"(["ok", {"k": "\uDE00"}])"}) {
    const ParsedJson j = parse_json(bad);
    EXPECT_FALSE(j.ok()) << "accepted: " << bad << " as " << to_json(j.document);
    EXPECT_FALSE(j.error.empty());
  }
}

TEST(Json, BytesThatAreNotUtf8AreAnError) {
  for (const std::string& bad : {std::string("\"\xff\""), std::string("\"\xc3\""),
                                 std::string("\"\xed\xa0\x80\""), std::string("\"\xc0\xaf\"")}) {
    EXPECT_FALSE(parse_json(bad).ok()) << "accepted bytes of " << bad.size();
  }
  EXPECT_TRUE(parse_json("\"h\xc3\xa9llo\"").ok());
}

TEST(Json, EmbeddedNulBytesEndNothingEarly) {
  EXPECT_FALSE(parse_json(std::string("[1]\0[2]", 7)).ok()) << "RapidJSON stops at a NUL";
  EXPECT_NE(json_error_of(std::string("\"a\0b\"", 5)).find("at byte 2"), std::string::npos);
  const ParsedJson j = parse_json(std::string(R"("a\u0000b")"));
  ASSERT_TRUE(j.ok()) << j.error;
  EXPECT_EQ(to_json(j.document), R"("a\u0000b")");
}

TEST(Json, RandomMutationsAreParsedOrRefusedAndWhatParsesWritesBackAsJson) {
  // A fixed-seed mutation fuzz (replayable): flip, insert, delete and duplicate bytes of
  // a typical result line. Every outcome is a value or an error with a reason; every
  // value written back by the one writer parses again to the same text.
  const std::string seed =
      R"({"objective": -1.5e-3, "metadata": {"s": "a\u00e9\ud83d\ude00\n", "l": [NaN, -Infinity, true, null, 1e308, {"k": [[]]}]}})";
  const std::string alphabet = "{}[]\",:.-+eE0123456789 \\/untrlfasINaify\xc3\xa9\xed\xa0\x80\0";
  std::uint64_t state = 20240531;
  const auto next = [&state](std::size_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((state >> 33) % n);
  };
  int parsed = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text = seed;
    for (std::size_t edits = 1 + next(4); edits > 0; --edits) {
      const std::size_t at = next(text.size() + 1);
      const char byte = alphabet[next(alphabet.size())];
      switch (next(4)) {
      case 0:
        if (at < text.size()) text[at] = byte;
        break;
      case 1:
        text.insert(at, 1, byte);
        break;
      case 2:
        if (at < text.size()) text.erase(at, 1 + next(8));
        break;
      default:
        text.insert(at, text.substr(at, next(16)));
        break;
      }
    }
    const ParsedJson j = parse_json(text);
    if (!j.ok()) {
      ASSERT_FALSE(j.error.empty()) << text;
      continue;
    }
    ++parsed;
    const std::string written = to_json(j.document);
    const ParsedJson again = parse_json(written);
    ASSERT_TRUE(again.ok()) << text << " -> " << written << ": " << again.error;
    ASSERT_EQ(to_json(again.document), written) << text;
  }
  EXPECT_GT(parsed, 100) << "the mutations should leave some valid JSON";
}

TEST(Json, LastMemberOfANonObjectIsNull) {
  const ParsedJson j = parse_json("[1]");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(last_member(j.document, "objective"), nullptr);
}

} // namespace
} // namespace hpsearch
