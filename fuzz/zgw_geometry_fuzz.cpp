// Fuzzes the GeoJSON checks of zaakgeometrie (geometry.hpp) on a JSON body: check_geometry on
// the body, its zaakgeometrie and the _zoek filter's zaakgeometrie.within, then bounding_box
// and within on what passed, as the Zaken API does.
#include <boost/json.hpp>
#include <cstdint>
#include <exception>
#include <vector>

#include "standards/zgw/geometry.hpp"
#include "support.hpp"

namespace {

namespace json = boost::json;
namespace zgw = loket::zgw;
using loket::fuzz::finding;

const json::value* member(const json::value* v, const char* key) {
  if (v == nullptr || !v->is_object()) return nullptr;
  return v->as_object().if_contains(key);
}

bool is_area(const json::value& g) {
  const auto& type = g.as_object().at("type").as_string();
  return type == "Polygon" || type == "MultiPolygon";
}

// A polygon whose rings are all outer rings (no holes): every vertex lies on its own edge, so
// the area lies within itself.
bool has_holes(const json::value& area) {
  const auto& o = area.as_object();
  const auto& coordinates = o.at("coordinates").as_array();
  if (o.at("type").as_string() == "Polygon") return coordinates.size() > 1;
  for (const auto& polygon : coordinates) {
    if (polygon.as_array().size() > 1) return true;
  }
  return false;
}

void check(const json::value& root) {
  std::vector<const json::value*> valid;
  for (const auto* g :
       {&root, member(&root, "zaakgeometrie"), member(member(&root, "zaakgeometrie"), "within")}) {
    if (g == nullptr || zgw::check_geometry(*g)) continue;
    valid.push_back(g);
    if (auto box = zgw::bounding_box(*g)) {
      if (box->min_x > box->max_x || box->min_y > box->max_y || box->min_x < -180 ||
          box->max_x > 180 || box->min_y < -90 || box->max_y > 90) {
        finding("bounding_box of a valid geometry is inverted or outside EPSG:4326");
      }
    }
  }
  for (const auto* area : valid) {
    if (!is_area(*area)) continue;
    for (const auto* g : valid) (void)zgw::within(*g, *area);
    if (zgw::bounding_box(*area) && !has_holes(*area) && !zgw::within(*area, *area)) {
      finding("a polygon without holes does not lie within itself");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {  // NOLINT
  boost::system::error_code ec;
  auto value = json::parse(loket::fuzz::as_text(data, size), ec);
  if (ec) return 0;
  try {
    check(value);
  } catch (const std::exception& e) {
    loket::fuzz::unexpected("the geometry checks", e);
  }
  return 0;
}
