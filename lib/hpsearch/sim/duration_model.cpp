#include "hpsearch/sim/duration_model.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/sim/duration_trace.hpp"

#include <cmath>
#include <cstdlib>
#include <random>
#include <sstream>
#include <vector>

namespace hpsearch {

namespace {

const char* const kForms =
    "expected const:T, uniform:A,B, lognormal:MEAN,SIGMA (seconds), trace:FILE or objective";

[[noreturn]] void refuse(const std::string& text, const std::string& why) {
  throw Error::input("--duration '" + text + "': " + why + "; " + kForms);
}

std::vector<double> numbers(const std::string& text, const std::string& list) {
  std::vector<double> values;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    char* end = nullptr;
    const double value = std::strtod(item.c_str(), &end);
    if (item.empty() || end != item.c_str() + item.size() || !std::isfinite(value)) {
      refuse(text, "'" + item + "' is not a number");
    }
    values.push_back(value);
  }
  return values;
}

std::string format(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

} // namespace

DurationModel parse_duration_model(const std::string& text) {
  if (text == "objective")
    return DurationModel{DurationModel::Kind::objective, 0.0, 0.0, {}, nullptr};
  const auto colon = text.find(':');
  if (colon == std::string::npos) refuse(text, "no model name");
  const std::string name = text.substr(0, colon);
  if (name == "trace") {
    DurationModel model{DurationModel::Kind::trace, 0.0, 0.0, text.substr(colon + 1), nullptr};
    if (model.file.empty()) refuse(text, "no trace file named");
    try {
      model.trace = std::make_shared<const std::vector<double>>(read_duration_trace(model.file));
    } catch (const Error& e) {
      refuse(text, e.what());
    }
    return model;
  }
  const std::vector<double> v = numbers(text, text.substr(colon + 1));
  DurationModel model;
  if (name == "const") {
    if (v.size() != 1) refuse(text, "const takes one number");
    if (v[0] < 0.0) refuse(text, "a duration cannot be negative");
    model = {DurationModel::Kind::constant, v[0], 0.0, {}, nullptr};
  } else if (name == "uniform") {
    if (v.size() != 2) refuse(text, "uniform takes two numbers");
    if (v[0] < 0.0 || v[1] < v[0]) refuse(text, "expected 0 <= A <= B");
    model = {DurationModel::Kind::uniform, v[0], v[1], {}, nullptr};
  } else if (name == "lognormal") {
    if (v.size() != 2) refuse(text, "lognormal takes two numbers");
    if (v[0] <= 0.0 || v[1] < 0.0) refuse(text, "expected MEAN > 0 and SIGMA >= 0");
    model = {DurationModel::Kind::lognormal, v[0], v[1], {}, nullptr};
  } else {
    refuse(text, "unknown model '" + name + "'");
  }
  return model;
}

double DurationModel::draw(std::uint64_t seed) const {
  switch (kind) {
  case Kind::constant:
    return a;
  case Kind::uniform: {
    if (b <= a) return a;
    Rng rng(seed);
    return rng.uniform(a, b);
  }
  case Kind::lognormal: {
    Rng rng(seed);
    std::lognormal_distribution<double> law(std::log(a) - 0.5 * b * b, b);
    return law(rng.engine());
  }
  case Kind::trace: {
    if (!trace || trace->empty()) return 0.0;
    Rng rng(seed);
    return (*trace)[static_cast<std::size_t>(
        rng.integer(0, static_cast<std::int64_t>(trace->size()) - 1))];
  }
  case Kind::objective:
    return 0.0;
  }
  return a;
}

std::string DurationModel::describe() const {
  switch (kind) {
  case Kind::constant:
    return "const:" + format(a);
  case Kind::uniform:
    return "uniform:" + format(a) + "," + format(b);
  case Kind::lognormal:
    return "lognormal:" + format(a) + "," + format(b);
  case Kind::trace:
    return "trace:" + file + " (" + std::to_string(trace ? trace->size() : 0) + " samples)";
  case Kind::objective:
    return "objective";
  }
  return "";
}

} // namespace hpsearch
