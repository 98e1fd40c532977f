#include "hpsearch/core/value.hpp"

#include "hpsearch/core/error.hpp"

#include <charconv>
#include <system_error>

namespace hpsearch {

namespace {

std::string format_double(double x) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  if (ec != std::errc{}) return std::to_string(x);
  return std::string(buf, end);
}

template <class... Fs> struct Overloaded : Fs... { using Fs::operator()...; };
template <class... Fs> Overloaded(Fs...) -> Overloaded<Fs...>;

} // namespace

std::string to_string(const Value& value) {
  return std::visit(Overloaded{[](std::int64_t v) { return std::to_string(v); },
                               [](double v) { return format_double(v); },
                               [](bool v) { return std::string(v ? "true" : "false"); },
                               [](const std::string& v) { return v; }},
                    value);
}

double as_double(const Value& value) {
  return std::visit(Overloaded{[](std::int64_t v) { return static_cast<double>(v); },
                               [](double v) { return v; }, [](bool v) { return v ? 1.0 : 0.0; },
                               [](const std::string& v) -> double {
                                 throw Error::input("value '" + v +
                                                    "' is a string where a number was expected");
                               }},
                    value);
}

} // namespace hpsearch
