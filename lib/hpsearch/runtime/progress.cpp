#include "hpsearch/runtime/progress.hpp"

#include "hpsearch/core/value.hpp"

#include <cstdio>

namespace hpsearch {

namespace {

std::string fixed(double x, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

std::string objective_text(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

} // namespace

std::string ProgressReporter::format_line(const ManagerStats& stats, std::int64_t target,
                                          double elapsed) {
  std::string line = std::to_string(stats.completed) + "/" + std::to_string(target) + " done";
  if (stats.failed > 0) line += " (" + std::to_string(stats.failed) + " failed)";
  if (stats.stopped > 0) line += " (" + std::to_string(stats.stopped) + " stopped early)";
  line += " | best " + (stats.best ? objective_text(stats.best->objective) : std::string("-"));
  line += " | busy " + std::to_string(stats.busy_workers) + "/" + std::to_string(stats.workers);
  // The rate of this allocation: evaluations recorded by earlier ones do not count.
  const double rate =
      elapsed > 0 ? static_cast<double>(stats.completed - stats.resumed) / elapsed : 0.0;
  line += " | " + fixed(rate, 1) + " eval/s | " + fixed(elapsed, 1) + "s";
  return line;
}

void ProgressReporter::start_line(const std::string& line) {
  if (!quiet_) out_ << "hpsearch: " << line << std::endl;
}

void ProgressReporter::maybe_report(const ManagerStats& stats, double elapsed) {
  if (quiet_ || elapsed - last_ < interval_) return;
  last_ = elapsed;
  out_ << "hpsearch: " << format_line(stats, target_, elapsed) << std::endl;
}

void ProgressReporter::finish(const ManagerStats& stats, StopReason reason, double elapsed,
                              const std::string& checkpoint) {
  if (quiet_) return;
  out_ << "hpsearch: finished (" << to_string(reason)
       << "): " << format_line(stats, target_, elapsed) << "\n";
  if (stats.best) {
    out_ << "hpsearch: best " << objective_name_ << " " << objective_text(stats.best->objective)
         << " (id " << stats.best->id << "): " << stats.best->config.to_string() << "\n";
  }
  out_ << "hpsearch: checkpoint " << checkpoint << " (" << stats.completed << " evaluations)"
       << std::endl;
}

} // namespace hpsearch
