#include "hpsearch/sched/qstat.hpp"

#include "hpsearch/sched/time_text.hpp"

#include <sstream>

namespace hpsearch {

namespace {

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return std::string(s.substr(first, last - first + 1));
}

} // namespace

std::map<std::string, std::string> parse_qstat_full(std::string_view text) {
  std::map<std::string, std::string> attributes;
  std::istringstream lines{std::string(text)};
  std::string line;
  std::string* last = nullptr;
  int jobs = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("Job Id:", 0) == 0) {
      if (++jobs > 1) break; // only the first job
      continue;
    }
    if (!line.empty() && line.front() == '\t' && last != nullptr) {
      *last += trim(line);
      continue;
    }
    const auto eq = line.find(" = ");
    if (eq == std::string::npos) {
      last = nullptr;
      continue;
    }
    last = &(attributes[trim(line.substr(0, eq))] = trim(line.substr(eq + 3)));
  }
  return attributes;
}

std::optional<double> qstat_walltime_end(const std::map<std::string, std::string>& attributes,
                                         double started_fallback) {
  const auto walltime = attributes.find("Resource_List.walltime");
  if (walltime == attributes.end()) return std::nullopt;
  const auto seconds = parse_clock_duration(walltime->second);
  if (!seconds) return std::nullopt;
  double start = started_fallback;
  if (const auto stime = attributes.find("stime"); stime != attributes.end()) {
    if (const auto parsed = parse_ctime(stime->second)) start = *parsed;
  }
  return start + *seconds;
}

} // namespace hpsearch
