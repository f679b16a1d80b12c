// What a client may do: scopes per component, per type and up to a confidentiality level.
#include "standards/zgw/rights.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace loket::zgw {
namespace {

constexpr std::string_view kBase = "https://loket.example";
constexpr std::string_view kZaaktypeA = "/zgw/catalogi/api/v1/zaaktypen/a";
constexpr std::string_view kZaaktypeB = "/zgw/catalogi/api/v1/zaaktypen/b";

std::string relative(std::string_view url, std::string_view base) {
  if (url.starts_with(base)) return std::string(url.substr(base.size()));
  return std::string(url);
}

Client from(const char* json) {
  return client_from_applicatie(boost::json::parse(json).as_object(), relative, kBase);
}

TEST(ConfidentialityLevel, OrdersTheEightLevels) {
  EXPECT_EQ(confidentiality_level("openbaar"), 0);
  EXPECT_EQ(confidentiality_level("zaakvertrouwelijk"), 3);
  EXPECT_EQ(confidentiality_level("zeer_geheim"), kMaxConfidentiality);
  EXPECT_EQ(confidentiality_level("geheim"), 6);
  EXPECT_EQ(confidentiality_level("Openbaar"), -1);
  EXPECT_EQ(confidentiality_level(""), -1);
  EXPECT_EQ(confidentiality_name(4), "vertrouwelijk");
  EXPECT_EQ(confidentiality_name(8), "");
  EXPECT_EQ(confidentiality_name(-1), "");
}

TEST(ClientMay, AllRightsAllowsEverything) {
  auto c = from(R"({"heeftAlleAutorisaties": true, "autorisaties": []})");
  EXPECT_TRUE(c.may("zrc", "zaken.verwijderen"));
  EXPECT_TRUE(c.may("zrc", "zaken.lezen", "/any", kMaxConfidentiality));
  EXPECT_TRUE(c.may("ac", "autorisaties.bijwerken"));
}

TEST(ClientMay, NoAutorisatiesAllowsNothing) {
  auto c = from(R"({"heeftAlleAutorisaties": false, "autorisaties": []})");
  EXPECT_FALSE(c.may("ztc", "catalogi.lezen"));
  EXPECT_FALSE(c.may("zrc", "zaken.lezen", kZaaktypeA, 0));
}

TEST(ClientMay, ScopesMatchExactlyAndOnlyInTheirComponent) {
  auto c = from(R"({"autorisaties": [{"component": "ztc", "scopes": ["catalogi.lezen"]}]})");
  EXPECT_TRUE(c.may("ztc", "catalogi.lezen"));
  EXPECT_FALSE(c.may("ztc", "catalogi.schrijven"));
  EXPECT_FALSE(c.may("ztc", "catalogi"));          // no prefix matching
  EXPECT_FALSE(c.may("ztc", "catalogi.lezen.x"));  // nor the other way round
  EXPECT_FALSE(c.may("zrc", "catalogi.lezen"));    // another component
  // Components without types grant on the scope alone, whatever type is asked.
  EXPECT_TRUE(c.may("ztc", "catalogi.lezen", "/whatever", kMaxConfidentiality));
}

TEST(ClientMay, PerZaaktypeUpToTheMaximumConfidentiality) {
  auto c = from(R"({"autorisaties": [
    {"component": "zrc", "scopes": ["zaken.lezen", "zaken.bijwerken"],
     "zaaktype": "https://loket.example/zgw/catalogi/api/v1/zaaktypen/a",
     "maxVertrouwelijkheidaanduiding": "zaakvertrouwelijk"},
    {"component": "zrc", "scopes": ["zaken.lezen"],
     "zaaktype": "https://loket.example/zgw/catalogi/api/v1/zaaktypen/b",
     "maxVertrouwelijkheidaanduiding": "openbaar"}]})");
  // The type URL is stored relative to our base.
  ASSERT_EQ(c.autorisaties.size(), 2U);
  EXPECT_EQ(c.autorisaties[0].type, kZaaktypeA);
  EXPECT_TRUE(c.may("zrc", "zaken.lezen", kZaaktypeA, 3));
  EXPECT_FALSE(c.may("zrc", "zaken.lezen", kZaaktypeA, 4));  // vertrouwelijk > zaakvertrouwelijk
  EXPECT_TRUE(c.may("zrc", "zaken.bijwerken", kZaaktypeA, 0));
  EXPECT_TRUE(c.may("zrc", "zaken.lezen", kZaaktypeB, 0));
  EXPECT_FALSE(c.may("zrc", "zaken.lezen", kZaaktypeB, 1));
  EXPECT_FALSE(c.may("zrc", "zaken.bijwerken", kZaaktypeB, 0));  // scope only for A
  EXPECT_FALSE(c.may("zrc", "zaken.lezen", "/zgw/catalogi/api/v1/zaaktypen/c", 0));
  // Without a type: allowed when any type allows the scope.
  EXPECT_TRUE(c.may("zrc", "zaken.bijwerken"));
  EXPECT_FALSE(c.may("zrc", "zaken.verwijderen"));
}

TEST(ClientGrants, ListsEachTypeWithItsLevel) {
  auto c = from(R"({"autorisaties": [
    {"component": "zrc", "scopes": ["zaken.lezen"],
     "zaaktype": "/zgw/catalogi/api/v1/zaaktypen/a", "maxVertrouwelijkheidaanduiding": "geheim"},
    {"component": "zrc", "scopes": ["zaken.bijwerken"],
     "zaaktype": "/zgw/catalogi/api/v1/zaaktypen/b", "maxVertrouwelijkheidaanduiding": "intern"},
    {"component": "drc", "scopes": ["documenten.lezen"],
     "informatieobjecttype": "/zgw/catalogi/api/v1/informatieobjecttypen/x",
     "maxVertrouwelijkheidaanduiding": "openbaar"}]})");
  auto g = c.grants("zrc", "zaken.lezen");
  ASSERT_EQ(g.size(), 1U);
  EXPECT_EQ(g[0].type, kZaaktypeA);
  EXPECT_EQ(g[0].max_level, 6);
  EXPECT_TRUE(c.grants("zrc", "zaken.verwijderen").empty());
  auto d = c.grants("drc", "documenten.lezen");
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].max_level, 0);
}

TEST(ClientMay, AnUnknownLevelMeansNoLimitWithinTheType) {
  auto c = from(R"({"autorisaties": [{"component": "brc", "scopes": ["besluiten.lezen"],
    "besluittype": "/zgw/catalogi/api/v1/besluittypen/a"}]})");
  EXPECT_TRUE(
      c.may("brc", "besluiten.lezen", "/zgw/catalogi/api/v1/besluittypen/a", kMaxConfidentiality));
  EXPECT_FALSE(c.may("brc", "besluiten.lezen", "/zgw/catalogi/api/v1/besluittypen/b", 0));
}

// F3: a limited zrc autorisatie without its zaaktype, or without its maximum level, used to let
// a read by URL through (any type, up to zeer_geheim) while lists showed nothing: fail closed.
TEST(ClientMay, AZrcAutorisatieWithoutTypeOrLevelAllowsNoObject) {
  auto untyped = from(R"({"autorisaties": [{"component": "zrc", "scopes": ["zaken.lezen"],
    "maxVertrouwelijkheidaanduiding": "zeer_geheim"}]})");
  EXPECT_TRUE(untyped.may("zrc", "zaken.lezen"));  // the scope, for the list's first gate
  EXPECT_FALSE(untyped.may("zrc", "zaken.lezen", kZaaktypeA, 0));
  EXPECT_TRUE(untyped.grants("zrc", "zaken.lezen").empty());
  auto no_level = from(R"({"autorisaties": [{"component": "zrc", "scopes": ["zaken.lezen"],
    "zaaktype": "/zgw/catalogi/api/v1/zaaktypen/a"}]})");
  EXPECT_FALSE(no_level.may("zrc", "zaken.lezen", kZaaktypeA, 0));
  EXPECT_FALSE(no_level.may("zrc", "zaken.lezen", kZaaktypeA, kMaxConfidentiality));
  EXPECT_TRUE(no_level.grants("zrc", "zaken.lezen").empty());
  auto drc = from(R"({"autorisaties": [{"component": "drc", "scopes": ["documenten.lezen"]}]})");
  EXPECT_FALSE(drc.may("drc", "documenten.lezen", "/iot/1", 0));
  EXPECT_EQ(type_field("zrc"), "zaaktype");
  EXPECT_EQ(type_field("ztc"), "");
  EXPECT_TRUE(needs_max_level("drc"));
  EXPECT_FALSE(needs_max_level("brc"));
}

TEST(ClientFromApplicatie, IgnoresMalformedParts) {
  auto c = from(R"({"label": "x", "heeftAlleAutorisaties": "yes", "autorisaties": [
    5, {"component": "ztc", "scopes": [1, "catalogi.lezen"]}]})");
  EXPECT_FALSE(c.all_rights);
  EXPECT_EQ(c.label, "x");
  ASSERT_EQ(c.autorisaties.size(), 1U);
  EXPECT_EQ(c.autorisaties[0].scopes.size(), 1U);
  EXPECT_TRUE(c.may("ztc", "catalogi.lezen"));
}

TEST(ClientMay, ARequiredScopeMayNameAlternatives) {
  Client c;
  c.autorisaties.push_back({"zrc", {"zaken.lezen", "zaken.heropenen"}, "/zt/1", 3});
  EXPECT_TRUE(c.may("zrc", "zaken.lezen"));
  EXPECT_FALSE(c.may("zrc", "zaken.aanmaken"));
  EXPECT_TRUE(c.may("zrc", "zaken.aanmaken | zaken.heropenen"));
  EXPECT_TRUE(c.may("zrc", "zaken.aanmaken|zaken.heropenen", "/zt/1", 3));
  EXPECT_FALSE(c.may("zrc", "zaken.aanmaken | zaken.heropenen", "/zt/1", 4));
  EXPECT_FALSE(c.may("zrc", "zaken.aanmaken | zaken.heropenen", "/zt/2", 0));
  EXPECT_FALSE(c.may("zrc", "zaken.aanmaken | zaken.bijwerken"));
  EXPECT_EQ(c.grants("zrc", "zaken.bijwerken | zaken.lezen").size(), 1U);
  EXPECT_FALSE(c.may("ztc", "zaken.lezen"));
}

}  // namespace
}  // namespace loket::zgw
