#include "hpsearch/report/export.hpp"

#include "hpsearch/core/json_string.hpp"

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

/// One exported cell: its text, and whether it is a number (JSON) or text.
struct Cell {
  std::string text;
  bool numeric = false;
  bool null = false;
};

std::vector<std::string> header(const CheckpointContents& c) {
  std::vector<std::string> h;
  for (const auto& p : c.parameters) h.push_back("p:" + p);
  for (const char* name :
       {"objective", "job_id", "job_status", "m:timestamp_submit", "m:timestamp_start",
        "m:timestamp_end", "m:timestamp_gather", "m:worker_rank", "m:host", "m:fidelity",
        "m:requeue_of", "m:allocation", "m:message"}) {
    h.emplace_back(name);
  }
  return h;
}

Cell value_cell(const Value* v) {
  if (v == nullptr) return {"", false, true};
  if (const auto* x = std::get_if<double>(v)) return {number(*x), true, false};
  if (const auto* i = std::get_if<std::int64_t>(v)) return {std::to_string(*i), true, false};
  if (const auto* b = std::get_if<bool>(v)) return {*b ? "true" : "false", true, false};
  return {std::get<std::string>(*v), false, false};
}

std::vector<Cell> cells(const CheckpointContents& c, std::size_t i) {
  const Evaluation& ev = c.evaluations[i];
  const RowExtras& x = c.extras[i];
  const double t0 = c.info.created;
  std::vector<Cell> row;
  for (const auto& p : c.parameters) row.push_back(value_cell(ev.config.find(p)));
  if (ev.status == Status::ok && !std::isnan(ev.objective)) {
    row.push_back({number(ev.objective), true, false});
  } else {
    row.push_back({"F_" + std::string(to_string(ev.status)), false, false});
  }
  row.push_back({std::to_string(ev.id), true, false});
  row.push_back({job_status(ev.status), false, false});
  for (double t : {ev.submitted_at, ev.started_at, ev.finished_at, ev.finished_at}) {
    row.push_back({number(t - t0), true, false});
  }
  row.push_back({std::to_string(ev.worker_rank), true, false});
  row.push_back({ev.host, false, false});
  row.push_back({number(x.fidelity), true, false});
  if (x.requeue_of >= 0) {
    row.push_back({std::to_string(x.requeue_of), true, false});
  } else {
    row.push_back({"", false, true});
  }
  row.push_back({std::to_string(x.allocation), true, false});
  row.push_back({ev.message, false, false});
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
  const auto h = header(c);
  for (std::size_t k = 0; k < h.size(); ++k) out << (k ? "," : "") << csv_field(h[k]);
  out << '\n';
  for (std::size_t i = 0; i < c.evaluations.size(); ++i) {
    const auto row = cells(c, i);
    for (std::size_t k = 0; k < row.size(); ++k) out << (k ? "," : "") << csv_field(row[k].text);
    out << '\n';
  }
}

void write_json_lines(const CheckpointContents& c, std::ostream& out) {
  const auto h = header(c);
  for (std::size_t i = 0; i < c.evaluations.size(); ++i) {
    const auto row = cells(c, i);
    out << '{';
    for (std::size_t k = 0; k < row.size(); ++k) {
      out << (k ? ", " : "") << json_string(h[k]) << ": ";
      if (row[k].null) {
        out << "null";
      } else if (row[k].numeric && row[k].text != "nan" && row[k].text != "inf" &&
                 row[k].text != "-inf") {
        out << row[k].text;
      } else if (row[k].numeric) {
        out << "null";
      } else {
        out << json_string(row[k].text);
      }
    }
    out << "}\n";
  }
}

} // namespace hpsearch
