// Registry: lookups by name, the names in registration order, and the unknown-name error
// with its did-you-mean and its list of known names.
#include "hpsearch/core/registry.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using ::testing::HasSubstr;

enum class Colour { red, green, blue };

constexpr Registry colours{"colour",
                           std::array{Named{"red", Colour::red}, Named{"green", Colour::green},
                                      Named{"blue", Colour::blue}}};

// Evaluated by the compiler: a registry is a constant, usable in static_assert.
static_assert(colours.names().size() == 3);
static_assert(*colours.find("green") == Colour::green);
static_assert(colours.find("purple") == nullptr);
static_assert(colours.name_of(Colour::blue) == "blue");

TEST(Registry, ListsNamesInRegistrationOrder) {
  const auto names = colours.names();
  EXPECT_EQ(std::vector<std::string_view>(names.begin(), names.end()),
            (std::vector<std::string_view>{"red", "green", "blue"}));
  EXPECT_EQ(colours.what(), "colour");
}

TEST(Registry, AtReturnsTheRegisteredValue) {
  EXPECT_EQ(colours.at("red"), Colour::red);
  EXPECT_EQ(colours.at("blue"), Colour::blue);
}

TEST(Registry, UnknownNameErrorSuggestsTheClosestAndListsAll) {
  try {
    colours.at("gren");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    EXPECT_EQ(std::string(e.what()),
              "unknown colour 'gren'; did you mean 'green'? (known: red, green, blue)");
  }
  try {
    colours.at("purple");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "unknown colour 'purple' (known: red, green, blue)");
  }
}

TEST(Registry, HoldsFactoriesAsWellAsEnums) {
  using Factory = int (*)(int);
  constexpr Registry factories{"operation",
                               std::array{Named<Factory>{"double", [](int x) { return 2 * x; }},
                                          Named<Factory>{"negate", [](int x) { return -x; }}}};
  EXPECT_EQ(factories.at("double")(21), 42);
  EXPECT_EQ(factories.at("negate")(3), -3);
  EXPECT_THAT([&] { factories.at("triple"); },
              ::testing::ThrowsMessage<Error>(HasSubstr("known: double, negate")));
}

} // namespace
} // namespace hpsearch
