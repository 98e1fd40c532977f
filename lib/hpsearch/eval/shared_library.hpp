#pragma once
// SharedLibrary: an RAII handle on a dlopen()ed library (RTLD_NOW | RTLD_LOCAL), closed
// by the destructor. Move-only.
#include <string>
#include <string_view>

namespace hpsearch {

class SharedLibrary {
public:
  /// keep_loaded: closing does not unload it (RTLD_NODELETE), for libraries such as LibTorch
  /// whose threads and static objects must not outlive their code.
  enum Lifetime { unload_on_close, keep_loaded };

  /// Throws hpsearch::Error (bad_input) naming `path` and dlerror() when it cannot load;
  /// `role` says what the library is for ("objective.library: the plugin").
  explicit SharedLibrary(const std::string& path, Lifetime lifetime = unload_on_close,
                         std::string_view role = "objective.library: the plugin");
  SharedLibrary(SharedLibrary&& other) noexcept;
  SharedLibrary& operator=(SharedLibrary&& other) noexcept;
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;
  ~SharedLibrary();

  /// The address of `name`, or nullptr when the library does not export it.
  void* find(const char* name) const;
  /// The address of `name`; throws hpsearch::Error (bad_input) naming the library, the
  /// symbol and dlerror() when it is not exported.
  /// `hint`, when given, says in parentheses how to fix it.
  void* require(const char* name, std::string_view hint = {}) const;
  const std::string& path() const { return path_; }

private:
  std::string path_;
  std::string role_;
  void* handle_ = nullptr;
};

} // namespace hpsearch
