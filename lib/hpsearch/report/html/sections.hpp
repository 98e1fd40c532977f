#pragma once
// The HTML report's sections, one file each (report/html/section_*.cpp), and what they
// share: the checkpoint, the search space (when the stored problem can be read) and the
// figures computed once for several sections. Internal to report/html.
#include "hpsearch/report/html/forest_analysis.hpp"
#include "hpsearch/report/html/utilization.hpp"
#include "hpsearch/space/search_space.hpp"
#include "hpsearch/store/reader.hpp"

#include <string>
#include <vector>

namespace hpsearch::report::html {

struct ReportData {
  const CheckpointContents& contents;
  const SearchSpace* space = nullptr; ///< nullptr: the stored problem could not be read
  std::string space_error;            ///< why, when space is nullptr
  double origin = 0.0;                ///< time zero of the wall-time axes (Unix seconds)
  std::vector<AllocationUtilization> utilization;
  ForestAnalysis forest;
};

/// <section id="id"><h2>title</h2>body</section>
std::string section(const std::string& id, const std::string& title, const std::string& body);
/// A paragraph saying why a section has nothing to show.
std::string note(const std::string& text);
/// "%.6g" of `x` ("nan" for NaN).
std::string number(double x);
/// `x` through a printf `format` holding one double conversion ("%.3f").
std::string formatted(const char* format, double x);
/// The section `id` saying it needs the search space, which the stored problem lacks.
std::string without_space(const ReportData& data, const std::string& id, const std::string& title);

std::string summary_section(const ReportData& data);
std::string trajectory_section(const ReportData& data);
std::string utilization_section(const ReportData& data);
std::string importance_section(const ReportData& data);
std::string parallel_section(const ReportData& data);
std::string dependence_section(const ReportData& data);
std::string curves_section(const ReportData& data);
/// Empty unless the checkpoint has a lineage (population-based training).
std::string lineage_section(const ReportData& data);
std::string table_section(const ReportData& data);
std::string problem_section(const ReportData& data);

} // namespace hpsearch::report::html
