// Each back-office page: who asks (staff only), read through the case store and the desk, fill
// a view, expand it in the shared layout; each form: check, act through the desk, redirect.
#include "web/backoffice_pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <set>

#include "cases/case_insight.hpp"
#include "cases/case_rules.hpp"
#include "cases/case_store_queue.hpp"
#include "cases/case_timeline.hpp"
#include "catalog/product_lookup.hpp"
#include "catalog/product_store.hpp"
#include "common/uuid.hpp"
#include "http/form.hpp"
#include "identity/team_store.hpp"
#include "privacy/processing_log.hpp"
#include "web/redirect.hpp"

namespace loket::web {
namespace json = boost::json;
using ctemplate::TemplateDictionary;

namespace {

constexpr std::int64_t kQueuePage = 25;

std::chrono::sys_days today() {
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

// A zaaktype's name in a list; when the list holds more versions of it (an administrator
// published a new one), the version's first day tells them apart.
std::string type_label(const cases::NamedType& t, const std::vector<cases::NamedType>& all,
                       const Texts& texts, Lang lang) {
  auto versions =
      std::count_if(all.begin(), all.end(), [&](const auto& o) { return o.name == t.name; });
  if (versions < 2 || t.valid_from.empty()) return t.name;
  return t.name + " (" +
         fill(texts.get(lang, "bo_type_from"), "date", long_date(texts, lang, t.valid_from)) + ")";
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

// The queue's filters, as the query names them (Dutch, as the page's address).
struct Filters {
  std::string product, team, status_type, state = "open", assignee, band, after;

  std::string query(bool with_cursor = false) const {
    std::string q;
    auto add = [&](std::string_view k, const std::string& v) {
      if (!v.empty()) q += (q.empty() ? "?" : "&") + std::string(k) + "=" + encode(v);
    };
    add("product", product);
    add("team", team);
    add("statustype", status_type);
    if (state != "open") add("stand", state);
    add("behandelaar", assignee);
    add("termijn", band);
    if (with_cursor) add("na", after);
    return q;
  }

  // The count above the list that counts exactly this list (open cases that are late, mine or
  // nobody's, nothing else chosen), so that the page counts them once.
  const cases::CappedCount* same_as(const cases::QueueCounts& c) const {
    if (state != "open" || !product.empty() || !team.empty() || !status_type.empty()) {
      return nullptr;
    }
    if (band == "te-laat" && assignee.empty()) return &c.overdue;
    if (!band.empty()) return nullptr;
    if (assignee == "mij") return &c.mine;
    if (assignee == "niemand") return &c.unassigned;
    return nullptr;
  }
};

std::string answer_text(const json::value& v, const std::string& yes, const std::string& no) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_bool()) return v.as_bool() ? yes : no;
  if (v.is_array()) {
    std::string out;
    for (const auto& e : v.as_array()) {
      if (!out.empty()) out += ", ";
      out += answer_text(e, yes, no);
    }
    return out;
  }
  if (v.is_null()) return "–";
  return json::serialize(v);
}

}  // namespace

struct BackofficePages::Form {
  StaffAction action;
  ActionInput input;
  std::vector<http::InvalidParam> problems;  // with field names as the API names them
  int status = 400;
};

BackofficePages::BackofficePages(Pages& pages, std::shared_ptr<StaffDesk> desk,
                                 BackofficeOptions options)
    : pages_(pages), desk_(std::move(desk)), options_(options) {}

void add_backoffice_pages(http::Router& router, Pages& pages, std::shared_ptr<StaffDesk> desk,
                          BackofficeOptions options) {
  auto p = std::make_shared<BackofficePages>(pages, std::move(desk), options);
  router.add(http::Method::Get, "/behandelen", [p](http::Request& r) { return p->queue(r); });
  router.add(http::Method::Get, "/behandelen/inzicht",
             [p](http::Request& r) { return p->insight(r, false); });
  router.add(http::Method::Get, "/behandelen/inzicht.csv",
             [p](http::Request& r) { return p->insight(r, true); });
  router.add(http::Method::Post, "/behandelen/toewijzen",
             [p](http::Request& r) { return p->assign(r); });
  router.add(http::Method::Get, "/behandelen/zaken/{id}",
             [p](http::Request& r) { return p->case_page(r); });
  router.add(http::Method::Post, "/behandelen/zaken/{id}/{action}", [p](http::Request& r) {
    auto a = staff_action_of(r.param("action"));
    if (!a) throw http::NotFound("There is no such action.");
    return p->act(r, *a);
  });
}

http::Response BackofficePages::queue(http::Request& request) {
  auto& auth = desk_->auth();
  auto subject = auth.subject(request);
  if (!subject) {
    return pages_.render_page(request, "bo-queue.tpl", "bo_queue_title", subject,
                              [&](TemplateDictionary& c, TemplateDictionary&, Lang) {
                                c.ShowSection("LOGGED_OUT");
                                if (options_.staff_oidc) c.ShowSection("LOGIN_OIDC");
                              });
  }
  auto staff = *subject;
  StaffDesk::require_staff(staff);
  const auto& roles = staff.staff_roles;
  auto scopes = desk_->scopes(staff);
  auto& db = auth.database();
  const auto& texts = pages_.texts();

  Filters f;
  auto param = [&](std::string_view name) {
    auto v = request.query_param(name);
    return v ? std::string(*v) : std::string();
  };
  // A value the page did not offer is ignored rather than refused: the filters are links.
  f.product = param("product");
  if (!common::is_uuid(f.product)) f.product.clear();
  f.team = param("team");
  if (f.team != "mijn" && !common::is_uuid(f.team)) f.team.clear();
  f.status_type = f.product.empty() ? "" : param("statustype");
  if (!common::is_uuid(f.status_type)) f.status_type.clear();
  if (auto s = param("stand"); s == "afgerond" || s == "alle") f.state = s;
  f.assignee = param("behandelaar");
  if (f.assignee != "mij" && f.assignee != "niemand" && !common::is_uuid(f.assignee)) {
    f.assignee.clear();
  }
  if (auto b = param("termijn"); b == "te-laat" || b == "week" || b == "maand" || b == "later") {
    f.band = b;
  }
  f.after = param("na");
  if (!cases::valid_cursor(f.after, cases::CaseSort::DeadlineAsc)) f.after.clear();

  std::vector<std::string> rsins;
  cases::OrganisationQuery base;
  base.sort = cases::CaseSort::DeadlineAsc;
  for (const auto& s : scopes) {
    rsins.push_back(s.rsin);
    base.scopes.push_back({s.rsin, s.max_level});
  }
  auto day = today();
  auto q = base;
  q.limit = kQueuePage;
  q.open = f.state == "open"       ? cases::OpenFilter::Open
           : f.state == "afgerond" ? cases::OpenFilter::Closed
                                   : cases::OpenFilter::Any;
  if (!f.product.empty()) q.case_type = f.product;
  if (!f.status_type.empty()) q.status_type = f.status_type;
  if (f.assignee == "mij") q.assignee = staff.number;
  if (f.assignee == "niemand") q.assignee = "";
  if (common::is_uuid(f.assignee)) q.assignee = f.assignee;
  if (f.band == "te-laat") q.overdue_on = cases::format_day(day);
  if (f.band == "week" || f.band == "maand") {
    q.deadline_from = cases::format_day(day);
    q.deadline_to = cases::format_day(day + std::chrono::days(f.band == "week" ? 7 : 31));
  }
  if (f.band == "later") q.deadline_from = cases::format_day(day + std::chrono::days(32));
  if (!f.after.empty()) q.after = f.after;

  const auto& store = desk_->service().store();
  cases::OrganisationPage page;
  cases::QueueCounts counts;
  std::vector<cases::NamedType> products;
  std::vector<identity::StaffName> colleagues;
  std::optional<cases::CaseType> product_type;
  // The teams of the organisations in view; the team filter narrows the queue to the cases of
  // the team's products (or of the products of every team the staff member is in).
  std::vector<identity::Team> teams;
  bool in_a_team = false;
  if (!scopes.empty()) {
    // What the filters offer, and the chosen team's products, in one read before the list (on
    // PostgreSQL each statement is a round trip, and the page makes few).
    db.read([&](db::Connection& c) {
      for (const auto& s : scopes) {
        for (auto& t : identity::teams_of(c, s.organisation_id)) teams.push_back(std::move(t));
      }
      in_a_team = std::any_of(teams.begin(), teams.end(), [&](const auto& t) {
        return std::find(t.members.begin(), t.members.end(), staff.number) != t.members.end();
      });
      // A team the page did not offer is ignored, as every filter value ("Mijn teams" is offered
      // only to a member of one).
      if (f.team == "mijn" && !in_a_team) f.team.clear();
      if (!f.team.empty()) {
        auto routed = identity::chosen_products(teams, f.team, f.team == "mijn", staff.number);
        if (routed)
          q.case_types = catalog::zaaktypes_of_products(c, *routed);
        else
          f.team.clear();
      }
      products = cases::case_types_of(c, rsins);
      std::set<std::string> seen;
      for (const auto& s : scopes) {
        for (auto& n : identity::case_handlers_of(c, s.organisation_id)) {
          if (seen.insert(n.id).second) colleagues.push_back(std::move(n));
        }
      }
      if (!f.product.empty()) product_type = store.load_case_type(c, f.product);
    });
    // The counts above the list: open cases that are late, mine, and nobody's (one statement).
    counts = cases::queue_counts(db, base.scopes, cases::format_day(day), staff.number);
    const auto* same = f.same_as(counts);
    q.count = same == nullptr;
    page = store.list_for_organisation(db, q);
    if (same) {
      page.count = same->n;
      page.count_capped = same->capped;
    }
  }
  auto name_of_staff = [&](const std::string& id) -> std::string {
    for (const auto& n : colleagues) {
      if (n.id == id) return n.display_name;
    }
    return id;
  };
  return pages_.render_page(
      request, "bo-queue.tpl", "bo_queue_title", subject,
      [&](TemplateDictionary& c, TemplateDictionary&, Lang lang) {
        auto t = [&](std::string_view k) -> const std::string& { return texts.get(lang, k); };
        c.ShowSection("SHOWN");
        c.SetValue("CSRF", staff.csrf_token);
        c.SetValue("RETURN", f.query(true));
        std::string orgs;
        for (const auto& s : scopes) orgs += (orgs.empty() ? "" : ", ") + s.organisation_name;
        c.SetValue("ORGANISATIONS", orgs);
        // An administrator's way to the organisation's staff and products.
        for (const auto& r : roles) {
          if (r.role != "administrator") continue;
          auto* a = c.AddSectionDictionary("ADMIN");
          a->SetValue("ORG", r.organisation_id);
          std::string name;
          for (const auto& s : scopes) {
            if (s.organisation_id == r.organisation_id) name = s.organisation_name;
          }
          if (name.empty()) {
            if (auto o = catalog::find_organisation(db, r.organisation_id)) name = o->name;
          }
          a->SetValue("NAME", name);
        }
        if (auto n = request.query_param("toegewezen")) {
          c.AddSectionDictionary("ASSIGNED")
              ->SetValue("TEXT", fill(std::string(t("bo_assigned_n")), "n", std::string(*n)));
        }
        if (request.query_param("fout")) c.ShowSection("NOTHING_SELECTED");
        // Filters.
        auto option = [&](const char* section, const std::string& value, const std::string& label,
                          bool selected) {
          auto* o = c.AddSectionDictionary(section);
          o->SetValue("VALUE", value);
          o->SetValue("LABEL", label);
          if (selected) o->ShowSection("SELECTED");
        };
        option("PRODUCT", "", t("bo_filter_any"), f.product.empty());
        for (const auto& p : products) {
          option("PRODUCT", p.id, type_label(p, products, texts, lang), p.id == f.product);
        }
        if (!teams.empty()) {
          c.ShowSection("TEAMS");
          option("TEAM", "", t("bo_filter_any"), f.team.empty());
          if (in_a_team) option("TEAM", "mijn", t("bo_team_mine"), f.team == "mijn");
          for (const auto& tm : teams) option("TEAM", tm.id, tm.name, tm.id == f.team);
        }
        if (product_type) {
          c.ShowSection("STATUS_TYPES");
          option("STATUS_TYPE", "", t("bo_filter_any"), f.status_type.empty());
          for (const auto& s : product_type->statuses) {
            option("STATUS_TYPE", s.id, s.name, s.id == f.status_type);
          }
        }
        for (const auto& [v, k] : {std::pair{"open", "bo_state_open"},
                                   {"afgerond", "bo_state_closed"},
                                   {"alle", "bo_state_all"}}) {
          option("STATE", v, t(k), f.state == v);
        }
        option("ASSIGNEE", "", t("bo_filter_any"), f.assignee.empty());
        option("ASSIGNEE", "mij", t("bo_assignee_me"), f.assignee == "mij");
        option("ASSIGNEE", "niemand", t("bo_assignee_none"), f.assignee == "niemand");
        for (const auto& n : colleagues) {
          if (n.id != staff.number) {
            option("ASSIGNEE", n.id, n.display_name, n.id == f.assignee);
          }
        }
        for (const auto& [v, k] : {std::pair{"", "bo_filter_any"},
                                   {"te-laat", "bo_band_overdue"},
                                   {"week", "bo_band_week"},
                                   {"maand", "bo_band_month"},
                                   {"later", "bo_band_later"}}) {
          option("BAND", v, t(k), f.band == v);
        }
        // Counts.
        c.SetValue("COUNT",
                   page.count_capped
                       ? fill(std::string(t("bo_count_capped")), "n", std::to_string(page.count))
                       : fill(std::string(t("bo_count")), "n", std::to_string(page.count)));
        auto capped = [&](const cases::CappedCount& n) {
          return n.capped ? fill(std::string(t("bo_count_more")), "n", std::to_string(n.n))
                          : std::to_string(n.n);
        };
        c.SetValue("OVERDUE_N", capped(counts.overdue));
        c.SetValue("MINE_N", capped(counts.mine));
        c.SetValue("UNASSIGNED_N", capped(counts.unassigned));
        // Rows.
        for (const auto& s : page.items) {
          auto* r = c.AddSectionDictionary("ROW");
          r->SetValue("ID", s.id);
          r->SetValue("REFERENCE", s.reference.empty() ? s.identification : s.reference);
          r->SetValue("PRODUCT", s.case_type_name);
          r->SetValue("STATUS", s.status_name.empty() ? t("bo_no_status") : s.status_name);
          if (s.end_date) {
            r->SetValue("DEADLINE", fill(std::string(t("bo_closed_on")), "date",
                                         long_date(texts, lang, *s.end_date)));
          } else if (s.deadline) {
            r->SetValue("DEADLINE", long_date(texts, lang, *s.deadline));
            if (auto d = cases::parse_day(*s.deadline)) {
              auto left = (*d - day).count();
              auto* days = r->AddSectionDictionary(left < 0 ? "LATE" : "DAYS");
              days->SetValue(
                  "TEXT",
                  left < 0    ? fill(std::string(t("bo_days_late")), "n", std::to_string(-left))
                  : left == 0 ? t("bo_due_today")
                              : fill(std::string(t("bo_days_left")), "n", std::to_string(left)));
            }
          } else {
            r->SetValue("DEADLINE", "–");
          }
          if (s.suspended_since) r->ShowSection("SUSPENDED");
          const auto& who = s.assignee;
          r->SetValue("ASSIGNEE", who.empty()           ? t("bo_assignee_none")
                                  : who == staff.number ? t("bo_assignee_me")
                                                        : name_of_staff(who));
          if (who != staff.number && !s.end_date) r->ShowSection("CLAIM");
        }
        if (page.items.empty()) {
          c.ShowSection("EMPTY");
        } else {
          c.ShowSection("HAS_ROWS");
          option("TO", "mij", t("bo_assignee_me"), true);
          for (const auto& n : colleagues) {
            if (n.id != staff.number) option("TO", n.id, n.display_name, false);
          }
          option("TO", "", t("bo_assignee_nobody"), false);
        }
        if (page.next) {
          auto next = f;
          next.after = *page.next;
          c.AddSectionDictionary("NEXT")->SetValue("HREF", "/behandelen" + next.query(true));
        }
        if (!f.after.empty()) {
          c.AddSectionDictionary("FIRST")->SetValue("HREF", "/behandelen" + f.query(false));
        }
      });
}

http::Response BackofficePages::assign(http::Request& request) {
  auto& auth = desk_->auth();
  auto staff = auth.require_subject(request, "to assign cases");
  auth.require_csrf(request, staff);
  StaffDesk::require_staff(staff);
  // Back to the queue as it was filtered; only a query of our own page is followed.
  auto back = http::form_text(request, "terug");
  if (!back.starts_with("?") ||
      std::any_of(back.begin(), back.end(), [](unsigned char ch) { return ch < 0x21; })) {
    back.clear();
  }
  auto location = "/behandelen" + back + (back.empty() ? "?" : "&");
  std::vector<std::string> ids;
  ActionInput in;
  if (auto claim = http::form_text(request, "oppakken"); !claim.empty()) {
    ids.push_back(claim);
    in.assignee = "me";
  } else {
    ids = http::form_texts(request, "zaak");
    auto to = http::form_text(request, "aan");
    in.assignee = to == "mij" ? "me" : to;
  }
  if (ids.empty()) return see_other(location + "fout=selectie");
  int done = 0;
  for (const auto& id : ids) {
    auto c = desk_->open(staff, id);  // 404: not a case of theirs
    desk_->act(staff, c, StaffAction::Assign, in);
    ++done;
  }
  return see_other(location + "toegewezen=" + std::to_string(done));
}

http::Response BackofficePages::case_page(http::Request& request) {
  auto& auth = desk_->auth();
  auto subject = auth.subject(request);
  if (!subject) {
    return pages_.render_page(request, "bo-queue.tpl", "bo_queue_title", subject,
                              [&](TemplateDictionary& c, TemplateDictionary&, Lang) {
                                c.ShowSection("LOGGED_OUT");
                                if (options_.staff_oidc) c.ShowSection("LOGIN_OIDC");
                              });
  }
  auto staff = *subject;
  StaffDesk::require_staff(staff);
  const auto& roles = staff.staff_roles;
  auto c = desk_->open(staff, request.param("id"));
  // Each person in the case sees this view in their data tracker, as with the JSON door.
  std::string role;
  for (const auto& r : roles) {
    if (r.organisation_id == c.organisation_id) role = r.role;
  }
  auto now = privacy::unix_millis();
  auth.database().write([&](db::Connection& conn) {
    for (const auto& bsn : desk_->service().store().resident_numbers(conn, c.summary.id)) {
      privacy::append_processing(conn, auth.keys(),
                                 {.trace_id = request.trace_id,
                                  .parent_operation_id = request.span_id,
                                  .name = "zaak inzien",
                                  .start_ms = now,
                                  .end_ms = privacy::unix_millis(),
                                  .activity = privacy::kCaseHandling,
                                  .subject_number = bsn,
                                  .subject_kind = "bsn",
                                  .actor_kind = staff.kind,
                                  .actor_organisation = c.organisation_id,
                                  .actor_role = role});
    }
  });
  return render_case(request, staff, roles, c, nullptr, 200);
}

http::Response BackofficePages::act(http::Request& request, StaffAction action) {
  auto& auth = desk_->auth();
  auto staff = auth.require_subject(request, "to handle cases");
  auth.require_csrf(request, staff);
  StaffDesk::require_staff(staff);
  const auto& roles = staff.staff_roles;
  auto c = desk_->open(staff, request.param("id"));
  Form form{action, {}, {}, 400};
  try {
    auto& in = form.input;
    in.status_type = http::form_text(request, "statusType");
    in.result_type = http::form_text(request, "resultType");
    in.period = http::form_text(request, "period");
    for (auto name : {"explanation", "question", "reason", "note"}) {
      if (auto v = http::form_text(request, name); !v.empty()) in.text = v;
    }
    if (action == StaffAction::Assign) {
      auto to = http::form_text(request, "assignee");
      in.assignee = to == "mij" ? "me" : to;
    }
    // Line ends as a browser sends them (CRLF) count once.
    for (auto pos = in.text.find("\r\n"); pos != std::string::npos; pos = in.text.find("\r\n")) {
      in.text.erase(pos, 1);
    }
    desk_->act(staff, c, action, in);
    return see_other("/behandelen/zaken/" + c.summary.id +
                     "?gedaan=" + std::string(name_of(action)));
  } catch (const http::Error& e) {
    if (e.status() == 401 || e.status() == 404 || e.status() >= 500) throw;
    form.status = e.status();
    form.problems = e.invalid_params();
    if (form.problems.empty()) {
      form.problems.push_back(
          {"nonFieldErrors", e.status() == 409 ? "conflict" : "forbidden", e.detail()});
    }
  }
  auto fresh = desk_->open(staff, request.param("id"));
  return render_case(request, staff, roles, fresh, &form, form.status);
}

http::Response BackofficePages::render_case(const http::Request& request,
                                            const identity::Subject& staff,
                                            const std::vector<identity::StaffRole>&,
                                            const StaffCase& sc, const Form* form, int status) {
  auto& db = desk_->auth().database();
  auto& service = desk_->service();
  auto k = service.get(sc.summary.id);
  if (!k) throw http::NotFound("There is no case with this id that you may see.");
  std::optional<cases::CaseType> type;
  std::vector<cases::StatusEntry> history;
  std::vector<cases::NamedType> results;
  std::optional<cases::RecordedResult> result;
  std::vector<identity::StaffName> colleagues;
  std::optional<std::string> team;  // the team the case's product is routed to
  db.read([&](db::Connection& c) {
    type = service.store().load_case_type(c, k->case_type_id);
    history = cases::status_history(c, k->id);
    results = cases::result_types(c, k->case_type_id);
    result = cases::recorded_result(c, k->id);
    colleagues = identity::case_handlers_of(c, sc.organisation_id);
    if (auto product = catalog::product_of_case_type(c, k->case_type_id)) {
      team = identity::team_of_product(c, product->id);
    }
  });
  const auto& texts = pages_.texts();
  auto day = today();
  // The deadline as the rules compute it today: a running suspension moves it day by day.
  std::optional<std::chrono::sys_days> deadline;
  if (auto start = cases::parse_day(k->start_date); start && type && type->term) {
    cases::DeadlineFacts facts{*start, type->term,
                               k->extension ? std::optional(k->extension->period) : std::nullopt,
                               k->suspended_days, std::nullopt};
    if (k->suspended_since) facts.suspended_since = cases::parse_day(*k->suspended_since);
    deadline = cases::compute_deadline(facts, day);
  } else if (k->deadline) {
    deadline = cases::parse_day(*k->deadline);
  }
  const cases::StatusType* current = nullptr;
  if (type && !history.empty()) current = type->status(history.back().type_id);

  return pages_.render_page(
      request, "bo-case.tpl", "bo_case_title", staff,
      [&](TemplateDictionary& c, TemplateDictionary& layout, Lang lang) {
        auto t = [&](std::string_view key) -> const std::string& { return texts.get(lang, key); };
        auto has = [&](const std::string& key) { return texts.all(lang).contains(key); };
        auto reference = k->reference.empty() ? k->identification : k->reference;
        layout.SetValue("PAGE_TITLE", (form ? t("error_prefix") + " " : std::string()) +
                                          sc.summary.case_type_name + " " + reference);
        c.SetValue("ID", k->id);
        c.SetValue("CSRF", staff.csrf_token);
        c.SetValue("REFERENCE", reference);
        c.SetValue("PRODUCT", sc.summary.case_type_name);
        c.SetValue("ORGANISATION", sc.organisation_name);
        if (!k->description.empty()) {
          c.AddSectionDictionary("DESCRIPTION")->SetValue("TEXT", k->description);
        }
        if (auto done = request.query_param("gedaan"); done && !form) {
          if (auto key = "bo_done_" + std::string(*done); has(key)) {
            c.AddSectionDictionary("DONE")->SetValue("TEXT", t(key));
          }
        }
        // Facts.
        c.SetValue("STATUS", current ? current->name : t("bo_no_status"));
        if (!history.empty()) {
          c.SetValue("STATUS_SINCE", long_date(texts, lang, history.back().set_at));
        }
        c.SetValue("STARTED", long_date(texts, lang, k->start_date));
        if (k->closed()) {
          c.AddSectionDictionary("CLOSED")->SetValue("DATE", long_date(texts, lang, *k->end_date));
        } else if (deadline) {
          auto* d = c.AddSectionDictionary("DEADLINE");
          d->SetValue("DATE", long_date(texts, lang, cases::format_day(*deadline)));
          auto left = (*deadline - day).count();
          d->SetValue("DAYS",
                      left < 0 ? fill(std::string(t("bo_days_late")), "n", std::to_string(-left))
                      : left == 0
                          ? t("bo_due_today")
                          : fill(std::string(t("bo_days_left")), "n", std::to_string(left)));
          if (left < 0) d->ShowSection("LATE");
        }
        if (k->suspended_since) {
          auto* s = c.AddSectionDictionary("SUSPENDED");
          s->SetValue("SINCE", long_date(texts, lang, *k->suspended_since));
          s->SetValue("QUESTION", k->suspension_reason);
        }
        if (k->extension) {
          auto* e = c.AddSectionDictionary("EXTENDED");
          e->SetValue("DAYS", std::to_string(k->extension->period.days));
          e->SetValue("PERIOD", k->extension->period.years || k->extension->period.months
                                    ? cases::format_period(k->extension->period)
                                    : fill(std::string(t("bo_n_days")), "n",
                                           std::to_string(k->extension->period.days)));
          e->SetValue("REASON", k->extension->reason);
        }
        std::string assignee_name = t("bo_assignee_none");
        for (const auto& n : colleagues) {
          if (n.id == k->assignee) assignee_name = n.display_name;
        }
        if (k->assignee == staff.number) assignee_name = t("bo_assignee_me");
        c.SetValue("ASSIGNEE", assignee_name);
        if (team) c.AddSectionDictionary("TEAM")->SetValue("NAME", *team);
        std::string result_name;
        if (result) {
          for (const auto& r : results) {
            if (r.id == result->type_id) result_name = r.name;
          }
          auto* r = c.AddSectionDictionary("RESULT");
          r->SetValue("NAME", result_name.empty() ? result->type_id : result_name);
          if (!result->note.empty())
            r->AddSectionDictionary("NOTE")->SetValue("TEXT", result->note);
        }
        // Answers: the product's labels would come from its form; until forms carry them the
        // keys name the answers.
        boost::system::error_code ec;
        auto answers = k->answers.empty() ? json::value() : json::parse(k->answers, ec);
        if (!ec && answers.is_object() && !answers.as_object().empty()) {
          for (const auto& kv : answers.as_object()) {
            auto* a = c.AddSectionDictionary("ANSWER");
            a->SetValue("LABEL", std::string(kv.key()));
            a->SetValue("VALUE", answer_text(kv.value(), t("bo_yes"), t("bo_no")));
          }
        } else {
          c.ShowSection("NO_ANSWERS");
        }
        // Timeline, newest first.
        for (auto it = history.rbegin(); it != history.rend(); ++it) {
          auto* e = c.AddSectionDictionary("EVENT");
          const auto* st = type ? type->status(it->type_id) : nullptr;
          e->SetValue("NAME", st ? st->name : t("bo_no_status"));
          e->SetValue("WHEN", long_date(texts, lang, it->set_at));
          if (!it->note.empty()) e->AddSectionDictionary("NOTE")->SetValue("TEXT", it->note);
        }

        if (options_.case_work) options_.case_work(c, request, staff, sc, lang);
        // The actions the case's state allows. A refusal: the summary at the top, each
        // field's message next to it in the action's form.
        auto message_of = [&](const http::InvalidParam& p) {
          auto code = p.code;
          std::replace(code.begin(), code.end(), '-', '_');
          for (const auto& key :
               {"bo_error_" + p.name + "_" + code, "bo_error_" + code, "bo_error_" + p.name}) {
            if (has(key)) return t(key);
          }
          return t("bo_error_general");
        };
        if (form) {
          auto* summary = c.AddSectionDictionary("ERRORS");
          for (const auto& p : form->problems) {
            auto* item = summary->AddSectionDictionary("ERROR");
            // A field's message links to the field; one about the case as a whole is text.
            auto* shown = item->AddSectionDictionary(p.name == "nonFieldErrors" ? "TEXT" : "LINK");
            shown->SetValue("FIELD", std::string(name_of(form->action)) + "-" + p.name);
            shown->SetValue("MESSAGE", message_of(p));
          }
        }
        auto section = [&](StaffAction a, const char* name) {
          auto* d = c.AddSectionDictionary(name);
          d->SetValue("ID", k->id);
          d->SetValue("CSRF", staff.csrf_token);
          if (form && form->action == a) {
            d->SetValue("TEXT", form->input.text);
            for (const auto& p : form->problems) {
              if (p.name == "nonFieldErrors") continue;
              d->AddSectionDictionary("INVALID_" + p.name);
              d->AddSectionDictionary("ERROR_" + p.name)->SetValue("MESSAGE", message_of(p));
            }
          }
          return d;
        };
        if (!sc.permit.may_handle) {
          c.ShowSection("READ_ONLY");
          return;
        }
        c.ShowSection("ACTIONS");
        if (k->closed()) {
          auto* d = section(StaffAction::Reopen, "REOPEN");
          if (type) {
            for (const auto& s : type->statuses) {
              if (type->is_end(s)) continue;
              auto* o = d->AddSectionDictionary("OPTION");
              o->SetValue("VALUE", s.id);
              o->SetValue("LABEL", s.name);
            }
          }
        } else if (k->suspended_since) {
          section(StaffAction::Resume, "RESUME");
        } else if (type) {
          std::vector<const cases::StatusType*> next;
          for (const auto& s : type->statuses) {
            if (!type->is_end(s) && (!current || s.order > current->order)) next.push_back(&s);
          }
          if (!next.empty()) {
            auto* d = section(StaffAction::Status, "NEXT_STATUS");
            for (const auto* s : next) {
              auto* o = d->AddSectionDictionary("OPTION");
              o->SetValue("VALUE", s->id);
              o->SetValue("LABEL", s->name);
              if (form && form->action == StaffAction::Status && form->input.status_type == s->id) {
                o->ShowSection("SELECTED");
              }
            }
          }
          if (type->suspendable) section(StaffAction::Suspend, "SUSPEND");
          if (type->may_extend && !k->extension) {
            auto* d = section(StaffAction::Extend, "EXTEND");
            // Whole weeks up to the product's longest extension (six when it names none).
            std::int64_t longest = 42;
            if (type->extension_period && !type->extension_period->years &&
                !type->extension_period->months) {
              longest = type->extension_period->days;
            }
            for (std::int64_t w = 1; w * 7 <= std::max<std::int64_t>(longest, 7); ++w) {
              auto* o = d->AddSectionDictionary("OPTION");
              o->SetValue("VALUE", fmt::format("P{}W", w));
              o->SetValue("LABEL",
                          w == 1 ? t("bo_one_week")
                                 : fill(std::string(t("bo_n_weeks")), "n", std::to_string(w)));
            }
          }
          if (!result && !results.empty()) {
            auto* d = section(StaffAction::Result, "RESULT_FORM");
            for (const auto& r : results) {
              auto* o = d->AddSectionDictionary("OPTION");
              o->SetValue("VALUE", r.id);
              o->SetValue("LABEL", r.name);
            }
          }
          if (result) section(StaffAction::Close, "CLOSE");
        }
        if (!k->closed()) {
          auto* d = section(StaffAction::Assign, "ASSIGN");
          if (k->assignee != staff.number) d->ShowSection("CLAIM");
          auto option = [&](const std::string& v, const std::string& label) {
            auto* o = d->AddSectionDictionary("OPTION");
            o->SetValue("VALUE", v);
            o->SetValue("LABEL", label);
          };
          option("mij", t("bo_assignee_me"));
          for (const auto& n : colleagues) {
            if (n.id != staff.number) option(n.id, n.display_name);
          }
          option("", t("bo_assignee_nobody"));
        }
      },
      status);
}

namespace {
constexpr int kInsightWeeks = 12;

std::string percent(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return "–";
  return std::to_string((part * 100 + whole / 2) / whole) + "%";
}
}  // namespace

struct BackofficePages::InsightFigures {
  cases::Insight figures;
  std::vector<cases::NamedType> products;
  std::string from;
  std::chrono::system_clock::time_point at;
  std::chrono::steady_clock::time_point computed;
};

std::shared_ptr<const BackofficePages::InsightFigures> BackofficePages::insight_figures(
    db::Database& db, const std::vector<std::pair<std::string, int>>& scopes,
    const std::string& from) {
  std::string key = from;
  for (const auto& [rsin, level] : scopes) key += fmt::format(" {}:{}", rsin, level);
  auto fresh = [&]() -> std::shared_ptr<const InsightFigures> {
    std::lock_guard lock(insight_mutex_);
    auto it = insight_cache_.find(key);
    if (it == insight_cache_.end() ||
        std::chrono::steady_clock::now() - it->second->computed >= options_.insight_ttl) {
      return nullptr;
    }
    return it->second;
  };
  if (auto f = fresh()) return f;
  std::lock_guard computing(insight_compute_);
  if (auto f = fresh()) return f;  // computed while this request waited
  auto out = std::make_shared<InsightFigures>();
  std::vector<cases::OrganisationScope> org_scopes;
  std::vector<std::string> rsins;
  for (const auto& [rsin, level] : scopes) {
    org_scopes.push_back({rsin, level});
    rsins.push_back(rsin);
  }
  db.read([&](db::Connection& c) {
    out->figures = cases::insight(c, org_scopes, from);
    out->products = cases::case_types_of(c, rsins);
  });
  out->from = from;
  out->at = std::chrono::system_clock::now();
  out->computed = std::chrono::steady_clock::now();
  std::lock_guard lock(insight_mutex_);
  if (insight_cache_.size() >= 256) insight_cache_.clear();  // a bound; scope sets are few
  insight_cache_[key] = out;
  return out;
}

http::Response BackofficePages::insight(http::Request& request, bool csv) {
  auto& auth = desk_->auth();
  auto subject = auth.subject(request);
  if (!subject && !csv) {
    return pages_.render_page(request, "bo-insight.tpl", "bo_insight_title", subject,
                              [&](TemplateDictionary& c, TemplateDictionary&, Lang) {
                                c.ShowSection("LOGGED_OUT");
                                if (options_.staff_oidc) c.ShowSection("LOGIN_OIDC");
                              });
  }
  auto staff = subject ? *subject : desk_->require_staff(request, "to see the figures");
  StaffDesk::require_staff(staff);
  auto scopes = desk_->scopes(staff);
  auto& db = auth.database();
  auto day = today();
  // Whole weeks, Monday to Sunday, the current one last.
  auto monday = day - std::chrono::days((std::chrono::weekday(day).iso_encoding() + 6) % 7);
  auto from = monday - std::chrono::weeks(kInsightWeeks - 1);
  std::vector<cases::OrganisationScope> org_scopes;
  std::vector<std::pair<std::string, int>> scope_keys;
  for (const auto& s : scopes) {
    org_scopes.push_back({s.rsin, s.max_level});
    scope_keys.emplace_back(s.rsin, s.max_level);
  }
  // The figures count every case of the scopes: computed at most once a minute (insight_ttl).
  auto computed = insight_figures(db, scope_keys, cases::format_day(from));
  const auto& figures = computed->figures;
  const auto& products = computed->products;
  auto lang = page_language(request);
  auto product_name = [&](const std::string& id) {
    for (const auto& p : products) {
      if (p.id == id) return type_label(p, products, pages_.texts(), lang);
    }
    return id;
  };
  std::vector<std::pair<std::string, std::int64_t>> weeks;
  for (int w = 0; w < kInsightWeeks; ++w) {
    auto start = from + std::chrono::weeks(w);
    std::int64_t n = 0;
    for (int d = 0; d < 7; ++d) {
      auto it = figures.received_per_day.find(cases::format_day(start + std::chrono::days(d)));
      if (it != figures.received_per_day.end()) n += it->second;
    }
    weeks.emplace_back(cases::format_day(start), n);
  }
  std::int64_t closed = 0, without = 0;
  for (const auto& [id, p] : figures.products) {
    closed += p.closed;
    without += p.closed_without_assignee;
  }

  if (csv) {
    auto figure = request.query_param("figuur").value_or("producten");
    std::string out;
    auto quoted = [](const std::string& v) {
      std::string q = "\"";
      for (char ch : v) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      return q + "\"";
    };
    if (figure == "weken") {
      out = "week_start,received\r\n";
      for (const auto& [w, n] : weeks) out += w + "," + std::to_string(n) + "\r\n";
    } else if (figure == "producten") {
      out =
          "product,received,open,closed,median_lead_days,p90_lead_days,closed_within_term,"
          "closed_without_staff\r\n";
      for (const auto& [id, p] : figures.products) {
        out += quoted(product_name(id)) + "," + std::to_string(p.received) + "," +
               std::to_string(p.open) + "," + std::to_string(p.closed) + "," +
               std::to_string(cases::percentile(p.lead_days, 0.5)) + "," +
               std::to_string(cases::percentile(p.lead_days, 0.9)) + "," +
               std::to_string(p.closed_within_term) + "," +
               std::to_string(p.closed_without_assignee) + "\r\n";
      }
    } else {
      throw http::BadRequest("Unknown figure.", {{"figuur", "invalid", "producten or weken."}});
    }
    auto r = http::Response::text(200, std::move(out), "text/csv; charset=utf-8");
    r.headers.set("content-disposition",
                  "attachment; filename=\"inzicht-" + std::string(figure) + ".csv\"");
    r.headers.set("cache-control", "no-store");
    return r;
  }

  cases::OrganisationPage overdue;
  if (!org_scopes.empty()) {
    cases::OrganisationQuery q;
    q.scopes = org_scopes;
    q.sort = cases::CaseSort::DeadlineAsc;
    q.open = cases::OpenFilter::Open;
    q.overdue_on = cases::format_day(day);
    q.limit = 20;
    overdue = desk_->service().store().list_for_organisation(db, q);
  }
  const auto& texts = pages_.texts();
  return pages_.render_page(
      request, "bo-insight.tpl", "bo_insight_title", staff,
      [&](TemplateDictionary& c, TemplateDictionary&, Lang lang) {
        auto t = [&](std::string_view k) -> const std::string& { return texts.get(lang, k); };
        c.ShowSection("SHOWN");
        c.SetValue("FROM", long_date(texts, lang, cases::format_day(from)));
        c.SetValue("COMPUTED_AT", dutch_time(texts, lang,
                                             std::chrono::duration_cast<std::chrono::milliseconds>(
                                                 computed->at.time_since_epoch())
                                                 .count()));
        for (const auto& [id, p] : figures.products) {
          auto* r = c.AddSectionDictionary("PRODUCT");
          r->SetValue("NAME", product_name(id));
          r->SetValue("RECEIVED", std::to_string(p.received));
          r->SetValue("OPEN", std::to_string(p.open));
          r->SetValue("CLOSED", std::to_string(p.closed));
          r->SetValue("MEDIAN", p.lead_days.empty()
                                    ? "–"
                                    : std::to_string(cases::percentile(p.lead_days, 0.5)));
          r->SetValue("P90", p.lead_days.empty()
                                 ? "–"
                                 : std::to_string(cases::percentile(p.lead_days, 0.9)));
          r->SetValue("WITHIN", percent(p.closed_within_term, p.closed));
          r->SetValue("SELF", percent(p.closed_without_assignee, p.closed));
        }
        if (figures.products.empty()) c.ShowSection("NO_PRODUCTS");
        c.SetValue("SELF_SHARE", percent(without, closed));
        // The chart: one bar per week, the tallest 150 units high.
        std::int64_t top = 1;
        for (const auto& [w, n] : weeks) top = std::max(top, n);
        for (std::size_t i = 0; i < weeks.size(); ++i) {
          auto h = weeks[i].second * 150 / top;
          auto* b = c.AddSectionDictionary("BAR");
          b->SetValue("X", std::to_string(40 + i * 46));
          b->SetValue("TX", std::to_string(58 + i * 46));
          b->SetValue("Y", std::to_string(170 - h));
          b->SetValue("TY", std::to_string(165 - h));
          b->SetValue("H", std::to_string(h));
          b->SetValue("N", std::to_string(weeks[i].second));
          b->SetValue("WEEK", long_date(texts, lang, weeks[i].first));
          auto d = cases::parse_day(weeks[i].first);
          b->SetValue(
              "SHORT",
              d ? fmt::format("{}/{}", static_cast<unsigned>(std::chrono::year_month_day(*d).day()),
                              static_cast<unsigned>(std::chrono::year_month_day(*d).month()))
                : weeks[i].first);
        }
        for (const auto& s : overdue.items) {
          auto* o = c.AddSectionDictionary("OVERDUE");
          o->SetValue("ID", s.id);
          o->SetValue("REFERENCE", s.reference.empty() ? s.identification : s.reference);
          o->SetValue("PRODUCT", s.case_type_name);
          o->SetValue("DEADLINE", s.deadline ? long_date(texts, lang, *s.deadline) : "–");
        }
        if (overdue.items.empty()) c.ShowSection("NO_OVERDUE");
        (void)t;
      });
}

}  // namespace loket::web
