#include "hpsearch/store/reader.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/store/checkpoint_lock.hpp"
#include "hpsearch/store/h5_attribute.hpp"
#include "hpsearch/store/h5_error.hpp"
#include "hpsearch/store/h5_handle.hpp"
#include "hpsearch/store/h5_table.hpp"
#include "hpsearch/store/job_log.hpp"
#include "hpsearch/store/read_contents.hpp"
#include "hpsearch/store/row_layout.hpp"
#include "hpsearch/store/schema.hpp"
#include "hpsearch/store/side_tables.hpp"
#include "hpsearch/store/state_slots.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

namespace hpsearch {

using h5::check;
using h5::Handle;

namespace {

/// True when the HDF5 signature is at offset 0, 512, 1024, 2048, ... (where HDF5 looks).
bool has_hdf5_signature(const std::string& path) {
  static constexpr char kSignature[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
  std::ifstream in(path, std::ios::binary);
  for (std::streamoff offset = 0; in; offset = offset == 0 ? 512 : offset * 2) {
    char buf[8] = {};
    in.seekg(offset);
    if (!in.read(buf, sizeof buf)) return false;
    if (std::memcmp(buf, kSignature, sizeof buf) == 0) return true;
  }
  return false;
}

/// The core driver's growth step (a read-only image never grows).
constexpr std::size_t kCoreIncrement = std::size_t{1} << 20;
/// The name a checkpoint's in-memory image is opened under (see open_snapshot).
constexpr const char* kImageName = "/proc/self/fd/-1/hpsearch-checkpoint-image";

Handle open_read_only(const std::string& path, bool locking, const std::string& what) {
  Handle fapl = Handle::checked(H5Pcreate(H5P_FILE_ACCESS), h5::plist, what);
  check(H5Pset_file_locking(fapl.get(), locking, true), what);
  return Handle::checked(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()), h5::file,
                         what + " (damaged or unreadable)");
}

Handle open_file(const std::string& path) {
  const std::string what = "cannot open checkpoint '" + path + "'";
  if (const std::string reason = h5::unopenable_reason(path); !reason.empty()) {
    throw Error::input(what + ": " + reason);
  }
  // Without HDF5's lock first: a running search holds an exclusive lock on its checkpoint,
  // and `hpsearch show` must work meanwhile. Inside a process that has the file open for
  // writing, HDF5 insists on the writer's locking flags, so then retry with those.
  try {
    return open_read_only(path, false, what);
  } catch (const Error&) {
    try {
      return open_read_only(path, true, what);
    } catch (const Error&) {
    }
    throw;
  }
}

/// The checkpoint as its bytes were at one moment, opened from memory (HDF5's core driver
/// with a file image). For a file a search is writing: the bytes are copied in one pass,
/// about a millisecond for megabytes, so a write of the search can tear only that copy, not
/// the whole parse, which on the live file overlaps several writes (LiveRead: 8 torn reads in
/// a row under load).
Handle open_snapshot(const std::string& path) {
  const std::string what = "cannot open checkpoint '" + path + "'";
  if (const std::string reason = h5::unopenable_reason(path); !reason.empty()) {
    throw Error::input(what + ": " + reason);
  }
  std::vector<char> bytes;
  {
    std::ifstream in(path, std::ios::binary);
    constexpr std::size_t kChunk = std::size_t{1} << 20;
    while (in) {
      const std::size_t at = bytes.size();
      bytes.resize(at + kChunk);
      in.read(bytes.data() + at, static_cast<std::streamsize>(kChunk));
      bytes.resize(at + static_cast<std::size_t>(in.gcount()));
    }
  }
  if (bytes.empty()) throw Error::input(what + ": it is empty");
  Handle fapl = Handle::checked(H5Pcreate(H5P_FILE_ACCESS), h5::plist, what);
  check(H5Pset_fapl_core(fapl.get(), kCoreIncrement, false), what);
  check(H5Pset_file_image(fapl.get(), bytes.data(), bytes.size()), what);
  // The core driver refuses an image under the name of a file that exists on disk ("file
  // already exists"): the image gets a name no file can have (file descriptor -1).
  return Handle::checked(H5Fopen(kImageName, H5F_ACC_RDONLY, fapl.get()), h5::file,
                         what + " (damaged or unreadable)");
}

CheckpointInfo read_info(hid_t file, const std::string& path) {
  namespace s = schema;
  CheckpointInfo info;
  info.hpsearch_version = h5::read_string_attribute(file, s::kAttrVersion, path);
  info.created = parse_iso8601(h5::read_string_attribute(file, s::kAttrCreated, path));
  info.problem_text = h5::read_string_attribute(file, s::kAttrProblem, path);
  info.strategy = h5::read_string_attribute(file, s::kAttrStrategy, path);
  info.seed = h5::read_uint_attribute(file, s::kAttrSeed, path);
  const std::string direction = h5::read_string_attribute(file, s::kAttrDirection, path);
  const auto d = direction_from_string(direction);
  if (!d) {
    throw Error::input("checkpoint '" + path + "': attribute direction is '" + direction +
                       "', expected minimize or maximize");
  }
  info.direction = *d;
  return info;
}

/// Reads the rows into `c`; `written[i]`: row i of the dataset holds a row (not the fill
/// value of a row a kill left unwritten).
void read_rows(hid_t dataset, const h5::RowLayout& layout, const std::string& path,
               CheckpointContents& c, std::vector<bool>& written) {
  const std::string what = "cannot read the evaluations of checkpoint '" + path + "'";
  Handle filespace = Handle::checked(H5Dget_space(dataset), h5::dataspace, what);
  const hssize_t total = H5Sget_simple_extent_npoints(filespace.get());
  if (total < 0) h5::fail(what);
  std::vector<Evaluation>& out = c.evaluations;
  out.reserve(static_cast<std::size_t>(total));
  c.extras.reserve(static_cast<std::size_t>(total));
  const auto n = static_cast<hsize_t>(total);
  std::vector<std::byte> buffer(schema::kChunkRows * layout.row_size());
  for (hsize_t start = 0; start < n; start += schema::kChunkRows) {
    const hsize_t count[1] = {std::min<hsize_t>(schema::kChunkRows, n - start)};
    const hsize_t offset[1] = {start};
    Handle memspace = Handle::checked(H5Screate_simple(1, count, nullptr), h5::dataspace, what);
    check(H5Sselect_hyperslab(filespace.get(), H5S_SELECT_SET, offset, nullptr, count, nullptr),
          what);
    std::memset(buffer.data(), 0, buffer.size());
    check(H5Dread(dataset, layout.type(), memspace.get(), filespace.get(), H5P_DEFAULT,
                  buffer.data()),
          what);
    try {
      for (hsize_t i = 0; i < count[0]; ++i) {
        RowExtras extras;
        Evaluation ev = layout.unpack(buffer.data() + i * layout.row_size(), &extras);
        written.push_back(ev.id != schema::kUnwrittenId);
        if (ev.id == schema::kUnwrittenId) continue;
        out.push_back(std::move(ev));
        c.extras.push_back(extras);
      }
    } catch (const Error& e) {
      H5Dvlen_reclaim(layout.type(), memspace.get(), H5P_DEFAULT, buffer.data());
      throw Error("checkpoint '" + path + "': " + e.what(), e.code());
    }
    check(H5Dvlen_reclaim(layout.type(), memspace.get(), H5P_DEFAULT, buffer.data()), what);
  }
}

ResumeState decoded(const h5::SlotPayload& payload, const std::string& path) {
  try {
    return decode_state(payload.text);
  } catch (const Error& e) {
    throw Error("checkpoint '" + path + "': " + e.what(), e.code());
  }
}

/// Whether the rows and curve points `state` counts reached the file. The journal writes a
/// batch's rows, curves and state in one flush (runtime/checkpoint_journal.hpp); a kill inside
/// it can leave the state on disk without them (their extent or data not written yet). The
/// rows from `since` (the previous state's) up to the state's must all be there.
bool whole(const ResumeState& state, const std::vector<bool>& written, std::int64_t since,
           std::size_t curves) {
  if (state.rows < 0 || static_cast<std::size_t>(state.rows) > written.size()) return false;
  for (auto i = static_cast<std::size_t>(std::max<std::int64_t>(0, since));
       i < static_cast<std::size_t>(state.rows); ++i) {
    if (!written[i]) return false;
  }
  return state.curves <= static_cast<std::int64_t>(curves);
}

/// Fills a version 3 state's jobs in flight from the job log it names; false when the log
/// is missing, short or torn (its checksum differs: a kill inside the state's flush).
bool load_jobs(hid_t file, ResumeState& state, const std::string& path) {
  if (state.jobs.index < 0) return true;
  const std::optional<std::string> log = h5::read_job_log(file, state.jobs, path);
  if (!log) return false;
  try {
    state.in_flight = replay_job_log(*log);
  } catch (const Error& e) {
    throw Error("checkpoint '" + path + "': /" + schema::kJobLogs[state.jobs.index] + ": " +
                    e.what(),
                e.code());
  }
  return true;
}

/// The newest intact state that is whole (its rows, curve points and job log records
/// reached the file), else the previous one when it is (the newest was torn from them by a
/// kill: that batch's jobs were never sent), else the newest.
void read_state(hid_t file, const std::string& path, const std::vector<bool>& written,
                CheckpointContents& c) {
  bool damaged = false;
  const std::vector<h5::SlotPayload> intact =
      h5::read_intact(file, schema::kStateSlots, path, damaged);
  if (intact.empty()) {
    if (damaged) {
      throw Error::input("checkpoint '" + path + "': both /" + std::string(schema::kStateSlots[0]) +
                         " and /" + schema::kStateSlots[1] +
                         " are damaged; the search state cannot be restored");
    }
    return;
  }
  ResumeState state = decoded(intact[0], path);
  std::uint64_t sequence = intact[0].sequence;
  bool jobs = load_jobs(file, state, path);
  if (intact.size() > 1) {
    ResumeState previous = decoded(intact[1], path);
    if ((!jobs || !whole(state, written, previous.rows, c.curves.size())) &&
        whole(previous, written, 0, c.curves.size()) && load_jobs(file, previous, path)) {
      state = std::move(previous);
      sequence = intact[1].sequence;
      damaged = true; // the newest state was torn from its rows or job log records
      jobs = true;
    }
  }
  if (!jobs) {
    throw Error::input("checkpoint '" + path + "': the job log /" +
                       schema::kJobLogs[state.jobs.index] + " that /" +
                       schema::kStateSlots[sequence % 2] +
                       " names is missing or damaged, and no earlier state is whole; the "
                       "jobs in flight cannot be listed");
  }
  state.strategy = h5::read_sequence(file, schema::kStrategySlots, state.snapshot, path).text;
  c.state = std::move(state);
  c.state_sequence = sequence;
  c.state_slot_damaged = damaged;
}

void read_side_tables(hid_t file, const std::string& path, const std::vector<bool>& written,
                      CheckpointContents& c) {
  const Handle alloc_type = h5::allocation_type();
  const h5::Table allocations = h5::Table::open(file, schema::kAllocations, alloc_type.get(), path);
  const auto bytes = allocations.read_all();
  for (hsize_t i = 0; i < allocations.rows(); ++i) {
    h5::AllocationRow r;
    std::memcpy(&r, bytes.data() + i * sizeof r, sizeof r);
    c.allocations.push_back(h5::from_row(r));
  }
  const Handle curve_type = h5::curve_type();
  const h5::Table curves = h5::Table::open(file, schema::kCurves, curve_type.get(), path);
  const auto points = curves.read_all();
  c.curves.resize(curves.rows());
  if (!points.empty()) std::memcpy(c.curves.data(), points.data(), points.size());
  if (H5Lexists(file, schema::kState, H5P_DEFAULT) <= 0) {
    throw Error::input("checkpoint '" + path + "' has no /" + std::string(schema::kState) +
                       " group");
  }
  read_state(file, path, written, c);
}

} // namespace

namespace h5 {

CheckpointContents read_contents(hid_t handle, const std::string& path) {
  CheckpointContents c;
  c.path = path;
  c.format_version = static_cast<int>(read_int_attribute(handle, schema::kAttrFormatVersion, path));
  if (c.format_version < schema::kOldestReadableVersion ||
      c.format_version > schema::kFormatVersion) {
    throw Error::input("checkpoint '" + path + "' has format_version " +
                       std::to_string(c.format_version) + "; this hpsearch reads versions " +
                       std::to_string(schema::kOldestReadableVersion) + " to " +
                       std::to_string(schema::kFormatVersion));
  }
  c.info = read_info(handle, path);
  c.space_hash = read_string_attribute(handle, schema::kAttrSpaceHash, path);
  c.space_text = read_string_attribute(handle, schema::kAttrSpace, path);
  if (h5::has_attribute(handle, schema::kAttrSimulated, path)) {
    c.simulated = read_string_attribute(handle, schema::kAttrSimulated, path);
  }
  const htri_t exists = H5Lexists(handle, schema::kEvaluations, H5P_DEFAULT);
  if (exists < 0) fail("cannot read checkpoint '" + path + "'");
  if (exists == 0) throw Error::input("checkpoint '" + path + "' has no /evaluations dataset");
  Handle evaluations =
      Handle::checked(H5Dopen2(handle, schema::kEvaluations, H5P_DEFAULT), H5Dclose,
                      "cannot open /evaluations in checkpoint '" + path + "'");
  const RowLayout layout = RowLayout::from_dataset(evaluations.get(), path);
  if (layout.trial_columns() != (c.format_version >= 4)) {
    throw Error::input("checkpoint '" + path + "' has format_version " +
                       std::to_string(c.format_version) + " but /evaluations " +
                       (layout.trial_columns() ? "has" : "lacks") +
                       " the trial columns (trial, from_fidelity, rung, decision)");
  }
  for (const auto& p : layout.params()) c.parameters.push_back(p.name);
  c.metric_columns = layout.metric_columns();
  c.parent_column = layout.parent_column();
  c.metrics = layout.metrics();
  std::vector<bool> written;
  read_rows(evaluations.get(), layout, path, c, written);
  read_side_tables(handle, path, written, c);
  return c;
}

std::string unopenable_reason(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return "it does not exist";
  if (!has_hdf5_signature(path)) return "it is not an HDF5 file (no HDF5 signature found)";
  return "";
}

} // namespace h5

CheckpointContents read_checkpoint(const std::string& path) {
  h5::QuietErrors quiet;
  // While a search writes the file, this process has no consistent view of it (HDF5
  // without SWMR): it can see a superblock whose end of file is not yet on disk, or a
  // dataset whose header lies past the end it saw. Such a read is retried on a fresh open
  // while the search's lock is there; on a file that no search holds, a failure is final.
  // While the lock is there, each attempt parses a copy of the bytes (open_snapshot).
  constexpr int kAttempts = 8;
  const auto searched = [&path] {
    std::error_code ec;
    return std::filesystem::exists(CheckpointLock::lock_path(path), ec);
  };
  for (int attempt = 1;; ++attempt) {
    try {
      const Handle file = searched() ? open_snapshot(path) : open_file(path);
      return h5::read_contents(file.get(), path);
    } catch (const Error&) {
      if (attempt == kAttempts || !searched()) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
  }
}

} // namespace hpsearch
