// The documents' SQL and use cases against both databases: SQLite in a temporary file, and
// PostgreSQL in a schema of its own when LOKET_TEST_POSTGRES_URL names a server (make test).
#include "documents/document_store.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "db/migrate.hpp"
#include "db/postgres.hpp"
#include "documents/document_service.hpp"

namespace loket::documents {
namespace {
namespace fs = std::filesystem;

const std::string kPdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n";

std::string unique_name(std::string_view prefix) {
  static std::atomic<int> counter{0};
  return std::string(prefix) + std::to_string(::getpid()) + "_" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "_" +
         std::to_string(counter++);
}

class DocumentStoreTest : public ::testing::TestWithParam<db::Dialect> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / unique_name("loket-documents-");
    fs::create_directories(dir_);
    if (GetParam() == db::Dialect::Sqlite) {
      db_ = db::open("sqlite:" + (dir_ / "loket.db").string());
    } else {
      const char* url = std::getenv("LOKET_TEST_POSTGRES_URL");
      if (!url || !*url) GTEST_SKIP() << "set LOKET_TEST_POSTGRES_URL to run on PostgreSQL";
      base_url_ = url;
      schema_ = unique_name("loket_documents_");
      auto admin = db::open_postgres(base_url_, {.pool_size = 1});
      // The schema name is generated above, never input.
      admin->write([&](db::Connection& c) { c.execute_script("CREATE SCHEMA " + schema_); });
      db_ = db::open_postgres(base_url_ + (base_url_.find('?') == std::string::npos ? "?" : "&") +
                                  "options=-c%20search_path%3D" + schema_,
                              {.pool_size = 8});
    }
    db::migrate(*db_);
  }

  void TearDown() override {
    service_.reset();
    blobs_.reset();
    db_.reset();
    if (!schema_.empty()) {
      auto admin = db::open_postgres(base_url_, {.pool_size = 1});
      admin->write(
          [&](db::Connection& c) { c.execute_script("DROP SCHEMA " + schema_ + " CASCADE"); });
    }
    fs::remove_all(dir_);
  }

  DocumentService& service(ServiceOptions options = {},
                           std::uint64_t max_size = kDefaultMaxBlobSize) {
    blobs_ =
        std::make_unique<BlobStore>(BlobStoreOptions{.dir = dir_ / "blobs", .max_size = max_size});
    service_ = std::make_unique<DocumentService>(*db_, *blobs_, options);
    return *service_;
  }

  BlobRow blob(std::string sha, ScanStatus status, std::int64_t at, std::int64_t size = 10) {
    return BlobRow{.sha256 = std::move(sha),
                   .size = size,
                   .media_type = "application/pdf",
                   .scan_status = status,
                   .created_at = at,
                   .touched_at = at};
  }
  DocumentRow document(std::string uuid, std::int64_t version, std::string sha,
                       std::optional<std::string> case_id = std::nullopt) {
    return DocumentRow{.uuid = std::move(uuid),
                       .version = version,
                       .blob_sha256 = std::move(sha),
                       .title = "Bouwtekening — gevel",
                       .filename = "../gevel \"west\".pdf",
                       .declared_media_type = "application/pdf",
                       .confidentiality = "openbaar",
                       .case_id = std::move(case_id),
                       .created_at = 1000};
  }
  std::int64_t count(std::string_view table) {
    auto sql = table == "blobs" ? "SELECT count(*) FROM blobs" : "SELECT count(*) FROM documents";
    return db_->read_once(sql)[0].integer(0);
  }

  static std::string hash(char c) { return std::string(64, c); }

  fs::path dir_;
  std::string base_url_, schema_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<BlobStore> blobs_;
  std::unique_ptr<DocumentService> service_;
};

TEST_P(DocumentStoreTest, ABlobKeepsItsVerdictWhenUploadedAgain) {
  auto first = db_->write_value([&](db::Connection& c) {
    return upsert_blob(c, blob(hash('a'), ScanStatus::Pending, 1000));
  });
  EXPECT_EQ(first.scan_status, ScanStatus::Pending);
  EXPECT_EQ(first.size, 10);
  EXPECT_FALSE(first.scanned_at);
  EXPECT_TRUE(db_->write_value([&](db::Connection& c) {
    return record_scan(c, hash('a'), ScanStatus::Clean, std::nullopt, 1500);
  }));
  EXPECT_FALSE(db_->write_value([&](db::Connection& c) {  // judged already
    return record_scan(c, hash('a'), ScanStatus::Infected, "x", 1600);
  }));
  auto again = db_->write_value([&](db::Connection& c) {
    return upsert_blob(c, blob(hash('a'), ScanStatus::Pending, 2000));
  });
  EXPECT_EQ(again.scan_status, ScanStatus::Clean);
  EXPECT_EQ(again.scanned_at, 1500);
  EXPECT_EQ(again.created_at, 1000);
  EXPECT_EQ(again.touched_at, 2000);
  EXPECT_EQ(count("blobs"), 1);
  EXPECT_FALSE(db_->read_value([&](db::Connection& c) { return find_blob(c, hash('b')); }));
}

TEST_P(DocumentStoreTest, DocumentsByVersionAndCaseBytes) {
  db_->write([&](db::Connection& c) {
    upsert_blob(c, blob(hash('a'), ScanStatus::Clean, 1000, 100));
    upsert_blob(c, blob(hash('b'), ScanStatus::Clean, 1000, 30));
    insert_document(c, document("u1", 1, hash('a'), "case-1"));
    insert_document(c, document("u1", 2, hash('b'), "case-1"));
    insert_document(c, document("u2", 1, hash('a'), "case-1"));  // same content, counted again
    insert_document(c, document("u3", 1, hash('a')));
  });
  auto latest = db_->read_value([](db::Connection& c) { return find_document(c, "u1"); });
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->version, 2);
  EXPECT_EQ(latest->blob_sha256, hash('b'));
  EXPECT_EQ(latest->title, "Bouwtekening — gevel");
  EXPECT_EQ(latest->filename, "../gevel \"west\".pdf");  // as given; sanitised when served
  EXPECT_EQ(latest->case_id, "case-1");
  auto v1 = db_->read_value([](db::Connection& c) { return find_document(c, "u1", 1); });
  ASSERT_TRUE(v1);
  EXPECT_EQ(v1->blob_sha256, hash('a'));
  auto u3 = db_->read_value([](db::Connection& c) { return find_document(c, "u3"); });
  ASSERT_TRUE(u3);
  EXPECT_FALSE(u3->case_id);
  EXPECT_FALSE(db_->read_value([](db::Connection& c) { return find_document(c, "u1", 3); }));
  EXPECT_FALSE(db_->read_value([](db::Connection& c) { return find_document(c, "nope"); }));
  EXPECT_EQ(db_->read_value([](db::Connection& c) { return case_bytes(c, "case-1"); }), 230);
  EXPECT_EQ(db_->read_value([](db::Connection& c) { return case_bytes(c, "case-2"); }), 0);
  // A version twice, or a document of an unknown blob, is refused by the database.
  EXPECT_THROW(
      db_->write([&](db::Connection& c) { insert_document(c, document("u1", 2, hash('a'))); }),
      db::ConstraintError);
}

TEST_P(DocumentStoreTest, WhatWaitsForTheScanner) {
  db_->write([&](db::Connection& c) {
    upsert_blob(c, blob(hash('1'), ScanStatus::Pending, 1000));
    upsert_blob(c, blob(hash('2'), ScanStatus::NotScanned, 900));
    upsert_blob(c, blob(hash('3'), ScanStatus::Error, 800));
    upsert_blob(c, blob(hash('4'), ScanStatus::Clean, 700));
    upsert_blob(c, blob(hash('5'), ScanStatus::Infected, 600));
  });
  auto shas = [&](bool not_scanned, bool errors, std::int64_t limit) {
    std::vector<std::string> out;
    for (const auto& b : db_->read_value(
             [&](db::Connection& c) { return blobs_to_scan(c, not_scanned, errors, limit); })) {
      out.push_back(b.sha256);
    }
    return out;
  };
  EXPECT_EQ(shas(false, false, 10), std::vector<std::string>{hash('1')});
  EXPECT_EQ(shas(true, false, 10), (std::vector<std::string>{hash('2'), hash('1')}));
  EXPECT_EQ(shas(true, true, 10), (std::vector<std::string>{hash('3'), hash('2'), hash('1')}));
  EXPECT_EQ(shas(true, true, 1), std::vector<std::string>{hash('3')});
}

TEST_P(DocumentStoreTest, UnreferencedRowsAndHashesForTheCollector) {
  db_->write([&](db::Connection& c) {
    upsert_blob(c, blob("ab" + hash('1').substr(2), ScanStatus::Clean, 1000));     // named
    upsert_blob(c, blob("ab" + hash('2').substr(2), ScanStatus::Clean, 1000));     // old
    upsert_blob(c, blob("ab" + hash('3').substr(2), ScanStatus::Clean, 5000));     // young
    upsert_blob(c, blob("ab" + hash('4').substr(2), ScanStatus::Infected, 5000));  // infected
    upsert_blob(c, blob("ac" + hash('5').substr(2), ScanStatus::Clean, 5000));     // elsewhere
    insert_document(c, document("u1", 1, "ab" + hash('1').substr(2)));
  });
  auto prefixed =
      db_->read_value([](db::Connection& c) { return blob_hashes_with_prefix(c, "ab"); });
  EXPECT_EQ(prefixed,
            (std::unordered_set<std::string>{"ab" + hash('1').substr(2), "ab" + hash('2').substr(2),
                                             "ab" + hash('3').substr(2)}));
  EXPECT_EQ(db_->write_value([](db::Connection& c) { return delete_unreferenced_blobs(c, 2000); }),
            1);
  EXPECT_FALSE(
      db_->read_value([&](db::Connection& c) { return find_blob(c, "ab" + hash('2').substr(2)); }));
  EXPECT_EQ(count("blobs"), 4);
}

// ---- the use cases ----

TEST_P(DocumentStoreTest, AddStoresTheFileThenTheRowsAndServesIt) {
  auto& svc = service();
  auto added = svc.add(kPdf, {.title = "Tekening",
                              .filename = "C:\\scans\\tekening.pdf",
                              .declared_media_type = "application/pdf",
                              .case_id = "case-1"});
  ASSERT_TRUE(added) << added.error().detail;
  EXPECT_EQ(added->blob.media_type, "application/pdf");
  EXPECT_EQ(added->blob.scan_status, ScanStatus::NotScanned);  // no scanner configured
  EXPECT_EQ(added->document.version, 1);
  EXPECT_EQ(added->document.uuid.size(), 36u);
  auto file = blobs_->find(added->blob.sha256);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->filename().string(), added->blob.sha256);  // never the uploader's name
  auto got = svc.download(added->document.uuid);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->body, kPdf);
  EXPECT_EQ(got->media_type, "application/pdf");
  EXPECT_EQ(got->filename, "C:\\scans\\tekening.pdf");
  // Same content again: a second document, one blob.
  auto again = svc.add(kPdf, {.title = "Nog eens", .filename = "b.pdf"});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->blob.sha256, added->blob.sha256);
  EXPECT_EQ(count("blobs"), 1);
  EXPECT_EQ(count("documents"), 2);
}

TEST_P(DocumentStoreTest, AddRefusesWrongTypesAndKeepsNothing) {
  auto& svc = service();
  auto mismatch = svc.add(kPdf, {.title = "t",
                                 .filename = "x.png",
                                 .declared_media_type = "image/png",
                                 .declared_field = "formaat"});
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().kind, Refusal::Kind::TypeMismatch);
  EXPECT_EQ(mismatch.error().field, "formaat");
  auto html = svc.add("<!DOCTYPE html><html><body>hi</body></html>\n",
                      {.title = "t", .filename = "x.pdf", .content_field = "inhoud"});
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().kind, Refusal::Kind::TypeNotAllowed);
  EXPECT_EQ(html.error().field, "inhoud");
  auto allowed = svc.add("<!DOCTYPE html><html><body>hi</body></html>\n",
                         {.title = "t", .filename = "x.pdf", .allowed_media_types = {"text/*"}});
  EXPECT_TRUE(allowed);
  EXPECT_EQ(count("documents"), 1);
  EXPECT_EQ(count("blobs"), 1);
}

TEST_P(DocumentStoreTest, AddRefusesPastTheLimits) {
  auto& svc = service({.max_case_bytes = 150}, /*max_size=*/100);
  auto big = svc.add(std::string(101, 'x'), {.title = "t", .filename = "big.txt"});
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().kind, Refusal::Kind::TooLarge);
  EXPECT_EQ(big.error().status(), 413);
  EXPECT_TRUE(svc.add(std::string(80, 'a'), {.title = "t", .filename = "a.txt", .case_id = "c1"}));
  auto over = svc.add(std::string(80, 'b'), {.title = "t", .filename = "b.txt", .case_id = "c1"});
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().kind, Refusal::Kind::CaseLimit);
  EXPECT_EQ(over.error().status(), 413);
  EXPECT_TRUE(svc.add(std::string(80, 'b'), {.title = "t", .filename = "b.txt", .case_id = "c2"}));
  EXPECT_EQ(count("documents"), 2);
  // The refused upload left no file behind, published or not.
  std::int64_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir_ / "blobs")) {
    files += e.is_regular_file() && e.path().filename() != ".lock";
  }
  EXPECT_EQ(files, 2);
}

// Parallel uploads to one case cannot together pass its limit (PostgreSQL: each transaction
// would otherwise count only what the others had committed).
TEST_P(DocumentStoreTest, ParallelUploadsRespectTheCaseLimit) {
  auto& svc = service({.max_case_bytes = 150});
  std::atomic<int> accepted{0}, refused{0};
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto r = svc.add(std::string(60, static_cast<char>('a' + i)),
                       {.title = "t", .filename = "p.txt", .case_id = "shared"});
      (r ? accepted : refused)++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(accepted.load(), 2);
  EXPECT_EQ(refused.load(), 6);
  EXPECT_EQ(db_->read_value([](db::Connection& c) { return case_bytes(c, "shared"); }), 120);
}

TEST_P(DocumentStoreTest, KnownInfectedContentIsRefusedAtOnce) {
  auto& svc = service({.scanning = true});
  auto first = svc.add("pretend this is a virus\n", {.title = "t", .filename = "v.txt"});
  ASSERT_TRUE(first);
  EXPECT_EQ(first->blob.scan_status, ScanStatus::Pending);
  auto waiting = svc.download(first->document.uuid);
  ASSERT_FALSE(waiting);
  EXPECT_EQ(waiting.error().kind, Refusal::Kind::NotScanned);
  EXPECT_EQ(waiting.error().status(), 409);
  db_->write([&](db::Connection& c) {
    record_scan(c, first->blob.sha256, ScanStatus::Infected, "Test.Virus", 1);
  });
  auto again = svc.add("pretend this is a virus\n", {.title = "t", .filename = "v.txt"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, Refusal::Kind::Infected);
  EXPECT_EQ(count("documents"), 1);
  auto refused = svc.download(first->document.uuid);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, Refusal::Kind::Infected);
  EXPECT_EQ(svc.download("no-such-uuid").error().kind, Refusal::Kind::NotFound);
}

TEST_P(DocumentStoreTest, GarbageCollectionRemovesRowsAndFilesNothingNames) {
  auto& svc = service();
  auto kept = svc.add("kept\n", {.title = "t", .filename = "k.txt"});
  auto dropped = svc.add("dropped\n", {.title = "t", .filename = "d.txt"});
  ASSERT_TRUE(kept && dropped);
  // An upload in flight: its file is published, its row not yet committed.
  auto in_flight = blobs_->put("in flight\n");
  ASSERT_TRUE(in_flight);
  in_flight->publish();
  db_->write([&](db::Connection& c) {
    c.execute("DELETE FROM documents WHERE uuid = $1", {dropped->document.uuid});
  });
  auto young = svc.collect_garbage(std::chrono::hours(1));
  EXPECT_EQ(young.rows_removed, 0);
  EXPECT_EQ(young.files.blobs_removed, 0);
  EXPECT_EQ(young.files.kept_young, 1);  // the upload in flight
  auto all = svc.collect_garbage(std::chrono::seconds(0));
  EXPECT_EQ(all.rows_removed, 1);
  EXPECT_EQ(all.files.blobs_removed, 2);  // the dropped one and the orphan
  EXPECT_TRUE(blobs_->find(kept->blob.sha256));
  EXPECT_FALSE(blobs_->find(dropped->blob.sha256));
  EXPECT_TRUE(svc.download(kept->document.uuid));
}

INSTANTIATE_TEST_SUITE_P(Databases, DocumentStoreTest,
                         ::testing::Values(db::Dialect::Sqlite, db::Dialect::Postgres),
                         [](const auto& info) {
                           return info.param == db::Dialect::Sqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace loket::documents
