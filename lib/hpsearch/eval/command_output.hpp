#pragma once
// What a training command tells hpsearch on its stdout, one line at a time:
//
//   progress: <step> <value>                        an intermediate value (learning curve)
//   objective: <number>                             the result
//   {"objective": <number>, "metadata": {...}}      the result as one JSON line
//
// Other lines are ignored. The last result line wins. Numbers are read like Python prints
// them (1e-05, nan, inf, -inf), so a NaN result is seen as NaN, not as a missing one.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace hpsearch {

struct ObjectiveReport {
  double value = 0.0;        ///< may be NaN or infinite: the caller decides
  std::string metadata_json; ///< the "metadata" object as compact JSON, or empty
};

struct ProgressReport {
  double step = 0.0;
  double value = 0.0;
};

/// The result or progress a single line carries (surrounding white space ignored).
std::optional<ObjectiveReport> parse_objective_line(std::string_view line);
std::optional<ProgressReport> parse_progress_line(std::string_view line);
/// The content of a result.json file: {"objective": ..., "metadata": {...}} or a bare
/// number.
std::optional<ObjectiveReport> parse_result_json(std::string_view text);

/// Splits a byte stream into lines and keeps the last result; calls `on_progress` for
/// every progress line as soon as its newline arrives (progress lines with a NaN or
/// infinite step or value are skipped: a learning curve holds finite points only).
class OutputParser {
public:
  explicit OutputParser(std::function<void(const ProgressReport&)> on_progress)
      : on_progress_(std::move(on_progress)) {}

  void feed(std::string_view bytes);
  /// The stream ended: a last line without a newline still counts.
  void finish();

  const std::optional<ObjectiveReport>& objective() const { return objective_; }
  const std::optional<ProgressReport>& last_progress() const { return last_progress_; }

private:
  /// Lines longer than this are skipped (a script dumping a huge array on one line).
  static constexpr std::size_t kMaxLine = 1 << 16;

  void line(std::string_view text);

  std::function<void(const ProgressReport&)> on_progress_;
  std::string partial_;
  bool overlong_ = false;
  std::optional<ObjectiveReport> objective_;
  std::optional<ProgressReport> last_progress_;
};

} // namespace hpsearch
