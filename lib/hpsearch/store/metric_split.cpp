#include "hpsearch/store/metric_split.hpp"

#include "hpsearch/core/rapidjson.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace hpsearch::h5 {

namespace {

// Full precision: a metric reads back as the very double the job reported.
constexpr unsigned kParseFlags =
    rapidjson::kParseNanAndInfFlag | rapidjson::kParseFullPrecisionFlag;

std::string write(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  // NaN can only come from a file edited by hand (hpsearch writes null): kept as written.
  rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>,
                    rapidjson::CrtAllocator, rapidjson::kWriteNanAndInfFlag>
      writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

} // namespace

MetricSplit split_metadata(std::string_view metadata, const std::vector<std::string>& columns) {
  MetricSplit split{std::vector<double>(columns.size(), std::numeric_limits<double>::quiet_NaN()),
                    {}};
  if (metadata.empty()) return split;
  rapidjson::Document document;
  document.Parse<kParseFlags>(metadata.data(), metadata.size());
  if (document.HasParseError() || !document.IsObject()) {
    split.rest = std::string(metadata);
    return split;
  }
  rapidjson::Document rest(rapidjson::kObjectType);
  for (const auto& member : std::as_const(document).GetObject()) {
    const std::string_view name(member.name.GetString(), member.name.GetStringLength());
    const auto column = std::find(columns.begin(), columns.end(), name);
    if (column != columns.end() && (member.value.IsNumber() || member.value.IsNull())) {
      split.values[static_cast<std::size_t>(column - columns.begin())] =
          member.value.IsNumber() ? member.value.GetDouble()
                                  : std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    rest.AddMember(rapidjson::Value(member.name, rest.GetAllocator()),
                   rapidjson::Value(member.value, rest.GetAllocator()), rest.GetAllocator());
  }
  if (rest.MemberCount() > 0) split.rest = write(rest);
  return split;
}

std::string join_metadata(const std::vector<std::string>& columns,
                          const std::vector<double>& values, std::string_view rest) {
  rapidjson::Document joined(rapidjson::kObjectType);
  auto& allocator = joined.GetAllocator();
  for (std::size_t k = 0; k < columns.size() && k < values.size(); ++k) {
    if (!std::isfinite(values[k])) continue;
    joined.AddMember(rapidjson::Value(columns[k].c_str(), allocator), rapidjson::Value(values[k]),
                     allocator);
  }
  if (!rest.empty()) {
    rapidjson::Document document;
    document.Parse<kParseFlags>(rest.data(), rest.size());
    if (document.HasParseError() || !document.IsObject()) {
      if (joined.MemberCount() == 0) return std::string(rest);
      // Kept whole, as split_metadata stored it.
      joined.AddMember(
          "metadata",
          rapidjson::Value(rest.data(), static_cast<rapidjson::SizeType>(rest.size()), allocator),
          allocator);
    } else {
      for (const auto& member : std::as_const(document).GetObject()) {
        joined.AddMember(rapidjson::Value(member.name, allocator),
                         rapidjson::Value(member.value, allocator), allocator);
      }
    }
  }
  if (joined.MemberCount() == 0) return {};
  return write(joined);
}

} // namespace hpsearch::h5
