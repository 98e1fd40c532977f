#include "hpsearch/report/html/sections.hpp"

#include "hpsearch/report/html/svg_plot.hpp"
#include "hpsearch/report/text_table.hpp"

#include <cstdio>

namespace hpsearch::report::html {

std::string section(const std::string& id, const std::string& title, const std::string& body) {
  return "<section id=\"" + id + "\"><h2>" + escape(title) + "</h2>" + body + "</section>\n";
}

std::string note(const std::string& text) {
  return "<p class=\"note\">" + escape(text) + "</p>";
}

std::string number(double x) {
  return format_number(x);
}

std::string formatted(const char* format, double x) {
  char buf[48];
  std::snprintf(buf, sizeof buf, format, x);
  return buf;
}

std::string without_space(const ReportData& data, const std::string& id, const std::string& title) {
  return section(
      id, title,
      note("needs the search space: the stored problem cannot be read: " + data.space_error));
}

} // namespace hpsearch::report::html
