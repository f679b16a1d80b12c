// The checks of `loket clients add` and the scope table of the Autorisaties API.
#include "standards/zgw/clients.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace loket::zgw {
namespace {

NewClient with(boost::json::array autorisaties) {
  return {
      .client_id = "app-1", .secret = "0123456789abcdef", .autorisaties = std::move(autorisaties)};
}

boost::json::object autorisatie(const char* component, std::initializer_list<const char*> scopes) {
  boost::json::array s;
  for (const auto* x : scopes) s.emplace_back(x);
  return {{"component", component}, {"scopes", std::move(s)}};
}

TEST(ScopesOf, KnowsEveryComponentOfTheStandard) {
  for (auto c : {"ac", "nrc", "zrc", "ztc", "drc", "brc"}) {
    EXPECT_FALSE(scopes_of(c).empty()) << c;
    EXPECT_FALSE(component_title(c).empty()) << c;
  }
  EXPECT_TRUE(scopes_of("xyz").empty());
  EXPECT_TRUE(scopes_of("").empty());
  EXPECT_EQ(component_title("ztc"), "Catalogi API");
  EXPECT_EQ(type_field("zrc"), "zaaktype");
  EXPECT_EQ(type_field("drc"), "informatieobjecttype");
  EXPECT_EQ(type_field("brc"), "besluittype");
  EXPECT_EQ(type_field("ztc"), "");
  EXPECT_TRUE(needs_max_level("zrc"));
  EXPECT_TRUE(needs_max_level("drc"));
  EXPECT_FALSE(needs_max_level("brc"));
}

TEST(ValidateNewClient, AcceptsAllRightsOrKnownScopes) {
  NewClient all{.client_id = "a.b-c_d", .secret = "0123456789abcdef", .all_rights = true};
  EXPECT_EQ(validate(all), std::nullopt);
  EXPECT_EQ(validate(with({autorisatie("ztc", {"catalogi.lezen", "catalogi.schrijven"})})),
            std::nullopt);
  auto zrc = autorisatie("zrc", {"zaken.lezen"});
  zrc["maxVertrouwelijkheidaanduiding"] = "openbaar";
  zrc["zaaktype"] = "https://loket.example/zgw/catalogi/api/v1/zaaktypen/1";
  EXPECT_EQ(validate(with({zrc})), std::nullopt);
}

// F3: a limited zrc client without --zaaktype read every zaak by URL, one without
// --max-vertrouwelijkheid up to zeer_geheim; the CLI refuses what the Autorisaties API refuses.
TEST(ValidateNewClient, ALimitedClientNeedsItsTypeAndLevel) {
  auto problem = [](const NewClient& c) { return validate(c).value_or(""); };
  auto untyped = autorisatie("zrc", {"zaken.lezen"});
  untyped["maxVertrouwelijkheidaanduiding"] = "openbaar";
  EXPECT_TRUE(problem(with({untyped})).starts_with("--zaaktype: required"))
      << problem(with({untyped}));
  auto unlevelled = autorisatie("zrc", {"zaken.lezen"});
  unlevelled["zaaktype"] = "https://loket.example/zgw/catalogi/api/v1/zaaktypen/1";
  EXPECT_TRUE(problem(with({unlevelled})).starts_with("--max-vertrouwelijkheid: required"));
  auto brc = autorisatie("brc", {"besluiten.lezen"});
  EXPECT_TRUE(problem(with({brc})).starts_with("--zaaktype: required"));
  brc["besluittype"] = "https://loket.example/zgw/catalogi/api/v1/besluittypen/1";
  EXPECT_EQ(validate(with({brc})), std::nullopt);  // brc has no maximum level
  auto ztc = autorisatie("ztc", {"catalogi.lezen"});
  ztc["zaaktype"] = "https://loket.example/zgw/catalogi/api/v1/zaaktypen/1";
  EXPECT_TRUE(problem(with({ztc})).starts_with("--zaaktype: ztc is not limited per type"));
  // The rule itself, as the Autorisaties API applies it.
  EXPECT_EQ(missing_limits("zrc", false, false).size(), 2U);
  EXPECT_EQ(missing_limits("zrc", true, true).size(), 0U);
  EXPECT_EQ(missing_limits("drc", true, false).at(0).field, "maxVertrouwelijkheidaanduiding");
  EXPECT_EQ(missing_limits("brc", false, false).at(0).field, "besluittype");
  EXPECT_TRUE(missing_limits("ztc", false, false).empty());
}

TEST(ValidateNewClient, NamesTheOptionThatIsWrong) {
  auto problem = [](const NewClient& c) { return validate(c).value_or(""); };
  auto bad_id = with({autorisatie("ztc", {"catalogi.lezen"})});
  bad_id.client_id = "a b";
  EXPECT_TRUE(problem(bad_id).starts_with("--id:"));
  bad_id.client_id = "";
  EXPECT_TRUE(problem(bad_id).starts_with("--id:"));
  auto short_secret = with({autorisatie("ztc", {"catalogi.lezen"})});
  short_secret.secret = "0123456789abcde";
  EXPECT_TRUE(problem(short_secret).starts_with("--secret:"));
  auto both = with({autorisatie("ztc", {"catalogi.lezen"})});
  both.all_rights = true;
  EXPECT_TRUE(problem(both).starts_with("--all-rights:"));
  EXPECT_TRUE(problem(with({})).starts_with("--all-rights:"));
  EXPECT_TRUE(problem(with({autorisatie("xyz", {"catalogi.lezen"})})).starts_with("--component:"));
  EXPECT_TRUE(problem(with({autorisatie("ztc", {})})).starts_with("--scopes:"));
  EXPECT_EQ(problem(with({autorisatie("ztc", {"catalogi.lezen", "zaken.lezen"})})),
            "--scopes: zaken.lezen is not a scope of ztc");
  auto level = autorisatie("zrc", {"zaken.lezen"});
  level["maxVertrouwelijkheidaanduiding"] = "topgeheim";
  EXPECT_TRUE(problem(with({level})).starts_with("--max-vertrouwelijkheid:"));
}

}  // namespace
}  // namespace loket::zgw
