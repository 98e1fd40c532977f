#include "nas_table_lookup.hpp"

#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

namespace hpsearch::bench {

namespace {

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  for (std::string field; std::getline(in, field, ',');) {
    if (field.size() >= 2 && field.front() == '"' && field.back() == '"') {
      field = field.substr(1, field.size() - 2);
    }
    out.push_back(field);
  }
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

/// `text` as a number, if it is one.
std::optional<double> number(const std::string& text) {
  double x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return x;
}

/// The index of the choice of `p` that `text` (a CSV cell) holds, or -1.
int choice_index(const Parameter& p, const std::string& text) {
  for (std::size_t i = 0; i < p.choices.size(); ++i) {
    const Value& c = p.choices[i];
    if (to_string(c) == text) return static_cast<int>(i);
    const auto x = number(text);
    if (x && !std::holds_alternative<std::string>(c) &&
        std::abs(as_double(c) - *x) <= 1e-12 * std::max(1.0, std::abs(*x))) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

} // namespace

NasTable::NasTable(const std::string& file, const SearchSpace& space)
    : parameters_(space.parameters()) {
  std::ifstream in(file);
  if (!in) throw Error::input("cannot read the NAS table '" + file + "'");
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = fields(line);
  const auto column = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw Error::input(file + ": no column '" + name + "'");
    return static_cast<std::size_t>(it - header.begin());
  };
  std::vector<std::size_t> columns;
  std::size_t configurations = 1;
  for (const Parameter& p : parameters_) {
    if (p.choices.empty()) {
      throw Error::input(file + ": parameter " + p.name + " is not categorical or ordinal");
    }
    columns.push_back(column("p:" + p.name));
    configurations *= p.choices.size();
  }
  const std::size_t objective = column("objective");
  for (std::size_t number_of_line = 2; std::getline(in, line); ++number_of_line) {
    if (line.empty()) continue;
    const std::vector<std::string> row = fields(line);
    const std::string where = file + " line " + std::to_string(number_of_line);
    std::string k;
    for (std::size_t i = 0; i < parameters_.size(); ++i) {
      const int index =
          columns[i] < row.size() ? choice_index(parameters_[i], row[columns[i]]) : -1;
      if (index < 0) throw Error::input(where + ": no choice of " + parameters_[i].name);
      k += std::to_string(index) + ".";
    }
    const auto value = objective < row.size() ? number(row[objective]) : std::nullopt;
    if (!value) throw Error::input(where + ": no objective (a failed training?)");
    if (!accuracy_.emplace(k, *value).second) throw Error::input(where + ": a repeated row");
    sorted_.push_back(*value);
  }
  if (accuracy_.size() != configurations) {
    throw Error::input(file + ": " + std::to_string(accuracy_.size()) + " rows for the " +
                       std::to_string(configurations) + " configurations of the space");
  }
  std::sort(sorted_.begin(), sorted_.end());
}

std::string NasTable::key(const Config& config) const {
  std::string k;
  for (const Parameter& p : parameters_) {
    const Value& v = config.at(p.name);
    const auto it = std::find(p.choices.begin(), p.choices.end(), v);
    if (it == p.choices.end()) throw Error::input("the NAS table has no " + config.to_string());
    k += std::to_string(it - p.choices.begin()) + ".";
  }
  return k;
}

double NasTable::accuracy(const Config& config) const {
  const auto it = accuracy_.find(key(config));
  if (it == accuracy_.end()) throw Error::input("the NAS table has no " + config.to_string());
  return it->second;
}

double NasTable::quantile(double q) const {
  const auto last = static_cast<double>(sorted_.size() - 1);
  return sorted_[static_cast<std::size_t>(std::lround(q * last))];
}

std::size_t NasTable::better_than(double accuracy) const {
  return static_cast<std::size_t>(sorted_.end() -
                                  std::upper_bound(sorted_.begin(), sorted_.end(), accuracy));
}

} // namespace hpsearch::bench
