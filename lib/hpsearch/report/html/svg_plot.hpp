#pragma once
// SvgPlot: a small plotting helper that writes one chart as inline SVG for the HTML report:
// axes with "nice" ticks (linear or log scale, or category names), polylines, step lines,
// scatter points, vertical markers and horizontal reference lines. Styling is by CSS class
// (the report's stylesheet, report/html/page.cpp), so the SVG carries geometry only.
//
// Each <svg> carries its data ranges (data-x0/x1/y0/y1, data-xlog/ylog and the plot area in
// pixels), which the page's script uses to show the data coordinates under the cursor.
#include <string>
#include <utility>
#include <vector>

namespace hpsearch::report::html {

struct Point {
  double x = 0.0;
  double y = 0.0;
};

/// Tick positions for [lo, hi]: about `target` round values (1, 2 or 5 times a power of
/// ten) inside the range, ascending. Log scale: the powers of ten inside [lo, hi] (lo > 0),
/// thinned to at most `target` + 1; when none or only one falls inside, the nice linear ticks.
std::vector<double> nice_ticks(double lo, double hi, int target, bool log = false);

/// A tick label: "%g" with up to 4 significant digits ("0.001", "2500", "1e+06").
std::string tick_label(double value);

struct Axis {
  double lo = 0.0;
  double hi = 1.0;
  bool log = false;                    ///< needs lo > 0
  std::string label;                   ///< the axis title
  std::vector<std::string> categories; ///< non-empty: ticks at 0..k-1 named by these
};

class SvgPlot {
public:
  static constexpr double kWidth = 640.0;
  static constexpr double kHeight = 300.0;

  /// Ranges are widened when empty (lo == hi) and, for log axes, checked (lo > 0; else the
  /// axis falls back to linear). `id` becomes the <svg id>.
  SvgPlot(std::string id, Axis x, Axis y, double width = kWidth, double height = kHeight);

  /// Pixel coordinates of a data point (clamped to the plot area when outside).
  double px(double x) const;
  double py(double y) const;

  /// A line through `points` (NaN points break it).
  void polyline(const std::vector<Point>& points, const std::string& css_class,
                const std::string& title = "");
  /// A step line: horizontal to each next x, then vertical (best-so-far, busy workers).
  void step(const std::vector<Point>& points, const std::string& css_class,
            const std::string& title = "");
  /// Dots at `points`, drawn as one path (compact for thousands of points).
  void scatter(const std::vector<Point>& points, const std::string& css_class,
               const std::string& title = "");
  /// Small crosses at `points` (failures), one path.
  void crosses(const std::vector<Point>& points, const std::string& css_class,
               const std::string& title = "");
  /// A vertical line across the plot at data x, labelled at its top.
  void vline(double x, const std::string& css_class, const std::string& label = "");
  /// A horizontal line across the plot at data y, labelled at its right end.
  void hline(double y, const std::string& css_class, const std::string& label = "");
  /// Free SVG content drawn inside the plot (already in pixel coordinates).
  void raw(const std::string& svg) { body_ += svg; }

  /// The complete <svg> element.
  std::string svg() const;

private:
  std::string path_of(const std::vector<Point>& points, bool steps) const;
  std::string axes() const;

  std::string id_;
  Axis x_;
  Axis y_;
  double width_;
  double height_;
  double left_ = 64.0, right_ = 16.0, top_ = 16.0, bottom_ = 44.0;
  std::string body_;
};

/// "M"/"L" coordinates are written with one decimal.
std::string svg_number(double v);

/// `text` with &, <, >, " and ' escaped for HTML/SVG text and attributes.
std::string escape(const std::string& text);

} // namespace hpsearch::report::html
