#include "hpsearch/report/html/sections.hpp"
#include "hpsearch/report/html/svg_plot.hpp"

namespace hpsearch::report::html {

std::string problem_section(const ReportData& data) {
  const std::string& text = data.contents.info.problem_text;
  std::string body = text.empty() ? note("the checkpoint stores no problem file")
                                  : "<pre>" + escape(text) + "</pre>";
  if (data.space == nullptr) body += note("the stored problem cannot be read: " + data.space_error);
  return section("problem", "Problem file", body);
}

} // namespace hpsearch::report::html
