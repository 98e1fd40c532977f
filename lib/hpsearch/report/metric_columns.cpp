#include "hpsearch/report/metric_columns.hpp"

#include "hpsearch/core/metric_names.hpp"
#include "hpsearch/core/rapidjson.hpp"

#include <algorithm>
#include <utility>

namespace hpsearch {

namespace {

MetricValue value_of(const rapidjson::Value& v) {
  MetricValue out;
  if (v.IsNumber()) {
    out.kind = MetricValue::Kind::number;
    out.number = v.GetDouble();
  } else if (v.IsBool()) {
    out.kind = MetricValue::Kind::boolean;
    out.number = v.GetBool() ? 1.0 : 0.0;
  } else if (v.IsString()) {
    out.kind = MetricValue::Kind::text;
    out.text.assign(v.GetString(), v.GetStringLength());
  } else if (!v.IsNull()) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>,
                      rapidjson::CrtAllocator, rapidjson::kWriteNanAndInfFlag>
        writer(buffer);
    v.Accept(writer);
    out.kind = MetricValue::Kind::json;
    out.text.assign(buffer.GetString(), buffer.GetSize());
  }
  return out;
}

std::size_t column_of(MetricTable& table, const std::string& key, bool declared) {
  const auto it = std::find_if(table.columns.begin(), table.columns.end(),
                               [&](const MetricColumn& c) { return c.key == key; });
  if (it != table.columns.end()) return static_cast<std::size_t>(it - table.columns.begin());
  const std::string header = is_builtin_metric_key(key) ? "m:metadata." + key : "m:" + key;
  table.columns.push_back({key, header, declared, 0});
  for (auto& row : table.cells) row.emplace_back();
  return table.columns.size() - 1;
}

} // namespace

MetricTable metric_table(const CheckpointContents& contents) {
  MetricTable table;
  for (const auto& name : contents.metrics) column_of(table, name, true);
  table.cells.reserve(contents.evaluations.size());
  for (const Evaluation& ev : contents.evaluations) {
    table.cells.emplace_back(table.columns.size());
    if (ev.metadata.empty()) continue;
    rapidjson::Document document;
    document.Parse<rapidjson::kParseNanAndInfFlag | rapidjson::kParseFullPrecisionFlag>(
        ev.metadata.data(), ev.metadata.size());
    if (document.HasParseError() || !document.IsObject()) continue;
    for (const auto& member : std::as_const(document).GetObject()) {
      MetricValue value = value_of(member.value);
      if (value.kind == MetricValue::Kind::none) continue;
      const std::size_t k = column_of(
          table, std::string(member.name.GetString(), member.name.GetStringLength()), false);
      auto& cell = table.cells.back()[k];
      if (cell.kind == MetricValue::Kind::none) ++table.columns[k].rows;
      cell = std::move(value); // the last of duplicate keys wins, as in Python
    }
  }
  return table;
}

} // namespace hpsearch
