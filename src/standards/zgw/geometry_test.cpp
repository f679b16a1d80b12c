#include "standards/zgw/geometry.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace loket::zgw {
namespace {

boost::json::value g(const char* text) { return boost::json::parse(text); }

TEST(Geometry, ChecksTypeAndShape) {
  EXPECT_EQ(check_geometry(g(R"({"type":"Point","coordinates":[5.1,52.1]})")), std::nullopt);
  EXPECT_NE(check_geometry(g(R"({"type":"Point","coordinates":[5.1]})")), std::nullopt);
  EXPECT_NE(check_geometry(g(R"({"type":"Point","coordinates":[500,52]})")), std::nullopt);
  EXPECT_NE(check_geometry(g(R"({"type":"Circle","coordinates":[5,52]})")), std::nullopt);
  EXPECT_NE(check_geometry(g(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]})")),
            std::nullopt);
  EXPECT_NE(check_geometry(g(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]})")),
            std::nullopt);  // not closed
  EXPECT_EQ(
      check_geometry(g(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]})")),
      std::nullopt);
  EXPECT_NE(check_geometry(g(R"("Point")")), std::nullopt);
  EXPECT_EQ(
      check_geometry(g(
          R"({"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}]})")),
      std::nullopt);
}

TEST(Geometry, BoundingBoxAndWithin) {
  auto line = g(R"({"type":"LineString","coordinates":[[1,2],[3,-1]]})");
  auto box = bounding_box(line);
  ASSERT_TRUE(box);
  EXPECT_EQ(box->min_x, 1);
  EXPECT_EQ(box->min_y, -1);
  EXPECT_EQ(box->max_x, 3);
  EXPECT_EQ(box->max_y, 2);
  auto square = g(R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],
                      [[4,4],[6,4],[6,6],[4,6],[4,4]]]})");
  EXPECT_TRUE(within(g(R"({"type":"Point","coordinates":[1,1]})"), square));
  EXPECT_TRUE(within(g(R"({"type":"Point","coordinates":[0,5]})"), square));   // on the edge
  EXPECT_FALSE(within(g(R"({"type":"Point","coordinates":[5,5]})"), square));  // in the hole
  EXPECT_FALSE(within(g(R"({"type":"Point","coordinates":[11,1]})"), square));
  EXPECT_FALSE(within(line, square));
}

// The area of within() may be any geometry GeoWithin allows, not only a polygon.
TEST(Geometry, WithinAnyArea) {
  auto point = [](double x, double y) {
    return boost::json::value{{"type", "Point"}, {"coordinates", {x, y}}};
  };
  auto line = g(R"({"type":"LineString","coordinates":[[0,0],[2,2],[4,0]]})");
  EXPECT_TRUE(within(point(1, 2), point(1, 2)));
  EXPECT_FALSE(within(point(1, 2), point(1, 2.001)));
  EXPECT_TRUE(within(point(1, 1), line));
  EXPECT_TRUE(within(point(3, 1), line));
  EXPECT_FALSE(within(point(2, 1), line));
  EXPECT_TRUE(within(g(R"({"type":"MultiPoint","coordinates":[[0,0],[4,0]]})"), line));
  EXPECT_TRUE(within(point(7, 8), g(R"({"type":"MultiPoint","coordinates":[[1,1],[7,8]]})")));
  auto collection = g(R"({"type":"GeometryCollection","geometries":[
      {"type":"Point","coordinates":[9,9]},
      {"type":"MultiLineString","coordinates":[[[20,20],[30,20]]]},
      {"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]]]}]})");
  EXPECT_TRUE(
      within(g(R"({"type":"MultiPoint","coordinates":[[9,9],[25,20],[0.5,0.5]]})"), collection));
  EXPECT_FALSE(within(g(R"({"type":"MultiPoint","coordinates":[[9,9],[25,21]]})"), collection));
}

}  // namespace
}  // namespace loket::zgw
