#include "hpsearch/train/hyperparameter_check.hpp"

#include <algorithm>
#include <cstdint>

namespace hpsearch {

namespace {

std::string number_text(const HyperInfo& info, double x) {
  return info.kind == HyperKind::integer ? to_string(Value{static_cast<std::int64_t>(x)})
                                         : to_string(Value{x});
}

std::string choices_text(const HyperInfo& info) {
  std::string out;
  for (const std::string_view choice : info.choices) {
    out += (out.empty() ? "" : ", ") + std::string(choice);
  }
  return out;
}

} // namespace

std::string hyper_range_expected(const std::string& name, const HyperInfo& info) {
  return (info.kind == HyperKind::integer ? "an " : "a ") + std::string(to_string(info.kind)) +
         " for " + name + " in [" + number_text(info, info.low) + ", " +
         number_text(info, info.high) + "]";
}

std::optional<HyperComplaint> hyper_range_problem(double x, const std::string& name,
                                                  const HyperInfo& info) {
  if (x < info.low) {
    return HyperComplaint{name + " must be at least " + number_text(info, info.low),
                          hyper_range_expected(name, info),
                          {}};
  }
  if (x > info.high) {
    return HyperComplaint{name + " must be at most " + number_text(info, info.high),
                          hyper_range_expected(name, info),
                          {}};
  }
  return std::nullopt;
}

std::optional<HyperComplaint> hyper_value_problem(const Value& value, const std::string& name,
                                                  const HyperInfo& info) {
  switch (info.kind) {
  case HyperKind::real:
    if (std::holds_alternative<std::int64_t>(value) || std::holds_alternative<double>(value)) {
      return hyper_range_problem(as_double(value), name, info);
    }
    return HyperComplaint{name + " is a real hyperparameter: its values must be numbers",
                          hyper_range_expected(name, info),
                          {}};
  case HyperKind::integer:
    if (std::holds_alternative<std::int64_t>(value)) {
      return hyper_range_problem(as_double(value), name, info);
    }
    return HyperComplaint{name + " is an integer hyperparameter: its values must be integers",
                          hyper_range_expected(name, info),
                          {}};
  case HyperKind::boolean:
    if (std::holds_alternative<bool>(value)) return std::nullopt;
    return HyperComplaint{name + " is a boolean hyperparameter: its values must be true or false",
                          "true or false",
                          {}};
  case HyperKind::choice:
    break;
  }
  const std::string expected = "one of " + choices_text(info);
  const auto* text = std::get_if<std::string>(&value);
  if (text == nullptr) {
    return HyperComplaint{
        name + " is a choice hyperparameter: its values must be names", expected, {}};
  }
  if (std::find(info.choices.begin(), info.choices.end(), *text) != info.choices.end()) {
    return std::nullopt;
  }
  return HyperComplaint{"unknown " + name + " '" + *text + "'", expected, *text};
}

} // namespace hpsearch
