#pragma once
// User metrics (core/job.hpp Outcome::metadata) by name: the keys `hpsearch export` writes
// itself as DeepHyper's m:<key> columns, which a declared metric may not take, and the rule
// for a metric name the problem file declares (`metrics:`).
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace hpsearch {

/// The m:<key> columns `hpsearch export` writes for every row, in its column order.
inline constexpr std::array<std::string_view, 15> kBuiltinMetricKeys = {
    "timestamp_submit", "timestamp_start",
    "timestamp_end",    "timestamp_gather",
    "worker_rank",      "host",
    "budget",           "trial_id",
    "from_budget",      "rung",
    "decision",         "parent_trial",
    "requeue_of",       "allocation",
    "message"};

/// Whether `key` is one of kBuiltinMetricKeys.
bool is_builtin_metric_key(std::string_view key);

/// Why `name` cannot be a declared metric (empty, longer than 64 characters, characters
/// other than letters, digits, '_', '.' and '-', not starting with a letter or '_', or a
/// built-in export column); nullopt when it can.
std::optional<std::string> metric_name_problem(std::string_view name);

} // namespace hpsearch
