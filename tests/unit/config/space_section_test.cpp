// The space section alone: categorical choices keep their YAML types. (No objective kind
// accepts a categorical parameter yet, so a whole problem file cannot show this.)
#include "hpsearch/config/sections.hpp"
#include "hpsearch/core/error.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hpsearch::detail {
namespace {

SearchSpace space_of(const std::string& yaml) {
  const YAML::Node node = YAML::Load(yaml);
  return parse_space(Field("s.yaml", node, "space", node.Mark())).space;
}

TEST(SpaceSection, CategoricalChoicesKeepTheirYamlTypes) {
  const SearchSpace space =
      space_of("act: {type: categorical, choices: [relu, 3, 2.5, true, \"7\", 1e-3, -4, "
               "yes, !!str 5, False]}");
  const std::vector<Value> expected = {Value{std::string("relu")},
                                       Value{std::int64_t{3}},
                                       Value{2.5},
                                       Value{true},
                                       Value{std::string("7")},
                                       Value{1e-3},
                                       Value{std::int64_t{-4}},
                                       Value{std::string("yes")},
                                       Value{std::string("5")},
                                       Value{false}};
  ASSERT_EQ(space.size(), 1u);
  EXPECT_EQ(space.parameters()[0].kind, ParamKind::categorical);
  EXPECT_EQ(space.parameters()[0].choices, expected);
}

TEST(SpaceSection, KeepsTheFileOrderOfMixedKinds) {
  const SearchSpace space = space_of("z: {type: categorical, choices: [a, b]}\n"
                                     "a: {type: int, low: 1, high: 4}\n"
                                     "m: {type: real, low: 0.5, high: 4, log: true}\n");
  ASSERT_EQ(space.size(), 3u);
  EXPECT_EQ(space.parameters()[0].name, "z");
  EXPECT_EQ(space.parameters()[1].name, "a");
  EXPECT_EQ(space.parameters()[1].kind, ParamKind::integer);
  EXPECT_EQ(space.parameters()[2].name, "m");
  EXPECT_TRUE(space.parameters()[2].log);
}

TEST(SpaceSection, NumericallyEqualChoicesAreDuplicates) {
  try {
    space_of("n: {type: categorical, choices: [1, 2, 1.0]}");
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(),
                ::testing::HasSubstr("s.yaml:1:40: space.n.choices[2]: duplicate choice, same as "
                                     "choices[0] (got 1.0; expected each choice once)"));
  }
}

TEST(SpaceSection, ChoicesMustBeScalars) {
  EXPECT_THROW(space_of("n: {type: categorical, choices: [[1], 2]}"), Error);
  EXPECT_THROW(space_of("n: {type: categorical, choices: [~, 2]}"), Error);
  EXPECT_THROW(space_of("n: {type: categorical, choices: [{a: 1}]}"), Error);
}

} // namespace
} // namespace hpsearch::detail
