// The categorical, ordinal and mixed problems of the suite.
#include "hpsearch/core/rng.hpp"
#include "hpsearch/eval/test_functions.hpp"
#include "suite_builders.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <utility>

namespace hpsearch::bench {

namespace {

std::string name_of(const std::string& prefix, std::size_t i) {
  return prefix + std::to_string(i);
}

std::vector<Value> choices(std::size_t k) {
  std::vector<Value> values;
  for (std::size_t j = 0; j < k; ++j) values.emplace_back(name_of("op", j));
  return values;
}

/// The index N of choice "opN".
std::size_t op_index(const Value& value) {
  return static_cast<std::size_t>(std::stoul(std::get<std::string>(value).substr(2)));
}

} // namespace

// An architecture-like cell: n slots, k operations each; the value is a per-slot cost of
// each operation plus an interaction between neighbouring slots, all drawn from `seed`.
// The minimum is found by enumerating the k^n cells.
SuiteProblem categorical_cell(const std::string& name, std::size_t n, std::size_t k,
                              std::uint64_t seed) {
  struct Tables {
    std::vector<std::vector<double>> unary;               // [slot][op]
    std::vector<std::vector<std::vector<double>>> binary; // [slot][op][next op]
  };
  auto tables = std::make_shared<Tables>();
  Rng rng(seed);
  tables->unary.assign(n, std::vector<double>(k));
  tables->binary.assign(n, std::vector<std::vector<double>>(k, std::vector<double>(k)));
  for (auto& slot : tables->unary)
    for (double& v : slot) v = rng.uniform();
  for (auto& slot : tables->binary)
    for (auto& row : slot)
      for (double& v : row) v = rng.uniform(0.0, 0.5);
  auto value = [tables, n](const std::vector<std::size_t>& ops) {
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      sum += tables->unary[i][ops[i]];
      if (i + 1 < n) sum += tables->binary[i][ops[i]][ops[i + 1]];
    }
    return sum;
  };
  SuiteProblem p;
  p.name = name;
  const std::vector<Value> ops = choices(k);
  for (std::size_t i = 0; i < n; ++i) p.space.add(Parameter::categorical(name_of("s", i), ops));
  p.truth = [value, n](const Config& c) {
    std::vector<std::size_t> index(n);
    for (std::size_t i = 0; i < n; ++i) index[i] = op_index(c.at(name_of("s", i)));
    return value(index);
  };
  std::vector<std::size_t> cell(n, 0);
  std::vector<std::size_t> best = cell;
  double lowest = std::numeric_limits<double>::infinity();
  while (true) {
    const double v = value(cell);
    if (v < lowest) {
      lowest = v;
      best = cell;
    }
    std::size_t i = 0;
    while (i < n && ++cell[i] == k) cell[i++] = 0;
    if (i == n) break;
  }
  p.optimum = lowest;
  for (std::size_t i = 0; i < n; ++i) p.optimum_at.set(name_of("s", i), ops[best[i]]);
  return p;
}

// n ordinal parameters over the powers of two 1 .. 256; the value is the mean squared
// distance, in octaves, from a target power per parameter drawn from `seed`. Minimum 0.
SuiteProblem ordinal_powers(const std::string& name, std::size_t n, std::uint64_t seed) {
  SuiteProblem p;
  p.name = name;
  std::vector<Value> powers;
  for (std::int64_t v = 1; v <= 256; v *= 2) powers.emplace_back(v);
  Rng rng(seed);
  std::vector<double> targets(n);
  for (std::size_t i = 0; i < n; ++i) {
    targets[i] = static_cast<double>(rng.integer(0, 8));
    p.space.add(Parameter::ordinal(name_of("p", i), powers));
    p.optimum_at.set(name_of("p", i), powers[static_cast<std::size_t>(targets[i])]);
  }
  p.truth = [targets, n](const Config& c) {
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double octave = std::log2(as_double(c.at(name_of("p", i))));
      sum += (octave - targets[i]) * (octave - targets[i]);
    }
    return sum / static_cast<double>(n);
  };
  p.optimum = 0.0;
  return p;
}

// Hartmann-3 on three reals, two integers with a quadratic penalty, and two categoricals
// whose choices add fixed offsets (0, 0.05, 0.1, 0.35, 0.5 in a shuffled order): the
// issue-17 "mixed 7-parameter" shape, where the second-best category is a trap.
SuiteProblem mixed_offsets(const std::string& name) {
  static constexpr std::array<double, 5> kOffsets0 = {0.05, 0.0, 0.1, 0.35, 0.5};
  static constexpr std::array<double, 5> kOffsets1 = {0.1, 0.5, 0.35, 0.0, 0.05};
  SuiteProblem p;
  p.name = name;
  for (std::size_t i = 0; i < 3; ++i) p.space.add(Parameter::real(name_of("x", i), 0.0, 1.0));
  p.space.add(Parameter::integer("n0", 0, 10));
  p.space.add(Parameter::integer("n1", 0, 10));
  p.space.add(Parameter::categorical("c0", choices(5)));
  p.space.add(Parameter::categorical("c1", choices(5)));
  p.truth = [](const Config& c) {
    const double n0 = as_double(c.at("n0"));
    const double n1 = as_double(c.at("n1"));
    return hartmann3(coordinates(c, 3)) + 0.01 * ((n0 - 3) * (n0 - 3) + (n1 - 7) * (n1 - 7)) +
           kOffsets0[op_index(c.at("c0"))] + kOffsets1[op_index(c.at("c1"))];
  };
  p.optimum = find_test_function("hartmann3")->optimum_value;
  const auto home = find_test_function("hartmann3")->optimum_at(3);
  for (std::size_t i = 0; i < 3; ++i) p.optimum_at.set(name_of("x", i), home[i]);
  p.optimum_at.set("n0", std::int64_t{3});
  p.optimum_at.set("n1", std::int64_t{7});
  p.optimum_at.set("c0", Value{std::string("op1")});
  p.optimum_at.set("c1", Value{std::string("op3")});
  return p;
}

} // namespace hpsearch::bench
