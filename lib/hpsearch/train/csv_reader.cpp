#include "hpsearch/train/csv_reader.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/train/text_file.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

namespace hpsearch::train {

namespace {

struct Line {
  std::string_view text;
  std::size_t number = 0; ///< 1-based line number in the file
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

/// The non-blank lines of `text` (a UTF-8 byte order mark at the start is dropped).
std::vector<Line> split_lines(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<Line> lines;
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = trim(text.substr(0, end));
    ++number;
    if (!line.empty()) lines.push_back({line, number});
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return lines;
}

bool is_number(std::string_view s) {
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc{} && end == s.data() + s.size() && std::isfinite(value);
}

class CsvParser {
public:
  CsvParser(std::string file, std::string label_column)
      : file_(std::move(file)), label_column_(std::move(label_column)) {}

  Dataset parse(const std::vector<Line>& lines) {
    if (lines.empty()) {
      throw Error::input("CSV data file '" + file_ +
                         "' is empty; expected rows of comma-separated " +
                         "numbers with a label column");
    }
    const std::vector<std::string_view> first = fields(lines[0]);
    width_ = first.size();
    if (width_ < 2) {
      throw Error::input("CSV data file '" + file_ + "' has " + std::to_string(width_) +
                         " column on line " + std::to_string(lines[0].number) +
                         "; expected at least one feature column and a label column");
    }
    const bool header = is_header(first, lines.size() > 1 ? fields(lines[1]) : first);
    if (header) header_.assign(first.begin(), first.end());
    label_ = label_index(lines[0].number);

    Dataset data;
    data.sample_shape = {static_cast<std::int64_t>(width_ - 1)};
    std::vector<std::string_view> labels;
    std::vector<std::size_t> label_lines;
    for (std::size_t r = header ? 1 : 0; r < lines.size(); ++r) {
      const std::vector<std::string_view> row = fields(lines[r]);
      if (row.size() != width_) {
        throw Error::input("CSV data file '" + file_ + "' line " + std::to_string(lines[r].number) +
                           " has " + std::to_string(row.size()) + " fields; expected " +
                           std::to_string(width_) + " (as on line " +
                           std::to_string(lines[0].number) + ")");
      }
      for (std::size_t c = 0; c < width_; ++c) {
        if (c == label_) continue;
        data.features.push_back(number(row[c], lines[r].number, c));
      }
      labels.push_back(row[label_]);
      label_lines.push_back(lines[r].number);
    }
    if (labels.empty()) {
      throw Error::input("CSV data file '" + file_ + "' has a header row but no data rows");
    }
    set_labels(data, labels, label_lines);
    return data;
  }

private:
  std::vector<std::string_view> fields(const Line& line) const {
    std::vector<std::string_view> out;
    std::string_view rest = line.text;
    while (true) {
      const std::size_t comma = rest.find(',');
      std::string_view field = trim(rest.substr(0, comma));
      if (field.starts_with('"')) {
        if (field.size() < 2 || !field.ends_with('"')) {
          throw Error::input("CSV data file '" + file_ + "' line " + std::to_string(line.number) +
                             ": a quoted field holding a comma is not supported");
        }
        field = field.substr(1, field.size() - 2);
      }
      out.push_back(field);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    return out;
  }

  /// A header when a feature field is text, or when the label is text but the next row's
  /// label is a number. With a label column named, any text field makes a header.
  bool is_header(const std::vector<std::string_view>& first,
                 const std::vector<std::string_view>& second) const {
    if (!label_column_.empty()) return !std::all_of(first.begin(), first.end(), is_number);
    if (!std::all_of(first.begin(), first.end() - 1, is_number)) return true;
    return !is_number(first.back()) && second.size() == first.size() && is_number(second.back());
  }

  std::size_t label_index(std::size_t line) const {
    if (label_column_.empty()) return width_ - 1;
    if (header_.empty()) {
      throw Error::input("CSV data file '" + file_ + "' has no header row (line " +
                         std::to_string(line) + " is all numbers), so its label column '" +
                         label_column_ + "' cannot be found; add a header or leave label_column " +
                         "empty to use the last column");
    }
    const auto it = std::find(header_.begin(), header_.end(), label_column_);
    if (it == header_.end()) {
      std::string names;
      for (const std::string& name : header_) names += (names.empty() ? "" : ", ") + name;
      throw Error::input("CSV data file '" + file_ + "' has no column '" + label_column_ +
                         "' for the labels; its columns are: " + names);
    }
    return static_cast<std::size_t>(it - header_.begin());
  }

  std::string column_name(std::size_t c) const {
    std::string name = "column " + std::to_string(c + 1);
    if (!header_.empty()) name += " ('" + header_[c] + "')";
    return name;
  }

  float number(std::string_view field, std::size_t line, std::size_t column) const {
    float value = 0;
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (ec != std::errc{} || end != field.data() + field.size() || !std::isfinite(value)) {
      throw Error::input("CSV data file '" + file_ + "' line " + std::to_string(line) + ", " +
                         column_name(column) + ": '" + std::string(field) +
                         "' is not a finite number; feature columns must hold numbers");
    }
    return value;
  }

  /// Integer labels as they are; otherwise names to indices in sorted order.
  void set_labels(Dataset& data, const std::vector<std::string_view>& labels,
                  const std::vector<std::size_t>& lines) const {
    if (std::all_of(labels.begin(), labels.end(), is_number)) {
      for (std::size_t i = 0; i < labels.size(); ++i) {
        std::int64_t value = -1;
        const std::string_view s = labels[i];
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
        if (ec != std::errc{} || end != s.data() + s.size() || value < 0) {
          throw Error::input(
              "CSV data file '" + file_ + "' line " + std::to_string(lines[i]) + ", " +
              column_name(label_) + ": label '" + std::string(s) +
              "' is not a non-negative integer class index (labels are class indices " +
              "0, 1, ... or class names)");
        }
        data.labels.push_back(value);
      }
      data.classes = *std::max_element(data.labels.begin(), data.labels.end()) + 1;
      return;
    }
    std::map<std::string_view, std::int64_t> classes;
    for (const std::string_view s : labels) classes.emplace(s, 0);
    std::int64_t next = 0;
    for (auto& entry : classes) entry.second = next++;
    for (const std::string_view s : labels) data.labels.push_back(classes.at(s));
    data.classes = next;
  }

  std::string file_;
  std::string label_column_;
  std::size_t width_ = 0;
  std::size_t label_ = 0;
  std::vector<std::string> header_;
};

} // namespace

Dataset read_csv(const std::string& file, const std::string& label_column) {
  const std::string text = read_text_file(file, "CSV data file");
  return CsvParser(file, label_column).parse(split_lines(text));
}

void probe_csv(const std::string& file, const std::string& label_column) {
  // The first three non-blank lines: a header, a row deciding it, and a data row.
  const std::string text = read_text_file(file, "CSV data file", 3);
  std::vector<Line> lines = split_lines(text);
  if (lines.size() > 3) lines.resize(3);
  CsvParser(file, label_column).parse(lines);
}

} // namespace hpsearch::train
