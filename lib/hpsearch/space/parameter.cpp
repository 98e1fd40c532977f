#include "hpsearch/space/parameter.hpp"

#include "hpsearch/core/error.hpp"

#include <algorithm>
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
  case ParamKind::ordinal:
    return "ordinal";
  case ParamKind::constant:
    return "constant";
  }
  return "unknown";
}

namespace {

void check_bounds(const std::string& name, double low, double high, bool log) {
  if (!std::isfinite(low) || !std::isfinite(high)) {
    throw Error::input("parameter '" + name + "': bounds must be finite numbers");
  }
  if (!(low < high)) {
    throw Error::input("parameter '" + name + "': low (" + to_string(Value{low}) +
                       ") must be less than high (" + to_string(Value{high}) + ")");
  }
  if (log && low <= 0.0) {
    throw Error::input("parameter '" + name +
                       "': log scale needs low > 0, got low = " + to_string(Value{low}));
  }
}

void check_choices(const std::string& name, const std::vector<Value>& choices,
                   std::string_view what) {
  if (choices.empty())
    throw Error::input("parameter '" + name + "': " + std::string(what) + " must not be empty");
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (const auto* x = std::get_if<double>(&choices[i]); x != nullptr && !std::isfinite(*x)) {
      throw Error::input("parameter '" + name + "': value '" + to_string(choices[i]) +
                         "' is not a finite number");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (choices[i] == choices[j]) {
        throw Error::input("parameter '" + name + "': value '" + to_string(choices[i]) +
                           "' appears twice in " + std::string(what));
      }
    }
  }
}

Parameter with_choices(std::string name, ParamKind kind, std::vector<Value> choices) {
  Parameter p;
  p.name = std::move(name);
  p.kind = kind;
  p.choices = std::move(choices);
  return p;
}

/// Numerically equal values of different numeric alternatives (int 2 and real 2.0).
bool numerically_equal(const Value& a, const Value& b) {
  const bool a_num = std::holds_alternative<std::int64_t>(a) || std::holds_alternative<double>(a);
  const bool b_num = std::holds_alternative<std::int64_t>(b) || std::holds_alternative<double>(b);
  return a_num && b_num && as_double(a) == as_double(b);
}

// Integer buckets [v - 0.5, v + 0.5) for v in [low, high], in linear or log space.
double bucket_edge_low(const Parameter& p) {
  return p.log ? std::log(p.low - 0.5) : p.low - 0.5;
}
double bucket_edge_high(const Parameter& p) {
  return p.log ? std::log(p.high + 0.5) : p.high + 0.5;
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
  check_choices(name, choices, "choices");
  return with_choices(std::move(name), ParamKind::categorical, std::move(choices));
}

Parameter Parameter::ordinal(std::string name, std::vector<Value> ordered_values) {
  check_choices(name, ordered_values, "ordinal values");
  return with_choices(std::move(name), ParamKind::ordinal, std::move(ordered_values));
}

Parameter Parameter::constant(std::string name, Value value) {
  check_choices(name, {value}, "value");
  return with_choices(std::move(name), ParamKind::constant, {std::move(value)});
}

Parameter Parameter::with_default(const Value& value) const {
  auto coerced = coerce(value);
  if (!coerced) {
    throw Error::input("parameter '" + name + "': default '" + to_string(value) +
                       "' is not a valid " + describe() + " value");
  }
  Parameter p = *this;
  p.default_value = std::move(*coerced);
  return p;
}

Parameter Parameter::with_condition(Condition condition) const {
  Parameter p = *this;
  p.active_if = std::move(condition);
  return p;
}

std::size_t Parameter::cardinality() const {
  switch (kind) {
  case ParamKind::real:
    return 0;
  case ParamKind::integer:
    return static_cast<std::size_t>(high - low) + 1;
  case ParamKind::categorical:
  case ParamKind::ordinal:
  case ParamKind::constant:
    return choices.size();
  }
  return 0;
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
  case ParamKind::ordinal:
  case ParamKind::constant:
    return choice_index(value) >= 0;
  }
  return false;
}

std::optional<Value> Parameter::coerce(const Value& value) const {
  Value v = value;
  if (kind == ParamKind::real) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) v = static_cast<double>(*i);
  } else if (kind == ParamKind::integer) {
    if (const auto* x = std::get_if<double>(&value)) {
      if (!std::isfinite(*x) || std::trunc(*x) != *x || std::fabs(*x) > 9.0e15) return {};
      v = static_cast<std::int64_t>(*x);
    }
  } else if (choice_index(value) < 0) {
    for (const auto& c : choices) {
      if (numerically_equal(c, value)) return c;
    }
  }
  if (!contains(v)) return {};
  return v;
}

Value Parameter::from_unit(double u) const {
  u = std::clamp(std::isnan(u) ? 0.0 : u, 0.0, 1.0);
  switch (kind) {
  case ParamKind::real: {
    const double x = log ? std::exp(std::log(low) + u * (std::log(high) - std::log(low)))
                         : low + u * (high - low);
    return std::clamp(x, low, high);
  }
  case ParamKind::integer: {
    const auto lo = static_cast<std::int64_t>(low);
    const auto hi = static_cast<std::int64_t>(high);
    if (!log) {
      const auto k = static_cast<double>(hi - lo + 1);
      return std::min(lo + static_cast<std::int64_t>(std::floor(u * k)), hi);
    }
    const double e0 = bucket_edge_low(*this);
    const double x = std::exp(e0 + u * (bucket_edge_high(*this) - e0));
    return std::clamp(static_cast<std::int64_t>(std::llround(x)), lo, hi);
  }
  case ParamKind::categorical:
  case ParamKind::ordinal:
  case ParamKind::constant: {
    const auto k = choices.size();
    const auto i = static_cast<std::size_t>(std::floor(u * static_cast<double>(k)));
    return choices[std::min(i, k - 1)];
  }
  }
  throw Error::internal("unknown parameter kind");
}

double Parameter::to_unit(const Value& value) const {
  if (!contains(value)) {
    throw Error::input("parameter '" + name + "': value '" + to_string(value) +
                       "' is not a valid " + describe() + " value");
  }
  switch (kind) {
  case ParamKind::real: {
    const double x = std::get<double>(value);
    const double u = log ? (std::log(x) - std::log(low)) / (std::log(high) - std::log(low))
                         : (x - low) / (high - low);
    return std::clamp(u, 0.0, 1.0);
  }
  case ParamKind::integer: {
    const auto v = static_cast<double>(std::get<std::int64_t>(value));
    if (!log) return (v - low + 0.5) / (high - low + 1.0);
    // The centre of the bucket [v - 0.5, v + 0.5) in log space.
    const double e0 = bucket_edge_low(*this);
    const double centre = 0.5 * (std::log(v - 0.5) + std::log(v + 0.5));
    return (centre - e0) / (bucket_edge_high(*this) - e0);
  }
  case ParamKind::categorical:
  case ParamKind::ordinal:
  case ParamKind::constant:
    return (choice_index(value) + 0.5) / static_cast<double>(choices.size());
  }
  throw Error::internal("unknown parameter kind");
}

std::string Parameter::describe() const {
  std::string out(to_string(kind));
  auto list = [&](const char* open, const char* close) {
    out += std::string(" ") + open;
    for (std::size_t i = 0; i < choices.size(); ++i) {
      out += (i ? ", " : "") + to_string(choices[i]);
    }
    out += close;
  };
  switch (kind) {
  case ParamKind::categorical:
    list("{", "}");
    return out;
  case ParamKind::ordinal:
    list("<", ">");
    return out;
  case ParamKind::constant:
    return out + " " + to_string(choices.front());
  case ParamKind::real:
  case ParamKind::integer:
    break;
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
