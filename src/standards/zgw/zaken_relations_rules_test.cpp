#include "standards/zgw/zaken_relations_rules.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace loket::zgw {
namespace {
namespace json = boost::json;

std::vector<std::string> names(Checker& check) {
  std::vector<std::string> out;
  for (const auto& e : check.errors()) out.push_back(e.name + ":" + e.code);
  return out;
}

TEST(ZaakRelationsRules, OverigeNeedsItsNameOtherTypesMustNotHaveOne) {
  json::object empty;
  Checker ok(empty);
  check_object_type(ok, "overige", "boom", false);
  check_object_type(ok, "overige", "", true);
  check_object_type(ok, "adres", "", false);
  EXPECT_TRUE(ok.ok());

  Checker missing(empty);
  check_object_type(missing, "overige", "", false);
  EXPECT_EQ(names(missing), std::vector<std::string>{"nonFieldErrors:missing-object-type-overige"});

  Checker misused(empty);
  check_object_type(misused, "pand", "boom", true);
  EXPECT_EQ(names(misused),
            std::vector<std::string>{"nonFieldErrors:invalid-object-type-overige-usage"});
}

TEST(ZaakRelationsRules, AdresIdentificatieHasItsRequiredFields) {
  json::object empty;
  Checker check(empty);
  auto adres = json::parse(R"({"identificatie":"0344200000123456","wplWoonplaatsNaam":"Utrecht",
      "gorOpenbareRuimteNaam":"Stadsplateau","huisnummer":1,"postcode":"3521AZ"})")
                   .as_object();
  auto out = check_object_identificatie(check, "adres", adres);
  EXPECT_TRUE(check.ok());
  EXPECT_EQ(out.at("huisnummer").as_int64(), 1);
  EXPECT_EQ(out.at("huisletter").as_string(), "");

  Checker bad(empty);
  check_object_identificatie(
      bad, "adres",
      json::parse(R"({"identificatie":"x","huisnummer":"1","huisletter":"ab"})").as_object());
  auto got = names(bad);
  EXPECT_NE(std::find(got.begin(), got.end(), "objectIdentificatie.wplWoonplaatsNaam:required"),
            got.end());
  EXPECT_NE(std::find(got.begin(), got.end(), "objectIdentificatie.huisnummer:invalid"), got.end());
  EXPECT_NE(std::find(got.begin(), got.end(), "objectIdentificatie.huisletter:max_length"),
            got.end());
}

TEST(ZaakRelationsRules, BuurtPandOverigeAndFreeTypes) {
  json::object empty;
  Checker check(empty);
  check_object_identificatie(check, "pand",
                             json::parse(R"({"identificatie":"0344100000012345"})").as_object());
  check_object_identificatie(check, "buurt",
                             json::parse(R"({"buurtCode":"01","buurtNaam":"Binnenstad",
      "gemGemeenteCode":"0344","wykWijkCode":"01"})")
                                 .as_object());
  check_object_identificatie(check, "overige",
                             json::parse(R"({"overigeData":{"boom":42}})").as_object());
  auto free = check_object_identificatie(check, "vestiging",
                                         json::parse(R"({"vestigingsNummer":"1"})").as_object());
  EXPECT_TRUE(check.ok()) << (check.ok() ? "" : check.errors()[0].name);
  EXPECT_EQ(free.at("vestigingsNummer").as_string(), "1");

  Checker bad(empty);
  check_object_identificatie(bad, "buurt", json::parse(R"({"buurtCode":"012"})").as_object());
  check_object_identificatie(bad, "overige", json::parse(R"({"overigeData":"boom"})").as_object());
  auto got = names(bad);
  EXPECT_NE(std::find(got.begin(), got.end(), "objectIdentificatie.buurtCode:max_length"),
            got.end());
  EXPECT_NE(std::find(got.begin(), got.end(), "objectIdentificatie.buurtNaam:required"), got.end());
  EXPECT_NE(std::find(got.begin(), got.end(), "objectIdentificatie.overigeData:invalid"),
            got.end());
}

TEST(ZaakRelationsRules, EigenschapWaardeFollowsTheSpecificatie) {
  auto spec = [](const char* s) { return json::parse(s).as_object(); };
  EXPECT_FALSE(eigenschap_waarde_problem(spec(R"({"formaat":"tekst","lengte":"5"})"), "abcde"));
  EXPECT_TRUE(eigenschap_waarde_problem(spec(R"({"formaat":"tekst","lengte":"5"})"), "abcdef"));
  EXPECT_FALSE(eigenschap_waarde_problem(spec(R"({"formaat":"getal","lengte":"5"})"), "-12,5"));
  EXPECT_TRUE(eigenschap_waarde_problem(spec(R"({"formaat":"getal","lengte":"5"})"), "twaalf"));
  EXPECT_FALSE(eigenschap_waarde_problem(spec(R"({"formaat":"datum","lengte":"8"})"), "20260131"));
  EXPECT_TRUE(eigenschap_waarde_problem(spec(R"({"formaat":"datum","lengte":"8"})"), "2026-01-31"));
  EXPECT_TRUE(
      eigenschap_waarde_problem(spec(R"({"formaat":"datum_tijd","lengte":"14"})"), "20260131"));
  auto set = spec(R"({"formaat":"tekst","lengte":"10","waardenverzameling":["ja","nee"]})");
  EXPECT_FALSE(eigenschap_waarde_problem(set, "ja"));
  EXPECT_TRUE(eigenschap_waarde_problem(set, "misschien"));
}

TEST(ZaakRelationsRules, FixedFieldsAndClosedZaken) {
  auto before =
      json::parse(R"({"zaak":"/z/1","informatieobject":"https://drc/1","titel":"a"})").as_object();
  auto same =
      json::parse(R"({"zaak":"/z/1","informatieobject":"https://drc/1","titel":"b"})").as_object();
  auto moved = json::parse(R"({"zaak":"/z/2","titel":"b"})").as_object();
  EXPECT_TRUE(changed_fixed_fields(before, same, {"zaak", "informatieobject"}).empty());
  EXPECT_EQ(changed_fixed_fields(before, moved, {"zaak", "informatieobject"}),
            (std::vector<std::string>{"zaak", "informatieobject"}));
  EXPECT_FALSE(zaak_is_closed(json::parse(R"({"einddatum":null})").as_object()));
  EXPECT_FALSE(zaak_is_closed(json::object{}));
  EXPECT_TRUE(zaak_is_closed(json::parse(R"({"einddatum":"2026-01-31"})").as_object()));
}

TEST(ZaakRelationsRules, AttributeAtFollowsDottedPaths) {
  auto o = json::parse(R"({"datumOverlijden": "2030-01-10", "n": 3,
      "record": {"data": {"einddatum": "2031-02-03"}}})")
               .as_object();
  EXPECT_EQ(attribute_at(o, "datumOverlijden"), "2030-01-10");
  EXPECT_EQ(attribute_at(o, "record.data.einddatum"), "2031-02-03");
  EXPECT_EQ(attribute_at(o, "record.data"), std::nullopt);  // an object, not text
  EXPECT_EQ(attribute_at(o, "n"), std::nullopt);
  EXPECT_EQ(attribute_at(o, "record.missing.x"), std::nullopt);
  EXPECT_EQ(attribute_at(o, "datumOverlijden.x"), std::nullopt);
  EXPECT_EQ(attribute_at(o, ""), std::nullopt);
}

}  // namespace
}  // namespace loket::zgw
