#pragma once
// ResumeState: what exact resume needs beyond the evaluation rows, stored in /state
// (schema.hpp) and rewritten in the same flush as every manager event, so a kill at any
// instant leaves the last flushed event's state.
//
// Payload text (one item per line, values %-escaped: '%', ' ', '\t', '\n', '\r' as %XX):
//   hpsearch-state 3         (versions 1, before trials, and 2 are read too)
//   saved_at <epoch seconds>
//   next_id <int>
//   rows <evaluation rows in the file when saved>
//   jobs <index> <length> <checksum>
//                            version 3: the jobs in flight are in the job log
//                            /state/jobs<index> (schema.hpp), its bytes [0, length), whose
//                            FNV-1a 64 is checksum (decimal); see "Job log" below
//   in_flight <n>            version 1 and 2 instead: n job lines
//   requeue <n>              then n job lines (lost jobs not yet re-dispatched)
//   snapshot <seq> <rows>    the strategy snapshot (/state/strategy*, sequence seq) this
//                            state builds on, taken when the file had `rows` rows
//   ops <n>                  then one line of n tokens: the strategy calls since that
//                            snapshot, in order: "a<id>" ask that job id was sent for
//                            ("a" before trials), "t<id>" tell of evaluation id
//   curves <points>          points in /curves when saved (absent in older files: 0)
// Resume: tell the rows the snapshot had seen, restore the snapshot, replay the ops.
// Job log (version 3): append-only records, one a line, applied in order:
//   +<job line>              a job was sent (the job line below)
//   -<id>                    the job ended (its row was written)
// What is left is in flight. The journal appends only each batch's records, so a state
// write costs O(changes), and restarts the log in the other dataset (the live jobs only)
// once it is more than twice their size.
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

/// Where a version 3 state's jobs in flight are: bytes [0, length) of /state/jobs<index>.
struct JobLogRef {
  int index = -1; ///< 0 or 1; -1: none (a version 1 or 2 state lists them itself)
  std::uint64_t length = 0;
  std::uint64_t checksum = 0; ///< fnv1a64 of those bytes

  friend bool operator==(const JobLogRef&, const JobLogRef&) = default;
};

struct ResumeState {
  double saved_at = 0.0;
  JobId next_id = 0;
  std::int64_t rows = 0;
  std::vector<PendingJob> in_flight; ///< by id (version 3: from the job log, by the reader)
  JobLogRef jobs;                    ///< version 3: the job log holding in_flight
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

/// The job log record of a sent job (its cached job line, with its newline).
std::string job_sent_record(std::string_view job_line);
/// The job log record of an ended job.
std::string job_ended_record(JobId id);
/// The jobs a job log leaves in flight, by id; throws hpsearch::Error (bad_input) naming
/// what is malformed.
std::vector<PendingJob> replay_job_log(std::string_view log);

/// A version 3 payload from parts already encoded: `requeue_lines` a concatenation of
/// encode_job_line() results, `ops` space-separated tokens, `*_count` how many of each.
std::string encode_state(double saved_at, JobId next_id, std::int64_t rows, const JobLogRef& jobs,
                         std::string_view requeue_lines, std::size_t requeue_count,
                         std::uint64_t snapshot, std::int64_t snapshot_rows, std::string_view ops,
                         std::size_t ops_count, std::int64_t curves);
/// Everything but `strategy`, which lives in its own slots: version 3 (without in_flight)
/// when state.jobs names a job log, else version 2 (with in_flight).
std::string encode_state(const ResumeState& state);

/// The inverse; throws hpsearch::Error (bad_input) naming what is malformed.
ResumeState decode_state(std::string_view payload);

} // namespace hpsearch
