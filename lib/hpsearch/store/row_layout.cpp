#include "hpsearch/store/row_layout.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/store/h5_error.hpp"
#include "hpsearch/store/metric_split.hpp"
#include "hpsearch/store/row_columns.hpp"
#include "hpsearch/store/schema.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace hpsearch::h5 {

namespace {

// Fixed offsets of the leading columns.
constexpr std::size_t kIdOffset = 0;
constexpr std::size_t kStatusOffset = 8;
constexpr std::size_t kObjectiveOffset = 9;
constexpr std::size_t kParamsOffset = 17;

const std::string kBuilding = "cannot build the checkpoint row type";

template <class T> void put(std::byte* row, std::size_t offset, T value) {
  std::memcpy(row + offset, &value, sizeof value);
}
template <class T> T get(const std::byte* row, std::size_t offset) {
  T value;
  std::memcpy(&value, row + offset, sizeof value);
  return value;
}

Handle status_type() {
  Handle type = Handle::checked(H5Tenum_create(H5T_NATIVE_INT8), datatype, kBuilding);
  for (Status s : kAllStatuses) {
    const auto value = static_cast<std::int8_t>(s);
    check(H5Tenum_insert(type.get(), std::string(to_string(s)).c_str(), &value), kBuilding);
  }
  return type;
}

Handle decision_type() {
  Handle type = Handle::checked(H5Tenum_create(H5T_NATIVE_INT8), datatype, kBuilding);
  for (const auto& entry : trial_decisions.entries()) {
    const auto value = static_cast<std::int8_t>(entry.value);
    check(H5Tenum_insert(type.get(), std::string(entry.name).c_str(), &value), kBuilding);
  }
  return type;
}

Handle string_type(std::size_t size, H5T_str_t pad, H5T_cset_t cset) {
  Handle type = Handle::checked(H5Tcopy(H5T_C_S1), datatype, kBuilding);
  check(H5Tset_size(type.get(), size), kBuilding);
  check(H5Tset_strpad(type.get(), pad), kBuilding);
  check(H5Tset_cset(type.get(), cset), kBuilding);
  return type;
}

hid_t param_type(ParamKind kind) {
  switch (kind) {
  case ParamKind::real:
    return H5T_NATIVE_DOUBLE;
  case ParamKind::integer:
    return H5T_NATIVE_INT64;
  case ParamKind::categorical:
  case ParamKind::ordinal:
  case ParamKind::constant:
    return H5T_NATIVE_INT32;
  }
  throw Error::internal("unknown parameter kind");
}

[[noreturn]] void bad_value(const ParamColumn& p, const Value& v, const char* expected) {
  throw Error::internal("cannot record parameter '" + p.name + "': value '" + to_string(v) +
                        "' is not " + expected);
}

void pack_param(const ParamColumn& p, const Value* v, std::byte* row) {
  switch (p.kind) {
  case ParamKind::real: {
    if (v == nullptr) return put(row, p.offset, schema::kMissingReal);
    const auto* x = std::get_if<double>(v);
    if (x == nullptr) bad_value(p, *v, "a real number");
    return put(row, p.offset, *x);
  }
  case ParamKind::integer: {
    if (v == nullptr) return put(row, p.offset, schema::kMissingInt);
    const auto* x = std::get_if<std::int64_t>(v);
    if (x == nullptr) bad_value(p, *v, "an integer");
    return put(row, p.offset, *x);
  }
  case ParamKind::categorical:
  case ParamKind::ordinal:
  case ParamKind::constant: {
    if (v == nullptr) return put(row, p.offset, schema::kMissingChoice);
    const auto it = std::find(p.choices.begin(), p.choices.end(), *v);
    if (it == p.choices.end()) bad_value(p, *v, "one of the parameter's choices");
    return put(row, p.offset, static_cast<std::int32_t>(it - p.choices.begin()));
  }
  }
}

const Value* unpack_param(const ParamColumn& p, const std::byte* row, Value& storage) {
  switch (p.kind) {
  case ParamKind::real: {
    const auto x = get<double>(row, p.offset);
    if (std::isnan(x)) return nullptr;
    storage = x;
    return &storage;
  }
  case ParamKind::integer: {
    const auto x = get<std::int64_t>(row, p.offset);
    if (x == schema::kMissingInt) return nullptr;
    storage = x;
    return &storage;
  }
  case ParamKind::categorical:
  case ParamKind::ordinal:
  case ParamKind::constant: {
    const auto i = get<std::int32_t>(row, p.offset);
    if (i == schema::kMissingChoice) return nullptr;
    if (i < 0 || static_cast<std::size_t>(i) >= p.choices.size()) {
      throw Error::input("parameter '" + p.name + "': choice index " + std::to_string(i) +
                         " is outside its " + std::to_string(p.choices.size()) + " choices");
    }
    return &p.choices[static_cast<std::size_t>(i)];
  }
  }
  return nullptr;
}

} // namespace

RowLayout RowLayout::from_dataset(hid_t ds, const std::string& path) {
  FileColumns columns = read_columns(ds, path);
  return RowLayout(std::move(columns.params), columns.trial_columns, std::move(columns.metrics),
                   columns.metric_columns, columns.parent_column);
}

RowLayout RowLayout::for_space(const SearchSpace& space, std::vector<std::string> metrics) {
  std::vector<ParamColumn> params;
  for (const auto& p : space.parameters()) params.push_back({p.name, p.kind, p.choices, 0});
  return RowLayout(std::move(params), true, std::move(metrics));
}

RowLayout::RowLayout(std::vector<ParamColumn> params, bool trial_columns,
                     std::vector<std::string> metrics, bool metric_columns, bool parent_column)
    : params_(std::move(params)), trial_columns_(trial_columns), metrics_(std::move(metrics)),
      metric_columns_(metric_columns), parent_column_(trial_columns && parent_column) {
  if (!metric_columns_) metrics_.clear();
  std::size_t offset = kParamsOffset;
  for (auto& p : params_) {
    p.offset = offset;
    offset += H5Tget_size(param_type(p.kind));
  }
  fidelity_ = offset;
  trial_ = fidelity_ + sizeof(double);
  from_fidelity_ = trial_ + sizeof(std::int64_t);
  rung_ = from_fidelity_ + sizeof(double);
  decision_ = rung_ + sizeof(std::int32_t);
  parent_ = decision_ + sizeof(std::int8_t);
  requeue_of_ = !trial_columns_  ? trial_
                : parent_column_ ? parent_ + sizeof(std::int64_t)
                                 : parent_;
  allocation_ = requeue_of_ + sizeof(std::int64_t);
  worker_rank_ = allocation_ + sizeof(std::int32_t);
  host_ = worker_rank_ + sizeof(std::int32_t);
  submitted_ = host_ + schema::kHostSize;
  started_ = submitted_ + sizeof(double);
  finished_ = started_ + sizeof(double);
  message_ = finished_ + sizeof(double);
  metadata_ = message_ + sizeof(char*);
  size_ =
      metric_columns_ ? metadata_ + sizeof(char*) + metrics_.size() * sizeof(double) : metadata_;

  type_ = Handle::checked(H5Tcreate(H5T_COMPOUND, size_), datatype, kBuilding);
  const hid_t t = type_.get();
  const Handle status = status_type();
  const Handle host = string_type(schema::kHostSize, H5T_STR_NULLPAD, H5T_CSET_ASCII);
  const Handle message = string_type(H5T_VARIABLE, H5T_STR_NULLTERM, H5T_CSET_UTF8);
  check(H5Tinsert(t, schema::kId, kIdOffset, H5T_NATIVE_INT64), kBuilding);
  check(H5Tinsert(t, schema::kStatus, kStatusOffset, status.get()), kBuilding);
  check(H5Tinsert(t, schema::kObjective, kObjectiveOffset, H5T_NATIVE_DOUBLE), kBuilding);
  for (const auto& p : params_) {
    check(H5Tinsert(t, schema::param_column(p.name).c_str(), p.offset, param_type(p.kind)),
          kBuilding + " (parameter '" + p.name + "')");
  }
  check(H5Tinsert(t, schema::kFidelity, fidelity_, H5T_NATIVE_DOUBLE), kBuilding);
  if (trial_columns_) {
    const Handle decision = decision_type();
    check(H5Tinsert(t, schema::kTrial, trial_, H5T_NATIVE_INT64), kBuilding);
    check(H5Tinsert(t, schema::kFromFidelity, from_fidelity_, H5T_NATIVE_DOUBLE), kBuilding);
    check(H5Tinsert(t, schema::kRung, rung_, H5T_NATIVE_INT32), kBuilding);
    check(H5Tinsert(t, schema::kDecision, decision_, decision.get()), kBuilding);
  }
  if (parent_column_) check(H5Tinsert(t, schema::kParent, parent_, H5T_NATIVE_INT64), kBuilding);
  check(H5Tinsert(t, schema::kRequeueOf, requeue_of_, H5T_NATIVE_INT64), kBuilding);
  check(H5Tinsert(t, schema::kAllocation, allocation_, H5T_NATIVE_INT32), kBuilding);
  check(H5Tinsert(t, schema::kWorkerRank, worker_rank_, H5T_NATIVE_INT32), kBuilding);
  check(H5Tinsert(t, schema::kHost, host_, host.get()), kBuilding);
  check(H5Tinsert(t, schema::kSubmittedAt, submitted_, H5T_NATIVE_DOUBLE), kBuilding);
  check(H5Tinsert(t, schema::kStartedAt, started_, H5T_NATIVE_DOUBLE), kBuilding);
  check(H5Tinsert(t, schema::kFinishedAt, finished_, H5T_NATIVE_DOUBLE), kBuilding);
  check(H5Tinsert(t, schema::kMessage, message_, message.get()), kBuilding);
  if (metric_columns_) insert_metric_columns(t);
}

void RowLayout::insert_metric_columns(hid_t type) const {
  const Handle text = string_type(H5T_VARIABLE, H5T_STR_NULLTERM, H5T_CSET_UTF8);
  check(H5Tinsert(type, schema::kMetadata, metadata_, text.get()), kBuilding);
  std::size_t offset = metadata_ + sizeof(char*);
  for (const auto& name : metrics_) {
    check(H5Tinsert(type, schema::metric_column(name).c_str(), offset, H5T_NATIVE_DOUBLE),
          kBuilding + " (metric '" + name + "')");
    offset += sizeof(double);
  }
}

void RowLayout::pack(const Evaluation& ev, const RowExtras& extras, std::byte* row,
                     std::string& metadata_rest) const {
  put(row, kIdOffset, ev.id);
  put(row, kStatusOffset, static_cast<std::int8_t>(ev.status));
  const bool has_value = ev.status == Status::ok || ev.status == Status::stopped;
  put(row, kObjectiveOffset, has_value ? ev.objective : std::numeric_limits<double>::quiet_NaN());
  std::size_t found = 0;
  for (const auto& p : params_) {
    const Value* v = ev.config.find(p.name);
    found += v != nullptr ? 1 : 0;
    pack_param(p, v, row);
  }
  if (found != ev.config.size()) {
    throw Error::internal("cannot record evaluation " + std::to_string(ev.id) +
                          ": its configuration '" + ev.config.to_string() +
                          "' has parameters the search space does not have");
  }
  put(row, fidelity_, ev.fidelity);
  if (trial_columns_) {
    put(row, trial_, static_cast<std::int64_t>(ev.trial >= 0 ? ev.trial : ev.id));
    put(row, from_fidelity_, ev.from_fidelity);
    put(row, rung_, ev.rung);
    put(row, decision_, static_cast<std::int8_t>(ev.decision));
  }
  if (parent_column_) put(row, parent_, static_cast<std::int64_t>(ev.parent));
  put(row, requeue_of_, static_cast<std::int64_t>(extras.requeue_of));
  put(row, allocation_, extras.allocation);
  put(row, worker_rank_, static_cast<std::int32_t>(ev.worker_rank));
  std::memset(row + host_, 0, schema::kHostSize);
  std::memcpy(row + host_, ev.host.data(), std::min(ev.host.size(), schema::kHostSize));
  put(row, submitted_, ev.submitted_at);
  put(row, started_, ev.started_at);
  put(row, finished_, ev.finished_at);
  put(row, message_, ev.message.c_str());
  if (!metric_columns_) return;
  MetricSplit split = split_metadata(ev.metadata, metrics_);
  metadata_rest = std::move(split.rest);
  put(row, metadata_, metadata_rest.c_str());
  for (std::size_t k = 0; k < metrics_.size(); ++k) {
    put(row, metadata_ + sizeof(char*) + k * sizeof(double), split.values[k]);
  }
}

Evaluation RowLayout::unpack(const std::byte* row, RowExtras* extras) const {
  Evaluation ev;
  ev.id = get<std::int64_t>(row, kIdOffset);
  const auto status = get<std::int8_t>(row, kStatusOffset);
  if (status < 0 || status > static_cast<std::int8_t>(Status::lost)) {
    throw Error::input("evaluation " + std::to_string(ev.id) + " has an unknown status value " +
                       std::to_string(status));
  }
  ev.status = static_cast<Status>(status);
  ev.objective = get<double>(row, kObjectiveOffset);
  Value storage;
  for (const auto& p : params_) {
    if (const Value* v = unpack_param(p, row, storage)) ev.config.set(p.name, *v);
  }
  if (extras != nullptr) {
    extras->requeue_of = get<std::int64_t>(row, requeue_of_);
    extras->allocation = get<std::int32_t>(row, allocation_);
  }
  ev.fidelity = get<double>(row, fidelity_);
  unpack_trial(row, ev);
  ev.worker_rank = get<std::int32_t>(row, worker_rank_);
  const auto* host = reinterpret_cast<const char*>(row + host_);
  ev.host.assign(host, strnlen(host, schema::kHostSize));
  ev.submitted_at = get<double>(row, submitted_);
  ev.started_at = get<double>(row, started_);
  ev.finished_at = get<double>(row, finished_);
  if (const auto* message = get<const char*>(row, message_)) ev.message = message;
  if (metric_columns_) {
    std::vector<double> values(metrics_.size());
    for (std::size_t k = 0; k < metrics_.size(); ++k) {
      values[k] = get<double>(row, metadata_ + sizeof(char*) + k * sizeof(double));
    }
    const auto* rest = get<const char*>(row, metadata_);
    ev.metadata = join_metadata(metrics_, values, rest != nullptr ? rest : "");
  }
  return ev;
}

void RowLayout::unpack_trial(const std::byte* row, Evaluation& ev) const {
  if (!trial_columns_) {
    ev.trial = ev.id;
    return;
  }
  ev.trial = get<std::int64_t>(row, trial_);
  ev.from_fidelity = get<double>(row, from_fidelity_);
  ev.rung = get<std::int32_t>(row, rung_);
  const auto decision = get<std::int8_t>(row, decision_);
  if (trial_decisions.name_of(static_cast<TrialDecision>(decision)) == "?") {
    throw Error::input("evaluation " + std::to_string(ev.id) + " has an unknown decision value " +
                       std::to_string(decision));
  }
  ev.decision = static_cast<TrialDecision>(decision);
  if (parent_column_) ev.parent = get<std::int64_t>(row, parent_);
}

std::vector<std::byte> RowLayout::fill_row() const {
  std::vector<std::byte> row(size_, std::byte{0});
  put(row.data(), kIdOffset, schema::kUnwrittenId);
  put(row.data(), kObjectiveOffset, std::numeric_limits<double>::quiet_NaN());
  for (const auto& p : params_) pack_param(p, nullptr, row.data());
  if (trial_columns_) {
    put(row.data(), trial_, schema::kUnwrittenId);
    put(row.data(), rung_, schema::kNoRung);
  }
  if (parent_column_) put(row.data(), parent_, std::int64_t{-1});
  put(row.data(), requeue_of_, schema::kNoRequeue);
  put(row.data(), message_, static_cast<const char*>(nullptr));
  if (metric_columns_) {
    put(row.data(), metadata_, static_cast<const char*>(nullptr));
    for (std::size_t k = 0; k < metrics_.size(); ++k) {
      put(row.data(), metadata_ + sizeof(char*) + k * sizeof(double),
          std::numeric_limits<double>::quiet_NaN());
    }
  }
  return row;
}

} // namespace hpsearch::h5
