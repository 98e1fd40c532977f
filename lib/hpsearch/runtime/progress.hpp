#pragma once
// ProgressReporter: the manager's start line, periodic progress lines and closing summary.
#include "hpsearch/runtime/manager_core.hpp"

#include <ostream>
#include <string>
#include <utility>

namespace hpsearch {

class ProgressReporter {
public:
  /// `out` is where lines go; `interval` seconds between progress lines; quiet silences
  /// everything but errors.
  ProgressReporter(std::ostream& out, double interval, bool quiet, std::int64_t target)
      : out_(out), interval_(interval), quiet_(quiet), target_(target) {}

  /// What the objective is, for the closing "best ..." line ("validation accuracy");
  /// "objective" by default.
  void set_objective_name(std::string name) { objective_name_ = std::move(name); }

  void start_line(const std::string& line);
  /// Prints a progress line when `interval` has passed since the last one.
  void maybe_report(const ManagerStats& stats, double elapsed);
  void finish(const ManagerStats& stats, StopReason reason, double elapsed,
              const std::string& checkpoint);

  /// "12/200 done | best -3.0123 | busy 3/3 | 41.2 eval/s | 2.9s" — pure, for tests.
  static std::string format_line(const ManagerStats& stats, std::int64_t target, double elapsed);

private:
  std::ostream& out_;
  double interval_;
  bool quiet_;
  std::int64_t target_;
  double last_ = 0.0;
  std::string objective_name_ = "objective";
};

} // namespace hpsearch
