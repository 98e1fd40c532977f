#include "hpsearch/store/h5_error.hpp"

#include "hpsearch/core/errno_text.hpp"
#include "hpsearch/core/error.hpp"

#include <cerrno>
#include <cstdlib>

namespace hpsearch::h5 {

QuietErrors::QuietErrors() noexcept {
  saved_ = H5Eget_auto2(H5E_DEFAULT, &func_, &data_) >= 0;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

QuietErrors::~QuietErrors() {
  if (saved_) H5Eset_auto2(H5E_DEFAULT, func_, data_);
}

namespace {

std::string message_text(hid_t id) {
  char buf[256] = {};
  H5E_type_t type{};
  if (H5Eget_msg(id, &type, buf, sizeof buf) < 0) return {};
  return buf;
}

struct Frames {
  std::string text;
  bool system_failed = false; ///< a system call failed: no space, no permission, EIO, ...
  bool path_missing = false;  ///< ENOENT, ENOTDIR: the path names no file or directory
  int error = 0;              ///< the first errno a frame reports (0: none)
};

herr_t append_frame(unsigned n, const H5E_error2_t* err, void* data) {
  auto& frames = *static_cast<Frames*>(data);
  std::string& out = frames.text;
  out += "\n    #" + std::to_string(n) + ' ';
  out += err->func_name != nullptr ? err->func_name : "?";
  out += "(): ";
  const std::string desc = err->desc != nullptr ? err->desc : "";
  out += desc;
  const std::string minor = message_text(err->min_num);
  if (!minor.empty()) out += " [" + minor + "]";
  // HDF5's file drivers report a failed system call (open, read, write, truncate, lock)
  // with its errno in the description, in the "Low-level I/O" class for reads and writes.
  const auto at = desc.find("errno = ");
  if (at != std::string::npos) {
    const int code = std::atoi(desc.c_str() + at + 8);
    if (frames.error == 0) frames.error = code;
    if (code == ENOENT || code == ENOTDIR) {
      frames.path_missing = true;
    } else {
      frames.system_failed = true;
    }
  } else if (err->maj_num == H5E_IO) {
    frames.system_failed = true;
  }
  return 0;
}

Frames current_frames() {
  Frames frames;
  const hid_t stack = H5Eget_current_stack(); // copies and clears the default stack
  if (stack < 0) return frames;
  H5Ewalk2(stack, H5E_WALK_DOWNWARD, append_frame, &frames);
  H5Eclose_stack(stack);
  return frames;
}

} // namespace

std::string error_stack_text() {
  return current_frames().text;
}

void fail(const std::string& what) {
  const Frames frames = current_frames();
  std::string message = what;
  if (frames.error != 0) message += ": " + errno_text(frames.error);
  if (!frames.text.empty()) message += "\n  HDF5 error stack:" + frames.text;
  // A full file system or a spent quota is exit 5 (job scripts do not resubmit on it);
  // any other system call that failed under HDF5 (no permission, an I/O error, a file-size
  // limit) is the machine's failure: exit 4. Anything else, a path naming no directory
  // included, is bad input: HDF5 refusing what the file holds (a damaged or foreign file),
  // or a path that cannot be right.
  if (frames.error == ENOSPC || frames.error == EDQUOT) throw Error::storage_full(message);
  if (frames.system_failed && !frames.path_missing) throw Error::io(message);
  throw Error::input(message);
}

} // namespace hpsearch::h5
