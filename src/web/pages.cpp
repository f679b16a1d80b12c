// Each page: parse the request, read through the same code the JSON API uses, fill a view
// (a ctemplate dictionary), expand it inside the layout. Templates hold markup only.
#include "web/pages.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <boost/json.hpp>
#include <ctime>
#include <map>
#include <mutex>

#include "catalog/organisation_store.hpp"
#include "common/embedded.hpp"
#include "common/log.hpp"
#include "http/cookies.hpp"
#include "http/form.hpp"
#include "http/paging.hpp"
#include "http/pipeline.hpp"
#include "privacy/bsn.hpp"
#include "privacy/processing_log.hpp"
#include "web/redirect.hpp"

namespace loket::web {
namespace json = boost::json;
using ctemplate::TemplateDictionary;

namespace {

constexpr std::string_view kLangCookie = "loket_lang";
constexpr std::int64_t kCasesPerPage = 20;
constexpr std::int64_t kLogPerPage = 50;

struct Asset {
  std::string_view route, embedded;
};
constexpr Asset kAssets[] = {
    {"/assets/utrecht/design-tokens.css", "node_modules/@utrecht/design-tokens/dist/theme.css"},
    {"/assets/utrecht/component-library.css",
     "node_modules/@utrecht/component-library-css/dist/index.css"},
};

// `text` gzip-compressed (level 9): the stylesheets are 500 KB as they are and 41 KB so, the
// difference between a first page that loads at once on a phone and one that does not.
std::string gzip(std::string_view text) {
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&z, text.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

// Each embedded stylesheet compressed once, on first request.
const std::string& gzipped(std::string_view name, std::string_view text) {
  static std::mutex mutex;
  static std::map<std::string, std::string, std::less<>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(name);
  if (it == cache.end()) it = cache.emplace(std::string(name), gzip(text)).first;
  return it->second;
}

std::string encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

// The page's own address with `name` set to `value` (or removed when empty), other parameters
// kept: the language switch keeps a reset link's token, paging keeps the language.
std::string with_param(const http::Request& r, std::string_view name, std::string_view value) {
  std::string q;
  for (const auto& [k, v] : r.query) {
    if (k == name) continue;
    q += (q.empty() ? "?" : "&") + encode(k) + "=" + encode(v);
  }
  if (!value.empty()) q += (q.empty() ? "?" : "&") + encode(name) + "=" + encode(value);
  return r.path + q;
}

std::string text(const json::value& o, std::string_view key) {
  if (!o.is_object()) return {};
  const auto* v = o.as_object().if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// A text key from a free name: "zaak inzien" → "zaak_inzien".
std::string key_of(std::string_view prefix, std::string_view name) {
  std::string out(prefix);
  for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

http::Response html(int status, std::string body) {
  return http::Response::text(status, std::move(body), "text/html; charset=utf-8");
}

}  // namespace

Lang page_language(const http::Request& request) {
  auto pick = [](std::string_view v) -> std::optional<Lang> {
    if (v == "en") return Lang::En;
    if (v == "nl") return Lang::Nl;
    return std::nullopt;
  };
  if (auto q = request.query_param("lang")) {
    if (auto l = pick(*q)) return *l;
  }
  if (auto c = http::cookie(request, kLangCookie)) {
    if (auto l = pick(*c)) return *l;
  }
  return http::prefers_english(request.header("accept-language").value_or("")) ? Lang::En
                                                                               : Lang::Nl;
}

std::string long_date(const Texts& texts, Lang lang, std::string_view iso) {
  int y = 0, m = 0, d = 0;
  if (iso.size() < 10 ||
      std::sscanf(std::string(iso.substr(0, 10)).c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      m < 1 || m > 12 || d < 1 || d > 31) {
    return std::string(iso);
  }
  return fmt::format("{} {} {}", d, texts.get(lang, fmt::format("month_{}", m)), y);
}

std::string term_text(const Texts& texts, Lang lang, std::string_view iso) {
  if (iso.size() < 3 || iso[0] != 'P') return std::string(iso);
  auto unit = iso.back();
  auto n = std::string(iso.substr(1, iso.size() - 2));
  std::string key = unit == 'W'   ? "apply_weeks"
                    : unit == 'D' ? "apply_days"
                    : unit == 'M' ? "apply_months"
                                  : "";
  if (key.empty()) return std::string(iso);
  return fill(texts.get(lang, key), "n", n);
}

std::string dutch_time(const Texts& texts, Lang lang, std::int64_t unix_ms) {
  // CET, and CEST from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00
  // UTC (EU rule); no time zone database needed, none used elsewhere.
  auto utc = static_cast<std::time_t>(unix_ms / 1000);
  std::tm t{};
  gmtime_r(&utc, &t);
  auto last_sunday = [&](int month) {  // 0-based month, at 01:00 UTC
    std::tm m{};
    m.tm_year = t.tm_year;
    m.tm_mon = month + 1;
    m.tm_mday = 0;  // the last day of `month`
    m.tm_hour = 1;
    auto when = timegm(&m);
    std::tm back{};
    gmtime_r(&when, &back);
    return when - static_cast<std::time_t>(back.tm_wday) * 86400;
  };
  bool summer = utc >= last_sunday(2) && utc < last_sunday(9);
  std::time_t local = utc + (summer ? 7200 : 3600);
  gmtime_r(&local, &t);
  return fmt::format("{} {} {} {:02}:{:02}", t.tm_mday,
                     texts.get(lang, fmt::format("month_{}", t.tm_mon + 1)), t.tm_year + 1900,
                     t.tm_hour, t.tm_min);
}

// One page being built: the layout's dictionary (language, texts, header, login state) and
// the page's own part, included as CONTENT.
class Pages::View {
 public:
  View(Pages& pages, const http::Request& request, std::string_view file,
       std::string_view title_key, const std::optional<identity::Subject>& subject)
      : pages_(pages), request_(request), lang_(page_language(request)), dict_("layout") {
    const auto& texts = pages.templates_->texts();
    content_ = dict_.AddIncludeDictionary("CONTENT");
    content_->SetFilename(std::string(file));
    // An included template does not see its parent's values: each gets the texts it shows
    // (all of them when the templates do not say which).
    auto give = [&](TemplateDictionary& d, std::string_view name) {
      if (const auto* keys = pages.templates_->text_keys(name)) {
        for (const auto& [marker, key] : *keys) d.SetValue(marker, texts.get(lang_, key));
        return;
      }
      for (const auto& [k, v] : texts.all(lang_)) d.SetValue("t_" + k, v);
    };
    give(dict_, "layout.tpl");
    give(*content_, file);
    dict_.SetValue("LANG", std::string(code(lang_)));
    dict_.SetValue("SITE_NAME", pages.options_.site_name);
    dict_.SetValue("PAGE_TITLE", texts.get(lang_, title_key));
    auto other = lang_ == Lang::En ? Lang::Nl : Lang::En;
    dict_.SetValue("OTHER_LANG", std::string(code(other)));
    dict_.SetValue("OTHER_LANG_LABEL", texts.get(lang_, "lang_other"));
    dict_.SetValue("OTHER_LANG_HREF", with_param(request, "lang", code(other)));
    if (subject) {
      dict_.ShowSection("LOGGED_IN");
      dict_.SetValue("CSRF", subject->csrf_token);
      if (subject->kind == "staff") dict_.ShowSection("STAFF");
      if (subject->kind != "staff" && pages.options_.unread_count) {
        auto* inbox = dict_.AddSectionDictionary("INBOX");
        if (auto n = pages.options_.unread_count(*subject); n > 0) {
          inbox->AddSectionDictionary("UNREAD")->SetValue("COUNT", std::to_string(n));
        }
      }
    }
  }

  TemplateDictionary& content() { return *content_; }
  TemplateDictionary& layout() { return dict_; }
  Lang lang() const { return lang_; }
  const std::string& t(std::string_view key) const {
    return pages_.templates_->texts().get(lang_, key);
  }
  void script(std::string_view src) {
    dict_.AddSectionDictionary("SCRIPT")->SetValue("SRC", std::string(src));
  }

  http::Response render(int status = 200) {
    auto r = html(status, pages_.templates_->expand("layout.tpl", dict_));
    // Chosen with ?lang=: remembered for the next pages and error pages.
    if (auto q = request_.query_param("lang"); q && (*q == "en" || *q == "nl")) {
      r.headers.add("set-cookie",
                    http::set_cookie(kLangCookie, *q, {.http_only = true, .max_age = 31536000}));
    }
    return r;
  }

 private:
  Pages& pages_;
  const http::Request& request_;
  Lang lang_;
  TemplateDictionary dict_;
  TemplateDictionary* content_;
};

Pages::Pages(identity::Auth& auth, std::unique_ptr<Templates> templates, PageSources sources,
             PageOptions options)
    : auth_(auth),
      templates_(std::move(templates)),
      sources_(std::move(sources)),
      options_(std::move(options)),
      organisation_cache_(auth.database()) {}

void Pages::add_routes(http::Router& router) {
  router.add(http::Method::Get, "/", [this](http::Request& r) { return home(r); });
  router.add(http::Method::Get, "/mijn-zaken", [this](http::Request& r) { return my_cases(r); });
  router.add(http::Method::Get, "/mijn-gegevens", [this](http::Request& r) { return my_data(r); });
  router.add(http::Method::Get, "/wachtwoord-herstellen",
             [this](http::Request& r) { return reset_page(r); });
  router.add(http::Method::Post, "/wachtwoord-herstellen",
             [this](http::Request& r) { return reset_post(r, false); });
  router.add(http::Method::Post, "/wachtwoord-herstellen/bevestigen",
             [this](http::Request& r) { return reset_post(r, true); });
  // The addresses of the static pages these replace, in bookmarks and in mails already sent.
  for (auto [old_path, new_path] : {std::pair{"/index.html", "/"},
                                    {"/mijn-zaken.html", "/mijn-zaken"},
                                    {"/mijn-gegevens.html", "/mijn-gegevens"},
                                    {"/wachtwoord-herstellen.html", "/wachtwoord-herstellen"}}) {
    router.add(http::Method::Get, old_path, [to = std::string(new_path)](http::Request& r) {
      auto q = r.target.find('?');
      http::Response out;
      out.status = 301;
      out.headers.set("location", q == std::string::npos ? to : to + r.target.substr(q));
      return out;
    });
  }
  for (const auto& a : kAssets) {
    router.add(http::Method::Get, std::string(a.route), [a](http::Request& request) {
      auto css = common::embedded_file(a.embedded);
      if (!css) throw http::NotFound("This build has no NL Design System stylesheets (npm ci).");
      auto accepts = request.header("accept-encoding").value_or("");
      const std::string* packed =
          accepts.find("gzip") != std::string_view::npos ? &gzipped(a.route, *css) : nullptr;
      bool compressed = packed && !packed->empty();
      auto r = http::Response::text(200, compressed ? *packed : std::string(*css),
                                    "text/css; charset=utf-8");
      if (compressed) r.headers.set("content-encoding", "gzip");
      r.headers.set("vary", "accept-encoding");
      r.headers.set("cache-control", "public, max-age=86400");
      return r;
    });
  }
}

http::Response Pages::home(http::Request& request) {
  View v(*this, request, "home.tpl", "home_title", auth_.subject(request));
  for (const auto& o : catalog::list_organisations(auth_.database(), 0, 100).items) {
    auto* d = v.content().AddSectionDictionary("ORGANISATION");
    d->SetValue("NAME", o.name);
    d->SetValue("KIND", v.t(key_of("kind_", o.kind)));
  }
  return v.render();
}

http::Response Pages::my_cases(http::Request& request) {
  auto subject = auth_.subject(request);
  View v(*this, request, "my-cases.tpl", "cases_title", subject);
  if (!subject) {
    v.content().ShowSection("LOGGED_OUT");
    if (options_.digid) v.content().ShowSection("LOGIN_DIGID");
    if (options_.demo) v.content().ShowSection("LOGIN_DEMO");
    return v.render();
  }
  v.content().ShowSection("CASES_SHOWN");
  // Staff keep the list of their organisations' cases that GET /api/v1/cases gives them.
  if (sources_.list_my_cases && subject->kind != "staff") {
    return my_cases_keyset(request, *subject, v);
  }
  auto page = http::page_from(request, kCasesPerPage);
  http::Request sub = request;
  sub.path = "/api/v1/cases";
  sub.query = {{"page", std::to_string(page.number)}, {"pageSize", std::to_string(kCasesPerPage)}};
  sub.target = sub.path + "?page=" + std::to_string(page.number) +
               "&pageSize=" + std::to_string(kCasesPerPage);
  // The filters (a plain GET form): organisation and open/closed, passed on to the API.
  auto org_filter = std::string(request.query_param("organisation").value_or(""));
  auto status_filter = std::string(request.query_param("status").value_or(""));
  if (status_filter != "open" && status_filter != "closed") status_filter.clear();
  for (const auto& [name, value] :
       {std::pair{"organisation", org_filter}, {"status", status_filter}}) {
    if (value.empty()) continue;
    sub.query.emplace_back(name, value);
    sub.target += fmt::format("&{}={}", name, encode(value));
  }
  auto organisations = organisation_cache_.get();
  for (const auto& o : *organisations) {
    auto* d = v.content().AddSectionDictionary("FILTER_ORG");
    d->SetValue("ID", o.id);
    d->SetValue("NAME", o.name);
    if (o.id == org_filter) d->ShowSection("SELECTED");
  }
  if (!status_filter.empty()) v.content().ShowSection("STATUS_" + status_filter);
  json::value list = sources_.list_cases(sub, *subject);
  const auto& results = list.as_object().at("results").as_array();
  for (const auto& c : results) {
    auto* d = v.content().AddSectionDictionary("CASE");
    auto title = text(c, "title");
    d->SetValue("TITLE", title.empty() ? text(c, "reference") : title);
    d->SetValue("ID", text(c, "id"));
    d->SetValue("REFERENCE", text(c, "reference"));
    if (auto about = text(c, "description"); !about.empty()) {
      d->AddSectionDictionary("DESCRIPTION")->SetValue("TEXT", about);
    }
    const auto& status = c.as_object().at("status");
    auto status_text = text(status, "text");
    d->SetValue("STATUS", !status_text.empty()            ? status_text
                          : !text(status, "name").empty() ? text(status, "name")
                                                          : v.t("case_no_status"));
    if (auto org = text(c.as_object().at("organisation"), "name"); !org.empty()) {
      d->AddSectionDictionary("ORGANISATION")->SetValue("NAME", org);
    }
    d->SetValue("STARTED", long_date(templates_->texts(), v.lang(), text(c, "startDate")));
    if (auto end = text(c, "endDate"); !end.empty()) {
      d->AddSectionDictionary("CLOSED")->SetValue("DATE",
                                                  long_date(templates_->texts(), v.lang(), end));
    } else if (auto deadline = text(c, "deadline"); !deadline.empty()) {
      d->AddSectionDictionary("DEADLINE")
          ->SetValue("DATE", long_date(templates_->texts(), v.lang(), deadline));
    }
  }
  if (results.empty()) v.content().ShowSection("EMPTY");
  auto total = list.as_object().at("count").to_number<std::int64_t>();
  if (http::page_exists(page, page.number - 1, total) && page.number > 1) {
    v.content()
        .AddSectionDictionary("PREVIOUS")
        ->SetValue("HREF", with_param(request, "page", std::to_string(page.number - 1)));
  }
  if (http::page_exists(page, page.number + 1, total)) {
    v.content().AddSectionDictionary("NEXT")->SetValue(
        "HREF", with_param(request, "page", std::to_string(page.number + 1)));
  }
  return v.render();
}

// My cases through GET /api/v1/me/cases: own cases and those of whom the person acts for, each
// saying for whom, a "next page" link carrying the last row (?na=), and back to the first.
http::Response Pages::my_cases_keyset(const http::Request& request,
                                      const identity::Subject& subject, View& v) {
  http::Request sub = request;
  sub.path = "/api/v1/me/cases";
  sub.query.clear();
  auto org_filter = std::string(request.query_param("organisation").value_or(""));
  auto status_filter = std::string(request.query_param("status").value_or(""));
  if (status_filter != "open" && status_filter != "closed") status_filter.clear();
  auto after = std::string(request.query_param("na").value_or(""));
  auto before = after.empty() ? std::string(request.query_param("voor").value_or("")) : "";
  for (const auto& [name, value] : {std::pair{"organisation", org_filter},
                                    {"status", status_filter},
                                    {"after", after},
                                    {"before", before}}) {
    if (!value.empty()) sub.query.emplace_back(name, value);
  }
  auto organisations = organisation_cache_.get();
  for (const auto& o : *organisations) {
    auto* d = v.content().AddSectionDictionary("FILTER_ORG");
    d->SetValue("ID", o.id);
    d->SetValue("NAME", o.name);
    if (o.id == org_filter) d->ShowSection("SELECTED");
  }
  if (!status_filter.empty()) v.content().ShowSection("STATUS_" + status_filter);
  json::value list = sources_.list_my_cases(sub, subject);
  const auto& texts = templates_->texts();
  const auto& results = list.as_object().at("results").as_array();
  for (const auto& c : results) {
    auto* d = v.content().AddSectionDictionary("CASE");
    auto title = text(c, "title");
    d->SetValue("TITLE", title.empty() ? text(c, "reference") : title);
    d->SetValue("ID", text(c, "id"));
    d->SetValue("REFERENCE", text(c, "reference"));
    if (auto about = text(c, "description"); !about.empty()) {
      d->AddSectionDictionary("DESCRIPTION")->SetValue("TEXT", about);
    }
    const auto& whose = c.as_object().at("for");
    if (const auto* self = whose.as_object().if_contains("self"); self && !self->as_bool()) {
      d->AddSectionDictionary("FOR")->SetValue(
          "WHO",
          fill(v.t(text(whose, "kind") == "business" ? "case_for_business" : "case_for_resident"),
               "number", text(whose, "number")));
    }
    const auto& status = c.as_object().at("status");
    auto status_text = text(status, "text");
    d->SetValue("STATUS", !status_text.empty()            ? status_text
                          : !text(status, "name").empty() ? text(status, "name")
                                                          : v.t("case_no_status"));
    if (auto org = text(c.as_object().at("organisation"), "name"); !org.empty()) {
      d->AddSectionDictionary("ORGANISATION")->SetValue("NAME", org);
    }
    d->SetValue("STARTED", long_date(texts, v.lang(), text(c, "startDate")));
    if (auto end = text(c, "endDate"); !end.empty()) {
      d->AddSectionDictionary("CLOSED")->SetValue("DATE", long_date(texts, v.lang(), end));
    } else if (auto deadline = text(c, "deadline"); !deadline.empty()) {
      d->AddSectionDictionary("DEADLINE")->SetValue("DATE", long_date(texts, v.lang(), deadline));
    }
  }
  if (results.empty()) v.content().ShowSection("EMPTY");
  // The pager: the first page, the page before and the page after (keyset cursors: "na" after
  // a row, "voor" before one; the other is left out of each link).
  http::Request here = request;
  std::erase_if(here.query, [](const auto& kv) { return kv.first == "na" || kv.first == "voor"; });
  auto previous = text(list, "before");
  if (!previous.empty()) {
    v.content().AddSectionDictionary("FIRST")->SetValue("HREF", with_param(here, "na", ""));
    v.content()
        .AddSectionDictionary("PREVIOUS")
        ->SetValue("HREF", with_param(here, "voor", previous));
  }
  if (auto next = text(list, "after"); !next.empty()) {
    v.content().AddSectionDictionary("NEXT")->SetValue("HREF", with_param(here, "na", next));
  }
  return v.render();
}

http::Response Pages::my_data(http::Request& request) {
  auto subject = auth_.subject(request);
  View v(*this, request, "my-data.tpl", "data_title", subject);
  if (!subject) {
    v.content().ShowSection("LOGGED_OUT");
    if (options_.digid) v.content().ShowSection("LOGIN_DIGID");
    if (options_.demo) v.content().ShowSection("LOGIN_DEMO");
    return v.render();
  }
  v.script("/mijn-gegevens.js");
  auto& c = v.content();
  c.ShowSection("SHOWN");
  std::string who = subject->kind == "resident"
                        ? fill(v.t("who_resident"), "bsn", privacy::mask_bsn(subject->number))
                    : subject->kind == "business"
                        ? fill(v.t("who_business"), "kvk", subject->number)
                        : v.t("who_staff");
  if (const auto& m = subject->acting_for) {
    who += " " + fill(v.t("who_acting_for"), "who",
                      m->subject_kind == "resident" ? privacy::mask_bsn(m->subject_number)
                                                    : m->subject_number);
  }
  c.SetValue("WHO", who);
  c.SetValue("IDLE_EXPIRES_AT",
             std::to_string(subject->last_seen_at + auth_.config().timeouts.idle));

  auto page = http::page_from(request, kLogPerPage);
  std::string purpose = subject->kind == "resident"   ? "bsn"
                        : subject->kind == "business" ? "kvk"
                                                      : "staff";
  auto log = auth_.database().read_value([&](db::Connection& conn) {
    return privacy::processing_for_subject(conn, auth_.keys(), subject->number, purpose,
                                           page.offset(), page.size);
  });
  for (const auto& e : log.entries) {
    auto* d = c.AddSectionDictionary("ENTRY");
    d->SetValue("WHEN", dutch_time(templates_->texts(), v.lang(), e.start_ms));
    auto name_key = key_of("log_", e.name);
    const auto& name = v.t(name_key);
    d->SetValue("WHAT", name == "?" ? e.name : name);
    std::string actor = e.acting_for_self ? v.t("actor_self")
                        : e.actor_kind == "staff"
                            ? fill(v.t("actor_staff"), "role", v.t(key_of("role_", e.actor_role)))
                            : v.t("actor_representative");
    d->SetValue("WHO", actor);
    d->SetValue("WHY", e.purpose);
  }
  if (log.entries.empty()) c.ShowSection("EMPTY");
  if (page.number > 1 && http::page_exists(page, page.number - 1, log.total)) {
    c.AddSectionDictionary("PREVIOUS")
        ->SetValue("HREF", with_param(request, "page", std::to_string(page.number - 1)));
  }
  if (http::page_exists(page, page.number + 1, log.total)) {
    c.AddSectionDictionary("NEXT")->SetValue(
        "HREF", with_param(request, "page", std::to_string(page.number + 1)));
  }
  return v.render();
}

namespace {

struct FormErrors {
  std::vector<std::pair<std::string, std::string>> fields;  // field, message text key
};

// Shows the error summary (linked to each field, WCAG 3.3.1) and each field's own message.
void show_errors(TemplateDictionary& c, const FormErrors& errors,
                 const std::function<const std::string&(std::string_view)>& t) {
  if (errors.fields.empty()) return;
  c.ShowSection("ERRORS");
  for (const auto& [field, key] : errors.fields) {
    auto* item = c.AddSectionDictionary("ERROR");
    item->SetValue("FIELD", field);
    item->SetValue("MESSAGE", t(key));
    c.AddSectionDictionary("INVALID_" + field);
    c.AddSectionDictionary("ERROR_" + field)->SetValue("MESSAGE", t(key));
  }
}

}  // namespace

http::Response Pages::reset_page(http::Request& request) {
  View v(*this, request, "password-reset.tpl", "reset_title", auth_.subject(request));
  auto& c = v.content();
  if (request.query_param("verstuurd")) {
    c.ShowSection("SENT");
  } else if (request.query_param("gewijzigd")) {
    c.ShowSection("DONE");
  } else if (auto token = request.query_param("token")) {
    c.AddSectionDictionary("CONFIRM")->SetValue("TOKEN", std::string(*token));
  } else {
    c.ShowSection("ASK");
  }
  return v.render();
}

// The plain forms of the reset page: the fields go to the JSON route as its body; success is a
// redirect (post/redirect/get: a reload does not post again), a refusal the form again with the
// answers kept and each problem next to its field.
http::Response Pages::reset_post(http::Request& request, bool confirm) {
  auto field = [&](std::string_view name) {
    auto f = http::find_form_field(request.body, name);
    if (f.state == http::FormField::State::Malformed) {
      throw http::BadRequest("The form field " + std::string(name) + " is malformed.",
                             {{std::string(name), "invalid", "Not valid text."}});
    }
    return f.value;
  };
  json::object body;
  std::vector<std::string> names = confirm ? std::vector<std::string>{"token", "password", "code"}
                                           : std::vector<std::string>{"email"};
  for (const auto& n : names) body[n] = field(n);

  http::Request sub = request;
  sub.method = http::Method::Post;
  sub.path = confirm ? "/auth/staff/password-reset/confirm" : "/auth/staff/password-reset";
  sub.target = sub.path;
  sub.query.clear();
  sub.headers.set("content-type", "application/json");
  sub.body = json::serialize(body);
  FormErrors errors;
  try {
    (confirm ? sources_.confirm_password_reset : sources_.request_password_reset)(sub);
    return see_other(confirm ? "/wachtwoord-herstellen?gewijzigd=1"
                             : "/wachtwoord-herstellen?verstuurd=1");
  } catch (const http::Error& e) {
    // The form again is for a person at a browser; anyone else gets the API's problem+json.
    if (e.status() != 400 || e.invalid_params().empty() || !http::is_page_navigation(request)) {
      throw;
    }
    for (const auto& p : e.invalid_params()) {
      errors.fields.emplace_back(p.name, key_of("reset_error_", p.name));
    }
  }
  View v(*this, request, "password-reset.tpl", "reset_title", auth_.subject(request));
  auto& c = v.content();
  bool bad_link = std::any_of(errors.fields.begin(), errors.fields.end(),
                              [](const auto& f) { return f.first == "token"; });
  if (bad_link) {
    c.ShowSection("BAD_LINK");
  } else if (confirm) {
    auto* form = c.AddSectionDictionary("CONFIRM");
    form->SetValue("TOKEN", std::string(json::value_to<std::string>(body["token"])));
    show_errors(*form, errors, [&](std::string_view k) -> const std::string& { return v.t(k); });
  } else {
    auto* form = c.AddSectionDictionary("ASK");
    form->SetValue("EMAIL", std::string(json::value_to<std::string>(body["email"])));
    show_errors(*form, errors, [&](std::string_view k) -> const std::string& { return v.t(k); });
  }
  v.layout().SetValue("PAGE_TITLE", v.t("error_prefix") + " " + v.t("reset_title"));
  return v.render(400);
}

http::Response Pages::render_page(const http::Request& request, std::string_view file,
                                  std::string_view title_key,
                                  const std::optional<identity::Subject>& subject, const Fill& fill,
                                  int status) {
  View v(*this, request, file, title_key, subject);
  fill(v.content(), v.layout(), v.lang());
  return v.render(status);
}

std::optional<http::Response> Pages::error_page(const http::Request& request,
                                                const http::Error& error) {
  std::optional<identity::Subject> subject;
  if (error.status() != 500 && error.status() != 503) {
    try {
      subject = auth_.subject(request);
    } catch (const std::exception&) {  // the database may be why we are here
    }
  }
  int status = error.status();
  std::string kind = (status == 401 || status == 403 || status == 404 || status == 413 ||
                      status == 429 || status == 500 || status == 503)
                         ? std::to_string(status)
                         : (status >= 500 ? "500" : "400");
  View v(*this, request, "error.tpl", "error_" + kind + "_title", subject);
  auto& c = v.content();
  c.SetValue("TITLE", v.t("error_" + kind + "_title"));
  c.SetValue("TEXT", v.t("error_" + kind + "_text"));
  c.SetValue("STATUS", std::to_string(status));
  if (status >= 500) c.AddSectionDictionary("TRACE")->SetValue("ID", request.trace_id);
  if (status == 401 && (options_.digid || options_.demo)) {
    auto* login = c.AddSectionDictionary("LOGIN");
    login->SetValue("HREF", options_.digid ? "/auth/digid/login?returnTo=" + encode(request.path)
                                           : std::string("/auth/demo"));
  }
  return v.render(status);
}

}  // namespace loket::web
