#include "hpsearch/report/export.hpp"

#include "hpsearch/core/json_writer.hpp"
#include "hpsearch/core/metric_names.hpp"
#include "hpsearch/report/metric_columns.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

namespace hpsearch {

namespace {

std::string number(double x) {
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, p);
}

std::string job_status(Status s) {
  switch (s) {
  case Status::ok:
    return "DONE";
  case Status::failed:
    return "FAILED";
  case Status::timeout:
    return "TIMEOUT";
  case Status::stopped:
    return "CANCELLED";
  case Status::lost:
    return "LOST";
  }
  return "UNKNOWN";
}

/// One exported cell: its CSV text, and for JSON the value it holds (a number, a
/// boolean, text, or null).
struct Cell {
  enum class Kind { null, integer, real, boolean, text };
  std::string text;
  Kind kind = Kind::text;
  double real = 0.0;
  std::int64_t integer = 0;

  static Cell null() { return {"", Kind::null}; }
  static Cell of(std::string text) { return {std::move(text), Kind::text}; }
  static Cell of(double x) { return {number(x), Kind::real, x}; }
  static Cell of(std::int64_t i) { return {std::to_string(i), Kind::integer, 0.0, i}; }
  static Cell of(bool b) { return {b ? "true" : "false", Kind::boolean, 0.0, b ? 1 : 0}; }
};

std::vector<std::string> header(const CheckpointContents& c, const MetricTable& metrics) {
  std::vector<std::string> h;
  for (const auto& p : c.parameters) h.push_back("p:" + p);
  for (const char* name : {"objective", "job_id", "job_status"}) h.emplace_back(name);
  for (const auto key : kBuiltinMetricKeys) h.push_back("m:" + std::string(key));
  for (const auto& column : metrics.columns) h.push_back(column.header);
  return h;
}

Cell metric_cell(const MetricValue& v) {
  switch (v.kind) {
  case MetricValue::Kind::none:
    return Cell::null();
  case MetricValue::Kind::number:
    return Cell::of(v.number);
  case MetricValue::Kind::boolean:
    return Cell::of(v.number != 0.0);
  case MetricValue::Kind::text:
  case MetricValue::Kind::json:
    return Cell::of(v.text);
  }
  return Cell::null();
}

Cell value_cell(const Value* v) {
  if (v == nullptr) return Cell::null();
  return std::visit([](const auto& x) { return Cell::of(x); }, *v);
}

std::vector<Cell> cells(const CheckpointContents& c, const MetricTable& metrics, std::size_t i) {
  const Evaluation& ev = c.evaluations[i];
  const RowExtras& x = c.extras[i];
  const double t0 = c.info.created;
  std::vector<Cell> row;
  for (const auto& p : c.parameters) row.push_back(value_cell(ev.config.find(p)));
  if (ev.status == Status::ok && !std::isnan(ev.objective)) {
    row.push_back(Cell::of(ev.objective));
  } else {
    row.push_back(Cell::of("F_" + std::string(to_string(ev.status))));
  }
  row.push_back(Cell::of(std::int64_t{ev.id}));
  row.push_back(Cell::of(job_status(ev.status)));
  for (double t : {ev.submitted_at, ev.started_at, ev.finished_at, ev.finished_at}) {
    row.push_back(Cell::of(t - t0));
  }
  row.push_back(Cell::of(std::int64_t{ev.worker_rank}));
  row.push_back(Cell::of(ev.host));
  row.push_back(Cell::of(ev.fidelity));
  row.push_back(Cell::of(std::int64_t{ev.trial >= 0 ? ev.trial : ev.id}));
  row.push_back(Cell::of(ev.from_fidelity));
  row.push_back(ev.rung >= 0 ? Cell::of(std::int64_t{ev.rung}) : Cell::null());
  row.push_back(Cell::of(std::string(to_string(ev.decision))));
  row.push_back(ev.parent >= 0 ? Cell::of(std::int64_t{ev.parent}) : Cell::null());
  row.push_back(x.requeue_of >= 0 ? Cell::of(std::int64_t{x.requeue_of}) : Cell::null());
  row.push_back(Cell::of(std::int64_t{x.allocation}));
  row.push_back(Cell::of(ev.message));
  for (const auto& value : metrics.cells[i]) row.push_back(metric_cell(value));
  return row;
}

} // namespace

std::string csv_field(const std::string& field) {
  if (field.find_first_of(",\"\n\r") == std::string::npos) return field;
  std::string out = "\"";
  for (const char ch : field) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + '"';
}

void write_csv(const CheckpointContents& c, std::ostream& out) {
  const MetricTable metrics = metric_table(c);
  const auto h = header(c, metrics);
  for (std::size_t k = 0; k < h.size(); ++k) out << (k ? "," : "") << csv_field(h[k]);
  out << '\n';
  for (std::size_t i = 0; i < c.evaluations.size(); ++i) {
    const auto row = cells(c, metrics, i);
    for (std::size_t k = 0; k < row.size(); ++k) out << (k ? "," : "") << csv_field(row[k].text);
    out << '\n';
  }
}

void write_json_lines(const CheckpointContents& c, std::ostream& out) {
  const MetricTable metrics = metric_table(c);
  const auto h = header(c, metrics);
  for (std::size_t i = 0; i < c.evaluations.size(); ++i) {
    const auto row = cells(c, metrics, i);
    JsonWriter json;
    json.begin_object();
    for (std::size_t k = 0; k < row.size(); ++k) {
      json.key(h[k]);
      switch (row[k].kind) {
      case Cell::Kind::null:
        json.null();
        break;
      case Cell::Kind::integer:
        json.integer(row[k].integer);
        break;
      case Cell::Kind::real:
        json.real(row[k].real); // NaN and infinities as null: JsonWriter's one policy
        break;
      case Cell::Kind::boolean:
        json.boolean(row[k].integer != 0);
        break;
      case Cell::Kind::text:
        json.string(row[k].text);
        break;
      }
    }
    json.end_object();
    out << json.text() << '\n';
  }
}

} // namespace hpsearch
