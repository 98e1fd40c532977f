#include "hpsearch/store/h5_error.hpp"

#include "hpsearch/core/error.hpp"

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

herr_t append_frame(unsigned n, const H5E_error2_t* err, void* data) {
  auto& out = *static_cast<std::string*>(data);
  out += "\n    #" + std::to_string(n) + ' ';
  out += err->func_name != nullptr ? err->func_name : "?";
  out += "(): ";
  out += err->desc != nullptr ? err->desc : "";
  const std::string minor = message_text(err->min_num);
  if (!minor.empty()) out += " [" + minor + "]";
  return 0;
}

} // namespace

std::string error_stack_text() {
  const hid_t stack = H5Eget_current_stack(); // copies and clears the default stack
  if (stack < 0) return {};
  std::string frames;
  H5Ewalk2(stack, H5E_WALK_DOWNWARD, append_frame, &frames);
  H5Eclose_stack(stack);
  return frames;
}

void fail(const std::string& what) {
  const std::string frames = error_stack_text();
  throw Error(frames.empty() ? what : what + "\n  HDF5 error stack:" + frames);
}

} // namespace hpsearch::h5
