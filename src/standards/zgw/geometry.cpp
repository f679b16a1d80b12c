// GeoJSON geometry checks; see geometry.hpp.
#include "standards/zgw/geometry.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <functional>
#include <string_view>
#include <vector>

namespace loket::zgw {
namespace json = boost::json;

namespace {

struct Point {
  double x, y;
};

bool is_number(const json::value& v) { return v.is_double() || v.is_int64() || v.is_uint64(); }

std::optional<std::string> check_position(const json::value& v) {
  if (!v.is_array()) return "Een positie is een lijst [lengtegraad, breedtegraad].";
  const auto& a = v.as_array();
  if (a.size() < 2 || a.size() > 3) return "Een positie heeft 2 of 3 getallen.";
  for (const auto& n : a) {
    if (!is_number(n)) return "Een positie bestaat uit getallen.";
  }
  auto x = a[0].to_number<double>(), y = a[1].to_number<double>();
  if (x < -180 || x > 180 || y < -90 || y > 90) {
    return "Een positie ligt binnen [-180, 180] x [-90, 90] (EPSG:4326).";
  }
  return std::nullopt;
}

// depth 0: a position; 1: a list of positions; 2: a list of lists; 3: a list of lists of lists.
// `min` is the least number of items at depth 1 (2 for a line, 4 for a ring).
std::optional<std::string> check_nested(const json::value& v, int depth, std::size_t min,
                                        bool ring) {
  if (depth == 0) return check_position(v);
  if (!v.is_array()) return "De coördinaten hebben niet de vorm die bij dit type hoort.";
  const auto& a = v.as_array();
  if (depth == 1 && a.size() < min) {
    return ring ? "Een ring heeft minstens 4 posities." : "Een lijn heeft minstens 2 posities.";
  }
  if (depth > 1 && ring && depth == 2 && a.empty()) return "Een polygoon heeft minstens één ring.";
  for (const auto& item : a) {
    if (auto p = check_nested(item, depth - 1, min, ring)) return p;
  }
  if (depth == 1 && ring && a.front() != a.back()) {
    return "Een ring eindigt op de positie waarmee hij begint.";
  }
  return std::nullopt;
}

void positions(const json::value& g, const std::function<void(Point)>& visit) {
  const auto& o = g.as_object();
  auto type = o.at("type").as_string();
  if (type == "GeometryCollection") {
    for (const auto& part : o.at("geometries").as_array()) positions(part, visit);
    return;
  }
  std::function<void(const json::value&)> walk = [&](const json::value& v) {
    const auto& a = v.as_array();
    if (!a.empty() && is_number(a[0])) {
      visit({a[0].to_number<double>(), a[1].to_number<double>()});
      return;
    }
    for (const auto& item : a) walk(item);
  };
  walk(o.at("coordinates"));
}

bool in_ring(Point p, const json::array& ring) {
  bool inside = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    auto xi = ring[i].as_array()[0].to_number<double>(),
         yi = ring[i].as_array()[1].to_number<double>();
    auto xj = ring[j].as_array()[0].to_number<double>(),
         yj = ring[j].as_array()[1].to_number<double>();
    // On an edge counts as inside.
    auto cross = (xj - xi) * (p.y - yi) - (yj - yi) * (p.x - xi);
    if (cross == 0 && std::min(xi, xj) <= p.x && p.x <= std::max(xi, xj) &&
        std::min(yi, yj) <= p.y && p.y <= std::max(yi, yj)) {
      return true;
    }
    if ((yi > p.y) != (yj > p.y) && p.x < (xj - xi) * (p.y - yi) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

bool in_polygon(Point p, const json::array& rings) {
  if (rings.empty() || !in_ring(p, rings[0].as_array())) return false;
  for (std::size_t i = 1; i < rings.size(); ++i) {
    if (in_ring(p, rings[i].as_array())) return false;
  }
  return true;
}

Point point_of(const json::value& position) {
  const auto& a = position.as_array();
  return {a[0].to_number<double>(), a[1].to_number<double>()};
}

// How far a position may lie from a point or line of the area and still be on it: about 0.1 mm
// in degrees, so that a position computed on a line (a rounding away from it) still counts.
constexpr double kOnTolerance = 1e-9;

bool on_point(Point p, Point q) {
  return std::abs(p.x - q.x) <= kOnTolerance && std::abs(p.y - q.y) <= kOnTolerance;
}

bool on_line(Point p, const json::array& line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    Point a = point_of(line[i]);
    if (on_point(p, a)) return true;
    if (i + 1 == line.size()) break;
    Point b = point_of(line[i + 1]);
    double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    if (len2 == 0) continue;
    double t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0);
    if (on_point(p, {a.x + t * dx, a.y + t * dy})) return true;
  }
  return false;
}

// The position lies in the area: on a point of it, on a line of it, or inside (or on the edge
// of) a polygon of it; a GeometryCollection covers what any of its parts covers.
bool covers(const json::value& area, Point p) {
  const auto& o = area.as_object();
  std::string_view type = o.at("type").as_string();
  if (type == "GeometryCollection") {
    const auto& parts = o.at("geometries").as_array();
    return std::any_of(parts.begin(), parts.end(),
                       [&](const json::value& part) { return covers(part, p); });
  }
  const auto& c = o.at("coordinates");
  auto any = [&](auto&& test) {
    const auto& items = c.as_array();
    return std::any_of(items.begin(), items.end(), test);
  };
  if (type == "Point") return on_point(p, point_of(c));
  if (type == "MultiPoint")
    return any([&](const json::value& q) { return on_point(p, point_of(q)); });
  if (type == "LineString") return on_line(p, c.as_array());
  if (type == "MultiLineString") {
    return any([&](const json::value& l) { return on_line(p, l.as_array()); });
  }
  if (type == "Polygon") return in_polygon(p, c.as_array());
  if (type == "MultiPolygon") {
    return any([&](const json::value& poly) { return in_polygon(p, poly.as_array()); });
  }
  return false;
}

}  // namespace

std::optional<std::string> check_geometry(const json::value& g) {
  if (!g.is_object()) return "Geef een GeoJSON-geometrie (een object met type en coordinates).";
  const auto& o = g.as_object();
  const auto* t = o.if_contains("type");
  if (!t || !t->is_string()) return "Een geometrie heeft een type.";
  std::string_view type = t->as_string();
  if (type == "GeometryCollection") {
    const auto* parts = o.if_contains("geometries");
    if (!parts || !parts->is_array()) return "Een GeometryCollection heeft een lijst geometries.";
    for (const auto& part : parts->as_array()) {
      if (auto p = check_geometry(part)) return p;
    }
    return std::nullopt;
  }
  const auto* c = o.if_contains("coordinates");
  if (!c) return "Een geometrie heeft coordinates.";
  if (type == "Point") return check_nested(*c, 0, 0, false);
  if (type == "MultiPoint") return check_nested(*c, 1, 0, false);
  if (type == "LineString") return check_nested(*c, 1, 2, false);
  if (type == "MultiLineString") return check_nested(*c, 2, 2, false);
  if (type == "Polygon") return check_nested(*c, 2, 4, true);
  if (type == "MultiPolygon") return check_nested(*c, 3, 4, true);
  return "Onbekend geometrietype; kies Point, MultiPoint, LineString, MultiLineString, Polygon, "
         "MultiPolygon of GeometryCollection.";
}

std::optional<BoundingBox> bounding_box(const json::value& g) {
  std::optional<BoundingBox> box;
  positions(g, [&](Point p) {
    if (!box) {
      box = BoundingBox{p.x, p.y, p.x, p.y};
      return;
    }
    box->min_x = std::min(box->min_x, p.x);
    box->min_y = std::min(box->min_y, p.y);
    box->max_x = std::max(box->max_x, p.x);
    box->max_y = std::max(box->max_y, p.y);
  });
  return box;
}

bool within(const json::value& g, const json::value& area) {
  bool all = true, any = false;
  positions(g, [&](Point p) {
    any = true;
    all = all && covers(area, p);
  });
  return any && all;
}

}  // namespace loket::zgw
