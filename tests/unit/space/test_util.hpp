#pragma once
// Small helpers shared by the space tests.
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/value.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace hpsearch::test {

inline Value str(const char* s) {
  return std::string(s);
}

inline std::vector<Value> strs(std::initializer_list<const char*> names) {
  std::vector<Value> out;
  for (const char* n : names) out.emplace_back(std::string(n));
  return out;
}

/// Runs `f`, expects an hpsearch::Error whose message contains `fragment`.
template <class F> void expect_error(F&& f, const std::string& fragment) {
  try {
    f();
    ADD_FAILURE() << "expected an error containing '" << fragment << "'";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos)
        << "message: " << e.what() << "\nexpected fragment: " << fragment;
  }
}

} // namespace hpsearch::test
