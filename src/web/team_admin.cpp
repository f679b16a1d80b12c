// See team_admin.hpp. Only an administrator of the organisation; a team of another organisation
// is 404, as one that does not exist.
#include "web/team_admin.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "catalog/organisation_store.hpp"
#include "common/instant.hpp"
#include "common/utf8.hpp"
#include "common/uuid.hpp"
#include "http/error.hpp"
#include "http/form.hpp"
#include "http/json_body.hpp"
#include "identity/staff_store.hpp"
#include "web/admin_routes.hpp"
#include "web/redirect.hpp"

namespace loket::web {
namespace json = boost::json;
using ctemplate::TemplateDictionary;

namespace {

constexpr const char* kWhat = "manage the organisation's teams";
constexpr std::size_t kMaxName = 100;  // characters

bool has(const std::vector<std::string>& list, const std::string& x) {
  return std::find(list.begin(), list.end(), x) != list.end();
}

std::string trimmed(std::string s) {
  auto space = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; };
  while (!s.empty() && space(s.back())) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && space(s[i])) ++i;
  return s.substr(i);
}

json::object team_json(const identity::Team& t) {
  json::array members, products;
  for (const auto& m : t.members) members.emplace_back(m);
  for (const auto& p : t.products) products.emplace_back(p);
  return {{"id", t.id},
          {"name", t.name},
          {"members", std::move(members)},
          {"products", std::move(products)}};
}

// What the JSON API says of a refused field.
std::string reason_of(const TeamProblem& p) {
  if (p.code == "required") return "Give the team a name.";
  if (p.code == "too-long") return "At most 100 characters.";
  if (p.code == "unique") return "Another team of the organisation has this name.";
  if (p.field == "name") return "One line of text.";
  if (p.field == "members") return "Only case workers and approvers of the organisation (ids).";
  return "Only products of the organisation (ids).";
}

[[noreturn]] void refuse(const std::vector<TeamProblem>& problems) {
  std::vector<http::InvalidParam> named;
  for (const auto& p : problems) named.push_back({p.field, p.code, reason_of(p)});
  throw http::BadRequest("The team is refused.", std::move(named));
}

// A JSON list of ids ({"members": [...]}); a problem naming `field` when it is not one.
std::vector<std::string> ids_of(const json::object& body, std::string_view field,
                                std::vector<http::InvalidParam>& problems) {
  std::vector<std::string> out;
  const auto* v = body.if_contains(field);
  if (!v) return out;
  if (v->is_array()) {
    for (const auto& e : v->as_array()) {
      if (!e.is_string()) break;
      out.emplace_back(e.as_string());
    }
    if (out.size() == v->as_array().size()) return out;
  }
  problems.push_back({std::string(field), "invalid", "A list of ids (text)."});
  return {};
}

}  // namespace

std::vector<TeamProblem> check_team(const identity::Team& team,
                                    const std::vector<std::string>& staff,
                                    const std::vector<std::string>& products) {
  std::vector<TeamProblem> out;
  bool one_line = std::none_of(team.name.begin(), team.name.end(),
                               [](char ch) { return static_cast<unsigned char>(ch) < 0x20; });
  if (team.name.empty()) {
    out.push_back({"name", "required"});
  } else if (common::utf8_length(team.name) > kMaxName) {
    out.push_back({"name", "too-long"});
  } else if (!one_line) {
    out.push_back({"name", "invalid"});
  }
  if (!std::all_of(team.members.begin(), team.members.end(),
                   [&](const auto& m) { return has(staff, m); })) {
    out.push_back({"members", "invalid"});
  }
  if (!std::all_of(team.products.begin(), team.products.end(),
                   [&](const auto& p) { return has(products, p); })) {
    out.push_back({"products", "invalid"});
  }
  return out;
}

struct TeamAdminDoor::Form {
  std::string key;  // the team's id, or "nieuw" for the new team's form
  identity::Team team;
  std::vector<TeamProblem> problems;
};

TeamAdminDoor::TeamAdminDoor(identity::Auth& auth, Pages& pages,
                             catalog::ProductCatalogue& products)
    : auth_(auth), pages_(pages), products_(products) {}

void TeamAdminDoor::add_routes(http::Router& router) {
  using M = http::Method;
  router.add(M::Get, "/beheer/{id}/teams", [this](http::Request& r) { return page(r); });
  router.add(M::Post, "/beheer/{id}/teams", [this](http::Request& r) { return post(r); });
  router.add(M::Post, "/beheer/{id}/teams/{team}", [this](http::Request& r) { return post(r); });
  router.add(M::Get, "/api/v1/organisations/{id}/teams",
             [this](http::Request& r) { return list_json(r); });
  router.add(M::Post, "/api/v1/organisations/{id}/teams",
             [this](http::Request& r) { return create_json(r); });
  router.add(M::Put, "/api/v1/organisations/{id}/teams/{team}",
             [this](http::Request& r) { return update_json(r); });
  router.add(M::Delete, "/api/v1/organisations/{id}/teams/{team}",
             [this](http::Request& r) { return delete_json(r); });
}

namespace {

// The organisation's team named in the address; 404 for another organisation's.
identity::Team team_of(db::Database& db, const std::string& org, std::string_view id) {
  std::optional<identity::Team> t;
  if (common::is_uuid(id))
    db.read([&](db::Connection& c) { t = identity::find_team(c, std::string(id)); });
  if (!t || t->organisation_id != org) throw http::NotFound("This organisation has no such team.");
  return std::move(*t);
}

}  // namespace

std::vector<TeamProblem> TeamAdminDoor::save(const std::string& org, const identity::Team& team) {
  std::vector<std::string> products;
  for (const auto& p : *products_.all()) {
    if (p.organisation_id == org) products.push_back(p.id);
  }
  std::vector<TeamProblem> problems;
  try {
    auth_.database().write([&](db::Connection& c) {
      std::vector<std::string> staff;
      for (auto& n : identity::case_handlers_of(c, org)) staff.push_back(std::move(n.id));
      problems = check_team(team, staff, products);
      if (problems.empty() && !identity::save_team(c, team, common::now_micros())) {
        problems.push_back({"name", "unique"});
      }
    });
  } catch (const db::ConstraintError&) {
    // Another administrator gave a team the same name at the same moment (PostgreSQL checks the
    // unique index at the write, after this one's own check): nothing was written.
    problems = {{"name", "unique"}};
  }
  return problems;
}

http::Response TeamAdminDoor::page(http::Request& request) {
  std::string org(request.param("id"));
  auto admin = require_administrator(auth_, request, org, kWhat);
  return no_store(render(request, admin, org, nullptr, 200));
}

http::Response TeamAdminDoor::post(http::Request& request) {
  std::string org(request.param("id"));
  auto admin = require_administrator(auth_, request, org, kWhat);
  auth_.require_csrf(request, admin);
  std::string id(request.param("team"));
  if (!id.empty()) {
    team_of(auth_.database(), org, id);
    if (http::form_text(request, "action") == "verwijderen") {
      auth_.database().write([&](db::Connection& c) { identity::delete_team(c, id); });
      return see_other("/beheer/" + org + "/teams?verwijderd=1");
    }
  }
  Form form{id.empty() ? "nieuw" : id,
            {id.empty() ? common::new_uuid() : id, org, trimmed(http::form_text(request, "name")),
             http::form_texts(request, "member"), http::form_texts(request, "product")},
            {}};
  form.problems = save(org, form.team);
  if (!form.problems.empty()) return no_store(render(request, admin, org, &form, 400));
  return see_other("/beheer/" + org + "/teams?opgeslagen=" + form.team.id + "#team-" +
                   form.team.id);
}

http::Response TeamAdminDoor::render(const http::Request& request, const identity::Subject& admin,
                                     const std::string& org, const Form* form, int status) {
  std::vector<identity::Team> teams;
  std::vector<identity::StaffName> staff;
  auth_.database().read([&](db::Connection& c) {
    teams = identity::teams_of(c, org);
    staff = identity::case_handlers_of(c, org);
  });
  auto organisation = catalog::find_organisation(auth_.database(), org);
  auto all = products_.all();
  return pages_.render_page(
      request, "admin-teams.tpl", "admin_teams_title", admin,
      [&](TemplateDictionary& c, TemplateDictionary& layout, Lang lang) {
        auto l = code(lang);
        const auto& texts = pages_.texts();
        bool refused = form && !form->problems.empty();
        layout.SetValue("PAGE_TITLE", (refused ? texts.get(lang, "error_prefix") + " " : "") +
                                          texts.get(lang, "admin_teams_title"));
        c.SetValue("ORG", org);
        c.SetValue("ORG_NAME", organisation ? organisation->name : std::string());
        if (request.query_param("opgeslagen")) c.ShowSection("SAVED");
        if (request.query_param("verwijderd")) c.ShowSection("DELETED");
        if (teams.empty()) c.ShowSection("NO_TEAMS");
        if (refused) {
          c.ShowSection("ERRORS");
          for (const auto& p : form->problems) {
            auto* e = c.AddSectionDictionary("ERROR");
            e->SetValue("HREF", "#team-" + form->key + "-" + p.field);
            e->SetValue("MESSAGE", texts.get(lang, "admin_team_error_" + p.field + "_" + p.code));
          }
        }
        // One form per team and one for a new team, from one template.
        auto add_form = [&](TemplateDictionary* d, const std::string& key,
                            const identity::Team& shown) {
          auto* f = d->AddIncludeDictionary("TEAM_FORM");
          f->SetFilename("admin-team-form.tpl");
          // An included template does not see its parent's values: it gets its texts.
          for (const auto& [k, v] : texts.all(lang)) {
            if (k.starts_with("admin_teams_")) f->SetValue("t_" + k, v);
          }
          f->SetValue("KEY", key);
          f->SetValue("CSRF", admin.csrf_token);
          f->SetValue("ACTION", "/beheer/" + org + "/teams" + (key == "nieuw" ? "" : "/" + key));
          f->SetValue("NAME", shown.name);
          if (key != "nieuw") f->ShowSection("DELETE");
          if (form && form->key == key) {
            for (const auto& p : form->problems) f->AddSectionDictionary("INVALID_" + p.field);
          }
          for (const auto& s : staff) {
            auto* m = f->AddSectionDictionary("MEMBER");
            m->SetValue("ID", s.id);
            m->SetValue("LABEL", s.display_name);
            if (has(shown.members, s.id)) m->ShowSection("CHECKED");
          }
          if (staff.empty()) f->ShowSection("NO_STAFF");
          for (const auto& p : *all) {
            if (p.organisation_id != org) continue;
            auto* x = f->AddSectionDictionary("PRODUCT");
            x->SetValue("ID", p.id);
            x->SetValue("LABEL", p.name.in(l));
            if (has(shown.products, p.id)) x->ShowSection("CHECKED");
            // Where the product goes now, when that is another team.
            for (const auto& t : teams) {
              if (t.id != shown.id && has(t.products, p.id)) {
                x->AddSectionDictionary("ELSEWHERE")->SetValue("TEAM", t.name);
              }
            }
          }
        };
        for (const auto& t : teams) {
          auto* d = c.AddSectionDictionary("TEAM");
          d->SetValue("ID", t.id);
          d->SetValue("TITLE", t.name);
          d->SetValue("COUNT", fill(fill(texts.get(lang, "admin_teams_count"), "members",
                                         std::to_string(t.members.size())),
                                    "products", std::to_string(t.products.size())));
          // Closed, unless it was just saved or its change was refused.
          if ((form && form->key == t.id) || request.query_param("opgeslagen") == t.id) {
            d->ShowSection("OPEN");
          }
          add_form(d, t.id, form && form->key == t.id ? form->team : t);
        }
        identity::Team empty;
        add_form(c.AddSectionDictionary("NEW"), "nieuw",
                 form && form->key == "nieuw" ? form->team : empty);
      },
      status);
}

http::Response TeamAdminDoor::list_json(http::Request& request) {
  std::string org(request.param("id"));
  require_administrator(auth_, request, org, kWhat);
  json::array results;
  auth_.database().read([&](db::Connection& c) {
    for (const auto& t : identity::teams_of(c, org)) results.push_back(team_json(t));
  });
  return no_store(http::Response::json(200, json::object{{"results", std::move(results)}}));
}

namespace {

// The team a JSON body describes: {"name", "members": [...], "products": [...]}.
identity::Team team_from(const json::object& body, std::string id, const std::string& org) {
  std::vector<http::InvalidParam> problems;
  identity::Team t{std::move(id), org, "", {}, {}};
  for (const auto& kv : body) {
    auto k = std::string_view(kv.key());
    if (k == "name") {
      if (kv.value().is_string()) {
        t.name = trimmed(std::string(kv.value().as_string()));
      } else {
        problems.push_back({"name", "invalid", "Text."});
      }
    } else if (k != "members" && k != "products") {
      problems.push_back({std::string(k), "invalid", "Not a field of a team."});
    }
  }
  t.members = ids_of(body, "members", problems);
  t.products = ids_of(body, "products", problems);
  if (!problems.empty()) throw http::BadRequest("The team has invalid fields.", problems);
  return t;
}

}  // namespace

http::Response TeamAdminDoor::create_json(http::Request& request) {
  std::string org(request.param("id"));
  auto admin = require_administrator(auth_, request, org, kWhat);
  auth_.require_csrf(request, admin);
  auto team = team_from(http::json_object_body(request), common::new_uuid(), org);
  if (auto problems = save(org, team); !problems.empty()) refuse(problems);
  return no_store(http::Response::json(201, team_json(team)));
}

http::Response TeamAdminDoor::update_json(http::Request& request) {
  std::string org(request.param("id"));
  auto admin = require_administrator(auth_, request, org, kWhat);
  auth_.require_csrf(request, admin);
  auto existing = team_of(auth_.database(), org, request.param("team"));
  auto team = team_from(http::json_object_body(request), existing.id, org);
  if (auto problems = save(org, team); !problems.empty()) refuse(problems);
  return no_store(http::Response::json(200, team_json(team)));
}

http::Response TeamAdminDoor::delete_json(http::Request& request) {
  std::string org(request.param("id"));
  auto admin = require_administrator(auth_, request, org, kWhat);
  auth_.require_csrf(request, admin);
  auto existing = team_of(auth_.database(), org, request.param("team"));
  auth_.database().write([&](db::Connection& c) { identity::delete_team(c, existing.id); });
  http::Response r;
  r.status = 204;
  return no_store(std::move(r));
}

}  // namespace loket::web
