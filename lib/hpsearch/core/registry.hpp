#pragma once
// Registry: the one table of the names a user may choose from (`search.strategy: ambs`,
// `acquisition: ei`, ...) and what each name stands for: an enum value, a factory, a
// description. A constexpr value, defined beside the type it names (in the owner's
// options header), so the parser, the factory, `validate` and the error messages all read
// the same list. ADIOS2's engine map (core/IO.cpp) is the model.
//
//   inline constexpr Registry multipoints{"multipoint policy",
//       std::array{Named{"cl_max", Multipoint::cl_max}, Named{"qucb", Multipoint::qucb}}};
//   multipoints.at("cl_mx")  -> throws "unknown multipoint policy 'cl_mx'; did you mean
//                               'cl_max'? (known: cl_max, qucb)"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/suggest.hpp"

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace hpsearch {

template <class T> struct Named {
  std::string_view name;
  T value;
};
/// Spelled out for compilers without class template argument deduction for aggregates
/// (clang 14, which the tidy phase parses with).
template <class T> Named(std::string_view, T) -> Named<T>;

template <class T, std::size_t N> class Registry {
public:
  /// `what` names the kind of thing in messages ("surrogate"). Names must be distinct.
  constexpr Registry(std::string_view what, std::array<Named<T>, N> entries)
      : what_(what), entries_(entries) {
    for (std::size_t i = 0; i < N; ++i) names_[i] = entries_[i].name;
  }

  constexpr std::string_view what() const { return what_; }
  /// Every name, in registration order (the order messages and `validate` list them).
  constexpr std::span<const std::string_view> names() const { return names_; }
  constexpr std::span<const Named<T>> entries() const { return entries_; }

  /// The value registered under `name`, or nullptr.
  constexpr const T* find(std::string_view name) const {
    for (const Named<T>& entry : entries_) {
      if (entry.name == name) return &entry.value;
    }
    return nullptr;
  }

  /// The value registered under `name`; throws hpsearch::Error (bad input) naming the
  /// unknown name, the closest known one when it looks like a typo, and the known names.
  const T& at(std::string_view name) const {
    if (const T* value = find(name)) return *value;
    std::string message = "unknown " + std::string(what_) + " '" + std::string(name) + "'";
    if (auto match = closest_match(name, names())) message += "; did you mean '" + *match + "'?";
    throw Error::input(message + " (known: " + join(names()) + ")");
  }

  /// The name `value` is registered under (for enum-like T), or "?" when it is not.
  constexpr std::string_view name_of(const T& value) const {
    for (const Named<T>& entry : entries_) {
      if (entry.value == value) return entry.name;
    }
    return "?";
  }

private:
  std::string_view what_;
  std::array<Named<T>, N> entries_;
  std::array<std::string_view, N> names_{};
};

} // namespace hpsearch
