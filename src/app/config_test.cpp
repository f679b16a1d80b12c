#include "app/config.hpp"

#include <gtest/gtest.h>

namespace loket::app {
namespace {

TEST(Config, ParsesListenAddresses) {
  auto a = parse_listen("127.0.0.1:8080");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 8080);
  auto b = parse_listen("[::1]:0");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->host, "::1");
  for (auto bad : {"8080", ":8080", "host:", "host:70000", "host:80x", "::1:80", "[]:80"}) {
    EXPECT_FALSE(parse_listen(bad)) << bad;
  }
}

TEST(Config, DefaultsAreValid) { EXPECT_EQ(validate(Settings{}), std::nullopt); }

TEST(Config, BlobDirDefaultsBesideTheSqliteFile) {
  Settings s;
  EXPECT_EQ(effective_blob_dir(s), "var/blobs");
  s.database = "sqlite:/srv/loket/loket.db";
  EXPECT_EQ(effective_blob_dir(s), "/srv/loket/blobs");
  s.database = "sqlite:loket.db";
  EXPECT_EQ(effective_blob_dir(s), "blobs");
  s.database = "postgresql://loket@db:5432/loket";
  EXPECT_EQ(effective_blob_dir(s), "var/blobs");
  s.blob_dir = "/data/blobs";
  EXPECT_EQ(effective_blob_dir(s), "/data/blobs");
}

TEST(Config, DocumentSettings) {
  Settings s;
  for (auto good : {"unix:/run/clamav/clamd.ctl", "/run/clamav/clamd.ctl", "tcp:127.0.0.1:3310",
                    "clamav:3310", "tcp:[::1]:3310"}) {
    s.clamd = good;
    EXPECT_EQ(validate(s), std::nullopt) << good;
  }
  for (auto bad : {"clamd", "tcp:host:", "relative/path", "host:port"}) {
    s.clamd = bad;
    ASSERT_TRUE(validate(s)) << bad;
    EXPECT_NE(validate(s)->find("--clamd (LOKET_CLAMD)"), std::string::npos) << bad;
  }
  s = {};
  s.max_document_size = 0;
  EXPECT_NE(validate(s)->find("--max-document-size"), std::string::npos);
  s = {};
  s.max_case_documents_size = s.max_document_size - 1;
  EXPECT_NE(validate(s)->find("--max-case-documents-size"), std::string::npos);
}

TEST(Config, NamesTheWrongSetting) {
  Settings s;
  s.listen = "nonsense";
  EXPECT_NE(validate(s)->find("--listen (LOKET_LISTEN)"), std::string::npos);
  s = {};
  s.database = "mysql://x";
  EXPECT_NE(validate(s)->find("--database"), std::string::npos);
  s = {};
  s.log_level = "loud";
  EXPECT_NE(validate(s)->find("--log-level"), std::string::npos);
  s = {};
  s.max_body = 1;
  EXPECT_NE(validate(s)->find("--max-body"), std::string::npos);
  s = {};
  s.zgw_clock_skew = 3601;
  EXPECT_NE(validate(s)->find("--zgw-clock-skew (LOKET_ZGW_CLOCK_SKEW)"), std::string::npos);
  s.zgw_clock_skew = 3600;
  EXPECT_EQ(validate(s), std::nullopt);
}

TEST(Config, ProductionRefusesTheDemoLoginAndPlainHttp) {
  Settings s;
  s.mode = "production";
  s.public_url = "https://loket.example.nl";
  EXPECT_EQ(validate(s), std::nullopt);
  s.demo = true;
  EXPECT_NE(validate(s)->find("--demo"), std::string::npos);
  s.demo = false;
  s.public_url = "http://loket.example.nl";
  EXPECT_NE(validate(s)->find("--public-url"), std::string::npos);
}

TEST(Config, AnIssuerNeedsAClientSecret) {
  Settings s;
  s.digid_issuer = "https://broker.example/digid";
  EXPECT_NE(validate(s)->find("--digid-client-secret"), std::string::npos);
  s.digid_client_secret = "x";
  EXPECT_EQ(validate(s), std::nullopt);
}

}  // namespace
}  // namespace loket::app

namespace loket::app {
namespace {

TEST(Config, MailAndStaffOidcSettings) {
  Settings s;
  s.smtp_url = "http://mail.example";
  EXPECT_NE(validate(s)->find("--smtp-url (LOKET_SMTP_URL)"), std::string::npos);
  s = {};
  s.smtp_url = "smtp://127.0.0.1:2525";
  s.mail_from = "Loket <loket@gemeente.example>";
  EXPECT_EQ(validate(s), std::nullopt);
  s.mail_from = "loket@gemeente.example\r\nBcc: x@evil.example";
  EXPECT_NE(validate(s)->find("--mail-from"), std::string::npos);
  s = {};
  s.staff_oidc_issuer = "https://idp.gemeente.example";
  EXPECT_NE(validate(s)->find("--staff-oidc-client-secret"), std::string::npos);
  s.staff_oidc_client_secret = "secret";
  EXPECT_EQ(validate(s), std::nullopt);
  s.staff_oidc_issuer = "idp.gemeente.example";
  EXPECT_NE(validate(s)->find("--staff-oidc-issuer"), std::string::npos);
}

}  // namespace
}  // namespace loket::app

namespace loket::app {
namespace {

TEST(Config, ConnectionLimits) {
  Settings s;
  s.max_connections_per_address = 0;
  EXPECT_NE(validate(s)->find("--max-connections-per-address"), std::string::npos);
  s = {};
  s.head_timeout = 5;
  EXPECT_NE(validate(s)->find("--head-timeout (LOKET_HEAD_TIMEOUT)"), std::string::npos);
  s = {};
  s.max_body = 4096;
  s.max_upload_body = 8192;
  s.body_budget = 2048;
  EXPECT_NE(validate(s)->find("--body-budget"), std::string::npos);
  s.body_budget = 4096;  // the upload body does not fit
  EXPECT_NE(validate(s)->find("--max-upload-body"), std::string::npos);
  s.body_budget = 8192;
  EXPECT_EQ(validate(s), std::nullopt);
  // Bodies above --spool-above go to a file: the budget needs room for the largest below it.
  s.spool_above = 5000;
  s.body_budget = 4096;
  EXPECT_NE(validate(s)->find("--spool-above"), std::string::npos);
  s.body_budget = 5000;
  EXPECT_EQ(validate(s), std::nullopt);
  s.spool_above = 10;
  EXPECT_NE(validate(s)->find("--spool-above (LOKET_SPOOL_ABOVE)"), std::string::npos);
}

TEST(Config, TheMetricsListenerAndToken) {
  Settings s;
  s.metrics_listen = "9090";
  EXPECT_NE(validate(s)->find("--metrics-listen"), std::string::npos);
  s.metrics_listen = s.listen;
  EXPECT_NE(validate(s)->find("--metrics-listen"), std::string::npos);
  s.metrics_listen = "127.0.0.1:9090";
  EXPECT_EQ(validate(s), std::nullopt);
  s.metrics_token = "two words";
  auto problem = validate(s);
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("--metrics-token"), std::string::npos);
  EXPECT_EQ(problem->find("two words"), std::string::npos) << "a secret is never echoed";
}

}  // namespace
}  // namespace loket::app
