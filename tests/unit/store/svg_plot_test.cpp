// The HTML report's SVG plotting helper (report/html/svg_plot.hpp): ticks, scales, paths.
#include "hpsearch/report/html/svg_plot.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch::report::html {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

void expect_ticks(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-12) << i;
}

TEST(NiceTicks, LinearTicksAreRoundStepsInsideTheRange) {
  expect_ticks(nice_ticks(0.0, 1.0, 5), {0.0, 0.2, 0.4, 0.6, 0.8, 1.0});
  expect_ticks(nice_ticks(-3.7, 12.2, 6), {0.0, 5.0, 10.0});
  expect_ticks(nice_ticks(12.2, -3.7, 6), {0.0, 5.0, 10.0}); // reversed bounds
  expect_ticks(nice_ticks(1234.0, 1236.0, 4), {1234.0, 1234.5, 1235.0, 1235.5, 1236.0});
  expect_ticks(nice_ticks(-1.0, -1.0, 4), {-1.0});
  EXPECT_TRUE(nice_ticks(0.0, std::nan(""), 4).empty());
}

TEST(NiceTicks, LogTicksArePowersOfTenThinnedToTheTarget) {
  expect_ticks(nice_ticks(1e-3, 10.0, 6, true), {1e-3, 1e-2, 1e-1, 1.0, 10.0});
  expect_ticks(nice_ticks(1e-9, 1e3, 4, true), {1e-9, 1e-6, 1e-3, 1.0, 1e3});
  // Less than a decade: the linear ticks.
  expect_ticks(nice_ticks(2.0, 8.0, 3, true), {2.0, 4.0, 6.0, 8.0});
}

TEST(TickLabel, FourSignificantDigits) {
  EXPECT_EQ(tick_label(0.001), "0.001");
  EXPECT_EQ(tick_label(2500.0), "2500");
  EXPECT_EQ(tick_label(1e6), "1e+06");
  EXPECT_EQ(tick_label(0.123456), "0.1235");
}

TEST(SvgPlot, MapsTheRangeOntoThePlotAreaAndClampsOutside) {
  SvgPlot plot("p", {0.0, 10.0, false, "x", {}}, {0.0, 1.0, false, "y", {}}, 200.0, 100.0);
  // Margins: left 64, right 16, top 16, bottom 44.
  EXPECT_DOUBLE_EQ(plot.px(0.0), 64.0);
  EXPECT_DOUBLE_EQ(plot.px(10.0), 184.0);
  EXPECT_DOUBLE_EQ(plot.px(5.0), 124.0);
  EXPECT_DOUBLE_EQ(plot.px(-5.0), 64.0);
  EXPECT_DOUBLE_EQ(plot.px(1e300), 184.0);
  EXPECT_DOUBLE_EQ(plot.py(0.0), 56.0); // bottom
  EXPECT_DOUBLE_EQ(plot.py(1.0), 16.0); // top
}

TEST(SvgPlot, LogAxisPutsTheGeometricMeanInTheMiddle) {
  SvgPlot plot("p", {1.0, 100.0, true, "x", {}}, {1e-4, 1.0, true, "y", {}}, 200.0, 100.0);
  EXPECT_DOUBLE_EQ(plot.px(10.0), 124.0);
  EXPECT_DOUBLE_EQ(plot.py(1e-2), 36.0);
  const std::string svg = plot.svg();
  EXPECT_NE(svg.find("data-xlog=\"1\""), std::string::npos);
  EXPECT_NE(svg.find(">10<"), std::string::npos) << "a tick at 10";
}

TEST(SvgPlot, ALogAxisThatCannotHoldFallsBackToLinear) {
  SvgPlot plot("p", {-1.0, 1.0, true, "x", {}}, {0.0, 0.0, false, "y", {}}, 200.0, 100.0);
  EXPECT_DOUBLE_EQ(plot.px(0.0), 124.0);
  const std::string svg = plot.svg();
  EXPECT_NE(svg.find("data-xlog=\"0\""), std::string::npos);
  // The empty y range [0, 0] is widened so 0 lies in its middle.
  EXPECT_DOUBLE_EQ(plot.py(0.0), 36.0);
}

TEST(SvgPlot, PathsBreakAtNaNAndStepLinesGoAcrossThenUp) {
  SvgPlot plot("p", {0.0, 10.0, false, "x", {}}, {0.0, 10.0, false, "y", {}}, 200.0, 100.0);
  plot.polyline({{0, 0}, {1, 1}, {std::nan(""), 2}, {3, 3}, {4, 4}}, "line");
  plot.step({{0, 0}, {5, 10}}, "steps");
  plot.scatter({{1, 1}, {2, 2}, {3, std::nan("")}}, "pts");
  const std::string svg = plot.svg();
  EXPECT_NE(svg.find("d=\"M64 56L76 52M100 44L112 40\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("d=\"M64 56H124V16\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("class=\"dots pts\" d=\"M76 52h0M88 48h0\""), std::string::npos) << svg;
}

TEST(SvgPlot, CategoryAxisNamesItsTicksAndTextIsEscaped) {
  SvgPlot plot("p", {0, 0, false, "act<x>", {"relu", "t&h"}}, {0.0, 1.0, false, "y", {}});
  plot.vline(1.0, "mark", "a \"b\"");
  const std::string svg = plot.svg();
  EXPECT_NE(svg.find(">relu<"), std::string::npos);
  EXPECT_NE(svg.find(">t&amp;h<"), std::string::npos);
  EXPECT_NE(svg.find(">act&lt;x&gt;<"), std::string::npos);
  EXPECT_NE(svg.find(">a &quot;b&quot;<"), std::string::npos);
  EXPECT_EQ(count(svg, "<svg"), 1u);
  EXPECT_EQ(svg.find("http"), std::string::npos) << "inline SVG needs no namespace URL";
}

} // namespace
} // namespace hpsearch::report::html
