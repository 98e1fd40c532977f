#include "hpsearch/store/storage_guard.hpp"

#include "hpsearch/core/errno_text.hpp"
#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace hpsearch::h5 {

namespace {

/// Headroom a batch needs at least: under a file-size limit, the batch may go on when the
/// file's end plus max(this, 1.5 x the largest growth seen, its payload plus this) fits.
constexpr std::uint64_t kMinHeadroom = std::uint64_t{16} << 10;

std::string kib(std::uint64_t bytes) {
  return std::to_string((bytes + 1023) / 1024) + " KiB";
}

std::uint64_t file_size_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_FSIZE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 0;
  return static_cast<std::uint64_t>(limit.rlim_cur);
}

} // namespace

StorageGuard::StorageGuard(int fd, std::string path)
    : fd_(fd), path_(std::move(path)), size_limit_(file_size_limit()) {}

void StorageGuard::refuse(int error, const std::string& detail) const {
  const std::string message = "cannot write checkpoint '" + path_ + "': " + errno_text(error) +
                              " (" + detail + "); nothing of this batch was written";
  if (error == ENOSPC || error == EDQUOT) throw Error::storage_full(message);
  throw Error::io(message);
}

void StorageGuard::reserve(std::uint64_t end, std::uint64_t payload) {
  if (fd_ < 0) return;
  if (end < last_end_) {
    reserved_end_ = end; // HDF5 truncated the file: the blocks past its end went with it
  } else {
    max_growth_ = std::max(max_growth_, end - last_end_);
  }
  last_end_ = end;
  const std::uint64_t need =
      std::max({kMinHeadroom, max_growth_ + max_growth_ / 2, payload + kMinHeadroom});
  if (size_limit_ > 0 && end + need > size_limit_) {
    refuse(EFBIG, "the batch could pass the file-size limit (ulimit -f) of " + kib(size_limit_) +
                      " at " + kib(end) + " written");
  }
  const std::uint64_t margin = std::max(kMinReserve, 2 * need);
  if (!fallocate_works_) {
    struct statvfs fs {};
    if (::fstatvfs(fd_, &fs) == 0 && fs.f_bavail * fs.f_frsize < margin) {
      refuse(ENOSPC, kib(fs.f_bavail * fs.f_frsize) + " free on its file system, less than the " +
                         kib(margin) + " kept in reserve");
    }
    return;
  }
  const std::uint64_t to = end + margin;
  if (reserved_end_ >= to) return; // the file did not grow: no system call
  const std::uint64_t from = std::max(reserved_end_, end);
  int rc = 0;
  do {
    rc = ::fallocate(fd_, FALLOC_FL_KEEP_SIZE, static_cast<off_t>(from),
                     static_cast<off_t>(to - from));
  } while (rc != 0 && errno == EINTR);
  if (rc == 0) {
    reserved_end_ = to;
    return;
  }
  const int error = errno;
  if (error == EOPNOTSUPP || error == ENOSYS) {
    fallocate_works_ = false; // e.g. NFS before 4.2: fall back to statvfs
    reserve(end, payload);
    return;
  }
  refuse(error, "cannot keep " + kib(margin) + " reserved past its end of " + kib(end));
}

void StorageGuard::detach() noexcept {
  if (fd_ < 0) return;
  const int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null >= 0) {
    ::dup3(null, fd_, O_CLOEXEC);
    ::close(null);
  }
  fd_ = -1;
}

void StorageGuard::release(const std::string& path) noexcept {
  // By path, without opening the file again: a resume opens its checkpoint once
  // (PrepareRun.AResumeOpensTheCheckpointOnce counts the opens).
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
    (void)::truncate(path.c_str(), st.st_size);
  }
}

} // namespace hpsearch::h5
