#pragma once
// Helpers shared by the config tests.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/error.hpp"

#include <gtest/gtest.h>
#include <string>

namespace hpsearch::test {

/// The message of the Error parse_problem() raises on `text` (named "p.yaml"); records a
/// test failure when the text is accepted or the exit code is not bad_input.
inline std::string error_of(const std::string& text) {
  try {
    parse_problem(text, "p.yaml");
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    return e.what();
  }
  ADD_FAILURE() << "accepted:\n" << text;
  return {};
}

} // namespace hpsearch::test
