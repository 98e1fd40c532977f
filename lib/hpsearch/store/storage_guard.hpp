#pragma once
// StorageGuard: keeps a full file system (or a spent quota, or a file-size limit) from
// hitting the checkpoint in the middle of an HDF5 write. Internal to the store module.
//
// HDF5 does not survive a write that fails for lack of space: a failed H5Fflush goes on to
// write the metadata (superblock end-of-file, chunk index, extent) that names the blocks it
// could not write. Measured with HDF5 1.10.8: under a file-size limit the file is left
// "truncated" (h5py: "truncated file: eof = 98304, stored_eof = 137552") and unreadable; on
// a full tmpfs the extent grows over rows that were never written. So before each batch of
// writes (everything between two flushes) the guard makes sure that the blocks the batch
// can need already belong to the file: it keeps a reserve allocated past the file's end
// with fallocate(FALLOC_FL_KEEP_SIZE), which leaves the size HDF5 sees unchanged and is
// charged to the quota. When the reserve cannot be topped up the batch is refused before
// HDF5 writes anything, and the file stays exactly as the last flush left it. A file-size
// limit (RLIMIT_FSIZE, `ulimit -f`; fallocate with KEEP_SIZE does not check it) is compared
// the same way. On a file system without fallocate the free space statvfs reports is
// checked instead (a quota is then found only by the write that fails).
//
// A batch needs max(16 KiB, 1.5 x the largest growth of the file over one batch so far, the
// payload it announces + 16 KiB): the payload is a state or strategy text, a learning curve,
// or the chunk a row starts. The reserve is max(kMinReserve, twice that), topped up whenever the
// file grew: a file system filling up from elsewhere stops the search at its next growth, with the
// reserve still in hand. Cost: H5Fget_filesize (no system call) per batch, plus one fallocate of
// the growth when the file grew.
//
// Limits: a file system that needs new blocks to overwrite (copy-on-write: ZFS, btrfs) can
// still fail inside a write; so can a batch larger than the reserve. detach() then keeps
// HDF5 from writing anything more into the file.
#include <cstdint>
#include <string>

namespace hpsearch::h5 {

class StorageGuard {
public:
  StorageGuard() = default;
  /// `fd`: HDF5's own descriptor of the open file; `path` names it in messages.
  StorageGuard(int fd, std::string path);

  /// Call before the first write of a batch; `end` is the file's current end
  /// (H5Fget_filesize), `payload` the bytes the batch is known to write (0: unknown, small;
  /// a batch may call again with a payload).
  /// Throws, before anything is written: Error::storage_full when the reserve cannot be
  /// allocated (ENOSPC, EDQUOT) or statvfs shows less free space than it; Error::io when the
  /// batch could pass the file-size limit (EFBIG) or fallocate fails otherwise.
  void reserve(std::uint64_t end, std::uint64_t payload = 0);

  /// After a failed write: points the descriptor at /dev/null, so that nothing HDF5 does
  /// from now on (closing the file included) reaches the file. Never throws.
  void detach() noexcept;

  /// After the file was closed cleanly: gives the unused reserve back to the file system
  /// (truncate(2) of `path` to its own size frees blocks past the end; the file is not
  /// opened again). Never throws.
  static void release(const std::string& path) noexcept;

  static constexpr std::uint64_t kMinReserve = std::uint64_t{1} << 20;

private:
  [[noreturn]] void refuse(int error, const std::string& detail) const;

  int fd_ = -1;
  std::string path_;
  std::uint64_t reserved_end_ = 0; ///< blocks up to this offset belong to the file
  std::uint64_t last_end_ = 0;     ///< the file's end at the previous reserve()
  std::uint64_t max_growth_ = 0;   ///< the largest growth over one batch seen so far
  std::uint64_t size_limit_ = 0;   ///< RLIMIT_FSIZE in bytes; 0: unlimited
  bool fallocate_works_ = true;    ///< false: the file system has no fallocate
};

} // namespace hpsearch::h5
