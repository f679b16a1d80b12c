#include "standards/zgw/expand_rules.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace loket::zgw {
namespace {
namespace json = boost::json;

// The tree as "a(b,c),d" for comparing.
std::string shape(const ExpandNode& n) {
  std::string out;
  for (const auto& [name, child] : n.children) {
    out += (out.empty() ? "" : ",") + name;
    if (!child.children.empty()) out += "(" + shape(child) + ")";
  }
  return out;
}

ExpandNode ok(std::variant<ExpandNode, std::string> r) {
  if (auto* p = std::get_if<std::string>(&r)) ADD_FAILURE() << *p;
  return std::get<ExpandNode>(r);
}

bool fails(const std::variant<ExpandNode, std::string>& r) {
  return std::holds_alternative<std::string>(r);
}

TEST(ExpandRules, PathsBecomeATree) {
  EXPECT_EQ(shape(ok(parse_expand("zaaktype,status.statustype, status.gezetdoor ,,"))),
            "status(gezetdoor,statustype),zaaktype");
  EXPECT_EQ(shape(ok(parse_expand("hoofdzaak.deelzaken.status.statustype"))),
            "hoofdzaak(deelzaken(status(statustype)))");
  EXPECT_TRUE(ok(parse_expand("")).empty());
  EXPECT_EQ(shape(ok(parse_expand_value(json::value(json::array{"zaaktype", "rollen.roltype"})))),
            "rollen(roltype),zaaktype");
}

TEST(ExpandRules, MalformedOrTooLargeIsRefused) {
  EXPECT_TRUE(fails(parse_expand("status..statustype")));
  EXPECT_TRUE(fails(parse_expand("status.")));
  EXPECT_TRUE(fails(parse_expand("<script>")));
  EXPECT_TRUE(fails(parse_expand("a.b.c.d.e.f.g")));  // deeper than kMaxExpandDepth
  EXPECT_FALSE(fails(parse_expand("a.b.c.d.e.f")));
  std::string many;
  for (std::size_t i = 0; i <= kMaxExpandPaths; ++i) many += "f" + std::to_string(i) + ",";
  EXPECT_TRUE(fails(parse_expand(many)));
  EXPECT_TRUE(fails(parse_expand_value(json::value(3))));
  EXPECT_TRUE(fails(parse_expand_value(json::value(json::array{"a", 1}))));
}

TEST(ExpandRules, FieldsSelectAndExpand) {
  std::vector<std::string_view> known{"url", "zaaktype", "status", "processobject", "omschrijving"};
  auto node = ok(parse_fields(
      json::parse(R"(["url", {"zaaktype": ["identificatie", {"catalogus": ["domein"]}]},
                       {"processobject": ["identificatie"]}])"),
      known));
  EXPECT_EQ(shape(node), "processobject,zaaktype(catalogus)");
  ASSERT_TRUE(node.keep);
  EXPECT_EQ(*node.keep, (std::vector<std::string>{"url", "zaaktype", "processobject"}));
  ASSERT_TRUE(node.children.at("zaaktype").keep);
  EXPECT_EQ(*node.children.at("zaaktype").keep,
            (std::vector<std::string>{"identificatie", "catalogus"}));
  EXPECT_FALSE(ok(parse_fields(json::parse(R"(["*"])"), known)).keep);
  EXPECT_TRUE(fails(parse_fields(json::parse(R"(["kleur"])"), known)));
  EXPECT_TRUE(fails(parse_fields(json::parse(R"([{"kleur": ["*"]}])"), known)));
  EXPECT_TRUE(fails(parse_fields(json::parse(R"("url")"), known)));
  EXPECT_TRUE(fails(parse_fields(json::parse(R"([3])"), known)));
  EXPECT_TRUE(fails(parse_fields(json::parse(R"([{"zaaktype": "x"}])"), known)));
  // Deeper names are not checked: they select nothing when the object lacks them.
  EXPECT_FALSE(fails(parse_fields(json::parse(R"([{"zaaktype": ["kleur"]}])"), known)));
}

TEST(ExpandRules, SelectKeepsTheNamedFieldsTheExpansionsAndTheGroups) {
  auto node = ok(parse_fields(
      json::parse(R"(["url", {"zaaktype": ["identificatie"]}, {"processobject": ["objecttype"]}])"),
      {"url", "zaaktype", "processobject", "omschrijving"}));
  auto zaak = json::parse(R"({"url": "u", "omschrijving": "o", "zaaktype": "zt",
      "processobject": {"objecttype": "pand", "registratie": "BAG"},
      "_expand": {"zaaktype": {"identificatie": "ZT"}}})")
                  .as_object();
  auto out = select_fields(zaak, node, {"zaaktype"});
  EXPECT_EQ(json::serialize(out),
            R"({"url":"u","zaaktype":"zt","processobject":{"objecttype":"pand"},)"
            R"("_expand":{"zaaktype":{"identificatie":"ZT"}}})");
  EXPECT_EQ(select_fields(zaak, ExpandNode{}, {}), zaak);  // nothing asked: all
}

}  // namespace
}  // namespace loket::zgw
