// The shape of error messages: position, key path, what is wrong, what was got and
// expected, and the did-you-mean hints.
#include "config_test_util.hpp"
#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/error.hpp"

#include <filesystem>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const std::string kSphereObjective = "objective: {kind: function, name: sphere}\n";

using test::error_of;

TEST(ErrorFormat, NamesFileLineColumnPathWhatGotAndExpected) {
  EXPECT_EQ(error_of("space:\n  lr: {type: real, low: abc, high: 1}\n" + kSphereObjective),
            "p.yaml:2:25: space.lr.low: wrong type (got 'abc'; expected a number)");
}

TEST(ErrorFormat, MissingKeyPointsAtTheMapThatLacksIt) {
  EXPECT_EQ(error_of("space:\n  lr:\n    type: real\n    low: 0.1\n" + kSphereObjective),
            "p.yaml:3:5: space.lr.high: required key is missing (expected a number, the upper "
            "bound)");
}

TEST(ErrorFormat, TypoInParameterKeySuggestsTheClosestKey) {
  EXPECT_EQ(error_of("space:\n  x: {type: real, lwo: 0, high: 1}\n" + kSphereObjective),
            "p.yaml:2:19: space.x.lwo: unknown key 'lwo' in a real parameter; did you mean "
            "'low'? (expected one of type, low, high, log, default, active_if)");
}

TEST(ErrorFormat, TyposAreCaughtAtEveryLevel) {
  const std::string space = "space: {x: {type: real, low: 0, high: 1}}\n";
  EXPECT_THAT(error_of(space + kSphereObjective + "serach: {strategy: random}\n"),
              HasSubstr("p.yaml:3:1: serach: unknown key 'serach' in the problem file; did you "
                        "mean 'search'?"));
  EXPECT_THAT(error_of(space + "objective: {kind: function, nmae: sphere}\n"),
              HasSubstr("objective.nmae: unknown key 'nmae' in a function objective; did you "
                        "mean 'name'?"));
  EXPECT_THAT(error_of(space + "objective: {knid: function, name: sphere}\n"),
              HasSubstr("did you mean 'kind'?"));
  EXPECT_THAT(error_of("space: {x: {tpye: real, low: 0, high: 1}}\n" + kSphereObjective),
              HasSubstr("space.x.tpye: unknown key 'tpye' in a parameter; did you mean 'type'?"));
  EXPECT_THAT(error_of(space + kSphereObjective + "search: {stratgy: random}\n"),
              HasSubstr("did you mean 'strategy'?"));
  EXPECT_THAT(error_of(space + kSphereObjective + "run: {sede: 1}\n"),
              HasSubstr("did you mean 'seed'?"));
  EXPECT_THAT(error_of(space + kSphereObjective + "run: {checkpiont: a.h5}\n"),
              HasSubstr("did you mean 'checkpoint'?"));
  EXPECT_THAT(error_of("space: {x: {type: Real, low: 0, high: 1}}\n" + kSphereObjective),
              HasSubstr("unknown parameter type; did you mean 'real'? (got 'Real'"));
}

TEST(ErrorFormat, NoSuggestionForAnUnrelatedWord) {
  const std::string message =
      error_of("space: {x: {type: real, low: 0, high: 1}}\n" + kSphereObjective + "banana: 1\n");
  EXPECT_THAT(message, HasSubstr("unknown key 'banana'"));
  EXPECT_THAT(message, Not(HasSubstr("did you mean")));
  EXPECT_THAT(message,
              HasSubstr("expected one of space, architecture, forbidden, objective, search, run"));
}

TEST(ErrorFormat, KeyValidForAnotherTypeIsUnknownForThisOne) {
  EXPECT_THAT(
      error_of("space: {x: {type: real, low: 0, high: 1, choices: [a]}}\n" + kSphereObjective),
      HasSubstr("space.x.choices: unknown key 'choices' in a real parameter"));
}

TEST(ErrorFormat, YamlSyntaxErrorsAreLocated) {
  EXPECT_THAT(error_of("space:\n  x: [1, 2\nobjective: 3\n"),
              StartsWith("p.yaml:3:10: invalid YAML: end of sequence flow not found"));
  EXPECT_THAT(error_of("space: {x: 1}}\n"), StartsWith("p.yaml:1:"));
}

TEST(ErrorFormat, IntBoundsMustBeWrittenAsIntegers) {
  EXPECT_THAT(error_of("space: {n: {type: int, low: 1.5, high: 8}}\n" + kSphereObjective),
              HasSubstr("space.n.low: wrong type (got 1.5; expected an integer)"));
  EXPECT_THAT(error_of("space: {n: {type: int, low: 1, high: 8.0}}\n" + kSphereObjective),
              HasSubstr("space.n.high: wrong type (got 8.0; expected an integer)"));
}

TEST(ErrorFormat, BoundsAreCheckedWithTheirPositions) {
  EXPECT_THAT(error_of("space: {x: {type: real, low: 1, high: 1}}\n" + kSphereObjective),
              HasSubstr("space.x.high: high must be greater than low (got 1; expected a number > "
                        "1)"));
  EXPECT_THAT(error_of("space: {x: {type: int, low: -4, high: 8, log: true}}\n" + kSphereObjective),
              HasSubstr("space.x.low: log scale needs a positive low bound (got -4"));
  EXPECT_THAT(error_of("space: {x: {type: real, low: -.inf, high: 8}}\n" + kSphereObjective),
              HasSubstr("space.x.low: the bound must be finite (got -.inf"));
  EXPECT_THAT(error_of("space: {x: {type: real, low: .nan, high: 8}}\n" + kSphereObjective),
              HasSubstr("space.x.low: the bound must be finite (got .nan"));
  EXPECT_THAT(error_of("space: {x: {type: real, low: 0, high: 1e999}}\n" + kSphereObjective),
              HasSubstr("space.x.high: number out of range"));
}

TEST(ErrorFormat, WrongShapesNameWhatWasGot) {
  EXPECT_THAT(error_of("space: [x, y]\n" + kSphereObjective),
              HasSubstr("space: wrong type (got a list; expected a map of parameters"));
  EXPECT_THAT(error_of("space: {x: {type: real, low: [0], high: 1}}\n" + kSphereObjective),
              HasSubstr("space.x.low: wrong type (got a list; expected a number)"));
  EXPECT_THAT(error_of("space: {x: {type: real, low: 0, high: 1}}\nobjective: function\n"),
              HasSubstr("objective: wrong type (got 'function'; expected a map"));
  EXPECT_THAT(error_of("space: {x: {type: real, low: 0, high: 1}}\n" + kSphereObjective +
                       "run: {checkpoint: [a.h5]}\n"),
              HasSubstr("run.checkpoint: wrong type (got a list; expected a file path)"));
  EXPECT_THAT(error_of("space: {x: {type: real, low: 0, high: 1}}\n" + kSphereObjective +
                       "run: {checkpoint: ''}\n"),
              HasSubstr("run.checkpoint: checkpoint must not be empty"));
  EXPECT_THAT(error_of("space: {x: {type: real, low: 0, high: 1}}\n"
                       "objective: {kind: function, name: sphere, sleep: [0.1]}\n"),
              HasSubstr("objective.sleep: wrong length (got a list; expected a list of two"));
  EXPECT_THAT(error_of("space: {? [a, b] : 1}\n" + kSphereObjective),
              HasSubstr("a key must be a plain name"));
  EXPECT_THAT(error_of("just a string\n"),
              HasSubstr("p.yaml:1:1: wrong type (got 'just a string'; expected a map with keys "
                        "space, objective"));
}

TEST(ErrorFormat, DimensionsOfTestFunctions) {
  const std::string one = "space: {x: {type: real, low: 0, high: 1}}\n";
  EXPECT_THAT(error_of(one + "objective: {kind: function, name: hartmann6}\n"),
              HasSubstr("objective.name: hartmann6 takes exactly 6 parameters (got 1 in space; "
                        "expected exactly 6 parameters)"));
  EXPECT_THAT(error_of(one + "objective: {kind: function, name: rosenbrock}\n"),
              HasSubstr("rosenbrock takes at least 2 parameters"));
  EXPECT_NO_THROW(parse_problem(one + "objective: {kind: function, name: ackley}\n", "p.yaml"));
}

TEST(ErrorFormat, FileNotFoundNamesThePath) {
  const std::string path = "/nonexistent/dir/problem.yaml";
  try {
    load_problem(path);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    EXPECT_EQ(std::string(e.what()),
              path + ": cannot read the problem file (No such file or directory)");
  }
}

TEST(ErrorFormat, DirectoryIsNotAProblemFile) {
  const std::string dir = std::filesystem::temp_directory_path().string();
  try {
    load_problem(dir);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), StartsWith(dir + ": cannot read the problem file (it is a directory"));
  }
}

} // namespace
} // namespace hpsearch
