#pragma once
// Field: a YAML node together with where it came from (file, line, column, key path),
// and MapReader, a checked view of a YAML map. Every failure they raise is an
// hpsearch::Error (bad input) of the form
//   <file>:<line>:<column>: <key.path>: <what is wrong> (got <value>; expected <what>)
// Internal to the config module.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace hpsearch::detail {

/// "<file>:<line>:<column>: <path>: <what> (got <got>; expected <expected>)"; empty parts
/// are left out, and the position when `mark` is unknown. Lines and columns print 1-based.
std::string located_message(std::string_view origin, const YAML::Mark& mark, std::string_view path,
                            std::string_view what, std::string_view got = {},
                            std::string_view expected = {});

class Field {
public:
  /// `origin` names the file and must outlive the field.
  Field(std::string_view origin, const YAML::Node& node, std::string path, YAML::Mark mark)
      : origin_(origin), node_(node), path_(std::move(path)), mark_(mark) {}

  const YAML::Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  const YAML::Mark& mark() const { return mark_; }
  std::string_view origin() const { return origin_; }

  /// The field of `child`, found under key (or index) `step` of this one.
  Field child(const YAML::Node& child, std::string_view step) const;
  /// The path of key `key` below this field: "space.lr" + "high" -> "space.lr.high".
  std::string child_path(std::string_view key) const;

  /// How the value reads in a message: 'relu', 1.5, true, null, a map, a list.
  std::string describe() const;

  /// Throws the located Error; `got` defaults to describe() when `expected` is given.
  [[noreturn]] void fail(std::string_view what, std::string_view expected = {}) const;
  [[noreturn]] void fail_got(std::string_view what, std::string_view got,
                             std::string_view expected) const;

private:
  std::string_view origin_;
  YAML::Node node_;
  std::string path_;
  YAML::Mark mark_;
};

class MapReader {
public:
  struct Entry {
    std::string key;
    Field key_field; ///< positioned at the key
    Field value;     ///< positioned at the value
  };

  /// Fails unless `field` is a map whose keys are plain scalars, each present once.
  /// `expected` describes the map in the "expected ..." part of a type error.
  MapReader(Field field, std::string_view expected);

  const Field& field() const { return field_; }
  const std::vector<Entry>& entries() const { return entries_; }

  std::optional<Field> get(std::string_view key) const;
  /// The value of `key`; fails "required key is missing" at this map when absent.
  Field require(std::string_view key, std::string_view expected) const;
  /// Fails at the first key not in `allowed`, suggesting the closest allowed key.
  /// `context` names the map in the message, e.g. "a real parameter".
  void allow_only(std::span<const std::string_view> allowed, std::string_view context) const;

private:
  Field field_;
  std::vector<Entry> entries_;
};

} // namespace hpsearch::detail
