#include "hpsearch/config/yaml_field.hpp"

#include "hpsearch/config/suggest.hpp"
#include "hpsearch/config/yaml_scalar.hpp"
#include "hpsearch/core/error.hpp"

namespace hpsearch::detail {

std::string located_message(std::string_view origin, const YAML::Mark& mark, std::string_view path,
                            std::string_view what, std::string_view got,
                            std::string_view expected) {
  std::string out(origin);
  if (mark.line >= 0 && mark.column >= 0) {
    out += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  }
  out += ": ";
  if (!path.empty()) out += std::string(path) + ": ";
  out += what;
  if (!got.empty() || !expected.empty()) {
    out += " (";
    if (!got.empty()) out += "got " + std::string(got);
    if (!got.empty() && !expected.empty()) out += "; ";
    if (!expected.empty()) out += "expected " + std::string(expected);
    out += ")";
  }
  return out;
}

Field Field::child(const YAML::Node& child, std::string_view step) const {
  return Field(origin_, child, child_path(step), child.Mark());
}

std::string Field::child_path(std::string_view key) const {
  if (!key.empty() && key.front() == '[') return path_ + std::string(key);
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

std::string Field::describe() const {
  constexpr std::size_t max_length = 40;
  switch (scalar_type(node_)) {
  case ScalarType::null:
    return "null";
  case ScalarType::map:
    return "a map";
  case ScalarType::list:
    return "a list";
  case ScalarType::string: {
    std::string text = node_.Scalar();
    if (text.size() > max_length) text = text.substr(0, max_length) + "...";
    return "'" + text + "'";
  }
  default:
    return node_.Scalar();
  }
}

void Field::fail(std::string_view what, std::string_view expected) const {
  fail_got(what, expected.empty() ? std::string_view{} : describe(), expected);
}

void Field::fail_got(std::string_view what, std::string_view got, std::string_view expected) const {
  throw Error::input(located_message(origin_, mark_, path_, what, got, expected));
}

MapReader::MapReader(Field field, std::string_view expected) : field_(std::move(field)) {
  const YAML::Node& node = field_.node();
  if (!node.IsMap()) field_.fail("wrong type", expected);
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node key = it->first;
    Field key_field(field_.origin(), key, field_.child_path(key.IsScalar() ? key.Scalar() : "?"),
                    key.Mark());
    if (!key.IsScalar() || key.Scalar().empty()) {
      key_field.fail("a key must be a plain name", "a name such as 'low'");
    }
    for (const Entry& earlier : entries_) {
      if (earlier.key == key.Scalar()) {
        key_field.fail_got("duplicate key '" + key.Scalar() + "', first defined at line " +
                               std::to_string(earlier.key_field.mark().line + 1),
                           "'" + key.Scalar() + "' again", "each key once");
      }
    }
    entries_.push_back({key.Scalar(), key_field, field_.child(it->second, key.Scalar())});
  }
}

std::optional<Field> MapReader::get(std::string_view key) const {
  for (const Entry& entry : entries_) {
    if (entry.key == key) return entry.value;
  }
  return std::nullopt;
}

Field MapReader::require(std::string_view key, std::string_view expected) const {
  if (auto value = get(key)) return *value;
  throw Error::input(located_message(field_.origin(), field_.mark(), field_.child_path(key),
                                     "required key is missing", {}, expected));
}

void MapReader::allow_only(std::span<const std::string_view> allowed,
                           std::string_view context) const {
  for (const Entry& entry : entries_) {
    bool known = false;
    for (std::string_view name : allowed) known = known || name == entry.key;
    if (known) continue;
    std::string what = "unknown key '" + entry.key + "'";
    if (!context.empty()) what += " in " + std::string(context);
    if (auto match = closest_match(entry.key, allowed)) what += "; did you mean '" + *match + "'?";
    entry.key_field.fail_got(what, {}, "one of " + join(allowed));
  }
}

} // namespace hpsearch::detail
