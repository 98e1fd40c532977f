#pragma once
// Reading a checkpoint back: its run information, parameter columns and evaluations, with
// each configuration rebuilt in its parameters' types (ints stay ints, categorical
// parameters get their choice back).
#include "hpsearch/core/curve_point.hpp"
#include "hpsearch/core/evaluation.hpp"
#include "hpsearch/store/allocation.hpp"
#include "hpsearch/store/checkpoint_info.hpp"
#include "hpsearch/store/resume_state.hpp"
#include "hpsearch/store/row_extras.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hpsearch {

struct CheckpointContents {
  std::string path;
  CheckpointInfo info;
  int format_version = 0;
  std::string space_hash;              ///< as stored (space_hash.hpp)
  std::string space_text;              ///< canonical_space_text() as stored
  std::vector<std::string> parameters; ///< parameter names, in column order
  /// Whether the rows keep user metrics (Evaluation::metadata): false for a file written
  /// before user metrics.
  bool metric_columns = false;
  std::vector<std::string> metrics; ///< the declared metrics' columns m:<name>, in order
  /// Whether the rows keep the lineage (Evaluation::parent): false for a file written before
  /// population-based training (every parent then reads as -1).
  bool parent_column = false;
  std::vector<Evaluation> evaluations; ///< in append order
  std::vector<RowExtras> extras;       ///< extras[i] belongs to evaluations[i]
  std::vector<Allocation> allocations; ///< one per run or resume, in order
  std::vector<CurvePoint> curves;      ///< every learning-curve point, in append order
  /// The newest intact /state whose rows reached the file (none before any event)
  std::optional<ResumeState> state;
  std::uint64_t state_sequence = 0; ///< its slot sequence number
  /// One /state slot failed its checksum, or the newest was written without its rows (a
  /// write torn by a kill)
  bool state_slot_damaged = false;
  std::string simulated; ///< non-empty: written by `hpsearch simulate` (what it simulated)
};

/// Reads the whole checkpoint at `path`. Throws hpsearch::Error (bad_input) naming the path
/// when it is missing, not an HDF5 file, of a format version it cannot read (it reads
/// schema::kOldestReadableVersion to kFormatVersion), or lacks a dataset,
/// column or attribute. Opens without HDF5's file lock, so a running search's checkpoint
/// can be read; rows never written (a writer killed mid-flush) are skipped.
CheckpointContents read_checkpoint(const std::string& path);

} // namespace hpsearch
