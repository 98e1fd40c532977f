#include "hpsearch/store/row_columns.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/store/h5_attribute.hpp"
#include "hpsearch/store/h5_error.hpp"
#include "hpsearch/store/schema.hpp"

#include <algorithm>
#include <charconv>

namespace hpsearch::h5 {

namespace {

Value parse_choice(const std::string& text, std::int8_t kind, const std::string& context) {
  const char* end = text.data() + text.size();
  switch (kind) {
  case schema::kChoiceInt: {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(text.data(), end, v);
    if (ec == std::errc{} && p == end) return v;
    break;
  }
  case schema::kChoiceReal: {
    double v = 0.0;
    auto [p, ec] = std::from_chars(text.data(), end, v);
    if (ec == std::errc{} && p == end) return v;
    break;
  }
  case schema::kChoiceBool:
    if (text == "true" || text == "false") return text == "true";
    break;
  case schema::kChoiceString:
    return text;
  }
  throw Error::input(context + ": choice '" + text + "' does not match its kind " +
                     std::to_string(kind));
}

ParamColumn read_param_column(hid_t ds, hid_t member_type, const std::string& name,
                              const std::string& path) {
  ParamColumn column{name, ParamKind::real, {}, 0};
  const std::string choices = schema::choices_attribute(name);
  const H5T_class_t cls = H5Tget_class(member_type);
  if (has_attribute(ds, choices, path)) {
    column.kind = ParamKind::categorical;
    const auto texts = read_strings_attribute(ds, choices, path);
    const std::string kinds_name = schema::choice_kinds_attribute(name);
    std::vector<std::int8_t> kinds(texts.size(), schema::kChoiceString);
    if (has_attribute(ds, kinds_name, path)) {
      kinds = read_int8s_attribute(ds, kinds_name, path);
    }
    const std::string context = "checkpoint '" + path + "', parameter '" + name + "'";
    if (kinds.size() != texts.size())
      throw Error::input(context + ": choices and kinds differ in size");
    for (std::size_t i = 0; i < texts.size(); ++i) {
      column.choices.push_back(parse_choice(texts[i], kinds[i], context));
    }
    if (has_attribute(ds, schema::param_kind_attribute(name), path)) {
      const std::string kind = read_string_attribute(ds, schema::param_kind_attribute(name), path);
      if (kind == "ordinal") {
        column.kind = ParamKind::ordinal;
      } else if (kind == "constant") {
        column.kind = ParamKind::constant;
      } else if (kind != "categorical") {
        throw Error::input("checkpoint '" + path + "', parameter '" + name + "': unknown kind '" +
                           kind + "'");
      }
    }
  } else if (cls == H5T_INTEGER) {
    column.kind = ParamKind::integer;
  } else if (cls != H5T_FLOAT) {
    throw Error::input("checkpoint '" + path + "': column p:" + name +
                       " is neither a number nor a choice");
  }
  return column;
}

/// Whether `names` holds the four trial columns (format 4) or none (format 3); throws
/// naming the first one missing when it holds some but not all.
bool has_trial_columns(const std::vector<std::string>& names, const std::string& path) {
  const char* trial_columns[] = {schema::kTrial, schema::kFromFidelity, schema::kRung,
                                 schema::kDecision};
  std::size_t found = 0;
  const char* missing = nullptr;
  for (const char* column : trial_columns) {
    if (std::find(names.begin(), names.end(), column) != names.end()) {
      ++found;
    } else if (missing == nullptr) {
      missing = column;
    }
  }
  if (found != 0 && missing != nullptr) {
    throw Error::input("checkpoint '" + path + "': /evaluations has trial columns but no '" +
                       missing + "'");
  }
  return found != 0;
}

} // namespace

FileColumns read_columns(hid_t ds, const std::string& path) {
  const std::string what = "cannot read the columns of checkpoint '" + path + "'";
  Handle type = Handle::checked(H5Dget_type(ds), datatype, what);
  if (H5Tget_class(type.get()) != H5T_COMPOUND) {
    throw Error::input("checkpoint '" + path + "': /evaluations is not a table of compound rows");
  }
  const int n = H5Tget_nmembers(type.get());
  if (n < 0) fail(what);
  std::vector<std::string> names;
  FileColumns columns;
  std::vector<ParamColumn>& params = columns.params;
  for (int i = 0; i < n; ++i) {
    char* raw = H5Tget_member_name(type.get(), static_cast<unsigned>(i));
    if (raw == nullptr) fail(what);
    std::string name(raw);
    H5free_memory(raw);
    names.push_back(name);
    if (name.rfind(schema::kMetricPrefix, 0) == 0) {
      Handle member =
          Handle::checked(H5Tget_member_type(type.get(), static_cast<unsigned>(i)), datatype, what);
      if (H5Tget_class(member.get()) != H5T_FLOAT) {
        throw Error::input("checkpoint '" + path + "': metric column " + name +
                           " is not a floating-point number");
      }
      columns.metrics.push_back(name.substr(schema::kMetricPrefix.size()));
      continue;
    }
    if (name.rfind(schema::kParamPrefix, 0) != 0) continue;
    Handle member =
        Handle::checked(H5Tget_member_type(type.get(), static_cast<unsigned>(i)), datatype, what);
    params.push_back(
        read_param_column(ds, member.get(), name.substr(schema::kParamPrefix.size()), path));
  }
  for (const char* required :
       {schema::kId, schema::kStatus, schema::kObjective, schema::kFidelity, schema::kRequeueOf,
        schema::kAllocation, schema::kWorkerRank, schema::kHost, schema::kSubmittedAt,
        schema::kStartedAt, schema::kFinishedAt, schema::kMessage}) {
    if (std::find(names.begin(), names.end(), required) == names.end()) {
      throw Error::input("checkpoint '" + path + "': /evaluations has no column '" + required +
                         "'");
    }
  }
  columns.trial_columns = has_trial_columns(names, path);
  columns.metric_columns = std::find(names.begin(), names.end(), schema::kMetadata) != names.end();
  if (!columns.metric_columns && !columns.metrics.empty()) {
    throw Error::input("checkpoint '" + path + "': /evaluations has metric columns but no '" +
                       schema::kMetadata + "'");
  }
  columns.parent_column = std::find(names.begin(), names.end(), schema::kParent) != names.end();
  if (columns.parent_column && !columns.trial_columns) {
    throw Error::input("checkpoint '" + path + "': /evaluations has a parent column but no " +
                       "trial columns");
  }
  return columns;
}

} // namespace hpsearch::h5
