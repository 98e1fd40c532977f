#pragma once
// The HTML page around the report's sections: doctype, the stylesheet the SVG plots and
// tables use (classes named in svg_plot.hpp and the sections), and the inline script: the
// data coordinates under the cursor for every plot, and sorting of table.sortable by a click
// on a column header. Nothing is loaded from anywhere.
#include <string>

namespace hpsearch::report::html {

/// A complete HTML document titled `title` (escaped) around `body` (HTML).
std::string page(const std::string& title, const std::string& body);

} // namespace hpsearch::report::html
