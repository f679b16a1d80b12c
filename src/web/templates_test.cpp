// The text tables (every key in both languages, every key a template uses), escaping, dates.
#include "web/templates.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "common/embedded.hpp"
#include "web/pages.hpp"

namespace loket::web {
namespace {

TEST(Texts, EveryKeyInBothLanguages) {
  Templates t;  // the embedded tables; throws naming a key that one language lacks
  EXPECT_EQ(t.texts().all(Lang::Nl).size(), t.texts().all(Lang::En).size());
  EXPECT_EQ(t.texts().get(Lang::Nl, "cases_title"), "Mijn zaken");
  EXPECT_EQ(t.texts().get(Lang::En, "cases_title"), "My cases");
}

TEST(Texts, AKeyInOneLanguageOnlyIsRefused) {
  EXPECT_THROW(Texts(R"({"a":"x","b":"y"})", R"({"a":"x"})"), std::runtime_error);
  EXPECT_THROW(Texts(R"({"a":"x"})", R"({"a":"x","b":"y"})"), std::runtime_error);
  EXPECT_THROW(Texts(R"({"a":1})", R"({"a":"x"})"), std::runtime_error);
  EXPECT_NO_THROW(Texts(R"({"a":"x"})", R"({"a":"y"})"));
}

TEST(Texts, EveryTextATemplateUsesExists) {
  Templates t;
  std::regex use(R"(\{\{t_([A-Za-z0-9_]+))");
  int files = 0;
  for (const auto& f : common::embedded_files()) {
    if (!f.path.starts_with("web/templates/") || !f.path.ends_with(".tpl")) continue;
    ++files;
    std::string body(f.content);
    for (std::sregex_iterator it(body.begin(), body.end(), use), end; it != end; ++it) {
      EXPECT_TRUE(t.texts().all(Lang::Nl).contains((*it)[1].str()))
          << f.path << " uses t_" << (*it)[1].str();
    }
  }
  EXPECT_GE(files, 5);
}

TEST(Templates, TextKeysAreThoseATemplateShows) {
  Templates t;
  const auto* keys = t.text_keys("my-cases.tpl");
  ASSERT_NE(keys, nullptr);
  auto has = [&](std::string_view key) {
    for (const auto& [marker, k] : *keys) {
      if (k == key) return marker == "t_" + k;
    }
    return false;
  };
  EXPECT_TRUE(has("cases_title"));
  EXPECT_TRUE(has("cases_intro"));
  EXPECT_FALSE(has("error_home")) << "a text of another page";
  EXPECT_LT(keys->size(), t.texts().all(Lang::Nl).size());
  EXPECT_EQ(t.text_keys("no-such.tpl"), nullptr);
}

TEST(Templates, ValuesAreEscapedByContext) {
  Templates t;
  ctemplate::TemplateDictionary d("layout");
  d.SetValue("LANG", "nl");
  d.SetValue("OTHER_LANG_HREF", "javascript:alert(1)");
  auto* c = d.AddIncludeDictionary("CONTENT");
  c->SetFilename("error.tpl");
  c->SetValue("TITLE", "<script>alert(1)</script>");
  c->SetValue("t_error_home", "Naar \"huis\"");
  auto html = t.expand("layout.tpl", d);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("javascript:alert"), std::string::npos) << "an unsafe URL is replaced";
  EXPECT_NE(html.find("Naar &quot;huis&quot;"), std::string::npos);
}

TEST(Fill, ReplacesEveryMarker) {
  EXPECT_EQ(fill("a {x} b {x}", "x", "1"), "a 1 b 1");
  EXPECT_EQ(fill("a {x}", "y", "1"), "a {x}");
  EXPECT_EQ(fill("{x}", "x", "{x}"), "{x}");
}

TEST(Dates, LongDatesAndDutchTime) {
  Templates t;
  EXPECT_EQ(long_date(t.texts(), Lang::Nl, "2026-03-05"), "5 maart 2026");
  EXPECT_EQ(long_date(t.texts(), Lang::En, "2026-12-31T10:00:00Z"), "31 December 2026");
  EXPECT_EQ(long_date(t.texts(), Lang::Nl, "gisteren"), "gisteren");
  // 2026-01-15 10:00 UTC is 11:00 in winter; 2026-07-01 10:00 UTC is 12:00 in summer.
  EXPECT_EQ(dutch_time(t.texts(), Lang::Nl, 1768471200000), "15 januari 2026 11:00");
  EXPECT_EQ(dutch_time(t.texts(), Lang::En, 1782900000000), "1 July 2026 12:00");
  // Summer time starts on the last Sunday of March at 01:00 UTC (2026-03-29).
  EXPECT_EQ(dutch_time(t.texts(), Lang::Nl, 1774745940000), "29 maart 2026 01:59");
  EXPECT_EQ(dutch_time(t.texts(), Lang::Nl, 1774746000000), "29 maart 2026 03:00");
}

}  // namespace
}  // namespace loket::web
