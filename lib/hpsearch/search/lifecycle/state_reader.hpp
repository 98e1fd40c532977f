#pragma once
// StateReader: reads back a scheduler's saved state (Scheduler::save_state(): lines of
// space-separated tokens, core/config_text.hpp), for the multi-fidelity and population
// schedulers alike. Every failure throws hpsearch::Error (bad input)
// "<what> is corrupt: <detail>".
#include "hpsearch/core/config_text.hpp"

#include <cstddef>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch {

class StateReader {
public:
  /// `what` names the state in messages, e.g. "PBT scheduler state".
  StateReader(const std::string& state, std::string what);

  [[noreturn]] void corrupt(const std::string& detail) const;
  /// The next line; corrupt ("missing <what>") at the end.
  std::string line(const char* what);
  /// The whole `token` as a T (an integer type or double), else corrupt.
  template <class T> T number(std::string_view token, const char* what) const {
    const std::optional<T> value = number_token<T>(token);
    if (!value) corrupt(std::string("bad ") + what + " '" + std::string(token) + "'");
    return *value;
  }
  /// The tokens of `line`, which must outlive them (hence no temporaries), exactly `count`.
  std::vector<std::string_view> fields(const std::string& line, std::size_t count,
                                       const char* what) const;
  std::vector<std::string_view> fields(std::string&& line, std::size_t count,
                                       const char* what) const = delete;
  /// The next line, which must be "<name> <n>": n.
  std::size_t count(std::string_view name);
  /// Everything after the lines read so far (a sampler's own state).
  std::string rest();

private:
  std::istringstream in_;
  std::string what_;
};

} // namespace hpsearch
