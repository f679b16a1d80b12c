// The pure upload rules: media types, file names, download headers, refusal statuses.
#include "documents/rules.hpp"

#include <gtest/gtest.h>

#include "documents/clamd.hpp"
#include "documents/document_store.hpp"
#include "documents/download.hpp"

namespace loket::documents {
namespace {

TEST(DocumentRules, NormalisesMediaTypes) {
  EXPECT_EQ(normalise_media_type("Text/CSV; charset=utf-8"), "text/csv");
  EXPECT_EQ(normalise_media_type(" application/pdf "), "application/pdf");
  for (auto bad : {"", "pdf", "/pdf", "application/", "text/ plain", "text/pl\"ain", "a/b/c"}) {
    EXPECT_EQ(normalise_media_type(bad), "") << bad;
  }
}

TEST(DocumentRules, AllowListTakesExactTypesAndWildcards) {
  std::vector<std::string> allowed{"application/pdf", "image/*"};
  EXPECT_TRUE(media_type_allowed("application/pdf", allowed));
  EXPECT_TRUE(media_type_allowed("APPLICATION/PDF", allowed));
  EXPECT_TRUE(media_type_allowed("image/png", allowed));
  EXPECT_FALSE(media_type_allowed("text/html", allowed));
  EXPECT_FALSE(media_type_allowed("imagex/png", allowed));
  EXPECT_FALSE(media_type_allowed("", allowed));
  EXPECT_FALSE(media_type_allowed("application/pdf", {}));
  // The default list holds nothing a browser renders or runs.
  for (auto active : {"text/html", "image/svg+xml", "application/xhtml+xml", "text/javascript",
                      "application/x-executable", "application/x-dosexec", "text/xml"}) {
    EXPECT_FALSE(media_type_allowed(active, default_allowed_media_types())) << active;
  }
  EXPECT_TRUE(media_type_allowed("application/pdf", default_allowed_media_types()));
}

TEST(DocumentRules, DeclaredTypeMustAgreeWithTheContent) {
  EXPECT_TRUE(declared_type_agrees("application/pdf", "application/pdf"));
  EXPECT_TRUE(declared_type_agrees("Application/PDF; x=y", "application/pdf"));
  EXPECT_TRUE(declared_type_agrees("", "application/pdf"));
  EXPECT_TRUE(declared_type_agrees("application/octet-stream", "image/png"));
  EXPECT_TRUE(declared_type_agrees("text/csv", "text/plain"));
  EXPECT_TRUE(declared_type_agrees(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/zip"));
  EXPECT_FALSE(declared_type_agrees("application/pdf", "text/html"));
  EXPECT_FALSE(declared_type_agrees("image/png", "image/jpeg"));
  EXPECT_FALSE(declared_type_agrees("text/plain", "text/csv"));  // only generic -> specific
  EXPECT_FALSE(declared_type_agrees("text/plain", "text/html"));
  EXPECT_FALSE(declared_type_agrees("nonsense", "text/plain"));
}

TEST(DocumentRules, CheckNamesTheFieldThatIsWrong) {
  std::vector<std::string> allowed{"application/pdf", "text/plain"};
  auto mismatch = check_media_type({.declared = "application/pdf",
                                    .detected = "text/html",
                                    .allowed = allowed,
                                    .declared_field = "formaat",
                                    .content_field = "inhoud"});
  ASSERT_TRUE(mismatch);
  EXPECT_EQ(mismatch->kind, Refusal::Kind::TypeMismatch);
  EXPECT_EQ(mismatch->field, "formaat");
  EXPECT_NE(mismatch->detail.find("application/pdf"), std::string::npos);
  EXPECT_NE(mismatch->detail.find("text/html"), std::string::npos);
  EXPECT_EQ(mismatch->status(), 400);

  auto not_allowed =
      check_media_type({.declared = "", .detected = "image/png", .allowed = allowed});
  ASSERT_TRUE(not_allowed);
  EXPECT_EQ(not_allowed->kind, Refusal::Kind::TypeNotAllowed);
  EXPECT_EQ(not_allowed->field, "content");

  EXPECT_FALSE(check_media_type(
      {.declared = "application/pdf", .detected = "application/pdf", .allowed = allowed}));
}

TEST(DocumentRules, FilenamesLoseTheirPathsAndDangerousCharacters) {
  EXPECT_EQ(sanitise_filename("scan.pdf"), "scan.pdf");
  EXPECT_EQ(sanitise_filename("../../etc/passwd"), "passwd");
  EXPECT_EQ(sanitise_filename("C:\\Users\\jan\\Bouwtekening.pdf"), "Bouwtekening.pdf");
  EXPECT_EQ(sanitise_filename("a\"b;c.pdf"), "a_b_c.pdf");
  EXPECT_EQ(sanitise_filename("line\r\nX-Evil: 1.pdf"), "lineX-Evil_ 1.pdf");
  EXPECT_EQ(sanitise_filename(".htaccess"), "htaccess");
  EXPECT_EQ(sanitise_filename("..."), "document");
  EXPECT_EQ(sanitise_filename(""), "document");
  EXPECT_EQ(sanitise_filename("dir/"), "document");
  EXPECT_EQ(sanitise_filename("trailing. . "), "trailing");
  EXPECT_EQ(sanitise_filename("Zoë café.pdf"), "Zoë café.pdf");
  // U+202E RIGHT-TO-LEFT OVERRIDE would show "invoice\u202Efdp.exe" as "invoiceexe.pdf".
  EXPECT_EQ(sanitise_filename("invoice\xE2\x80\xAE"
                              "fdp.exe"),
            "invoicefdp.exe");
  EXPECT_EQ(sanitise_filename("bad\xFF\xFEutf8.txt"), "bad__utf8.txt");
  EXPECT_EQ(sanitise_filename("nul\0byte.txt"), "nul");  // a C string ends at NUL
  EXPECT_EQ(sanitise_filename(std::string_view("nul\0byte.txt", 12)), "nulbyte.txt");
  std::string long_name(300, 'x');
  auto cut = sanitise_filename(long_name + ".pdf");
  EXPECT_EQ(cut.size(), 200u);
  EXPECT_TRUE(cut.ends_with(".pdf"));
  // Cut on a character boundary: 150 two-byte characters are 300 bytes.
  std::string accents;
  for (int i = 0; i < 150; ++i) accents += "é";
  auto spaced =
      sanitise_filename(std::string(199, 'x') + "  yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy");
  EXPECT_EQ(spaced, std::string(199, 'x'));  // no trailing space left by the cut
  EXPECT_EQ(sanitise_filename(spaced), spaced);
  auto cut2 = sanitise_filename(accents);
  EXPECT_LE(cut2.size(), 200u);
  EXPECT_EQ(cut2.size() % 2, 0u);
}

TEST(DocumentRules, ContentDispositionIsAnAttachmentWithBothNames) {
  EXPECT_EQ(content_disposition("scan.pdf"),
            "attachment; filename=\"scan.pdf\"; filename*=UTF-8''scan.pdf");
  EXPECT_EQ(content_disposition("Zoë's plan 100%.pdf"),
            "attachment; filename=\"Zo_'s plan 100_.pdf\"; "
            "filename*=UTF-8''Zo%C3%AB%27s%20plan%20100_.pdf");
  EXPECT_EQ(content_disposition("a\"\r\nSet-Cookie: x"),
            "attachment; filename=\"a_Set-Cookie_ x\"; filename*=UTF-8''a_Set-Cookie_%20x");
}

TEST(DocumentRules, ActiveContentIsServedAsOctetStream) {
  EXPECT_EQ(safe_content_type("application/pdf"), "application/pdf");
  EXPECT_EQ(safe_content_type("image/png"), "image/png");
  EXPECT_EQ(safe_content_type("Text/Plain"), "text/plain");
  for (auto active :
       {"text/html", "image/svg+xml", "application/xhtml+xml", "text/xml", "application/xml",
        "text/javascript", "application/javascript", "application/x-shockwave-flash",
        "multipart/x-mixed-replace", "", "junk", "text/html; charset=utf-8"}) {
    EXPECT_EQ(safe_content_type(active), "application/octet-stream") << active;
  }
}

TEST(DocumentRules, DownloadHeaders) {
  auto r = download_response({.body = std::string("<html><script>alert(1)</script>"),
                              .filename = "../evil.html",
                              .media_type = "text/html"});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.get("content-type"), "application/octet-stream");
  EXPECT_EQ(r.headers.get("content-disposition"),
            "attachment; filename=\"evil.html\"; filename*=UTF-8''evil.html");
  EXPECT_EQ(r.headers.get("x-content-type-options"), "nosniff");
  auto csp = r.headers.get("content-security-policy");
  ASSERT_TRUE(csp);
  EXPECT_TRUE(csp->starts_with("sandbox"));
  EXPECT_EQ(r.headers.get("cache-control"), "private, no-store");
  EXPECT_EQ(r.body, "<html><script>alert(1)</script>");
}

TEST(DocumentRules, RefusalStatuses) {
  EXPECT_EQ(refuse(Refusal::Kind::TooLarge, "content", "").status(), 413);
  EXPECT_EQ(refuse(Refusal::Kind::CaseLimit, "content", "").status(), 413);
  EXPECT_EQ(refuse(Refusal::Kind::Infected, "content", "").status(), 400);
  EXPECT_EQ(refuse(Refusal::Kind::NotScanned, "content", "").status(), 409);
  EXPECT_EQ(refuse(Refusal::Kind::NotFound, "uuid", "").status(), 404);
  Result<int> refused = refuse(Refusal::Kind::TooLarge, "content", "too big");
  EXPECT_THROW(refused.value(), Refused);
}

TEST(DocumentRules, OnlyCleanIsServedWhenScanning) {
  EXPECT_TRUE(servable(ScanStatus::Clean, true));
  EXPECT_TRUE(servable(ScanStatus::Clean, false));
  EXPECT_FALSE(servable(ScanStatus::NotScanned, true));
  EXPECT_TRUE(servable(ScanStatus::NotScanned, false));
  for (auto s : {ScanStatus::Pending, ScanStatus::Infected, ScanStatus::Error}) {
    EXPECT_FALSE(servable(s, true));
    EXPECT_FALSE(servable(s, false));
  }
  for (auto s : {ScanStatus::Pending, ScanStatus::NotScanned, ScanStatus::Clean,
                 ScanStatus::Infected, ScanStatus::Error}) {
    EXPECT_EQ(parse_scan_status(to_string(s)), s);
  }
  EXPECT_EQ(parse_scan_status("CLEAN"), std::nullopt);
}

TEST(DocumentRules, ClamdReplies) {
  EXPECT_EQ(parse_clamd_reply("stream: OK").outcome, ScanVerdict::Outcome::Clean);
  auto found = parse_clamd_reply("stream: Eicar-Test-Signature FOUND");
  EXPECT_EQ(found.outcome, ScanVerdict::Outcome::Infected);
  EXPECT_EQ(found.detail, "Eicar-Test-Signature");
  auto limit = parse_clamd_reply("INSTREAM size limit exceeded. ERROR");
  EXPECT_EQ(limit.outcome, ScanVerdict::Outcome::Error);
  EXPECT_EQ(parse_clamd_reply("").outcome, ScanVerdict::Outcome::Error);
  EXPECT_TRUE(ClamdClient::valid_address("unix:/run/clamav/clamd.ctl"));
  EXPECT_TRUE(ClamdClient::valid_address("tcp:localhost:3310"));
  EXPECT_FALSE(ClamdClient::valid_address("localhost"));
  EXPECT_FALSE(ClamdClient::valid_address("unix:relative"));
}

}  // namespace
}  // namespace loket::documents
