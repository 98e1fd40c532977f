#pragma once
// ResumeState: what exact resume needs beyond the evaluation rows, stored in /state
// (schema.hpp) and rewritten in the same flush as every manager event, so a kill at any
// instant leaves the last flushed event's state.
//
// Payload text (one item per line, values %-escaped: '%', ' ', '\t', '\n', '\r' as %XX):
//   hpsearch-state 2         (version 1, written before trials, is read too)
//   saved_at <epoch seconds>
//   next_id <int>
//   rows <evaluation rows in the file when saved>
//   in_flight <n>            then n job lines
//   requeue <n>              then n job lines (lost jobs not yet re-dispatched)
//   snapshot <seq> <rows>    the strategy snapshot (/state/strategy*, sequence seq) this
//                            state builds on, taken when the file had `rows` rows
//   ops <n>                  then one line of n tokens: the strategy calls since that
//                            snapshot, in order: "a<id>" ask that job id was sent for
//                            ("a" before trials), "t<id>" tell of evaluation id
//   curves <points>          points in /curves when saved (absent in older files: 0)
// Resume: tell the rows the snapshot had seen, restore the snapshot, replay the ops.
// Job line: id fidelity submitted_at worker_rank requeue_of trial from_fidelity rung host,
//           then the job's
//           configuration in core's one text form (core/config_text.hpp: nparams, then
//           per parameter: name type value, type one of i (int) r (real) b (bool)
//           s (string); reals in shortest round-trip form). Version 1's job lines have no
//           trial, from_fidelity and rung (read as -1, 0 and -1: a full-fidelity job).
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/evaluation.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch {

struct PendingJob {
  JobId id = -1; ///< in_flight: the job's id; requeue: the lost job's id
  Config config;
  double fidelity = 0.0;
  double submitted_at = 0.0;
  int worker_rank = -1;
  JobId requeue_of = -1; ///< the lost job this one re-runs, or -1
  std::string host;
  TrialId trial = -1; ///< the trial it works for; -1: its own id (a version 1 line)
  double from_fidelity = 0.0;
  std::int32_t rung = -1;

  friend bool operator==(const PendingJob&, const PendingJob&) = default;
};

struct ResumeState {
  double saved_at = 0.0;
  JobId next_id = 0;
  std::int64_t rows = 0;
  std::vector<PendingJob> in_flight;
  std::vector<PendingJob> requeue;
  std::uint64_t snapshot = 0;     ///< sequence number of the strategy snapshot
  std::int64_t snapshot_rows = 0; ///< rows in the file when the snapshot was taken
  std::vector<std::string> ops;   ///< "a<id>" / "a" (ask) or "t<id>" (tell), since the snapshot
  std::int64_t curves = 0;        ///< points in /curves when saved
  std::string strategy;           ///< the snapshot's text (not in the payload: the
                                  ///< reader fills it from /state/strategy*)

  friend bool operator==(const ResumeState&, const ResumeState&) = default;
};

/// One job line, with its trailing newline (cache it: a job's line never changes).
std::string encode_job_line(const PendingJob& job);

/// The payload from parts already encoded: `in_flight_lines` and `requeue_lines` are
/// concatenations of encode_job_line() results, `ops` space-separated tokens, `*_count`
/// how many of each.
std::string encode_state(double saved_at, JobId next_id, std::int64_t rows,
                         std::string_view in_flight_lines, std::size_t in_flight_count,
                         std::string_view requeue_lines, std::size_t requeue_count,
                         std::uint64_t snapshot, std::int64_t snapshot_rows, std::string_view ops,
                         std::size_t ops_count, std::int64_t curves = 0);
/// Everything but `strategy`, which lives in its own slots.
std::string encode_state(const ResumeState& state);

/// The inverse; throws hpsearch::Error (bad_input) naming what is malformed.
ResumeState decode_state(std::string_view payload);

} // namespace hpsearch
