// SearchSpace's unit-cube views: decode (raw sampler points), encode / decode_encoded.
#include "hpsearch/core/error.hpp"
#include "hpsearch/space/search_space.hpp"

namespace hpsearch {

namespace {

constexpr double kInactiveIndex = -1.0; // Encoding::index marker of an inactive parameter

bool expands(const Parameter& p, Encoding encoding) {
  return encoding == Encoding::one_hot && p.kind == ParamKind::categorical;
}

std::size_t columns(const Parameter& p, Encoding encoding) {
  return expands(p, encoding) ? p.choices.size() : 1;
}

void check_size(Eigen::Index got, std::size_t expected, const char* what) {
  if (got != static_cast<Eigen::Index>(expected)) {
    throw Error::internal(std::string(what) + ": expected a vector of " + std::to_string(expected) +
                          " coordinates, got " + std::to_string(got));
  }
}

} // namespace

std::string_view to_string(Encoding encoding) {
  return encoding == Encoding::index ? "index" : "one_hot";
}

std::size_t SearchSpace::encoded_dimension(Encoding encoding) const {
  std::size_t d = 0;
  for (const auto& p : parameters_) d += columns(p, encoding);
  return d;
}

Config SearchSpace::decode(const Eigen::VectorXd& unit) const {
  check_size(unit.size(), dimension(), "SearchSpace::decode");
  return build(
      [&](std::size_t i) { return parameters_[i].from_unit(unit[static_cast<Eigen::Index>(i)]); });
}

Eigen::VectorXd SearchSpace::encode(const Config& config, Encoding encoding) const {
  Eigen::VectorXd out(static_cast<Eigen::Index>(encoded_dimension(encoding)));
  Eigen::Index col = 0;
  for (const auto& p : parameters_) {
    const Value* v = config.find(p.name);
    if (expands(p, encoding)) {
      const auto k = static_cast<Eigen::Index>(p.choices.size());
      out.segment(col, k).setZero();
      if (v != nullptr) {
        const int i = p.choice_index(*v);
        if (i < 0) p.to_unit(*v); // throws, naming the parameter and the value
        out[col + i] = 1.0;
      }
      col += k;
      continue;
    }
    if (v == nullptr) {
      out[col++] = encoding == Encoding::index ? kInactiveIndex : 0.0;
    } else {
      out[col++] = p.to_unit(*v);
    }
  }
  return out;
}

Config SearchSpace::decode_encoded(const Eigen::VectorXd& encoded, Encoding encoding) const {
  check_size(encoded.size(), encoded_dimension(encoding), "SearchSpace::decode_encoded");
  std::vector<Eigen::Index> first_column(parameters_.size());
  Eigen::Index col = 0;
  for (std::size_t i = 0; i < parameters_.size(); ++i) {
    first_column[i] = col;
    col += static_cast<Eigen::Index>(columns(parameters_[i], encoding));
  }
  return build([&](std::size_t i) -> Value {
    const Parameter& p = parameters_[i];
    const Eigen::Index at = first_column[i];
    if (!expands(p, encoding)) return p.from_unit(encoded[at]);
    Eigen::Index best = 0;
    encoded.segment(at, static_cast<Eigen::Index>(p.choices.size())).maxCoeff(&best);
    return p.choices[static_cast<std::size_t>(best)];
  });
}

} // namespace hpsearch
