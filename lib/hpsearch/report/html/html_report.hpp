#pragma once
// render_html_report: `hpsearch report CHECKPOINT -o report.html` — one self-contained HTML
// file (inline CSS and SVG, a little inline JavaScript for hover read-outs and table
// sorting; no URL to fetch anything from) with the sections of report/html/sections.hpp:
// summary, best so far, worker utilization, parameter importance, parallel coordinates,
// partial dependence, learning curves, the table of evaluations and the problem file.
#include "hpsearch/space/search_space.hpp"
#include "hpsearch/store/reader.hpp"

#include <string>

namespace hpsearch {

/// The report of `contents`. `space`: the search space of the stored problem, or nullptr
/// when it cannot be read (`space_error` says why; the sections that need the space say so).
std::string render_html_report(const CheckpointContents& contents, const SearchSpace* space,
                               const std::string& space_error = "");

} // namespace hpsearch
