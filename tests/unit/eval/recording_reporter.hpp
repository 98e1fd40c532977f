#pragma once
// RecordingReporter: a Reporter for the evaluator tests that records every (step, value)
// it is given and answers stop from report number `stop_after` on (0: never).
#include "hpsearch/eval/reporter.hpp"

#include <cstddef>
#include <utility>
#include <vector>

namespace hpsearch::test {

class RecordingReporter final : public Reporter {
public:
  explicit RecordingReporter(std::size_t stop_after = 0) : stop_after_(stop_after) {}
  bool report(double step, double value) override {
    points.emplace_back(step, value);
    return stop_requested();
  }
  bool stop_requested() override { return stop_after_ != 0 && points.size() >= stop_after_; }

  std::vector<std::pair<double, double>> points;

private:
  std::size_t stop_after_;
};

} // namespace hpsearch::test
