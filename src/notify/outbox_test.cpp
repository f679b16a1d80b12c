#include "notify/outbox.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "db/migrate.hpp"
#include "notify/events.hpp"

namespace loket::notify {
namespace {

// A migrated database in a fresh file (":memory:" would be one database per pooled connection).
class TempDb {
 public:
  TempDb() {
    path_ = std::filesystem::temp_directory_path() / ("loket-outbox-" + std::to_string(::getpid()) +
                                                      "-" + std::to_string(++counter_) + ".db");
    std::filesystem::remove(path_);
    db_ = db::open("sqlite:" + path_.string());
    db::migrate(*db_);
  }
  ~TempDb() {
    db_.reset();
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }
  db::Database* operator->() { return db_.get(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
  std::unique_ptr<db::Database> db_;
};

TEST(Outbox, RetryDelayDoublesUpToAnHour) {
  EXPECT_EQ(retry_delay(0), 2000);
  EXPECT_EQ(retry_delay(1), 2000);
  EXPECT_EQ(retry_delay(2), 4000);
  EXPECT_EQ(retry_delay(3), 8000);
  EXPECT_EQ(retry_delay(11), 2'048'000);
  EXPECT_EQ(retry_delay(12), 3'600'000);
  EXPECT_EQ(retry_delay(1000), 3'600'000);
}

TEST(Outbox, PayloadRoundTrip) {
  TempDb db;
  db->write([](db::Connection& c) {
    enqueue_mail(c, {"a@example.nl", "Onderwerp", "Tekst \"met\" quotes\n"}, 1000);
  });
  auto rows = db->read_value([](db::Connection& c) { return due_rows(c, 1000, 10); });
  ASSERT_EQ(rows.size(), 1u);
  auto mail = mail_from_payload(rows[0].payload);
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->to, "a@example.nl");
  EXPECT_EQ(mail->text, "Tekst \"met\" quotes\n");
  EXPECT_THROW(db->write([](db::Connection& c) {
    enqueue_mail(c, {"a@example.nl\nBcc: b@example.nl", "S", ""}, 1000);
  }),
               std::invalid_argument);
}

TEST(Outbox, ClaimOnceThenRescheduleThenSend) {
  TempDb db;
  db->write([](db::Connection& c) { enqueue_mail(c, {"a@example.nl", "S", "T"}, 1000); });
  auto rows = db->read_value([](db::Connection& c) { return due_rows(c, 1000, 10); });
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(db->write_value([&](db::Connection& c) { return claim(c, rows[0], 1000, 60000); }));
  EXPECT_FALSE(db->write_value([&](db::Connection& c) { return claim(c, rows[0], 1000, 60000); }));
  EXPECT_TRUE(db->read_value([](db::Connection& c) { return due_rows(c, 2000, 10); }).empty());
  db->write([&](db::Connection& c) { mark_failed(c, rows[0].id, 3000, "refused"); });
  auto again = db->read_value([](db::Connection& c) { return due_rows(c, 3000, 10); });
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 1);
  db->write([&](db::Connection& c) { mark_sent(c, again[0].id, 3500); });
  EXPECT_EQ(db->read_value([](db::Connection& c) { return pending_count(c); }), 0);
  auto payload = db->read_once("SELECT payload FROM outbox");
  EXPECT_EQ(payload[0].text(0), "{}");  // no address or link kept once sent
  EXPECT_EQ(db->write_value([](db::Connection& c) { return purge_sent(c, 3500); }), 0);
  EXPECT_EQ(db->write_value([](db::Connection& c) { return purge_sent(c, 3501); }), 1);
}

TEST(Events, EveryMatchingHandlerOnceInTheSameTransactionAsTheConsumption) {
  TempDb db;
  db->write([](db::Connection& c) {
    enqueue_event(c, "case.created", R"({"case":"c1"})", 1000);
    enqueue_event(c, "document.created", R"({"document":"d1"})", 1001);
    enqueue_mail(c, {"a@example.nl", "S", "T"}, 1002);
  });
  EventDispatcher events(*db.operator->());
  std::vector<std::string> seen;
  events.on("case.", [&](db::Connection&, const Event& e) {
    seen.push_back("case:" + std::string(e.payload.at("case").as_string()));
  });
  events.on("", [&](db::Connection&, const Event& e) { seen.push_back("all:" + e.kind); });
  EXPECT_EQ(events.run_once(2000), 2);
  EXPECT_EQ(seen,
            (std::vector<std::string>{"case:c1", "all:case.created", "all:document.created"}));
  EXPECT_EQ(events.run_once(3000), 0);  // consumed once
  EXPECT_EQ(db->read_value([](db::Connection& c) { return pending_events(c); }), 0);
  EXPECT_EQ(db->read_value([](db::Connection& c) { return pending_count(c); }), 1);  // the mail
}

TEST(Events, AFailingHandlerRollsBackOnlyItsEventAndRetriesItLater) {
  TempDb db;
  db->write([](db::Connection& c) {
    enqueue_event(c, "case.created", R"({"case":"bad"})", 1000);
    enqueue_event(c, "case.created", R"({"case":"good"})", 1001);
  });
  EventDispatcher events(*db.operator->());
  int bad_calls = 0;
  events.on("case.", [&](db::Connection& c, const Event& e) {
    c.execute(
        "INSERT INTO outbox (id, kind, payload, created_at, attempts, next_attempt_at)"
        " VALUES ($1, 'mail', '{}', 0, 0, 0)",
        {"derived-" + e.id});
    if (e.payload.at("case").as_string() == "bad" && ++bad_calls < 3) {
      throw std::runtime_error("subscriber table missing");
    }
  });
  EXPECT_EQ(events.run_once(2000), 1);  // the good one; the bad one waits
  EXPECT_EQ(db->read_value([](db::Connection& c) { return pending_events(c); }), 1);
  EXPECT_EQ(db->read_value([](db::Connection& c) { return pending_count(c); }), 1);  // good's row
  EXPECT_EQ(events.run_once(2001), 0);                                               // backoff
  EXPECT_EQ(events.run_once(2000 + retry_delay(1)), 1);  // its third try succeeds
  EXPECT_EQ(db->read_value([](db::Connection& c) { return pending_events(c); }), 0);
  EXPECT_EQ(db->read_value([](db::Connection& c) { return pending_count(c); }), 2);
}

}  // namespace
}  // namespace loket::notify
