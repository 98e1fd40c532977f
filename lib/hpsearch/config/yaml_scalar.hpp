#pragma once
// Typed reads of YAML scalars. yaml-cpp keeps every scalar as text; these decide its type
// the way YAML 1.2's core schema does (quoted or !!str means string; plain 12 is an int,
// 1.5 / 1e-5 / .inf a real, true / false a bool) and fail with a located message when the
// type is not the one expected. Internal to the config module.
#include "hpsearch/config/yaml_field.hpp"
#include "hpsearch/core/registry.hpp"
#include "hpsearch/core/value.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace hpsearch::detail {

enum class ScalarType { null, boolean, integer, real, string, map, list };

ScalarType scalar_type(const YAML::Node& node);

/// An int or real scalar, as a double (may be infinite or NaN: .inf, .nan).
double read_number(const Field& field, std::string_view expected = "a number");
std::int64_t read_integer(const Field& field, std::string_view expected = "an integer");
bool read_bool(const Field& field);
/// Any non-null scalar, as written (a number is accepted as its text).
std::string read_string(const Field& field, std::string_view expected = "a string");
/// A string, number or boolean scalar, keeping its type.
Value read_value(const Field& field);
/// One of `options` (exact match), else fails suggesting the closest; `what` names the
/// kind of thing for the message ("strategy").
std::string read_choice(const Field& field, std::span<const std::string_view> options,
                        std::string_view what);
/// One of the names of `registry` (the owner's table, core/registry.hpp), as its value;
/// messages name the registry's kind of thing and list its names.
template <class T, std::size_t N>
T read_choice(const Field& field, const Registry<T, N>& registry) {
  return *registry.find(read_choice(field, registry.names(), registry.what()));
}

} // namespace hpsearch::detail
