#include "catalog/product.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "catalog/product_store.hpp"

namespace loket::catalog {
namespace {
namespace json = boost::json;

// Every product file the binary carries is valid and complete.
TEST(ProductFiles, EveryProductIsValidAndComplete) {
  auto products = demo_products();
  ASSERT_GE(products.size(), 19u);
  std::set<std::string> ids, zaaktypen, identificaties;
  for (const auto& p : products) {
    SCOPED_TRACE(p.id);
    auto problems = check_product(p);
    for (const auto& problem : problems) ADD_FAILURE() << problem;
    EXPECT_TRUE(ids.insert(p.id).second);
    EXPECT_TRUE(zaaktypen.insert(p.zaaktype_uuid).second);
    EXPECT_TRUE(identificaties.insert(p.zaaktype_identificatie).second);
  }
}

// The catalogue the issue asks for: the municipality's fifteen, two or more each for the
// province and the water board.
TEST(ProductFiles, EveryOrganisationOffersItsProducts) {
  std::map<std::string, int> per_org;
  std::set<std::string> ids;
  for (const auto& p : demo_products()) {
    ++per_org[p.organisation_id];
    ids.insert(p.id);
  }
  EXPECT_GE(per_org["5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01"], 15);
  EXPECT_GE(per_org["5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e02"], 2);
  EXPECT_GE(per_org["5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e03"], 2);
  for (const char* id : {"wmo-ondersteuning", "omgevingsvergunning-bouwen", "sloopvergunning",
                         "sloopmelding", "kapvergunning", "omgevingsvergunning-milieu", "bijstand",
                         "drank-en-horecavergunning", "subsidie-vereniging", "bezwaar",
                         "schuldhulp", "jeugdhulp", "melding-openbare-ruimte", "klacht", "vraag"}) {
    EXPECT_TRUE(ids.contains(id)) << id;
  }
}

const Product& kap() {
  static const Product p = [] {
    for (auto& p : demo_products()) {
      if (p.id == "kapvergunning") return p;
    }
    throw std::runtime_error("no kapvergunning");
  }();
  return p;
}

TEST(ProductForm, AStepNamesEachMissingOrWrongAnswer) {
  const auto& p = kap();
  const auto* boom = p.step("boom");
  ASSERT_NE(boom, nullptr);
  json::object answers{{"trees", 0}, {"species", "eik"}};
  auto errors = validate_step(p, *boom, answers);
  EXPECT_EQ(errors, (std::vector<AnswerError>{{"trees", "invalid"}, {"diameter", "required"}}));
  answers["trees"] = 2;
  answers["diameter"] = 40;
  EXPECT_TRUE(validate_step(p, *boom, answers).empty());
}

TEST(ProductForm, AConditionalQuestionIsRequiredOnlyWhenShown) {
  const auto& p = kap();
  const auto* reden = p.step("reden");
  json::object answers{{"reason", "ziek"}, {"replant", "ja"}};
  EXPECT_TRUE(validate_step(p, *reden, answers).empty());
  answers["reason"] = "anders";
  EXPECT_EQ(validate_step(p, *reden, answers),
            (std::vector<AnswerError>{{"reasonOther", "required"}}));
  // An answer to a question no longer shown is not sent.
  answers["reason"] = "ziek";
  answers["reasonOther"] = "oud";
  EXPECT_FALSE(applying_answers(p, answers).contains("reasonOther"));
}

TEST(ProductForm, HostileAnswersAreRefusedNotFatal) {
  const auto& p = kap();
  const auto* locatie = p.step("locatie");
  json::object answers{{"address", std::string(1 << 20, 'a')}};
  EXPECT_EQ(validate_step(p, *locatie, answers),
            (std::vector<AnswerError>{{"address", "too-long"}}));
  const auto* trees = p.field("trees");
  auto huge = coerce_answer(p, *trees, {"99999999999999999999999"});
  ASSERT_TRUE(huge);
  EXPECT_TRUE(huge->is_string());  // no number: the schema refuses it
  EXPECT_EQ(
      validate_step(p, *p.step("boom"), {{"trees", *huge}, {"species", "x"}, {"diameter", 3}}),
      (std::vector<AnswerError>{{"trees", "invalid"}}));
  EXPECT_FALSE(coerce_answer(p, *trees, {"  "}));
  EXPECT_EQ(*coerce_answer(p, *trees, {" 3 "}), json::value(3));
}

TEST(ProductForm, TheWholeApplicationIsCheckedAgainstTheSchema) {
  const auto& p = kap();
  json::object answers{{"address", "Stationsplein 1, Utrecht"},
                       {"trees", 1},
                       {"species", "eik"},
                       {"diameter", 40},
                       {"reason", "ziek"},
                       {"replant", "ja"},
                       {"email", "a@b.nl"}};
  EXPECT_TRUE(validate_answers(p, answers).empty());
  answers["email"] = "geen adres";
  EXPECT_EQ(validate_answers(p, answers), (std::vector<AnswerError>{{"email", "invalid"}}));
  answers["email"] = "a@b.nl";
  answers["kleur"] = "rood";
  EXPECT_EQ(validate_answers(p, answers), (std::vector<AnswerError>{{"kleur", "unknown"}}));
}

TEST(ProductForm, ACheckFindsAnIncompleteProduct) {
  auto p = kap();
  p.name.en.clear();
  p.term = "P0D";
  p.form.schema["properties"].as_object()["extra"] = json::object{{"type", "string"}};
  auto problems = check_product(p);
  auto has = [&](std::string_view s) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& x) { return x.find(s) != std::string::npos; });
  };
  EXPECT_TRUE(has("name: no English text"));
  EXPECT_TRUE(has("term:"));
  EXPECT_TRUE(has("properties.extra: asked in no step"));
}

}  // namespace
}  // namespace loket::catalog
