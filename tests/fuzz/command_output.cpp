#include "hpsearch/eval/command_output.hpp"

#include "fuzz_entries.hpp"
#include "hpsearch/eval/json.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace hpsearch::fuzz {

namespace {

[[noreturn]] void broken(const char* what, std::string_view detail) {
  std::fprintf(stderr, "fuzz command_output: %s: %.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

void check_progress(const ProgressReport& report) {
  if (!std::isfinite(report.step) || !std::isfinite(report.value)) {
    broken("OutputParser passed on a progress report that is not finite", "");
  }
}

void parse_stream(std::string_view bytes) {
  // The first byte picks the chunk size (1..256), so lines arrive split at every place.
  const std::size_t chunk = bytes.empty() ? 1 : static_cast<unsigned char>(bytes[0]) + 1U;
  OutputParser parser(check_progress);
  for (std::size_t at = 0; at < bytes.size(); at += chunk) parser.feed(bytes.substr(at, chunk));
  parser.finish();
  if (parser.last_progress()) check_progress(*parser.last_progress());
}

void parse_lines(std::string_view bytes) {
  while (!bytes.empty()) {
    const std::size_t end = bytes.find('\n');
    const std::string_view line = bytes.substr(0, end);
    (void)parse_objective_line(line);
    (void)parse_progress_line(line);
    if (end == std::string_view::npos) break;
    bytes.remove_prefix(end + 1);
  }
}

/// What to_json writes must be JSON that reads back to the same text.
void round_trip(std::string_view bytes) {
  const ParsedJson parsed = parse_json(bytes);
  if (!parsed.ok()) return;
  const std::string written = to_json(parsed.document);
  const ParsedJson again = parse_json(written);
  if (!again.ok()) broken("to_json wrote text parse_json refuses", again.error + ": " + written);
  if (to_json(again.document) != written) broken("to_json is not stable", written);
}

} // namespace

void command_output(std::string_view bytes) {
  parse_stream(bytes);
  parse_lines(bytes);
  if (const auto result = parse_result_json(bytes)) {
    if (!result->metadata_json.empty() && !parse_json(result->metadata_json).ok()) {
      broken("parse_result_json returned metadata that is not JSON", result->metadata_json);
    }
  }
  round_trip(bytes);
}

} // namespace hpsearch::fuzz
