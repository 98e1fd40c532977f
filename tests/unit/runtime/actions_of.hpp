#pragma once
// Helpers for ManagerCore tests: the actions of one kind, and an evaluator's outcome.
#include "hpsearch/runtime/actions.hpp"

#include <vector>

namespace hpsearch::test {

template <class T> std::vector<T> all_of(const Actions& actions) {
  std::vector<T> out;
  for (const auto& a : actions) {
    if (const auto* x = std::get_if<T>(&a)) out.push_back(*x);
  }
  return out;
}

inline Outcome outcome(Status status, double objective) {
  Outcome o;
  o.status = status;
  o.objective = objective;
  return o;
}

} // namespace hpsearch::test
