// The case store and service contract, run the same on SQLite and on PostgreSQL (the latter
// when LOKET_TEST_POSTGRES_URL is set): submit (one transaction, idempotent), the status order,
// suspension and extension, results, the party and organisation lists, key rotation.
#include "cases/case_store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <future>
#include <set>
#include <thread>

#include "cases/audit_trail.hpp"
#include "cases/case_service.hpp"
#include "cases/case_store_zgw.hpp"
#include "cases/party_list.hpp"
#include "cases/test_database.hpp"
#include "common/json.hpp"
#include "db/group_commit.hpp"
#include "notify/outbox.hpp"

namespace loket::cases {
namespace {

using namespace std::chrono;

constexpr const char* kRsin = "002220647";
constexpr const char* kOtherRsin = "002214350";
constexpr const char* kType = "11111111-1111-4111-8111-111111111111";
constexpr const char* kConcept = "11111111-1111-4111-8111-111111111112";
constexpr const char* kOtherType = "11111111-1111-4111-8111-111111111113";
constexpr const char* kStatus1 = "22222222-2222-4222-8222-222222222221";
constexpr const char* kStatus2 = "22222222-2222-4222-8222-222222222222";
constexpr const char* kStatus3 = "22222222-2222-4222-8222-222222222223";
constexpr const char* kResultType = "33333333-3333-4333-8333-333333333333";
constexpr const char* kAnna = "999993653";
constexpr const char* kBram = "999990019";

// Test fixtures: the catalogue rows a ZGW client would have made.
constexpr std::string_view kOrg =
    "INSERT INTO organisations (id, name, kind, oin, created_at) VALUES ($1, $2, 'municipality', "
    "$3,"
    " '2026-01-01')";
constexpr std::string_view kRoltype =
    "INSERT INTO zgw_roltypen (uuid, data, zaaktype, omschrijving_generiek) VALUES ($1,"
    " '{\"omschrijving\":\"Aanvrager\"}', $2, 'initiator')";
constexpr std::string_view kResultaattype =
    "INSERT INTO zgw_resultaattypen (uuid, data, zaaktype) VALUES ($1,"
    " '{\"omschrijving\":\"Verleend\"}', $2)";
constexpr std::string_view kCount = "SELECT COUNT(*) FROM zgw_zaken";
constexpr std::string_view kRolCount = "SELECT COUNT(*) FROM zgw_rollen";

std::string type_url(const std::string& id) { return "/zgw/catalogi/api/v1/zaaktypen/" + id; }

using testing::Backend;
using testing::kInsertCatalogus;
using testing::kInsertStatustype;
using testing::kInsertZaaktype;

class CaseContract : public testing::BackendTest {
 protected:
  void SetUp() override {
    open_database("cases");
    if (IsSkipped()) return;
    db_->write([](db::Connection& c) {
      c.execute(kOrg, {std::string("5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01"),
                       std::string("Gemeente Utrecht"), std::string("00000001") + kRsin + "000"});
      c.execute(kInsertCatalogus,
                {std::string("c1"), std::string("/zgw/catalogi/api/v1/catalogussen/c1"),
                 std::string("UTR"), std::string(kRsin)});
      c.execute(kInsertCatalogus,
                {std::string("c2"), std::string("/zgw/catalogi/api/v1/catalogussen/c2"),
                 std::string("ANDER"), std::string(kOtherRsin)});
      auto zaaktype = [&](const char* id, const char* catalogus, std::int64_t draft) {
        boost::json::object data{
            {"omschrijving", "Kapvergunning"}, {"vertrouwelijkheidaanduiding", "zaakvertrouwelijk"},
            {"doorlooptijd", "P8W"},           {"opschortingEnAanhoudingMogelijk", true},
            {"verlengingMogelijk", true},      {"verlengingstermijn", "P6W"}};
        c.execute(kInsertZaaktype,
                  {std::string(id), boost::json::serialize(data), type_url(id),
                   std::string("/zgw/catalogi/api/v1/catalogussen/") + catalogus, draft});
      };
      zaaktype(kType, "c1", 0);
      zaaktype(kConcept, "c1", 1);
      zaaktype(kOtherType, "c2", 0);
      std::int64_t n = 1;
      for (const char* st : {kStatus1, kStatus2, kStatus3}) {
        c.execute(kInsertStatustype, {std::string(st),
                                      std::string("{\"omschrijving\":\"Stap ") + std::to_string(n) +
                                          "\",\"statustekst\":\"Tekst\"}",
                                      type_url(kType), n});
        ++n;
      }
      c.execute(kInsertStatustype, {std::string("44444444-4444-4444-8444-444444444441"),
                                    std::string("{\"omschrijving\":\"Ontvangen\"}"),
                                    type_url(kOtherType), std::int64_t{1}});
      c.execute(kRoltype, {std::string("55555555-5555-4555-8555-555555555555"), type_url(kType)});
      c.execute(kResultaattype, {std::string(kResultType), type_url(kType)});
    });
    service_ = std::make_unique<CaseService>(*db_, keys_, [this] { return now_; });
  }

  void TearDown() override {
    service_.reset();
    BackendTest::TearDown();
  }

  Case submit(const char* number = kAnna, std::string key = "", const char* type = kType) {
    static int n = 0;
    if (key.empty()) key = "k" + std::to_string(++n);
    auto r = service_->submit({type, "Een boom", "{\"b\":1,\"a\":2}"},
                              {PartyKind::Resident, number, std::nullopt}, key, submit_permit_);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.failure().detail);
    return r.ok() ? r->c : Case{};
  }

  privacy::KeyRing keys_ = privacy::KeyRing::generate();
  system_clock::time_point now_ = sys_days{year{2026} / 3 / 2} + hours{10};
  Permit submit_permit_{.may_submit = true};
  Permit handle_{.may_handle = true, .may_read_level = 7};
  std::unique_ptr<CaseService> service_;
};

TEST_P(CaseContract, SubmitWritesCaseInitiatorFirstStatusReferenceAndEventAtOnce) {
  auto k = submit();
  EXPECT_EQ(k.reference, "UTR-2026-000001");
  EXPECT_EQ(k.identification.substr(0, 10), "ZAAK-2026-");
  EXPECT_EQ(k.organisation_rsin, kRsin);
  EXPECT_EQ(k.start_date, "2026-03-02");
  EXPECT_EQ(k.deadline, "2026-04-27");  // 8 weeks
  EXPECT_EQ(k.confidentiality, Confidentiality::Zaakvertrouwelijk);
  auto parties =
      db_->read_value([&](db::Connection& c) { return service_->store().parties(c, k.id); });
  ASSERT_EQ(parties.size(), 1u);
  EXPECT_EQ(parties[0].number, kAnna);
  EXPECT_EQ(parties[0].role, "initiator");
  auto current =
      db_->read_value([&](db::Connection& c) { return service_->store().current_status(c, k); });
  ASSERT_TRUE(current);
  EXPECT_EQ(current->second, kStatus1);
  EXPECT_EQ(event_kinds(), std::vector<std::string>{"case.created"});
  // The event carries ids, never the BSN.
  EXPECT_EQ(db_->read_once(testing::kEventKinds)[0].text(1).find(kAnna), std::string::npos);
  EXPECT_EQ(submit().reference, "UTR-2026-000002");
}

TEST_P(CaseContract, TheSameKeyReplaysAnotherBodyConflictsAnotherPersonIsSeparate) {
  auto first = submit(kAnna, "same");
  // The answers in another key order are the same request.
  auto again = service_->submit({kType, "Een boom", "{\"a\":2,\"b\":1}"},
                                {PartyKind::Resident, kAnna, std::nullopt}, "same", submit_permit_);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->c.id, first.id);
  auto other = service_->submit({kType, "Twee bomen", ""},
                                {PartyKind::Resident, kAnna, std::nullopt}, "same", submit_permit_);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.failure().kind, common::Failure::Kind::Conflict);
  EXPECT_NE(submit(kBram, "same").id, first.id);
  EXPECT_EQ(count(kCount), 2);
}

// Before a submit writes, one statement tells whether its key was seen and whether the number
// it drew is taken, by a zaak or by a number a ZGW client reserved.
TEST_P(CaseContract, SubmitChecksFindTheKeyAndATakenNumber) {
  const auto& store = service_->store();
  auto k = submit(kAnna, "checked");
  auto submitter = store.submitter_index(PartyKind::Resident, kAnna);
  db_->write([&](db::Connection& c) {
    c.execute(
        "INSERT INTO zgw_zaaknummers (bronorganisatie, identificatie, gereserveerd) VALUES ($1, "
        "$2, $3)",
        {std::string(kRsin), std::string("ZAAK-RESERVED-1"), std::string("2026-03-02")});
  });
  auto checks = [&](const std::string& key, const std::string& number) {
    return db_->read_value(
        [&](db::Connection& c) { return store.submit_checks(c, submitter, key, kRsin, number); });
  };
  auto seen = checks("checked", "ZAAK-FREE-1");
  ASSERT_TRUE(seen.seen);
  EXPECT_EQ(seen.seen->case_id, k.id);
  EXPECT_FALSE(seen.identification_taken);
  auto fresh = checks("new", k.identification);
  EXPECT_FALSE(fresh.seen);
  EXPECT_TRUE(fresh.identification_taken);
  EXPECT_TRUE(checks("new", "ZAAK-RESERVED-1").identification_taken);
  // Another person's key and another organisation's number are theirs.
  EXPECT_FALSE(db_->read_value([&](db::Connection& c) {
                    return store.submit_checks(c, store.submitter_index(PartyKind::Resident, kBram),
                                               "checked", "999999999", k.identification);
                  })
                   .seen);
}

TEST_P(CaseContract, AnUnknownOrUnpublishedCaseTypeIsRefusedAndNothingIsWritten) {
  for (const char* type : {kConcept, "99999999-9999-4999-8999-999999999999"}) {
    auto r = service_->submit({type, "", ""}, {PartyKind::Resident, kAnna, std::nullopt}, type,
                              submit_permit_);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.failure().kind, common::Failure::Kind::Invalid);
    EXPECT_EQ(r.failure().fields.at(0).name, "caseType");
  }
  auto refused =
      service_->submit({kType, "", ""}, {PartyKind::Resident, kAnna, std::nullopt}, "x", Permit{});
  EXPECT_EQ(refused.failure().kind, common::Failure::Kind::Forbidden);
  EXPECT_EQ(count(kCount), 0);
  EXPECT_EQ(count(kRolCount), 0);
  EXPECT_TRUE(event_kinds().empty());
}

TEST_P(CaseContract, StatusOrderClosingNeedsAResultReopeningNeedsThePermit) {
  auto k = submit();
  ASSERT_TRUE(service_->set_status(k.id, kStatus2, "", handle_).ok());
  auto early = service_->close(k.id, "", handle_);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.failure().fields.at(0).code, "resultaat-does-not-exist");
  EXPECT_FALSE(
      service_->record_result(k.id, "00000000-0000-4000-8000-000000000000", "", handle_).ok());
  ASSERT_TRUE(service_->record_result(k.id, kResultType, "", handle_).ok());
  EXPECT_EQ(service_->record_result(k.id, kResultType, "", handle_).failure().kind,
            common::Failure::Kind::Conflict);
  auto closed = service_->close(k.id, "Klaar", handle_);
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->end_date, "2026-03-02");
  auto denied = service_->reopen(k.id, "", "", handle_);
  EXPECT_EQ(denied.failure().kind, common::Failure::Kind::Forbidden);
  auto reclose = service_->close(k.id, "", handle_);
  EXPECT_EQ(reclose.failure().kind, common::Failure::Kind::Forbidden);
  auto reopen = handle_;
  reopen.may_reopen = true;
  auto open = service_->reopen(k.id, "", "", reopen);
  ASSERT_TRUE(open.ok());
  EXPECT_FALSE(open->closed());
  // One event per change (the clock stands still here, so they are listed by kind).
  EXPECT_EQ(event_kinds(), (std::vector<std::string>{"case.closed", "case.created", "case.reopened",
                                                     "case.result_recorded", "case.status_set"}));
  // Read access below the case's level: the case does not exist for the caller.
  auto low = handle_;
  low.may_read_level = 2;
  EXPECT_EQ(service_->assign(k.id, "staff-1", low).failure().kind, common::Failure::Kind::NotFound);
  EXPECT_EQ(service_->assign(k.id, "staff-1", Permit{.may_read_level = 7}).failure().kind,
            common::Failure::Kind::Forbidden);
  EXPECT_EQ(service_->assign(k.id, "staff-1", handle_)->assignee, "staff-1");
}

TEST_P(CaseContract, SuspensionStopsTheClockAndOneExtensionMovesTheDeadline) {
  auto k = submit();
  ASSERT_EQ(k.deadline, "2026-04-27");
  ASSERT_TRUE(service_->suspend(k.id, "Stukken nodig", handle_).ok());
  EXPECT_EQ(service_->suspend(k.id, "Nog eens", handle_).failure().fields.at(0).code, "suspended");
  now_ += days{10};
  auto resumed = service_->resume(k.id, handle_);
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(resumed->suspended_days, 10);
  EXPECT_EQ(resumed->deadline, "2026-05-07");
  EXPECT_EQ(service_->extend(k.id, {0, 0, 50}, "Advies", handle_).failure().fields.at(0).code,
            "max-value");
  auto extended = service_->extend(k.id, {0, 0, 42}, "Advies nodig", handle_);
  ASSERT_TRUE(extended.ok());
  EXPECT_EQ(extended->deadline, "2026-06-18");
  EXPECT_EQ(service_->extend(k.id, {0, 0, 7}, "Nog eens", handle_).failure().fields.at(0).code,
            "extended");
  // What is stored reads back the same.
  auto again = service_->get(k.id);
  EXPECT_EQ(again->deadline, "2026-06-18");
  EXPECT_EQ(again->extension->reason, "Advies nodig");
  EXPECT_TRUE(again->suspended_before);
}

TEST_P(CaseContract, PartiesListTheirOwnCasesByBlindIndex) {
  auto a1 = submit(kAnna);
  auto a2 = submit(kAnna);
  submit(kBram);
  auto page = service_->store().list_for_party(*db_, {PartyKind::Resident, kAnna, true, {}, 0, 20});
  EXPECT_EQ(page.total, 2);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].case_type_name, "Kapvergunning");
  EXPECT_EQ(page.items[0].status_name, "Stap 1");
  EXPECT_EQ(page.items[0].status_text, "Tekst");
  auto first = service_->store().list_for_party(*db_, {PartyKind::Resident, kAnna, true, {}, 0, 1});
  EXPECT_EQ(first.total, 2);
  auto none = service_->store().list_for_party(
      *db_, {PartyKind::Resident, kAnna, false, {{kOtherRsin, 7}}, 0, 20});
  EXPECT_EQ(none.total, 0);
  EXPECT_TRUE(service_->store().is_party(*db_, a1.id, PartyKind::Resident, kAnna));
  EXPECT_FALSE(service_->store().is_party(*db_, a1.id, PartyKind::Resident, kBram));
  (void)a2;
}

// A party's count stops at kCountCap, as the staff lists' does, so that a page costs the same
// however many cases the party has; the page's extra row still tells whether a page follows.
TEST_P(CaseContract, APartysCountStopsAtTheCap) {
  for (std::int64_t i = 0; i <= kCountCap; ++i) submit(kAnna);
  submit(kBram);
  auto first =
      service_->store().list_for_party(*db_, {PartyKind::Resident, kAnna, true, {}, 0, 20});
  EXPECT_EQ(first.items.size(), 20u);
  EXPECT_EQ(first.total, kCountCap);
  EXPECT_TRUE(first.count_capped);
  EXPECT_TRUE(first.more);
  // The last page: counted from its own rows, exactly.
  auto last =
      service_->store().list_for_party(*db_, {PartyKind::Resident, kAnna, true, {}, kCountCap, 20});
  EXPECT_EQ(last.items.size(), 1u);
  EXPECT_EQ(last.total, kCountCap + 1);
  EXPECT_FALSE(last.count_capped);
  EXPECT_FALSE(last.more);
  // Past the end: counted, and capped.
  auto past = service_->store().list_for_party(
      *db_, {PartyKind::Resident, kAnna, true, {}, kCountCap + 20, 20});
  EXPECT_TRUE(past.items.empty());
  EXPECT_TRUE(past.count_capped);
  auto bram = service_->store().list_for_party(*db_, {PartyKind::Resident, kBram, true, {}, 0, 20});
  EXPECT_EQ(bram.total, 1);
  EXPECT_FALSE(bram.count_capped);
}

// A party's list comes from their roles' copy of each case's order (migration 0027, kept by
// triggers): open first, then closed, each newest first, across page boundaries, each case
// once, and a case that closes or reopens moves.
TEST_P(CaseContract, APartysListIsOpenFirstThenNewestAcrossPagesAndFollowsTheCase) {
  std::vector<Case> k;
  for (int i = 0; i < 5; ++i) {
    k.push_back(submit(kAnna));
    now_ += days{1};
  }
  for (int i : {1, 3}) {
    ASSERT_TRUE(service_->record_result(k[i].id, kResultType, "", handle_).ok());
    ASSERT_TRUE(service_->close(k[i].id, "", handle_).ok());
  }
  // Anna has a second role in one case, and Bram a role in another of hers.
  db_->write([&](db::Connection& c) {
    service_->store().add_party(c,
                                {"66666666-6666-4666-8666-666666666661", k[2].id,
                                 PartyKind::Resident, kAnna, "belanghebbende", "", "", "", false},
                                "Belanghebbende");
    service_->store().add_party(c,
                                {"66666666-6666-4666-8666-666666666662", k[4].id,
                                 PartyKind::Resident, kBram, "belanghebbende", "", "", "", false},
                                "Belanghebbende");
  });
  auto bram_own = submit(kBram);  // the newest of all, open
  auto by_offset = [&](const char* who) {
    std::vector<std::string> ids;
    for (std::int64_t off = 0; off < 8; off += 2) {
      auto page =
          service_->store().list_for_party(*db_, {PartyKind::Resident, who, true, {}, off, 2});
      EXPECT_EQ(page.total, std::string(who) == kAnna ? 5 : 2) << "offset " << off;
      for (const auto& s : page.items) ids.push_back(s.id);
    }
    return ids;
  };
  auto by_keyset = [&](std::vector<ListedParty> parties) {
    std::vector<std::pair<std::string, std::size_t>> out;
    PartiesQuery q;
    q.parties = std::move(parties);
    q.limit = 2;
    for (int n = 0; n < 8; ++n) {
      auto page = list_for_parties(*db_, keys_, q);
      for (const auto& [s, who] : page.items) out.emplace_back(s.id, who);
      if (!page.next) break;
      q.after = page.next;
    }
    return out;
  };
  std::vector<std::string> want{k[4].id, k[2].id, k[0].id, k[3].id, k[1].id};
  EXPECT_EQ(by_offset(kAnna), want);
  ListedParty anna{PartyKind::Resident, kAnna, true, {}},
      bram{PartyKind::Resident, kBram, true, {}};
  // Anna and whom she acts for: Bram's case of hers is hers (listed once, as the first party's).
  using Listed = std::vector<std::pair<std::string, std::size_t>>;
  EXPECT_EQ(
      by_keyset({anna, bram}),
      (Listed{
          {bram_own.id, 1}, {k[4].id, 0}, {k[2].id, 0}, {k[0].id, 0}, {k[3].id, 0}, {k[1].id, 0}}));
  EXPECT_EQ(
      by_keyset({bram, anna}),
      (Listed{
          {bram_own.id, 0}, {k[4].id, 0}, {k[2].id, 1}, {k[0].id, 1}, {k[3].id, 1}, {k[1].id, 1}}));
  // Open only, closed only.
  auto open = service_->store().list_for_party(
      *db_, {PartyKind::Resident, kAnna, true, {}, 0, 20, std::nullopt, OpenFilter::Open});
  EXPECT_EQ(open.total, 3);
  auto closed = service_->store().list_for_party(
      *db_, {PartyKind::Resident, kAnna, true, {}, 0, 20, std::nullopt, OpenFilter::Closed});
  ASSERT_EQ(closed.items.size(), 2u);
  EXPECT_EQ(closed.items[0].id, k[3].id);
  // Past the end: no rows, the count still right.
  auto past = service_->store().list_for_party(*db_, {PartyKind::Resident, kAnna, true, {}, 10, 2});
  EXPECT_TRUE(past.items.empty());
  EXPECT_EQ(past.total, 5);
  // Reopened: back among the open ones, in its place by start date.
  auto reopen = handle_;
  reopen.may_reopen = true;
  ASSERT_TRUE(service_->reopen(k[3].id, "", "", reopen).ok());
  EXPECT_EQ(by_offset(kAnna),
            (std::vector<std::string>{k[4].id, k[3].id, k[2].id, k[0].id, k[1].id}));
}

TEST_P(CaseContract, TheWorkQueuePagesByKeysetSortedByDeadline) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    now_ += days{1};  // a later start: a later deadline
    ids.push_back(submit(i % 2 ? kAnna : kBram).id);
  }
  OrganisationQuery q;
  q.scopes = {{kRsin, 7}};
  q.sort = CaseSort::DeadlineAsc;
  q.limit = 2;
  std::vector<std::string> seen;
  for (;;) {
    auto page = service_->store().list_for_organisation(*db_, q);
    EXPECT_EQ(page.count, 5);
    EXPECT_FALSE(page.count_capped);
    for (const auto& s : page.items) seen.push_back(s.id);
    if (!page.next) break;
    q.after = page.next;
  }
  EXPECT_EQ(seen, ids);
  q.after.reset();
  q.scopes = {{kRsin, 2}};  // below zaakvertrouwelijk: nothing
  EXPECT_TRUE(service_->store().list_for_organisation(*db_, q).items.empty());
  q.scopes = {{kRsin, 7}};
  q.overdue_on = "2026-04-29";
  EXPECT_EQ(service_->store().list_for_organisation(*db_, q).count, 1);
  q.overdue_on.reset();
  q.open = OpenFilter::Closed;
  EXPECT_EQ(service_->store().list_for_organisation(*db_, q).count, 0);
}

TEST_P(CaseContract, ResealingUsesTheCurrentKeyAndTheIndexStillFinds) {
  auto k = submit();
  keys_.add_key();
  auto n = db_->write_value([&](db::Connection& c) { return service_->store().reseal_parties(c); });
  EXPECT_EQ(n, 1);
  auto parties =
      db_->read_value([&](db::Connection& c) { return service_->store().parties(c, k.id); });
  EXPECT_EQ(parties.at(0).number, kAnna);
  EXPECT_EQ(
      db_->write_value([&](db::Connection& c) { return service_->store().reseal_parties(c); }), 0);
}

TEST_P(CaseContract, DomainEventsAreNotClaimedByTheMailWorker) {
  submit();
  auto due = db_->read_value([](db::Connection& c) { return notify::due_rows(c, 1LL << 50, 10); });
  EXPECT_TRUE(due.empty());
  EXPECT_EQ(db_->read_value([](db::Connection& c) { return notify::pending_count(c); }), 0);
  EXPECT_EQ(
      db_->read_value([](db::Connection& c) { return notify::pending_count(c, kCaseCreated); }), 1);
}

TEST_P(CaseContract, TheZgwDoorSharesTheStatusRulesAndEvents) {
  auto k = submit();
  auto decide = [&](const char* type, bool closed, const Permit& p) {
    return db_->write_value([&](db::Connection& c) {
      return std::optional(service_->status_added_in(
          c, {k.id, kType, type, "status-x", "2026-03-05T10:00:00Z", closed}, p));
    });
  };
  Permit zgw{.may_handle = true, .may_read_level = 7};
  EXPECT_EQ(decide(kStatus2, false, zgw)->value().transition, Transition::Advance);
  auto early = decide(kStatus3, false, zgw);
  ASSERT_FALSE(early->ok());
  EXPECT_EQ(early->failure().fields.at(0).code, "resultaat-does-not-exist");
  ASSERT_TRUE(service_->record_result(k.id, kResultType, "", handle_).ok());
  auto close = decide(kStatus3, false, zgw);
  EXPECT_EQ(close->value().transition, Transition::Close);
  EXPECT_EQ(close->value().end_date, "2026-03-05");
  EXPECT_EQ(decide(kStatus1, true, zgw)->failure().kind, common::Failure::Kind::Forbidden);
  EXPECT_EQ(decide(kStatus3, true, zgw)->failure().kind, common::Failure::Kind::Forbidden);
  zgw.may_reopen = true;
  EXPECT_EQ(decide(kStatus1, true, zgw)->value().transition, Transition::Reopen);
  db_->write([&](db::Connection& c) { service_->registered_in(c, k.id); });
  EXPECT_EQ(event_kinds(),
            (std::vector<std::string>{"case.closed", "case.created", "case.created",
                                      "case.reopened", "case.result_recorded", "case.status_set"}));
}

TEST_P(CaseContract, TheZgwDoorChangesPartsThroughTheServiceRulesAndEvents) {
  auto k = submit();
  auto run = [&](auto f) {
    return db_->write_value([&](db::Connection& c) { return std::optional(f(c)); });
  };
  Permit zgw{.may_handle = true, .may_read_level = 7};
  CaseService::PartFacts open{k.id, false}, closed{k.id, true};
  EXPECT_TRUE(
      run([&](db::Connection& c) { return service_->party_added_in(c, open, "r1", zgw); })->ok());
  EXPECT_TRUE(
      run([&](db::Connection& c) { return service_->party_removed_in(c, open, "r1", zgw); })->ok());
  EXPECT_TRUE(run([&](db::Connection& c) {
                return service_->result_recorded_in(c, open, "x", false, zgw);
              })->ok());
  EXPECT_TRUE(run([&](db::Connection& c) {
                return service_->result_recorded_in(c, open, "x", true, zgw);
              })->ok());
  EXPECT_TRUE(
      run([&](db::Connection& c) { return service_->result_removed_in(c, open, "x", zgw); })->ok());
  EXPECT_TRUE(
      run([&](db::Connection& c) { return service_->case_updated_in(c, open, zgw); })->ok());
  // A closed case changes only with the right to change it anyway; nothing is emitted.
  auto refused =
      run([&](db::Connection& c) { return service_->party_added_in(c, closed, "r2", zgw); });
  EXPECT_EQ(refused->failure().kind, common::Failure::Kind::Forbidden);
  EXPECT_EQ(run([&](db::Connection& c) { return service_->case_updated_in(c, closed, zgw); })
                ->failure()
                .kind,
            common::Failure::Kind::Forbidden);
  Permit forced = zgw;
  forced.may_change_closed = true;
  EXPECT_TRUE(run([&](db::Connection& c) {
                return service_->result_removed_in(c, closed, "x", forced);
              })->ok());
  EXPECT_EQ(event_kinds(),
            (std::vector<std::string>{"case.created", "case.party_added", "case.party_removed",
                                      "case.result_recorded", "case.updated", "case.updated",
                                      "case.updated", "case.updated"}));
}

TEST_P(CaseContract, DeletingACaseThroughTheZgwDoorTakesItsPartsAndDeelzaken) {
  auto k = submit();
  auto deel = submit(kBram);
  EXPECT_EQ(count(kRolCount), 2);
  auto parts = db_->read_value([&](db::Connection& c) {
    return zgw_rows::part_cases(c, "/zgw/zaken/api/v1/zaken/" + k.id);
  });
  EXPECT_TRUE(parts.empty());  // no hoofdzaak set
  auto r = db_->write_value([&](db::Connection& c) {
    auto out = service_->case_deleted_in(c, k.id, {deel.id}, handle_);
    zgw_rows::remove(c, CaseTable::Zaken, k.id);
    return std::optional(out);
  });
  ASSERT_TRUE(r->ok());
  EXPECT_EQ(count(kCount), 0);
  EXPECT_EQ(count(kRolCount), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM zgw_statussen"), 0);
  Permit none{};
  EXPECT_EQ(db_->write_value([&](db::Connection& c) {
                 return std::optional(service_->case_deleted_in(c, k.id, {}, none));
               })
                ->failure()
                .kind,
            common::Failure::Kind::Forbidden);
}

TEST_P(CaseContract, TheZgwRowsOfTheCaseTablesReadListWriteAndDelete) {
  auto k = submit();
  auto row = zgw_rows::load(*db_, CaseTable::Zaken, k.id, {});
  ASSERT_TRUE(row);
  EXPECT_NE(row->data.find(k.identification), std::string::npos);
  auto facts = zgw_rows::type_and_level(*db_, k.id);
  ASSERT_TRUE(facts);
  EXPECT_EQ(facts->first, type_url(kType));
  EXPECT_EQ(facts->second, 3);  // zaakvertrouwelijk
  auto rol = db_->read_value([&](db::Connection& c) { return service_->store().parties(c, k.id); });
  ASSERT_EQ(rol.size(), 1u);
  auto sealed = zgw_rows::load(*db_, CaseTable::Rollen, rol[0].id, {"bsn_enc", "kvk_enc"});
  ASSERT_TRUE(sealed);
  ASSERT_EQ(sealed->sealed.size(), 2u);
  EXPECT_TRUE(sealed->sealed[0]);
  EXPECT_FALSE(sealed->sealed[1]);
  // A list page with a role condition, its count over every match.
  ZgwListQuery q;
  q.where = " WHERE " + zgw_rows::cases_with_role("omschrijving_generiek", "$1");
  q.params = {std::string("initiator")};
  q.order = "uuid";
  q.limit = 1;
  submit(kBram);
  auto page = zgw_rows::list(*db_, CaseTable::Zaken, q);
  EXPECT_EQ(page.total, 2);
  EXPECT_EQ(page.rows.size(), 1u);
  EXPECT_EQ(zgw_rows::count_cases(*db_, q.where, q.params), 2);
  EXPECT_EQ(zgw_rows::case_data(*db_, q.where, q.params, "uuid LIMIT 5").size(), 2u);
  // The current status.
  auto status_url = "/zgw/zaken/api/v1/statussen/" + k.status_id;
  EXPECT_TRUE(zgw_rows::is_current_status(*db_, k.id, status_url));
  EXPECT_FALSE(zgw_rows::is_current_status(*db_, k.id, "/zgw/zaken/api/v1/statussen/x"));
  db_->write([&](db::Connection& c) {
    zgw_rows::lock_case(c, k.id);
    EXPECT_TRUE(zgw_rows::status_moment(c, status_url));
    EXPECT_FALSE(zgw_rows::status_moment(c, "/zgw/zaken/api/v1/statussen/x"));
    EXPECT_TRUE(zgw_rows::results_of_case(&c, *db_, k.id).empty());
    // An update of a prepared row, then a delete.
    zgw_rows::write(
        c, CaseTable::Zaken,
        {{"uuid", "data", "archiefstatus"}, {k.id, row->data, std::string("gearchiveerd")}}, false);
    zgw_rows::remove(c, CaseTable::Rollen, rol[0].id);
  });
  EXPECT_EQ(count("SELECT COUNT(*) FROM zgw_zaken WHERE archiefstatus = 'gearchiveerd'"), 1);
  EXPECT_EQ(count(kRolCount), 1);
  EXPECT_FALSE(zgw_rows::load(*db_, CaseTable::Rollen, rol[0].id, {}));
}

// A JSON value as text ("" for null, the number as text), to compare with expectations.
std::string str(const boost::json::value& v) {
  if (v.is_null()) return "";
  return v.is_string() ? std::string(v.as_string()) : boost::json::serialize(v);
}

// A resultaattype with archive parameters (zrc-015): nominatie, termijn and how the brondatum
// is found.
void add_archive_result_type(db::Database& db, const char* id, std::string_view procedure) {
  db.write([&](db::Connection& c) {
    c.execute("INSERT INTO zgw_resultaattypen (uuid, data, zaaktype) VALUES ($1, $2, $3)",
              {std::string(id),
               "{\"omschrijving\":\"Archief\",\"archiefnominatie\":\"vernietigen\","
               "\"archiefactietermijn\":\"P10Y\",\"brondatumArchiefprocedure\":" +
                   std::string(procedure) + "}",
               type_url(kType)});
  });
}

TEST_P(CaseContract, ClosingDerivesTheArchiveFieldsAndEveryChangeIsAudited) {
  constexpr const char* kArchived = "33333333-3333-4333-8333-333333333334";
  add_archive_result_type(*db_, kArchived, R"({"afleidingswijze":"afgehandeld"})");
  auto k = submit();
  auto who = handle_;
  who.actor = {"loket-behandelen", "Loket behandelen", "staff-1", "Medewerker"};
  ASSERT_TRUE(service_->suspend(k.id, "Een foto graag", who).ok());
  ASSERT_TRUE(service_->record_result(k.id, kArchived, "Verleend", who).ok());
  auto closed = service_->close(k.id, "Klaar", who);
  ASSERT_TRUE(closed.ok()) << closed.failure().detail;
  auto zaak = zgw_rows::load(*db_, CaseTable::Zaken, k.id, {});
  ASSERT_TRUE(zaak);
  auto data = boost::json::parse(zaak->data).as_object();
  EXPECT_EQ(str(data.at("einddatum")), "2026-03-02");
  EXPECT_EQ(str(data.at("archiefnominatie")), "vernietigen");
  EXPECT_EQ(str(data.at("archiefactiedatum")), "2036-03-02");  // einddatum + P10Y

  auto trail = audit_trail_of(*db_, "/zgw/zaken/api/v1/zaken/" + k.id);
  // The submission's own record (the applicant's "zaak create") comes first.
  ASSERT_EQ(trail.size(), 4u);
  auto created = boost::json::parse(trail.front()).as_object();
  EXPECT_EQ(common::text(created, "resource") + ":" + common::text(created, "actie"), "zaak:create");
  trail.erase(trail.begin());
  std::vector<std::string> shape;
  for (const auto& t : trail) {
    auto r = boost::json::parse(t).as_object();
    shape.push_back(common::text(r, "resource") + ":" + common::text(r, "actie"));
    EXPECT_EQ(str(r.at("gebruikersId")), "staff-1");
    EXPECT_EQ(str(r.at("applicatieId")), "loket-behandelen");
    EXPECT_EQ(str(r.at("hoofdObject")), "/zgw/zaken/api/v1/zaken/" + k.id);
    EXPECT_EQ(t.find(kAnna), std::string::npos) << "no BSN in the audit trail";
  }
  EXPECT_EQ(shape,
            (std::vector<std::string>{"zaak:partial_update", "resultaat:create", "status:create"}));
  auto last = boost::json::parse(trail.back()).as_object();
  EXPECT_EQ(str(last.at("resultaat")), "201");
  EXPECT_TRUE(last.at("wijzigingen").at("oud").is_null());
  EXPECT_EQ(str(last.at("wijzigingen").at("nieuw").at("statustype")),
            "/zgw/catalogi/api/v1/statustypen/" + std::string(kStatus3));

  // Reopening clears them, as the Zaken API does.
  auto reopen = who;
  reopen.may_reopen = true;
  ASSERT_TRUE(service_->reopen(k.id, "", "", reopen).ok());
  data = boost::json::parse(zgw_rows::load(*db_, CaseTable::Zaken, k.id, {})->data).as_object();
  EXPECT_TRUE(data.at("archiefnominatie").is_null());
  EXPECT_TRUE(data.at("archiefactiedatum").is_null());
}

TEST_P(CaseContract, AClosingWhoseArchiveDateIsMissingIsRefusedAndWritesNothing) {
  constexpr const char* kByProperty = "33333333-3333-4333-8333-333333333335";
  add_archive_result_type(*db_, kByProperty,
                          R"({"afleidingswijze":"eigenschap","datumkenmerk":"vervaldatum"})");
  std::vector<std::string> waarden;
  ArchiveSources sources;
  sources.eigenschap_waarden = [&](db::Connection&, std::string_view, std::string_view naam) {
    EXPECT_EQ(naam, "vervaldatum");
    return waarden;
  };
  service_->set_archive_sources(sources);
  auto k = submit();
  ASSERT_TRUE(service_->record_result(k.id, kByProperty, "", handle_).ok());
  auto audited = audit_trail_of(*db_, "/zgw/zaken/api/v1/zaken/" + k.id).size();
  auto refused = service_->close(k.id, "", handle_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.failure().fields.at(0).name, "nonFieldErrors");
  EXPECT_EQ(refused.failure().fields.at(0).code, "archiefactiedatum-error");
  EXPECT_FALSE(service_->get(k.id)->closed());
  EXPECT_EQ(audit_trail_of(*db_, "/zgw/zaken/api/v1/zaken/" + k.id).size(), audited);

  waarden = {"20300615"};
  ASSERT_TRUE(service_->close(k.id, "", handle_).ok());
  auto data =
      boost::json::parse(zgw_rows::load(*db_, CaseTable::Zaken, k.id, {})->data).as_object();
  EXPECT_EQ(str(data.at("archiefactiedatum")), "2040-06-15");  // 2030-06-15 + P10Y
}

TEST_P(CaseContract, TheStoreSealsAZgwRolsNumbersAndUnsealsThem) {
  const auto& store = service_->store();
  auto rol = boost::json::parse(
                 R"({"uuid":"77777777-7777-4777-8777-777777777777","betrokkeneIdentificatie":)"
                 R"({"inpBsn":"999993653","kvkNummer":"12345678","geslachtsnaam":"Jansen"}})")
                 .as_object();
  auto sealed = store.seal_role(rol);
  ASSERT_EQ(sealed.size(), CaseStore::role_sealed_columns().size());
  auto& ident = rol.at("betrokkeneIdentificatie").as_object();
  EXPECT_FALSE(ident.contains("inpBsn"));
  EXPECT_FALSE(ident.contains("kvkNummer"));
  EXPECT_EQ(boost::json::serialize(rol).find(kAnna), std::string::npos);
  EXPECT_EQ(std::get<std::string>(sealed[1]), store.number_index(PartyKind::Resident, kAnna));
  EXPECT_EQ(std::get<std::string>(sealed[3]), store.number_index(PartyKind::Business, "12345678"));
  std::vector<std::optional<std::string>> read;
  for (const auto& v : sealed) read.push_back(std::get<std::string>(v));
  store.unseal_role(rol, read);
  EXPECT_EQ(str(ident.at("inpBsn")), kAnna);
  EXPECT_EQ(str(ident.at("kvkNummer")), "12345678");
  // Bound to its row: another rol's uuid does not open it.
  rol["uuid"] = "88888888-8888-4888-8888-888888888888";
  ident.erase("inpBsn");
  store.unseal_role(rol, read);
  EXPECT_EQ(str(rol.at("betrokkeneIdentificatie").at("inpBsn")), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseContract, testing::kBackends, testing::backend_name);

// ---- submits committed together (group commit, issue 9) ----
// Holds the group committer with writes that wait until released, so that the submits started
// meanwhile queue and are committed as one group once it is released.
class HeldWriter {
 public:
  explicit HeldWriter(db::Database& db) : db_(db) {
    auto before = db_.stats().waits;
    // Two holders: PostgreSQL runs two groups at once with the fixture's pool of 4; on SQLite
    // the second waits in the queue and then shares the submits' group (it returns at once by
    // then).
    for (int i = 0; i < 2; ++i) {
      threads_.emplace_back([this] {
        db::write_grouped(db_, [this](db::Connection&) {
          ++running_;
          released_.wait();
        });
      });
    }
    // Running (PostgreSQL) or queued behind the first (SQLite).
    wait_until([&] { return running_ == 2 || (running_ == 1 && db_.stats().waits > before); });
    waits_ = db_.stats().waits;
  }
  ~HeldWriter() {
    release();
    for (auto& t : threads_) t.join();
  }
  // Waits until `n` more writes are queued behind the holders.
  void wait_queued(std::uint64_t n) {
    wait_until([&] { return db_.stats().waits >= waits_ + n; });
  }
  void release() {
    if (!released_set_) release_.set_value();
    released_set_ = true;
  }

 private:
  template <class F>
  static void wait_until(F&& f) {
    for (int i = 0; i < 2000 && !f(); ++i) std::this_thread::sleep_for(milliseconds(5));
    ASSERT_TRUE(f()) << "the writes did not queue";
  }
  db::Database& db_;
  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
  bool released_set_ = false;
  std::atomic<int> running_{0};
  std::uint64_t waits_ = 0;
  std::vector<std::thread> threads_;
};

TEST_P(CaseContract, TwoSubmitsWithOneKeyInOneGroupMakeOneCaseAndBothGetIt) {
  submit();  // numbers reserved: the submits below take theirs without a write of their own
  std::vector<Result<Submitted>> results;
  {
    HeldWriter held(*db_);
    std::vector<std::future<Result<Submitted>>> running;
    for (int i = 0; i < 2; ++i) {
      running.push_back(std::async(std::launch::async, [&] {
        return service_->submit({kType, "Een boom", "{\"a\":2,\"b\":1}"},
                                {PartyKind::Resident, kAnna, std::nullopt}, "one-key",
                                submit_permit_);
      }));
    }
    held.wait_queued(2);
    held.release();
    for (auto& r : running) results.push_back(r.get());
  }
  ASSERT_TRUE(results[0].ok() && results[1].ok());
  EXPECT_EQ(results[0]->c.id, results[1]->c.id);
  EXPECT_NE(results[0]->replayed, results[1]->replayed) << "one made it, the other replayed it";
  EXPECT_EQ(count(kCount), 2);
  EXPECT_EQ(count(kRolCount), 2);
}

TEST_P(CaseContract, TwoSubmitsWithOneKeyAndAnotherBodyInOneGroupAreOneCaseAndAConflict) {
  submit();
  std::vector<Result<Submitted>> results;
  {
    HeldWriter held(*db_);
    std::vector<std::future<Result<Submitted>>> running;
    for (const char* description : {"Een boom", "Twee bomen"}) {
      running.push_back(std::async(std::launch::async, [&, description] {
        return service_->submit({kType, description, ""},
                                {PartyKind::Resident, kAnna, std::nullopt}, "one-key",
                                submit_permit_);
      }));
    }
    held.wait_queued(2);
    held.release();
    for (auto& r : running) results.push_back(r.get());
  }
  auto ok = std::count_if(results.begin(), results.end(), [](auto& r) { return r.ok(); });
  ASSERT_EQ(ok, 1);
  const auto& refused = results[0].ok() ? results[1] : results[0];
  EXPECT_EQ(refused.failure().kind, common::Failure::Kind::Conflict);
  EXPECT_EQ(count(kCount), 2);
  EXPECT_EQ(event_kinds().size(), 2u);
}

TEST_P(CaseContract, ManySubmitsInOneGroupAreEachStoredOnceAndAFailedOneLeavesTheOthers) {
  submit();
  std::vector<Result<Submitted>> results;
  {
    HeldWriter held(*db_);
    std::vector<std::future<Result<Submitted>>> running;
    for (int i = 0; i < 8; ++i) {
      running.push_back(std::async(std::launch::async, [&, i] {
        return service_->submit({kType, "Boom " + std::to_string(i), ""},
                                {PartyKind::Resident, kAnna, std::nullopt},
                                "many-" + std::to_string(i), submit_permit_);
      }));
    }
    held.wait_queued(8);
    held.release();
    for (auto& r : running) results.push_back(r.get());
  }
  std::set<std::string> ids, references;
  for (auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.failure().detail;
    EXPECT_FALSE(r->replayed);
    ids.insert(r->c.id);
    references.insert(r->c.reference);
  }
  EXPECT_EQ(ids.size(), 8u);
  EXPECT_EQ(references.size(), 8u);
  EXPECT_EQ(count(kCount), 9);
  // A write of the group that fails is rolled back alone: the others commit.
  db_->write([](db::Connection& c) { c.execute_script("CREATE TABLE group_probe_0 (n INTEGER)"); });
  std::vector<std::exception_ptr> errors(3);
  {
    HeldWriter held(*db_);
    std::vector<std::thread> writers;
    for (int i = 0; i < 3; ++i) {
      writers.emplace_back([&, i] {
        try {
          db::write_grouped(*db_, [&, i](db::Connection& c) {
            c.execute("INSERT INTO group_probe_" + std::to_string(i == 1) + " VALUES (1)");
          });
        } catch (...) {
          errors[i] = std::current_exception();
        }
      });
    }
    held.wait_queued(3);
    held.release();
    for (auto& t : writers) t.join();
  }
  EXPECT_FALSE(errors[0]);
  EXPECT_TRUE(errors[1]) << "no table group_probe_1";
  EXPECT_FALSE(errors[2]);
  EXPECT_EQ(count("SELECT COUNT(*) FROM group_probe_0"), 2);
}

}  // namespace
}  // namespace loket::cases
