// GeoJSON geometry checks for zaakgeometrie: the type and the shape of the coordinates (WGS84,
// EPSG:4326), the bounding box, and whether a geometry lies within another (_zoek). Pure.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

namespace loket::zgw {

struct BoundingBox {
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

// Why the value is not a GeoJSON geometry (a reason for invalidParams), or nullopt.
std::optional<std::string> check_geometry(const boost::json::value& geometry);
// The bounding box of a valid geometry (nullopt for an empty collection).
std::optional<BoundingBox> bounding_box(const boost::json::value& geometry);
// Every position of `geometry` lies in `area`, which may be any GeoJSON geometry (the yaml's
// GeoWithin): on one of its points, on one of its lines (within about 0.1 mm), or inside or on the
// edge of one of its polygons (holes respected). Only positions are tested, not the segments
// between them. Both must be valid.
bool within(const boost::json::value& geometry, const boost::json::value& area);

}  // namespace loket::zgw
