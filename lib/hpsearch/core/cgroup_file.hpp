#pragma once
// Small reads and writes of cgroup (and /proc) files: one value per open, as the kernel's
// interface files expect.
#include <optional>
#include <string>
#include <string_view>

namespace hpsearch {

/// The whole file (at most 64 KiB), or nullopt when it cannot be read.
std::optional<std::string> read_cgroup_file(const std::string& path);
/// Writes `text` with one write(2); 0 on success, else the errno value.
int write_cgroup_file(const std::string& path, std::string_view text);
/// Whether the white-space separated `text` holds `word` ("cpu memory pids", "memory").
bool has_cgroup_word(std::string_view text, std::string_view word);
/// The value of `key` in a flat keyed file ("oom_kill 3\n..." -> 3); 0 when absent.
long long cgroup_key_value(std::string_view text, std::string_view key);
/// `text` without leading and trailing white space.
std::string trim_cgroup_text(std::string_view text);

} // namespace hpsearch
