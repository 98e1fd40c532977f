#include "hpsearch/space/parameter.hpp"

#include "hpsearch/core/error.hpp"

#include <cmath>

namespace hpsearch {

std::string_view to_string(ParamKind kind) {
  switch (kind) {
  case ParamKind::real:
    return "real";
  case ParamKind::integer:
    return "int";
  case ParamKind::categorical:
    return "categorical";
  }
  return "unknown";
}

namespace {

void check_bounds(const std::string& name, double low, double high, bool log) {
  if (!std::isfinite(low) || !std::isfinite(high)) {
    throw Error("parameter '" + name + "': bounds must be finite numbers");
  }
  if (!(low < high)) {
    throw Error("parameter '" + name + "': low (" + to_string(Value{low}) +
                ") must be less than high (" + to_string(Value{high}) + ")");
  }
  if (log && low <= 0.0) {
    throw Error("parameter '" + name +
                "': log scale needs low > 0, got low = " + to_string(Value{low}));
  }
}

} // namespace

Parameter Parameter::real(std::string name, double low, double high, bool log) {
  check_bounds(name, low, high, log);
  Parameter p;
  p.name = std::move(name);
  p.kind = ParamKind::real;
  p.low = low;
  p.high = high;
  p.log = log;
  return p;
}

Parameter Parameter::integer(std::string name, std::int64_t low, std::int64_t high, bool log) {
  check_bounds(name, static_cast<double>(low), static_cast<double>(high), log);
  Parameter p;
  p.name = std::move(name);
  p.kind = ParamKind::integer;
  p.low = static_cast<double>(low);
  p.high = static_cast<double>(high);
  p.log = log;
  return p;
}

Parameter Parameter::categorical(std::string name, std::vector<Value> choices) {
  if (choices.empty()) throw Error("parameter '" + name + "': choices must not be empty");
  for (std::size_t i = 0; i < choices.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (choices[i] == choices[j]) {
        throw Error("parameter '" + name + "': choice '" + to_string(choices[i]) +
                    "' appears twice");
      }
    }
  }
  Parameter p;
  p.name = std::move(name);
  p.kind = ParamKind::categorical;
  p.choices = std::move(choices);
  return p;
}

int Parameter::choice_index(const Value& value) const {
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (choices[i] == value) return static_cast<int>(i);
  }
  return -1;
}

bool Parameter::contains(const Value& value) const {
  switch (kind) {
  case ParamKind::real: {
    const auto* x = std::get_if<double>(&value);
    return x != nullptr && *x >= low && *x <= high;
  }
  case ParamKind::integer: {
    const auto* x = std::get_if<std::int64_t>(&value);
    return x != nullptr && static_cast<double>(*x) >= low && static_cast<double>(*x) <= high;
  }
  case ParamKind::categorical:
    return choice_index(value) >= 0;
  }
  return false;
}

std::string Parameter::describe() const {
  std::string out(to_string(kind));
  if (kind == ParamKind::categorical) {
    out += " {";
    for (std::size_t i = 0; i < choices.size(); ++i) {
      out += (i ? ", " : "") + to_string(choices[i]);
    }
    return out + "}";
  }
  const bool is_int = kind == ParamKind::integer;
  auto bound = [&](double x) {
    return is_int ? to_string(Value{static_cast<std::int64_t>(x)}) : to_string(Value{x});
  };
  out += " [" + bound(low) + ", " + bound(high) + "]";
  if (log) out += " log";
  return out;
}

} // namespace hpsearch
