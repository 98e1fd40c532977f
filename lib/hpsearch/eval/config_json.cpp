#include "hpsearch/eval/config_json.hpp"

#include "hpsearch/core/json_writer.hpp"

#include <variant>

namespace hpsearch {

std::string to_json(const Config& config) {
  JsonWriter out;
  out.begin_object();
  for (const auto& [name, value] : config.entries()) {
    out.key(name);
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
      out.integer(*i);
    } else if (const auto* d = std::get_if<double>(&value)) {
      out.real(*d);
    } else if (const auto* b = std::get_if<bool>(&value)) {
      out.boolean(*b);
    } else {
      out.string(std::get<std::string>(value));
    }
  }
  out.end_object();
  return out.text();
}

} // namespace hpsearch
