#pragma once
// Config: one point of a search space, parameter name -> value, in the space's order.
#include "hpsearch/core/value.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hpsearch {

class Config {
public:
  using Entry = std::pair<std::string, Value>;

  Config() = default;
  explicit Config(std::vector<Entry> entries) : entries_(std::move(entries)) {}

  /// Sets (or replaces) a parameter, keeping first-insertion order.
  void set(const std::string& name, Value value);
  /// The value of `name`, or nullptr when the parameter is absent (e.g. inactive).
  const Value* find(const std::string& name) const;
  /// The value of `name`; throws hpsearch::Error naming the parameter when absent.
  const Value& at(const std::string& name) const;
  bool contains(const std::string& name) const { return find(name) != nullptr; }

  const std::vector<Entry>& entries() const { return entries_; }
  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

  /// "lr=0.01 units=64 act=relu".
  std::string to_string() const;

  friend bool operator==(const Config&, const Config&) = default;

private:
  std::vector<Entry> entries_;
};

} // namespace hpsearch
