#pragma once
// SharedLibrary: an RAII handle on a dlopen()ed library (RTLD_NOW | RTLD_LOCAL), closed
// by the destructor. Move-only.
#include <string>

namespace hpsearch {

class SharedLibrary {
public:
  /// Throws hpsearch::Error (bad_input) naming `path` and dlerror() when it cannot load.
  explicit SharedLibrary(const std::string& path);
  SharedLibrary(SharedLibrary&& other) noexcept;
  SharedLibrary& operator=(SharedLibrary&& other) noexcept;
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;
  ~SharedLibrary();

  /// The address of `name`, or nullptr when the library does not export it.
  void* find(const char* name) const;
  /// The address of `name`; throws hpsearch::Error (bad_input) naming the library, the
  /// symbol and dlerror() when it is not exported.
  void* require(const char* name) const;
  const std::string& path() const { return path_; }

private:
  std::string path_;
  void* handle_ = nullptr;
};

} // namespace hpsearch
