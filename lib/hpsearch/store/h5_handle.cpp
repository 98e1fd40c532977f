#include "hpsearch/store/h5_handle.hpp"

#include "hpsearch/store/h5_error.hpp"

#include <utility>

namespace hpsearch::h5 {

Handle::~Handle() {
  reset();
}

Handle::Handle(Handle&& other) noexcept
    : id_(std::exchange(other.id_, H5I_INVALID_HID)), close_(other.close_) {}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    reset();
    id_ = std::exchange(other.id_, H5I_INVALID_HID);
    close_ = other.close_;
  }
  return *this;
}

Handle Handle::checked(hid_t id, Closer closer, const std::string& what) {
  if (id < 0) fail(what);
  return Handle(id, closer);
}

void Handle::close(const std::string& what) {
  if (!valid()) return;
  const hid_t id = std::exchange(id_, H5I_INVALID_HID);
  QuietErrors quiet;
  check(close_(id), what);
}

void Handle::reset() noexcept {
  if (!valid()) return;
  QuietErrors quiet; // a destructor has nobody to report to; never print or throw
  close_(std::exchange(id_, H5I_INVALID_HID));
  H5Eclear2(H5E_DEFAULT);
}

} // namespace hpsearch::h5
