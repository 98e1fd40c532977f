#include "hpsearch/space/forbidden.hpp"

#include <algorithm>

namespace hpsearch {

bool ForbiddenClause::matches(const Config& config) const {
  if (terms.empty()) return false;
  return std::all_of(terms.begin(), terms.end(), [&](const auto& term) {
    const Value* v = config.find(term.first);
    return v != nullptr &&
           std::find(term.second.begin(), term.second.end(), *v) != term.second.end();
  });
}

std::string ForbiddenClause::describe() const {
  std::string out;
  for (const auto& [name, values] : terms) {
    if (!out.empty()) out += " and ";
    if (values.size() == 1) {
      out += name + " == " + to_string(values.front());
      continue;
    }
    out += name + " in {";
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + to_string(values[i]);
    out += "}";
  }
  return out;
}

} // namespace hpsearch
