#include "hpsearch/report/html/svg_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hpsearch::report::html {

namespace {

bool usable_log(const Axis& a) {
  return a.log && a.lo > 0.0 && a.hi > 0.0;
}

/// Widens an empty or inverted range; drops log when it cannot hold.
Axis checked(Axis a) {
  if (!std::isfinite(a.lo) || !std::isfinite(a.hi)) a.lo = 0.0, a.hi = 1.0;
  if (a.hi < a.lo) std::swap(a.lo, a.hi);
  a.log = usable_log(a);
  if (a.hi == a.lo) {
    if (a.log) {
      a.lo /= 2.0, a.hi *= 2.0;
    } else {
      const double pad = a.lo == 0.0 ? 1.0 : std::abs(a.lo) * 0.1;
      a.lo -= pad, a.hi += pad;
    }
  }
  if (!a.categories.empty()) {
    a.log = false;
    a.lo = -0.5, a.hi = static_cast<double>(a.categories.size()) - 0.5;
  }
  return a;
}

double fraction(const Axis& a, double v) {
  if (a.log) {
    if (v <= 0.0) return -1.0;
    return (std::log10(v) - std::log10(a.lo)) / (std::log10(a.hi) - std::log10(a.lo));
  }
  return (v - a.lo) / (a.hi - a.lo);
}

std::string attr(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + escape(value) + "\"";
}

std::string precise(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string titled(const std::string& title) {
  return title.empty() ? "" : "<title>" + escape(title) + "</title>";
}

} // namespace

std::string svg_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s == "-0" ? "0" : s;
}

std::string escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::vector<double> nice_ticks(double lo, double hi, int target, bool log) {
  std::vector<double> ticks;
  if (!std::isfinite(lo) || !std::isfinite(hi) || target < 1) return ticks;
  if (hi < lo) std::swap(lo, hi);
  if (log && lo > 0.0) {
    const int first = static_cast<int>(std::ceil(std::log10(lo) - 1e-9));
    const int last = static_cast<int>(std::floor(std::log10(hi) + 1e-9));
    if (last - first >= 1) {
      const int every = std::max(1, (last - first + target - 1) / target);
      for (int e = first; e <= last; e += every) ticks.push_back(std::pow(10.0, e));
      return ticks;
    }
  }
  if (hi == lo) return {lo};
  const double raw = (hi - lo) / target;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  const double start = std::ceil(lo / step - 1e-9) * step;
  for (double t = start; t <= hi + step * 1e-9; t += step) {
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  }
  return ticks;
}

std::string tick_label(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", value);
  return buf;
}

SvgPlot::SvgPlot(std::string id, Axis x, Axis y, double width, double height)
    : id_(std::move(id)), x_(checked(std::move(x))), y_(checked(std::move(y))), width_(width),
      height_(height) {}

double SvgPlot::px(double x) const {
  const double f = std::clamp(fraction(x_, x), 0.0, 1.0);
  return left_ + f * (width_ - left_ - right_);
}

double SvgPlot::py(double y) const {
  const double f = std::clamp(fraction(y_, y), 0.0, 1.0);
  return height_ - bottom_ - f * (height_ - top_ - bottom_);
}

std::string SvgPlot::path_of(const std::vector<Point>& points, bool steps) const {
  std::string d;
  bool open = false;
  for (const Point& p : points) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
      open = false;
      continue;
    }
    if (!open) {
      d += "M" + svg_number(px(p.x)) + " " + svg_number(py(p.y));
    } else if (steps) {
      d += "H" + svg_number(px(p.x)) + "V" + svg_number(py(p.y));
    } else {
      d += "L" + svg_number(px(p.x)) + " " + svg_number(py(p.y));
    }
    open = true;
  }
  return d;
}

void SvgPlot::polyline(const std::vector<Point>& points, const std::string& css_class,
                       const std::string& title) {
  const std::string d = path_of(points, false);
  if (d.empty()) return;
  body_ += "<path" + attr("class", css_class) + attr("d", d) + ">" + titled(title) + "</path>";
}

void SvgPlot::step(const std::vector<Point>& points, const std::string& css_class,
                   const std::string& title) {
  const std::string d = path_of(points, true);
  if (d.empty()) return;
  body_ += "<path" + attr("class", css_class) + attr("d", d) + ">" + titled(title) + "</path>";
}

void SvgPlot::scatter(const std::vector<Point>& points, const std::string& css_class,
                      const std::string& title) {
  std::string d;
  for (const Point& p : points) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
    d += "M" + svg_number(px(p.x)) + " " + svg_number(py(p.y)) + "h0";
  }
  if (d.empty()) return;
  body_ +=
      "<path" + attr("class", "dots " + css_class) + attr("d", d) + ">" + titled(title) + "</path>";
}

void SvgPlot::crosses(const std::vector<Point>& points, const std::string& css_class,
                      const std::string& title) {
  std::string d;
  for (const Point& p : points) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
    const double x = px(p.x), y = py(p.y);
    d += "M" + svg_number(x - 3) + " " + svg_number(y - 3) + "l6 6m0 -6l-6 6";
  }
  if (d.empty()) return;
  body_ += "<path" + attr("class", "cross " + css_class) + attr("d", d) + ">" + titled(title) +
           "</path>";
}

void SvgPlot::vline(double x, const std::string& css_class, const std::string& label) {
  const std::string sx = svg_number(px(x));
  body_ += "<line" + attr("class", css_class) + attr("x1", sx) + attr("x2", sx) +
           attr("y1", svg_number(top_)) + attr("y2", svg_number(height_ - bottom_)) + "/>";
  if (!label.empty()) {
    body_ += "<text class=\"mark\"" + attr("x", svg_number(px(x) + 3)) +
             attr("y", svg_number(top_ + 10)) + ">" + escape(label) + "</text>";
  }
}

void SvgPlot::hline(double y, const std::string& css_class, const std::string& label) {
  const std::string sy = svg_number(py(y));
  body_ += "<line" + attr("class", css_class) + attr("x1", svg_number(left_)) +
           attr("x2", svg_number(width_ - right_)) + attr("y1", sy) + attr("y2", sy) + "/>";
  if (!label.empty()) {
    body_ += "<text class=\"mark\" text-anchor=\"end\"" + attr("x", svg_number(width_ - right_)) +
             attr("y", svg_number(py(y) - 4)) + ">" + escape(label) + "</text>";
  }
}

std::string SvgPlot::axes() const {
  std::string out;
  const double x0 = left_, x1 = width_ - right_, y0 = height_ - bottom_, y1 = top_;
  out += "<rect class=\"frame\"" + attr("x", svg_number(x0)) + attr("y", svg_number(y1)) +
         attr("width", svg_number(x1 - x0)) + attr("height", svg_number(y0 - y1)) + "/>";
  auto ticks_of = [](const Axis& a) {
    std::vector<std::pair<double, std::string>> ticks;
    if (!a.categories.empty()) {
      for (std::size_t i = 0; i < a.categories.size(); ++i) {
        ticks.emplace_back(static_cast<double>(i), a.categories[i]);
      }
    } else {
      for (double t : nice_ticks(a.lo, a.hi, 6, a.log)) ticks.emplace_back(t, tick_label(t));
    }
    return ticks;
  };
  for (const auto& [t, label] : ticks_of(x_)) {
    const std::string sx = svg_number(px(t));
    out += "<line class=\"tick\"" + attr("x1", sx) + attr("x2", sx) + attr("y1", svg_number(y0)) +
           attr("y2", svg_number(y0 + 5)) + "/><text class=\"tl\" text-anchor=\"middle\"" +
           attr("x", sx) + attr("y", svg_number(y0 + 17)) + ">" + escape(label) + "</text>";
  }
  for (const auto& [t, label] : ticks_of(y_)) {
    const std::string sy = svg_number(py(t));
    out += "<line class=\"tick\"" + attr("x1", svg_number(x0 - 5)) + attr("x2", svg_number(x0)) +
           attr("y1", sy) + attr("y2", sy) + "/><text class=\"tl\" text-anchor=\"end\"" +
           attr("x", svg_number(x0 - 7)) + attr("y", svg_number(py(t) + 4)) + ">" + escape(label) +
           "</text>";
  }
  out += "<text class=\"al\" text-anchor=\"middle\"" + attr("x", svg_number((x0 + x1) / 2)) +
         attr("y", svg_number(height_ - 6)) + ">" + escape(x_.label) + "</text>";
  out += "<text class=\"al\" text-anchor=\"middle\"" +
         attr("transform", "translate(14 " + svg_number((y0 + y1) / 2) + ") rotate(-90)") + ">" +
         escape(y_.label) + "</text>";
  return out;
}

std::string SvgPlot::svg() const {
  auto data = [](const Axis& a, const std::string& n) {
    return attr("data-" + n + "0", precise(a.lo)) + attr("data-" + n + "1", precise(a.hi)) +
           attr("data-" + n + "log", a.log ? "1" : "0");
  };
  return "<svg class=\"plot\"" + attr("id", id_) +
         attr("viewBox", "0 0 " + svg_number(width_) + " " + svg_number(height_)) +
         attr("width", svg_number(width_)) + attr("height", svg_number(height_)) + data(x_, "x") +
         data(y_, "y") + attr("data-px0", svg_number(left_)) +
         attr("data-px1", svg_number(width_ - right_)) +
         attr("data-py0", svg_number(height_ - bottom_)) + attr("data-py1", svg_number(top_)) +
         ">" + axes() + body_ + "</svg>";
}

} // namespace hpsearch::report::html
