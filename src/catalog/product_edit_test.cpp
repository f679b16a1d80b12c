#include "catalog/product_edit.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "catalog/automation.hpp"
#include "catalog/product_store.hpp"

namespace loket::catalog {
namespace {

namespace json = boost::json;

Product demo(std::string_view id) {
  for (auto& p : demo_products()) {
    if (p.id == id) return p;
  }
  throw std::runtime_error("no demo product " + std::string(id));
}

bool refused(const EditOutcome& o, std::string_view field) {
  for (const auto& p : o.problems) {
    if (p.field == field) return true;
  }
  return false;
}

TEST(ProductEdit, TheCurrentValuesAgainChangeNothing) {
  for (const auto& p : demo_products()) {
    auto out = apply_edit(p, edit_of(p), "2026-12-01");
    ASSERT_TRUE(out.product) << p.id << ": "
                             << (out.problems.empty() ? "" : out.problems[0].message);
    EXPECT_FALSE(out.changed) << p.id;
    EXPECT_EQ(out.product->form.version, p.form.version) << p.id;
  }
}

TEST(ProductEdit, StatusesAreTheNewVersionsAndTheirTextsAreChecked) {
  auto p = demo("kapvergunning");
  auto e = edit_of(p);
  e.statuses.insert(e.statuses.begin() + 1,
                    ProductStatus{{"Buren gevraagd", "Neighbours asked"},
                                  {"Wij vragen uw buren wat zij ervan vinden.",
                                   "We ask your neighbours what they think."},
                                  true});
  e.statuses[0].text.nl = "Wij hebben uw aanvraag. U hoeft niets te doen.";
  auto out = apply_edit(p, e, "2026-12-01");
  ASSERT_TRUE(out.product) << (out.problems.empty() ? "" : out.problems[0].message);
  EXPECT_TRUE(out.changed);
  ASSERT_EQ(out.product->statuses.size(), p.statuses.size() + 1);
  EXPECT_EQ(out.product->statuses[1].name.nl, "Buren gevraagd");
  EXPECT_TRUE(out.product->statuses[1].notify);
  EXPECT_EQ(out.product->form.version, p.form.version) << "statuses are not the form";

  e.statuses[1].name.en.clear();
  EXPECT_TRUE(refused(apply_edit(p, e, "2026-12-01"), "statuses")) << "both languages";
  e.statuses.resize(1);
  EXPECT_TRUE(refused(apply_edit(p, e, "2026-12-01"), "statuses")) << "at least two";
  e.statuses.assign(21, p.statuses[0]);
  EXPECT_TRUE(refused(apply_edit(p, e, "2026-12-01"), "statuses")) << "at most twenty";
}

TEST(ProductEdit, ChangedDocumentsRaiseTheFormVersion) {
  auto p = demo("kapvergunning");
  auto e = edit_of(p);
  e.documents.push_back({{"Situatietekening", "Site plan"}, {}, false});
  auto out = apply_edit(p, e, "2026-12-01");
  ASSERT_TRUE(out.product) << (out.problems.empty() ? "" : out.problems[0].message);
  ASSERT_EQ(out.product->documents.size(), p.documents.size() + 1);
  EXPECT_FALSE(out.product->documents.back().required);
  EXPECT_FALSE(out.product->source.at("documents").as_array().back().as_object().contains("hint"));
  EXPECT_EQ(out.product->form.version, p.form.version + 1);
  e.documents.back().name.en.clear();
  EXPECT_TRUE(refused(apply_edit(p, e, "2026-12-01"), "documents"));
}

TEST(ProductEdit, ANewTermKeepsTheFormVersion) {
  auto p = demo("kapvergunning");
  auto e = edit_of(p);
  e.term = "P10W";
  e.fee_amount = "80.00";
  auto out = apply_edit(p, e, "2026-12-01");
  ASSERT_TRUE(out.product);
  EXPECT_TRUE(out.changed);
  EXPECT_EQ(out.product->term, "P10W");
  EXPECT_EQ(out.product->fee->amount, "80.00");
  EXPECT_EQ(out.product->form.version, p.form.version);
}

TEST(ProductEdit, AChangedQuestionRaisesTheFormVersion) {
  auto p = demo("kapvergunning");
  auto e = edit_of(p);
  auto form = json::parse(e.form).as_object();
  form["steps"].as_array()[0].as_object()["fields"].as_array()[0].as_object()["label"] =
      json::object{{"nl", "Waar staat de boom?"}, {"en", "Where is the tree?"}};
  e.form = json::serialize(form);
  auto out = apply_edit(p, e, "2026-12-01");
  ASSERT_TRUE(out.product) << (out.problems.empty() ? "" : out.problems[0].message);
  EXPECT_EQ(out.product->form.version, p.form.version + 1);
  EXPECT_EQ(out.product->form.steps[0].fields[0].label.nl, "Waar staat de boom?");
}

TEST(ProductEdit, ChangedRulesGetANewVersionInForceFromToday) {
  auto p = demo("sloopmelding");
  auto before = rule_set_of(p);
  ASSERT_TRUE(before);
  auto e = edit_of(p);
  auto rules = json::parse(e.automation).as_object();
  rules["decides"] =
      json::object{{"nl", "Of de melding op tijd is."}, {"en", "Whether it is in time."}};
  e.automation = json::serialize(rules);
  auto out = apply_edit(p, e, "2026-12-01");
  ASSERT_TRUE(out.product) << (out.problems.empty() ? "" : out.problems[0].message);
  auto after = rule_set_of(*out.product);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->version, before->version + 1);
  EXPECT_EQ(after->since, "2026-12-01");
}

TEST(ProductEdit, EachRefusalNamesItsField) {
  auto p = demo("kapvergunning");
  auto e = edit_of(p);
  e.form = "{\"schema\": ";
  EXPECT_TRUE(refused(apply_edit(p, e, "2026-12-01"), "form"));
  e = edit_of(p);
  e.form = "[1, 2]";
  EXPECT_TRUE(refused(apply_edit(p, e, "2026-12-01"), "form"));
  e = edit_of(p);
  e.term = "8 weken";
  EXPECT_TRUE(refused(apply_edit(p, e, "2026-12-01"), "term"));
  e = edit_of(p);
  e.decided_by = "computer";
  EXPECT_TRUE(refused(apply_edit(p, e, "2026-12-01"), "decidedBy"));
  e = edit_of(p);
  e.fee_amount = "-3";
  EXPECT_TRUE(refused(apply_edit(p, e, "2026-12-01"), "fee"));
  e = edit_of(p);
  e.name.en.clear();
  EXPECT_TRUE(refused(apply_edit(p, e, "2026-12-01"), "name"));
  e = edit_of(p);
  e.automation = "{\"rules\": 3}";
  EXPECT_TRUE(refused(apply_edit(p, e, "2026-12-01"), "automation"));
}

TEST(ProductEdit, AFourEyesProductNeverGetsRulesThatDecide) {
  auto fast = demo("sloopmelding");
  auto p = demo("bijstand");
  ASSERT_EQ(p.decided_by, "two");
  auto e = edit_of(p);
  e.automation = edit_of(fast).automation;
  auto out = apply_edit(p, e, "2026-12-01");
  EXPECT_FALSE(out.product);
  bool said = false;
  for (const auto& x : out.problems) {
    said = said || (x.field == "automation" && x.message.find("four-eyes") != std::string::npos);
  }
  EXPECT_TRUE(said) << (out.problems.empty()
                            ? ""
                            : out.problems[0].field + " " + out.problems[0].message);
}

}  // namespace
}  // namespace loket::catalog
