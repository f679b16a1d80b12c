// See admin_routes.hpp. Only an administrator of the organisation; anyone else learns nothing
// about its staff (403 for staff and residents, 401 without a session).
#include "web/admin_routes.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "catalog/organisation_store.hpp"
#include "common/uuid.hpp"
#include "http/error.hpp"
#include "http/form.hpp"
#include "http/json_body.hpp"
#include "identity/staff_admin.hpp"
#include "identity/staff_store.hpp"

namespace loket::web {
namespace json = boost::json;
using ctemplate::TemplateDictionary;

namespace {

http::Response no_store(http::Response r) {
  r.headers.set("cache-control", "no-store");
  return r;
}

json::object member_json(const identity::StaffMember& m) {
  json::array roles;
  for (const auto& r : m.roles) roles.emplace_back(r);
  return {{"id", m.id},
          {"email", m.email},
          {"name", m.display_name},
          {"disabled", m.disabled},
          {"roles", std::move(roles)}};
}

}  // namespace

AdminDoor::AdminDoor(identity::Auth& auth, Pages& pages) : auth_(auth), pages_(pages) {}

void AdminDoor::add_routes(http::Router& router) {
  using M = http::Method;
  router.add(M::Get, "/api/v1/organisations/{id}/staff",
             [this](http::Request& r) { return list(r); });
  router.add(M::Post, "/api/v1/organisations/{id}/staff/roles",
             [this](http::Request& r) { return grant(r); });
  router.add(M::Delete, "/api/v1/organisations/{id}/staff/{account}/roles/{role}",
             [this](http::Request& r) { return revoke(r); });
  router.add(M::Get, "/beheer/{id}/medewerkers", [this](http::Request& r) { return page(r); });
  router.add(M::Post, "/beheer/{id}/medewerkers", [this](http::Request& r) { return post(r); });
}

identity::Subject AdminDoor::administrator(const http::Request& request, const std::string& org) {
  auto subject = auth_.require_subject(request, "to manage an organisation's staff");
  if (subject.kind != "staff") throw http::Forbidden("Administrators manage staff.");
  auto roles = auth_.database().read_value(
      [&](db::Connection& c) { return identity::staff_roles(c, subject.number); });
  bool admin = std::any_of(roles.begin(), roles.end(), [&](const identity::StaffRole& r) {
    return r.organisation_id == org && r.role == "administrator";
  });
  if (!admin) throw http::Forbidden("Only an administrator of the organisation manages its staff.");
  return subject;
}

std::string AdminDoor::change(const identity::Subject& admin, const std::string& org,
                              const std::string& email, const std::string& role, bool grant,
                              const std::string& account_id) {
  std::vector<http::InvalidParam> problems;
  if (!identity::is_staff_role(role)) {
    problems.push_back(
        {"role", "invalid", "case-worker, approver, contractor, administrator or privacy-officer"});
  }
  auto& db = auth_.database();
  std::optional<identity::StaffAccount> account;
  db.read([&](db::Connection& c) {
    account =
        account_id.empty()
            ? identity::find_staff_by_email(c, email)
            : (common::is_uuid(account_id) ? identity::find_staff(c, account_id) : std::nullopt);
  });
  if (!account) {
    if (!account_id.empty()) throw http::NotFound("There is no such staff account here.");
    problems.push_back(
        {"email", "does-not-exist",
         "A staff account (made with loket staff add or the organisation's login)."});
  }
  if (!problems.empty()) throw http::BadRequest("The role change has invalid fields.", problems);
  // An administrator does not lock themselves out.
  if (!grant && account->id == admin.number && role == "administrator") {
    throw http::Conflict("You cannot take away your own administrator role.");
  }
  bool changed = true;
  db.write([&](db::Connection& c) {
    if (grant) {
      identity::grant_staff_role(c, account->id, org, role);
    } else {
      changed = identity::revoke_staff_role(c, account->id, org, role);
    }
  });
  if (!changed) throw http::NotFound("The account does not have this role here.");
  return account->id;
}

http::Response AdminDoor::list(http::Request& request) {
  auto org = std::string(request.param("id"));
  administrator(request, org);
  auto members =
      auth_.database().read_value([&](db::Connection& c) { return identity::staff_of(c, org); });
  json::array results;
  for (const auto& m : members) results.push_back(member_json(m));
  return no_store(http::Response::json(
      200, json::object{{"count", results.size()}, {"results", std::move(results)}}));
}

http::Response AdminDoor::grant(http::Request& request) {
  auto org = std::string(request.param("id"));
  auto admin = administrator(request, org);
  auth_.require_csrf(request, admin);
  auto body = http::json_object_body(request);
  std::vector<http::InvalidParam> problems;
  std::string email, role;
  for (const auto& kv : body) {
    auto k = std::string_view(kv.key());
    if ((k == "email" || k == "role") && kv.value().is_string()) {
      (k == "email" ? email : role) = std::string(kv.value().as_string());
    } else {
      problems.push_back({std::string(k), "invalid", "email and role, as text."});
    }
  }
  if (!body.contains("email")) problems.push_back({"email", "required", "The account's e-mail."});
  if (!body.contains("role")) problems.push_back({"role", "required", "The role."});
  if (!problems.empty()) throw http::BadRequest("The role change has invalid fields.", problems);
  auto id = change(admin, org, email, role, true, "");
  return no_store(http::Response::json(
      201, json::object{{"account", id}, {"organisation", org}, {"role", role}}));
}

http::Response AdminDoor::revoke(http::Request& request) {
  auto org = std::string(request.param("id"));
  auto admin = administrator(request, org);
  auth_.require_csrf(request, admin);
  change(admin, org, "", std::string(request.param("role")), false,
         std::string(request.param("account")));
  http::Response r;
  r.status = 204;
  return no_store(std::move(r));
}

http::Response AdminDoor::page(http::Request& request) {
  auto org_id = std::string(request.param("id"));
  auto admin = administrator(request, org_id);
  auto org = catalog::find_organisation(auth_.database(), org_id);
  auto members =
      auth_.database().read_value([&](db::Connection& c) { return identity::staff_of(c, org_id); });
  auto error = request.query_param("fout");
  const auto& texts = pages_.texts();
  return pages_.render_page(
      request, "admin-staff.tpl", "admin_staff_title", admin,
      [&](TemplateDictionary& c, TemplateDictionary&, Lang lang) {
        c.SetValue("ORG", org_id);
        c.SetValue("ORG_NAME", org ? org->name : std::string());
        c.SetValue("CSRF", admin.csrf_token);
        if (error) c.ShowSection("ERROR");
        if (request.query_param("gewijzigd")) c.ShowSection("CHANGED");
        for (const auto& m : members) {
          auto* d = c.AddSectionDictionary("MEMBER");
          d->SetValue("NAME", m.display_name);
          d->SetValue("EMAIL", m.email);
          std::string roles;
          for (const auto& r : m.roles) {
            if (!roles.empty()) roles += ", ";
            roles += texts.get(lang, "admin_role_" + r);
          }
          d->SetValue("ROLES", roles);
          if (m.disabled) d->ShowSection("DISABLED");
        }
        for (const auto* r :
             {"case-worker", "approver", "contractor", "administrator", "privacy-officer"}) {
          auto* o = c.AddSectionDictionary("ROLE");
          o->SetValue("VALUE", r);
          o->SetValue("LABEL", texts.get(lang, std::string("admin_role_") + r));
        }
      });
}

http::Response AdminDoor::post(http::Request& request) {
  auto org = std::string(request.param("id"));
  auto admin = administrator(request, org);
  auth_.require_csrf(request, admin);
  auto email = http::form_field(request.body, "email").value_or("");
  auto role = http::form_field(request.body, "role").value_or("");
  bool grant = http::form_field(request.body, "action").value_or("grant") != "revoke";
  http::Response r;
  r.status = 303;
  try {
    change(admin, org, email, role, grant, "");
    r.headers.set("location", "/beheer/" + org + "/medewerkers?gewijzigd=1");
  } catch (const http::Error&) {
    r.headers.set("location", "/beheer/" + org + "/medewerkers?fout=1");
  }
  return r;
}

}  // namespace loket::web
