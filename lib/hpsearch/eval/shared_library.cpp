#include "hpsearch/eval/shared_library.hpp"

#include "hpsearch/core/error.hpp"

#include <dlfcn.h>
#include <utility>

namespace hpsearch {

namespace {
std::string last_dl_error() {
  const char* message = dlerror();
  return message != nullptr ? message : "no details from dlerror()";
}
} // namespace

SharedLibrary::SharedLibrary(const std::string& path, Lifetime lifetime, std::string_view role)
    : path_(path), role_(role) {
  dlerror(); // clear a stale error
  const int flags = RTLD_NOW | RTLD_LOCAL | (lifetime == keep_loaded ? RTLD_NODELETE : 0);
  handle_ = dlopen(path.c_str(), flags);
  if (handle_ == nullptr) {
    // The loader names the file it could not use first: this one (missing, not a shared
    // library: the path given is wrong) or a library it needs (missing on this node: the
    // environment's failure, as a module not loaded or LD_LIBRARY_PATH).
    const std::string reason = last_dl_error();
    const std::string message = role_ + " '" + path + "' cannot be loaded: " + reason;
    throw reason.starts_with(path + ":") ? Error::input(message) : Error::environment(message);
  }
}

SharedLibrary::SharedLibrary(SharedLibrary&& other) noexcept
    : path_(std::move(other.path_)), role_(std::move(other.role_)),
      handle_(std::exchange(other.handle_, nullptr)) {}

SharedLibrary& SharedLibrary::operator=(SharedLibrary&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) dlclose(handle_);
    path_ = std::move(other.path_);
    role_ = std::move(other.role_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

SharedLibrary::~SharedLibrary() {
  if (handle_ != nullptr) dlclose(handle_);
}

void* SharedLibrary::find(const char* name) const {
  return handle_ != nullptr ? dlsym(handle_, name) : nullptr;
}

void* SharedLibrary::require(const char* name, std::string_view hint) const {
  dlerror();
  void* symbol = find(name);
  if (symbol == nullptr) {
    throw Error::input(role_ + " '" + path_ + "' does not export " + name +
                       (hint.empty() ? "" : " (" + std::string(hint) + ")") + ": " +
                       last_dl_error());
  }
  return symbol;
}

} // namespace hpsearch
