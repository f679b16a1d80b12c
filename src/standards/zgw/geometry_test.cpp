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

}  // namespace
}  // namespace loket::zgw
