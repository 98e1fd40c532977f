#pragma once
// The checkpoint schema (DESIGN.md §4) in one table: every dataset, attribute and column
// name the store writes or reads, and the sentinels for missing values. Readers outside
// C++ (h5py, h5dump, pandas) see exactly these names, so never rename one without bumping
// kFormatVersion.
//
//   /                 root attributes kAttr*  (strings are variable-length UTF-8)
//   /evaluations      extendible, chunked 1-D dataset of one compound row per evaluation:
//       id            int64
//       status        enum over int8: ok=0 failed=1 timeout=2 stopped=3 lost=4 (core Status)
//       objective     float64, NaN unless status is ok or stopped (its last value)
//       p:<name>      one per parameter, in the space's order:
//                       real        float64  (missing / inactive: NaN)
//                       int         int64    (missing / inactive: INT64_MIN)
//                       categorical, ordinal, constant
//                                   int32 index into attribute choices:<name>
//                                   (missing / inactive: -1)
//       fidelity      float64 (e.g. epochs; 0 when the strategy has none)
//       trial         int64: the trial the job worked for (core/trial.hpp); its own id
//                     when the search has no trials (one job per trial)
//       from_fidelity float64: > 0 when the job continued the trial's saved state from there
//       rung          int32: the scheduler's rung the job ended at; -1: none
//       decision      enum over int8: finished=0 paused=1 stopped=2 (core TrialDecision):
//                     what became of the trial when this job ended
//                   (format 3 files have none of these four: read as trial = id,
//                    from_fidelity 0, rung -1, decision finished)
//       parent        int64: the trial whose saved state the job's trial started from
//                     (population-based training's lineage; the copy step is
//                     from_fidelity); -1: none
//                   (optional, only with the trial columns: files written before
//                    population-based training have none; they are read as -1 and resumed
//                    without recording any; the format is unchanged)
//       requeue_of    int64: the id of the lost evaluation this one re-runs, else -1
//       allocation    int32: index of the /allocations row (run or resume) that recorded it
//       worker_rank   int32
//       host          fixed-length string, kHostSize bytes, null-padded, truncated if longer
//       submitted_at  float64 wall-clock seconds since the Unix epoch
//       started_at    float64
//       finished_at   float64
//       message       variable-length UTF-8 string
//       metadata      variable-length UTF-8 string: the user metrics (core/job.hpp) that no
//                     m:<name> column takes, as one JSON object; empty when none
//       m:<name>      float64, one per metric the problem declares (`metrics:`), in its
//                     order; NaN when the job reported no number for it
//                   (files written before user metrics have neither: they are read without
//                    metrics and resumed without recording any; the format is unchanged)
//   /evaluations attributes, per categorical / ordinal / constant parameter:
//       choices:<name>       1-D array of variable-length strings (each choice as text)
//       choice_kinds:<name>  1-D int8 array: the type of each choice (kChoice* below), so a
//                            choice that was the integer 32 reads back as an integer
//       param_kind:<name>    "ordinal" or "constant" (absent: categorical)
//   /curves           extendible 1-D dataset of compound rows (learning curves, ragged):
//       eval_id int64, step float64, value float64 (the step as reported: 1.5 stays 1.5)
//   /allocations      one compound row per run or resume, written at its start and rewritten
//                     at its end:
//       start float64 (epoch s), end float64 (NaN while running or when killed),
//       ranks int32, pid int64, job_id / host / exit_reason fixed strings (kHostSize)
//       exit_reason: "running" until the allocation ends, then the stop reason; a row
//       still "running" when the next allocation starts is marked "killed".
//   /state            what exact resume needs, rewritten in the same flush as every event:
//       slot0, slot1  1-D uint8 datasets, written alternately (a torn write leaves the other
//                     intact). Each: kStateHeaderSize-byte header (magic "HPSSTATE", u64
//                     sequence, u64 payload length, u64 FNV-1a of the payload, little endian)
//                     then the payload: text described in resume_state.hpp (next job id,
//                     in-flight and re-queued jobs with their configurations, the strategy
//                     snapshot it builds on and the asks/tells since).
//                     h5py: bytes(f["state/slot0"][32:]).
//       strategy0, strategy1  the same two-slot layout: Strategy::save_state() snapshots,
//                     taken every few hundred asks/tells (not every event: a snapshot can
//                     cost more than the event); the state names the one it builds on.
//
// A row whose id equals kUnwrittenId holds the dataset's fill value: it was allocated but
// never written (possible only at the tail of a file whose writer was killed mid-flush).
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace hpsearch::schema {

/// 3: /curves step became float64 (was int64, rounded from the reported step).
/// 4: /evaluations gained trial, from_fidelity, rung and decision (the trial lifecycle).
/// (The optional columns parent, metadata and m:<name> came later at format 4: detected by
/// presence.)
inline constexpr int kFormatVersion = 4;
/// The oldest format read_checkpoint() still reads (resume needs kFormatVersion).
inline constexpr int kOldestReadableVersion = 3;

// Root attributes.
inline constexpr const char* kAttrFormatVersion = "format_version"; ///< int32
inline constexpr const char* kAttrVersion = "hpsearch_version";     ///< string
inline constexpr const char* kAttrCreated = "created";     ///< ISO-8601 UTC, "2024-05-01T12:00:00Z"
inline constexpr const char* kAttrProblem = "problem";     ///< the problem file as canonical text
inline constexpr const char* kAttrStrategy = "strategy";   ///< string
inline constexpr const char* kAttrSeed = "seed";           ///< uint64
inline constexpr const char* kAttrDirection = "direction"; ///< "minimize" | "maximize"
inline constexpr const char* kAttrSpaceHash = "space_hash"; ///< 16 hex digits (space_hash.hpp)
inline constexpr const char* kAttrSpace = "space"; ///< the canonical space text that was hashed
/// string, only in a checkpoint `hpsearch simulate` wrote: what it simulated (virtual times)
inline constexpr const char* kAttrSimulated = "simulated";

// Datasets.
inline constexpr const char* kEvaluations = "evaluations";
inline constexpr const char* kCurves = "curves";
inline constexpr const char* kAllocations = "allocations";
inline constexpr const char* kState = "state";
inline constexpr const char* kStateSlots[2] = {"state/slot0", "state/slot1"};
inline constexpr const char* kStrategySlots[2] = {"state/strategy0", "state/strategy1"};
inline constexpr std::size_t kChunkRows = 256;
inline constexpr std::size_t kStateChunk = 4096; ///< bytes per chunk of a state slot
inline constexpr std::size_t kStateHeaderSize = 32;
inline constexpr char kStateMagic[8] = {'H', 'P', 'S', 'S', 'T', 'A', 'T', 'E'};

// Columns of /evaluations, in file order (parameters go between objective and worker_rank).
inline constexpr const char* kId = "id";
inline constexpr const char* kStatus = "status";
inline constexpr const char* kObjective = "objective";
inline constexpr std::string_view kParamPrefix = "p:";
inline constexpr const char* kFidelity = "fidelity";
inline constexpr const char* kTrial = "trial";
inline constexpr const char* kFromFidelity = "from_fidelity";
inline constexpr const char* kRung = "rung";
inline constexpr const char* kDecision = "decision";
inline constexpr const char* kParent = "parent";
inline constexpr const char* kRequeueOf = "requeue_of";
inline constexpr const char* kAllocation = "allocation";
inline constexpr const char* kWorkerRank = "worker_rank";
inline constexpr const char* kHost = "host";
inline constexpr const char* kSubmittedAt = "submitted_at";
inline constexpr const char* kStartedAt = "started_at";
inline constexpr const char* kFinishedAt = "finished_at";
inline constexpr const char* kMessage = "message";
inline constexpr const char* kMetadata = "metadata";
inline constexpr std::string_view kMetricPrefix = "m:";

inline constexpr std::size_t kHostSize = 64;

// Columns of /curves.
inline constexpr const char* kCurveEvalId = "eval_id";
inline constexpr const char* kCurveStep = "step";
inline constexpr const char* kCurveValue = "value";

// Columns of /allocations.
inline constexpr const char* kAllocStart = "start";
inline constexpr const char* kAllocEnd = "end";
inline constexpr const char* kAllocRanks = "ranks";
inline constexpr const char* kAllocPid = "pid";
inline constexpr const char* kAllocJobId = "job_id";
inline constexpr const char* kAllocHost = "host";
inline constexpr const char* kAllocExitReason = "exit_reason";
inline constexpr const char* kExitRunning = "running"; ///< written at an allocation's start
inline constexpr const char* kExitKilled = "killed";   ///< set by the next allocation

// Attributes of /evaluations for categorical parameters.
inline constexpr std::string_view kChoicesPrefix = "choices:";
inline constexpr std::string_view kChoiceKindsPrefix = "choice_kinds:";
inline constexpr std::string_view kParamKindPrefix = "param_kind:";
/// Values of choice_kinds:<name>; equal to the alternative index of hpsearch::Value.
inline constexpr std::int8_t kChoiceInt = 0;
inline constexpr std::int8_t kChoiceReal = 1;
inline constexpr std::int8_t kChoiceBool = 2;
inline constexpr std::int8_t kChoiceString = 3;

// "Inactive / missing" sentinels for parameter columns (conditional parameters).
inline constexpr double kMissingReal = std::numeric_limits<double>::quiet_NaN();
inline constexpr std::int64_t kMissingInt = std::numeric_limits<std::int64_t>::min();
inline constexpr std::int32_t kMissingChoice = -1;

/// Fill value of the id column: marks a row that was never written.
inline constexpr std::int64_t kUnwrittenId = -1;
/// requeue_of of an evaluation that re-runs nothing.
inline constexpr std::int64_t kNoRequeue = -1;
/// rung of a job that ended at no rung (and the fill value of the column).
inline constexpr std::int32_t kNoRung = -1;

inline std::string param_column(const std::string& name) {
  return std::string(kParamPrefix) + name;
}
inline std::string metric_column(const std::string& name) {
  return std::string(kMetricPrefix) + name;
}
inline std::string choices_attribute(const std::string& name) {
  return std::string(kChoicesPrefix) + name;
}
inline std::string choice_kinds_attribute(const std::string& name) {
  return std::string(kChoiceKindsPrefix) + name;
}
inline std::string param_kind_attribute(const std::string& name) {
  return std::string(kParamKindPrefix) + name;
}

} // namespace hpsearch::schema
