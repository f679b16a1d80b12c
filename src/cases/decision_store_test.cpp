// The decision store and service contract, run the same on SQLite and on PostgreSQL (the latter
// when LOKET_TEST_POSTGRES_URL is set): a decision takes effect at once or, on a four-eyes
// product, after a second person with the approver role approves it; the refusals; the zaak's
// mirror, the events and the archive date.
#include "cases/decision_store.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "cases/decision_service.hpp"
#include "cases/test_database.hpp"

namespace loket::cases {
namespace {

using namespace std::chrono;

constexpr const char* kRsin = "002220647";
constexpr const char* kType = "11111111-1111-4111-8111-111111111111";
constexpr const char* kStatus1 = "22222222-2222-4222-8222-222222222221";
constexpr const char* kStatus2 = "22222222-2222-4222-8222-222222222222";
constexpr const char* kBt = "66666666-6666-4666-8666-666666666661";
constexpr const char* kBtConcept = "66666666-6666-4666-8666-666666666662";
constexpr const char* kBtOther = "66666666-6666-4666-8666-666666666663";
constexpr const char* kAnna = "999993653";
constexpr const char* kWorker = "staff-a";
constexpr const char* kApprover = "staff-b";

constexpr std::string_view kBesluittype =
    "INSERT INTO zgw_besluittypen (uuid, data, url, catalogus, omschrijving, concept,"
    " begin_geldigheid) VALUES ($1, '{\"omschrijving\":\"Vergunning\"}', $2, $3, 'Vergunning',"
    " $4, '2020-01-01')";

std::string bt_url(const char* id) { return std::string(kBesluittypeUrl) + id; }

using testing::Backend;
using testing::kInsertCatalogus;
using testing::kInsertStatustype;
using testing::kInsertZaaktype;

class DecisionContract : public testing::BackendTest {
 protected:
  void SetUp() override {
    open_database("decisions");
    if (IsSkipped()) return;
    db_->write([](db::Connection& c) {
      std::string cat = "/zgw/catalogi/api/v1/catalogussen/c1";
      c.execute(kInsertCatalogus, {std::string("c1"), cat, std::string("UTR"), std::string(kRsin)});
      boost::json::object data{{"omschrijving", "Bijstand"},
                               {"vertrouwelijkheidaanduiding", "vertrouwelijk"},
                               {"doorlooptijd", "P8W"},
                               {"besluittypen", {bt_url(kBt), bt_url(kBtConcept)}}};
      auto type_url = std::string("/zgw/catalogi/api/v1/zaaktypen/") + kType;
      c.execute(kInsertZaaktype,
                {std::string(kType), boost::json::serialize(data), type_url, cat, std::int64_t{0}});
      std::int64_t n = 1;
      for (const char* st : {kStatus1, kStatus2}) {
        c.execute(kInsertStatustype,
                  {std::string(st), std::string("{\"omschrijving\":\"Stap\"}"), type_url, n++});
      }
      c.execute(kBesluittype, {std::string(kBt), bt_url(kBt), cat, std::int64_t{0}});
      c.execute(kBesluittype, {std::string(kBtConcept), bt_url(kBtConcept), cat, std::int64_t{1}});
      c.execute(kBesluittype, {std::string(kBtOther), bt_url(kBtOther), cat, std::int64_t{0}});
    });
    cases_ = std::make_unique<CaseService>(*db_, keys_, [this] { return now_; });
    decisions_ = std::make_unique<DecisionService>(*db_, *cases_, [this] { return now_; });
    auto k = cases_->submit({kType, "Bijstand", ""}, {PartyKind::Resident, kAnna, std::nullopt},
                            "k1", Permit{.may_submit = true});
    ASSERT_TRUE(k.ok());
    case_id_ = k->c.id;
    db_->write([](db::Connection& c) { c.execute("DELETE FROM outbox"); });
  }

  void TearDown() override {
    decisions_.reset();
    cases_.reset();
    BackendTest::TearDown();
  }

  void four_eyes() {
    db_->write([&](db::Connection& c) { decisions_->store().set_four_eyes(c, kType, true); });
  }
  Result<Decision> decide(const char* type = kBt, const char* who = kWorker) {
    DecisionInput in;
    in.decision_type_id = type;
    in.explanation = "Toegekend";
    return decisions_->decide(case_id_, in, who, handle_);
  }

  privacy::KeyRing keys_ = privacy::KeyRing::generate();
  // Thursday 15 January 2026.
  system_clock::time_point now_ = sys_days{year{2026} / 1 / 15} + hours{10};
  Permit handle_{.may_handle = true, .may_read_level = 7};
  std::unique_ptr<CaseService> cases_;
  std::unique_ptr<DecisionService> decisions_;
  std::string case_id_;
};

TEST_P(DecisionContract, WithoutFourEyesADecisionTakesEffectAtOnce) {
  auto d = decide();
  ASSERT_TRUE(d.ok()) << d.failure().detail;
  EXPECT_EQ(d->state, DecisionState::Approved);
  EXPECT_TRUE(d->visible_to_resident());
  EXPECT_EQ(d->identification, "BESLUIT-2026-0000000001");
  EXPECT_EQ(d->organisation_rsin, kRsin);
  EXPECT_EQ(d->date, "2026-01-15");
  EXPECT_EQ(d->effective_from, "2026-01-15");
  EXPECT_EQ(d->sent_on, "2026-01-15");
  EXPECT_EQ(d->respond_by, "2026-02-26");  // six weeks after it was made known
  EXPECT_EQ(d->decided_by, kWorker);
  EXPECT_EQ(count("SELECT COUNT(*) FROM zgw_besluiten"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM zgw_zaakbesluiten"), 1);  // the zaak lists it
  EXPECT_EQ(event_kinds(), (std::vector<std::string>{"decision.approved", "decision.created"}));
  EXPECT_EQ(decisions_->for_case(case_id_, false).size(), 1u);
  auto again = decide();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->identification, "BESLUIT-2026-0000000002");
  // The representation the Besluiten API serves.
  auto data = db_->read_once("SELECT data FROM zgw_besluiten WHERE uuid = $1", {d->id});
  auto o = boost::json::parse(data[0].text(0)).as_object();
  EXPECT_EQ(o.at("zaak").as_string(), "/zgw/zaken/api/v1/zaken/" + case_id_);
  EXPECT_EQ(o.at("besluittype").as_string(), bt_url(kBt));
  EXPECT_EQ(o.at("uiterlijkeReactiedatum").as_string(), "2026-02-26");
}

TEST_P(DecisionContract, FourEyesDraftWaitsForAnotherApprover) {
  four_eyes();
  auto d = decide();
  ASSERT_TRUE(d.ok()) << d.failure().detail;
  EXPECT_EQ(d->state, DecisionState::Draft);
  EXPECT_FALSE(d->visible_to_resident());
  // Not in the registry: no ZGW client, no resident sees it.
  EXPECT_EQ(count("SELECT COUNT(*) FROM zgw_besluiten"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM zgw_zaakbesluiten"), 0);
  EXPECT_TRUE(decisions_->for_case(case_id_, false).empty());
  EXPECT_EQ(decisions_->for_case(case_id_, true).size(), 1u);
  EXPECT_FALSE(d->sent_on);
  auto events = db_->read_once(testing::kEventKinds);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_NE(events[0].text(1).find("\"state\":\"draft\""), std::string::npos);

  auto same = decisions_->approve(d->id, kWorker, true, handle_);
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.failure().kind, common::Failure::Kind::Forbidden);
  auto no_role = decisions_->approve(d->id, kApprover, false, handle_);
  ASSERT_FALSE(no_role.ok());
  EXPECT_EQ(no_role.failure().kind, common::Failure::Kind::Forbidden);
  EXPECT_EQ(count("SELECT COUNT(*) FROM zgw_besluiten"), 0);

  now_ += days{2};
  auto ok = decisions_->approve(d->id, kApprover, true, handle_);
  ASSERT_TRUE(ok.ok()) << ok.failure().detail;
  EXPECT_EQ(ok->state, DecisionState::Approved);
  EXPECT_EQ(ok->decided_by, kWorker);
  EXPECT_EQ(ok->approved_by, kApprover);
  EXPECT_EQ(ok->sent_on, "2026-01-17");     // made known when approved (a Saturday)
  EXPECT_EQ(ok->respond_by, "2026-03-02");  // 28 February is a Saturday: Monday
  EXPECT_EQ(count("SELECT COUNT(*) FROM zgw_besluiten"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM decision_drafts"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM zgw_zaakbesluiten"), 1);
  auto loaded = decisions_->get(d->id);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->approved_by, kApprover);
  EXPECT_EQ(loaded->decided_by, kWorker);
  EXPECT_EQ(event_kinds(), (std::vector<std::string>{"decision.created", "decision.approved"}));
  auto twice = decisions_->approve(d->id, "staff-c", true, handle_);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.failure().kind, common::Failure::Kind::Conflict);
}

TEST_P(DecisionContract, ADraftCanBeDiscardedAnApprovedDecisionNot) {
  four_eyes();
  auto d = decide();
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(decisions_->discard(d->id, handle_).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM decision_drafts"), 0);
  EXPECT_FALSE(decisions_->get(d->id).ok());
  db_->write([&](db::Connection& c) { decisions_->store().set_four_eyes(c, kType, false); });
  auto e = decide();
  ASSERT_TRUE(e.ok());
  auto r = decisions_->discard(e->id, handle_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure().kind, common::Failure::Kind::Conflict);
}

TEST_P(DecisionContract, RefusesUnknownUnpublishedAndForeignTypesAndWithoutPermit) {
  auto field = [](const Result<Decision>& r) {
    return r.ok() || r.failure().fields.empty() ? std::string() : r.failure().fields[0].code;
  };
  EXPECT_EQ(field(decide("66666666-6666-4666-8666-000000000000")), "does-not-exist");
  EXPECT_EQ(field(decide(kBtConcept)), "not-published");
  EXPECT_EQ(field(decide(kBtOther)), "wrong-case-type");
  DecisionInput in;
  in.decision_type_id = kBt;
  in.effective_from = "2026-02-01";
  in.expires_on = "2026-01-31";
  EXPECT_EQ(field(decisions_->decide(case_id_, in, kWorker, handle_)), "before-effective");
  in.expires_on.reset();
  auto reader = decisions_->decide(case_id_, in, kWorker, Permit{.may_read_level = 7});
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.failure().kind, common::Failure::Kind::Forbidden);
  // A case above the caller's level does not exist for them.
  auto low =
      decisions_->decide(case_id_, in, kWorker, Permit{.may_handle = true, .may_read_level = 2});
  ASSERT_FALSE(low.ok());
  EXPECT_EQ(low.failure().kind, common::Failure::Kind::NotFound);
  EXPECT_EQ(count("SELECT COUNT(*) FROM zgw_besluiten"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 0);
}

TEST_P(DecisionContract, ArchiveDateIsTheLatestOfTheCasesDecisions) {
  auto url = "/zgw/zaken/api/v1/zaken/" + case_id_;
  auto date = [&](std::string_view how) {
    return decisions_->archive_date_in(nullptr, url, how).datum;
  };
  EXPECT_TRUE(decisions_->archive_date_in(nullptr, url, "ingangsdatum_besluit").problem);
  for (auto [from, until] : {std::pair{"2026-02-01", "2027-01-31"}, std::pair{"2026-03-01", ""}}) {
    DecisionInput in;
    in.decision_type_id = kBt;
    in.effective_from = from;
    if (*until) in.expires_on = until;
    ASSERT_TRUE(decisions_->decide(case_id_, in, kWorker, handle_).ok());
  }
  EXPECT_EQ(date("ingangsdatum_besluit"), sys_days{year{2026} / 3 / 1});
  EXPECT_EQ(date("vervaldatum_besluit"), sys_days{year{2027} / 1 / 31});
  // A draft has not taken effect and gives no date.
  four_eyes();
  DecisionInput later;
  later.decision_type_id = kBt;
  later.effective_from = "2026-06-01";
  ASSERT_TRUE(decisions_->decide(case_id_, later, kWorker, handle_).ok());
  EXPECT_EQ(date("ingangsdatum_besluit"), sys_days{year{2026} / 3 / 1});
}

INSTANTIATE_TEST_SUITE_P(Backends, DecisionContract, testing::kBackends, testing::backend_name);

}  // namespace
}  // namespace loket::cases
