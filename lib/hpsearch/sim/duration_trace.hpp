#pragma once
// Duration traces (`hpsearch simulate --duration trace:FILE`): the measured durations of an
// earlier run, resampled by the simulation.
//
// FILE is either an earlier checkpoint (a name ending in .h5 or .hdf5; its rows' started_at
// and finished_at, read through store/'s reader) or a CSV file with a header row naming its
// columns (any order, other columns ignored, a field may be double-quoted):
//   duration                               seconds, or
//   started, finished                      seconds, any origin, or
//   m:timestamp_start, m:timestamp_end     as `hpsearch export --csv` writes them;
// and optionally the fidelity the job trained from and to, for multi-fidelity runs:
//   from_fidelity, fidelity                or m:from_budget, m:budget (export's names),
// or the steps the job ran:
//   steps
// The simulation draws one sample per step of a learning-curve job (per fidelity unit), one
// per job of a plain function. So a row's duration is divided by the steps it ran: `steps`
// when given; in a checkpoint, the job's progress reports in /curves when it has any (a job
// a pruner stopped ran fewer steps than it was sent for); else floor(b) - floor(a) for a job
// that trained from fidelity a to b > 0 (the learning-curve evaluator's whole steps); else 1
// (the row is one sample as it is).
#include <string>
#include <vector>

namespace hpsearch {

/// The samples in FILE (seconds, >= 0, at least one). Throws hpsearch::Error (bad_input)
/// naming the file (and line and column for a CSV) when it cannot be read, lacks the
/// columns, holds a field that is not a number, a negative duration, or no sample at all.
std::vector<double> read_duration_trace(const std::string& file);

} // namespace hpsearch
