#include "hpsearch/train/atomic_file.hpp"

#include "hpsearch/core/errno_text.hpp"
#include "hpsearch/core/error.hpp"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace hpsearch::train {

namespace {

/// An open file descriptor, closed when it goes out of scope.
class Descriptor {
public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }
  /// Closes now; returns close(2)'s errno, or 0.
  int close() {
    const int result = ::close(fd_);
    fd_ = -1;
    return result == 0 ? 0 : errno;
  }

private:
  int fd_;
};

[[noreturn]] void fail(const std::string& what, const std::string& path, int error) {
  const std::string message = "cannot " + what + " '" + path + "': " + errno_text(error);
  if (error == ENOSPC || error == EDQUOT) throw Error::storage_full(message);
  throw Error::io(message);
}

} // namespace

void write_file_atomically(const std::string& path, std::string_view bytes) {
  const std::string temporary = path + ".tmp";
  Descriptor file(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (file.get() < 0) fail("create", temporary, errno);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(file.get(), bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::unlink(temporary.c_str());
      fail("write", temporary, error);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(file.get()) != 0 || file.close() != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    fail("flush", temporary, error);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    fail("rename the new state over", path, error);
  }
  // The rename itself survives a crash only once the directory is on disk too.
  const std::string folder = std::filesystem::path(path).parent_path().string();
  const Descriptor directory(
      ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (directory.get() >= 0) ::fsync(directory.get());
}

} // namespace hpsearch::train
