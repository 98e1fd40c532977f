#include "hpsearch/report/text_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hpsearch::report {

std::string format_number(double x, int digits) {
  if (std::isnan(x)) return "nan";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*g", digits, x);
  return buf;
}

std::string format_value(const Value* v) {
  if (v == nullptr) return "-";
  if (const auto* x = std::get_if<double>(v)) return format_number(*x);
  return to_string(*v);
}

std::string table(const std::vector<std::vector<std::string>>& rows, const std::string& indent) {
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    width.resize(std::max(width.size(), row.size()));
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line = indent;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(width[c] - row[c].size() + 2, ' ');
    }
    out += line + '\n';
  }
  return out;
}

} // namespace hpsearch::report
