// Error's named factories carry the exit code of their category (DESIGN.md §6, issue 13).
#include "hpsearch/core/error.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

TEST(Error, EachCategoryHasItsExitCode) {
  EXPECT_EQ(Error::input("x").code(), ExitCode::bad_input);
  EXPECT_EQ(Error::io("x").code(), ExitCode::io_error);
  EXPECT_EQ(Error::environment("x").code(), ExitCode::io_error);
  EXPECT_EQ(Error::internal("x").code(), ExitCode::internal_error);
  EXPECT_STREQ(Error::io("disk full").what(), "disk full");
}

TEST(Error, ExitCodesAreTheDocumentedNumbers) {
  // Job scripts (jobscripts/hps-step.sh) and users' own scripts test these numbers.
  EXPECT_EQ(static_cast<int>(ExitCode::finished), 0);
  EXPECT_EQ(static_cast<int>(ExitCode::internal_error), 1);
  EXPECT_EQ(static_cast<int>(ExitCode::bad_input), 2);
  EXPECT_EQ(static_cast<int>(ExitCode::stopped), 3);
  EXPECT_EQ(static_cast<int>(ExitCode::io_error), 4);
}

TEST(Error, ARethrowKeepsTheCategory) {
  try {
    try {
      throw Error::io("cannot write");
    } catch (const Error& e) {
      throw Error(std::string("checkpoint 'a.h5': ") + e.what(), e.code());
    }
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::io_error);
  }
}

} // namespace
} // namespace hpsearch
