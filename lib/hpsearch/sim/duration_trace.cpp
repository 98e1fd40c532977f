#include "hpsearch/sim/duration_trace.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/store/reader.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>

namespace hpsearch {

namespace {

/// Whole steps a job trained from `from` to `to` ran (the learning-curve evaluator's
/// steps); 1 for a job without fidelity.
double steps_of(double from, double to) {
  if (!(to > 0.0)) return 1.0;
  const double steps = std::floor(to + 1e-9) - std::floor(from + 1e-9);
  return steps >= 1.0 ? steps : 1.0;
}

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() &&
         text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

std::vector<double> from_checkpoint(const std::string& file) {
  const CheckpointContents c = read_checkpoint(file);
  std::map<JobId, double> reported; // progress reports per job: the steps it really ran
  for (const CurvePoint& point : c.curves) reported[point.eval_id] += 1.0;
  std::vector<double> samples;
  for (const Evaluation& ev : c.evaluations) {
    if (!(ev.started_at > 0.0) || !(ev.finished_at >= ev.started_at)) continue; // never ran
    const auto it = reported.find(ev.id);
    const double steps =
        it != reported.end() ? it->second : steps_of(ev.from_fidelity, ev.fidelity);
    samples.push_back((ev.finished_at - ev.started_at) / steps);
  }
  if (samples.empty()) {
    throw Error::input("duration trace '" + file +
                       "': the checkpoint has no evaluation with start and finish times");
  }
  return samples;
}

/// One CSV line's fields; a field may be wrapped in double quotes ("" inside is one ").
std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted) {
      if (ch == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        fields.back() += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      fields.emplace_back();
    } else if (ch != '\r') {
      fields.back() += ch;
    }
  }
  return fields;
}

/// The index of the first of `names` in `header`, if any.
std::optional<std::size_t> column(const std::vector<std::string>& header,
                                  std::initializer_list<const char*> names) {
  for (const char* name : names) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
  }
  return std::nullopt;
}

class CsvTrace {
public:
  explicit CsvTrace(std::string file) : file_(std::move(file)) {}

  std::vector<double> read() {
    std::ifstream in(file_);
    if (!in) throw Error::input("duration trace '" + file_ + "' cannot be opened");
    std::string line;
    if (!std::getline(in, line)) refuse(1, "it is empty (expected a header row)");
    header_ = fields_of(line);
    duration_ = column(header_, {"duration"});
    start_ = column(header_, {"started", "m:timestamp_start"});
    end_ = column(header_, {"finished", "m:timestamp_end"});
    steps_ = column(header_, {"steps"});
    from_ = column(header_, {"from_fidelity", "m:from_budget"});
    to_ = column(header_, {"fidelity", "m:budget"});
    if (!duration_ && !(start_ && end_)) {
      refuse(1, "its header names no 'duration' column nor both 'started' and 'finished' "
                "(or export's m:timestamp_start and m:timestamp_end)");
    }
    std::vector<double> samples;
    for (int number = 2; std::getline(in, line); ++number) {
      if (line.empty() || line == "\r") continue;
      const std::vector<std::string> row = fields_of(line);
      const double seconds = duration_ ? at(row, *duration_, number)
                                       : at(row, *end_, number) - at(row, *start_, number);
      if (!(seconds >= 0.0)) refuse(number, "a negative duration");
      const double from = from_ ? at(row, *from_, number) : 0.0;
      const double to = to_ ? at(row, *to_, number) : 0.0;
      const double steps = steps_ ? at(row, *steps_, number) : steps_of(from, to);
      if (!(steps > 0.0)) refuse(number, "column 'steps' must be > 0");
      samples.push_back(seconds / steps);
    }
    if (samples.empty()) refuse(1, "it has no data row");
    return samples;
  }

private:
  [[noreturn]] void refuse(int line, const std::string& why) const {
    throw Error::input("duration trace '" + file_ + "' line " + std::to_string(line) + ": " + why);
  }

  double at(const std::vector<std::string>& row, std::size_t index, int line) const {
    if (index >= row.size()) {
      refuse(line, "it has " + std::to_string(row.size()) + " fields, no column '" +
                       header_[index] + "'");
    }
    const std::string& text = row[index];
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value)) {
      refuse(line, "column '" + header_[index] + "' holds '" + text + "', not a number");
    }
    return value;
  }

  std::string file_;
  std::vector<std::string> header_;
  std::optional<std::size_t> duration_, start_, end_, steps_, from_, to_;
};

} // namespace

std::vector<double> read_duration_trace(const std::string& file) {
  if (ends_with(file, ".h5") || ends_with(file, ".hdf5")) return from_checkpoint(file);
  return CsvTrace(file).read();
}

} // namespace hpsearch
