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
#include "http/pipeline.hpp"
#include "identity/password_reset.hpp"
#include "identity/staff.hpp"
#include "identity/staff_admin.hpp"
#include "identity/staff_store.hpp"
#include "web/redirect.hpp"

namespace loket::web {
namespace json = boost::json;
using ctemplate::TemplateDictionary;

namespace {

constexpr const char* kRoles[] = {"case-worker", "approver", "contractor", "administrator",
                                  "privacy-officer"};

json::object member_json(const identity::StaffMember& m) {
  json::array roles;
  for (const auto& r : m.roles) roles.emplace_back(r);
  return {{"id", m.id},
          {"email", m.email},
          {"name", m.display_name},
          {"disabled", m.disabled},
          {"activated", m.activated},
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
  router.add(M::Post, "/api/v1/organisations/{id}/staff",
             [this](http::Request& r) { return add_json(r); });
  router.add(M::Patch, "/api/v1/organisations/{id}/staff/{account}",
             [this](http::Request& r) { return active_json(r); });
  router.add(M::Post, "/beheer/{id}/medewerkers/nieuw",
             [this](http::Request& r) { return add_post(r); });
  router.add(M::Post, "/beheer/{id}/medewerkers/{account}/actief",
             [this](http::Request& r) { return active_post(r); });
  router.add(M::Post, "/api/v1/organisations/{id}/staff/{account}/setup-link",
             [this](http::Request& r) { return setup_link_json(r); });
  router.add(M::Post, "/beheer/{id}/medewerkers/{account}/link",
             [this](http::Request& r) { return setup_link_post(r); });
  router.add(M::Get, std::string(identity::kSetupPage),
             [this](http::Request& r) { return activate_page(r); });
  router.add(M::Post, std::string(identity::kSetupPage),
             [this](http::Request& r) { return activate_post(r); });
}

identity::Subject require_administrator(identity::Auth& auth, const http::Request& request,
                                        const std::string& org, const std::string& what) {
  auto subject = auth.require_subject(request, "to " + what);
  if (subject.kind != "staff") throw http::Forbidden("Only an administrator may " + what + ".");
  const auto& roles = subject.staff_roles;
  bool admin = std::any_of(roles.begin(), roles.end(), [&](const identity::StaffRole& r) {
    return r.organisation_id == org && r.role == "administrator";
  });
  if (!admin) throw http::Forbidden("Only an administrator of the organisation may " + what + ".");
  return subject;
}

identity::Subject AdminDoor::administrator(const http::Request& request, const std::string& org) {
  return require_administrator(auth_, request, org, "manage an organisation's staff");
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
  return render(request, admin, org_id, nullptr, 200);
}

http::Response AdminDoor::render(const http::Request& request, const identity::Subject& admin,
                                 const std::string& org_id, const AddForm* add, int status) {
  auto org = catalog::find_organisation(auth_.database(), org_id);
  auto members =
      auth_.database().read_value([&](db::Connection& c) { return identity::staff_of(c, org_id); });
  auto error = request.query_param("fout");
  const auto& texts = pages_.texts();
  return pages_.render_page(
      request, "admin-staff.tpl", "admin_staff_title", admin,
      [&](TemplateDictionary& c, TemplateDictionary& layout, Lang lang) {
        c.SetValue("ORG", org_id);
        c.SetValue("ORG_NAME", org ? org->name : std::string());
        c.SetValue("CSRF", admin.csrf_token);
        if (error) {
          if (*error == "zelf") {
            c.ShowSection("ERROR_SELF");
          } else if (*error == "elders") {
            c.ShowSection("ERROR_ELSEWHERE");
          } else if (*error == "actief") {
            c.ShowSection("ERROR_ACTIVE");
          } else {
            c.ShowSection("ERROR");
          }
        }
        if (request.query_param("gewijzigd")) c.ShowSection("CHANGED");
        if (auto added = request.query_param("toegevoegd")) {
          c.ShowSection(*added == "rollen" ? "GRANTED" : "ADDED");
        }
        if (request.query_param("geblokkeerd")) c.ShowSection("BLOCKED");
        if (request.query_param("gedeblokkeerd")) c.ShowSection("UNBLOCKED");
        if (request.query_param("link")) c.ShowSection("LINK_SENT");
        for (const auto& m : members) {
          auto* d = c.AddSectionDictionary("MEMBER");
          d->SetValue("ID", m.id);
          d->SetValue("NAME", m.display_name);
          d->SetValue("EMAIL", m.email);
          std::string roles;
          for (const auto& r : m.roles) {
            if (!roles.empty()) roles += ", ";
            roles += texts.get(lang, "admin_role_" + r);
          }
          d->SetValue("ROLES", roles);
          if (m.disabled) d->ShowSection("DISABLED");
          // Never activated (the setup link expired or got lost): a new link can be sent.
          if (!m.activated && !m.disabled) {
            d->ShowSection("NOT_ACTIVATED");
            auto* l = d->AddSectionDictionary("SEND_LINK");
            l->SetValue("ORG", org_id);
            l->SetValue("CSRF", admin.csrf_token);
          }
          if (m.id != admin.number) {
            d->ShowSection(m.disabled ? "UNBLOCK" : "BLOCK");
            d->SetValue("ORG", org_id);
            d->SetValue("CSRF", admin.csrf_token);
          }
        }
        for (const auto* r : kRoles) {
          auto* o = c.AddSectionDictionary("ROLE");
          o->SetValue("VALUE", r);
          o->SetValue("LABEL", texts.get(lang, std::string("admin_role_") + r));
          auto* n = c.AddSectionDictionary("NEW_ROLE");
          n->SetValue("VALUE", r);
          n->SetValue("LABEL", texts.get(lang, std::string("admin_role_") + r));
          if (add && std::find(add->roles.begin(), add->roles.end(), r) != add->roles.end()) {
            n->ShowSection("CHECKED");
          }
        }
        if (add) {
          c.SetValue("NEW_NAME", add->name);
          c.SetValue("NEW_EMAIL", add->email);
          if (!add->problems.empty()) {
            c.ShowSection("ERRORS");
            for (const auto& p : add->problems) {
              auto key = "admin_error_" + p.name + (p.code == "exists" ? "_exists" : "");
              auto* item = c.AddSectionDictionary("ERROR_ITEM");
              item->SetValue("FIELD", p.name == "roles" ? "new-role-case-worker" : "new-" + p.name);
              item->SetValue("MESSAGE", texts.get(lang, key));
              c.AddSectionDictionary("INVALID_" + p.name);
              c.AddSectionDictionary("ERROR_" + p.name)->SetValue("MESSAGE", texts.get(lang, key));
            }
            layout.SetValue("PAGE_TITLE", texts.get(lang, "error_prefix") + " " +
                                              texts.get(lang, "admin_staff_title"));
          }
        }
      },
      status);
}

std::pair<identity::AddOutcome, std::string> AdminDoor::add_member(const std::string& org,
                                                                   AddForm& form) {
  std::vector<http::InvalidParam> problems;
  form.email = identity::lower_email(form.email);
  identity::NewStaff probe{form.email, "x", "00000000-0000-4000-8000-000000000000", "case-worker",
                           ""};
  if (form.email.empty()) {
    problems.push_back({"email", "required", "Fill in the e-mail address."});
  } else if (identity::validate(probe)) {
    problems.push_back({"email", "invalid", "Fill in an e-mail address such as a@b.nl."});
  }
  if (form.name.empty()) {
    problems.push_back({"name", "required", "Fill in the name."});
  } else if (form.name.size() > 200) {
    problems.push_back({"name", "invalid", "At most 200 characters."});
  }
  if (form.roles.empty()) {
    problems.push_back({"roles", "required", "Choose at least one role."});
  } else if (!std::all_of(form.roles.begin(), form.roles.end(),
                          [](const std::string& r) { return identity::is_staff_role(r); })) {
    problems.push_back({"roles", "invalid",
                        "case-worker, approver, contractor, administrator or privacy-officer"});
  }
  if (!problems.empty()) throw http::BadRequest("The new member has invalid fields.", problems);
  auto organisation = catalog::find_organisation(auth_.database(), org);
  auto added = identity::add_staff_member(auth_, org, organisation ? organisation->name : org,
                                          {form.email, form.name, form.roles});
  if (added.outcome == identity::AddOutcome::AlreadyHere) {
    throw http::Error(409, "conflict", "This e-mail address has an account here already.",
                      {{"email", "exists",
                        "This address has an account in this organisation already; change its "
                        "roles instead."}});
  }
  return {added.outcome, added.account_id};
}

http::Response AdminDoor::add_json(http::Request& request) {
  auto org = std::string(request.param("id"));
  auto admin = administrator(request, org);
  auth_.require_csrf(request, admin);
  auto body = http::json_object_body(request);
  AddForm form;
  std::vector<http::InvalidParam> problems;
  for (const auto& kv : body) {
    auto k = std::string_view(kv.key());
    if ((k == "email" || k == "name") && kv.value().is_string()) {
      (k == "email" ? form.email : form.name) = std::string(kv.value().as_string());
    } else if (k == "roles" && kv.value().is_array()) {
      for (const auto& r : kv.value().as_array()) {
        if (!r.is_string()) {
          problems.push_back({"roles", "invalid", "A list of roles, as text."});
          break;
        }
        form.roles.emplace_back(r.as_string());
      }
    } else {
      problems.push_back({std::string(k), "invalid", "email and name as text, roles as a list."});
    }
  }
  if (!problems.empty()) throw http::BadRequest("The new member has invalid fields.", problems);
  auto [outcome, id] = add_member(org, form);
  bool created = outcome == identity::AddOutcome::Created;
  return no_store(http::Response::json(
      created ? 201 : 200, json::object{{"account", id},
                                        {"organisation", org},
                                        {"status", created ? "created" : "roles-granted"}}));
}

http::Response AdminDoor::add_post(http::Request& request) {
  auto org = std::string(request.param("id"));
  auto admin = administrator(request, org);
  auth_.require_csrf(request, admin);
  AddForm form;
  form.name = http::form_text(request, "name");
  form.email = http::form_text(request, "email");
  for (const auto* r : kRoles) {
    if (!http::form_text(request, std::string("role-") + r).empty()) form.roles.emplace_back(r);
  }
  try {
    auto [outcome, id] = add_member(org, form);
    return see_other("/beheer/" + org + "/medewerkers?toegevoegd=" +
                     (outcome == identity::AddOutcome::Created ? "1" : "rollen"));
  } catch (const http::Error& e) {
    if ((e.status() != 400 && e.status() != 409) || e.invalid_params().empty()) throw;
    form.problems = e.invalid_params();
  }
  return render(request, admin, org, &form, 400);
}

void AdminDoor::set_active(const identity::Subject& admin, const std::string& org,
                           const std::string& account, bool active) {
  using C = identity::ActiveChange;
  switch (identity::set_staff_active(auth_, org, admin.number, account, active)) {
    case C::Done:
      return;
    case C::NotHere:
      throw http::NotFound("There is no such staff account here.");
    case C::Self:
      throw http::Conflict("You cannot block your own account.");
    case C::OtherOrganisation:
      throw http::Conflict(
          "This account also works for another organisation; take away its roles here instead.");
  }
}

http::Response AdminDoor::active_json(http::Request& request) {
  auto org = std::string(request.param("id"));
  auto admin = administrator(request, org);
  auth_.require_csrf(request, admin);
  auto body = http::json_object_body(request);
  std::vector<http::InvalidParam> problems;
  for (const auto& kv : body) {
    if (kv.key() != "active" || !kv.value().is_bool()) {
      problems.push_back({std::string(kv.key()), "invalid", "Only active, true or false."});
    }
  }
  if (!body.contains("active")) problems.push_back({"active", "required", "true or false."});
  if (!problems.empty()) throw http::BadRequest("The change has invalid fields.", problems);
  auto account = std::string(request.param("account"));
  set_active(admin, org, account, body.at("active").as_bool());
  auto members =
      auth_.database().read_value([&](db::Connection& c) { return identity::staff_of(c, org); });
  for (const auto& m : members) {
    if (m.id == account) return no_store(http::Response::json(200, member_json(m)));
  }
  throw http::NotFound("There is no such staff account here.");
}

http::Response AdminDoor::active_post(http::Request& request) {
  auto org = std::string(request.param("id"));
  auto admin = administrator(request, org);
  auth_.require_csrf(request, admin);
  auto value = http::form_text(request, "active");
  if (value != "0" && value != "1") {
    throw http::BadRequest("Say whether the account is active.",
                           {{"active", "invalid", "0 or 1."}});
  }
  bool active = value == "1";
  std::string base = "/beheer/" + org + "/medewerkers";
  try {
    set_active(admin, org, std::string(request.param("account")), active);
  } catch (const http::Error& e) {
    if (e.status() != 409) throw;
    return see_other(base + (e.detail().starts_with("You") ? "?fout=zelf" : "?fout=elders"));
  }
  return see_other(base + (active ? "?gedeblokkeerd=1" : "?geblokkeerd=1"));
}

void AdminDoor::send_setup_link(const std::string& org, const std::string& account) {
  auto organisation = catalog::find_organisation(auth_.database(), org);
  using C = identity::SetupLinkChange;
  switch (
      identity::resend_setup_link(auth_, org, organisation ? organisation->name : "", account)) {
    case C::Sent:
      return;
    case C::NotHere:
      throw http::NotFound("There is no such staff account here.");
    case C::Activated:
      throw http::Error(409, "conflict", "This account is in use already.",
                        {{"account", "activated",
                          "Its owner chose a password; they reset it themselves if need be."}});
    case C::Blocked:
      throw http::Error(409, "conflict", "This account is blocked.",
                        {{"account", "blocked", "Unblock it first."}});
  }
}

http::Response AdminDoor::setup_link_json(http::Request& request) {
  auto org = std::string(request.param("id"));
  auto admin = administrator(request, org);
  auth_.require_csrf(request, admin);
  send_setup_link(org, std::string(request.param("account")));
  return no_store(http::Response::json(202, json::object{{"sent", true}}));
}

http::Response AdminDoor::setup_link_post(http::Request& request) {
  auto org = std::string(request.param("id"));
  auto admin = administrator(request, org);
  auth_.require_csrf(request, admin);
  std::string base = "/beheer/" + org + "/medewerkers";
  try {
    send_setup_link(org, std::string(request.param("account")));
  } catch (const http::Error& e) {
    if (e.status() != 409) throw;
    return see_other(base + "?fout=actief");
  }
  return see_other(base + "?link=1");
}

http::Response AdminDoor::activate_page(http::Request& request) {
  auto token = std::string(request.query_param("token").value_or(""));
  bool done = request.query_param("klaar").has_value();
  auto secret = done ? std::nullopt : identity::setup_secret(auth_, token);
  // A program that is not a browser gets its refusal as problem+json, as on every other page.
  if (!done && !secret && !http::is_page_navigation(request)) {
    throw http::NotFound("The link expired or was used already.");
  }
  return pages_.render_page(
      request, "staff-activate.tpl", "activate_title", auth_.subject(request),
      [&](TemplateDictionary& c, TemplateDictionary&, Lang) {
        if (done) {
          c.ShowSection("DONE");
        } else if (!secret) {
          c.ShowSection("BAD_LINK");
        } else {
          auto* f = c.AddSectionDictionary("FORM");
          f->SetValue("TOKEN", token);
          f->SetValue("SECRET", secret->base32);
          f->SetValue("URI", secret->uri);
        }
      },
      done || secret ? 200 : 404);
}

http::Response AdminDoor::activate_post(http::Request& request) {
  auth_.require_same_origin(request);
  auto token = http::form_text(request, "token");
  auto password = http::form_text(request, "password");
  auto code = http::form_text(request, "code");
  std::vector<http::InvalidParam> problems;
  // Only a setup link is redeemed here (a reset link has its own page, which shows no secret).
  auto secret = identity::setup_secret(auth_, token);
  if (secret) {
    try {
      identity::redeem_staff_link(request, auth_, token, password, code);
      return see_other(std::string(identity::kSetupPage) + "?klaar=1");
    } catch (const http::Error& e) {
      // A form post is a person at a browser: the form again, each problem at its field.
      if (e.status() != 400 || e.invalid_params().empty() || !http::is_page_navigation(request)) {
        throw;
      }
      problems = e.invalid_params();
    }
  } else {
    problems.push_back({"token", "invalid", "The link expired or was used already."});
    if (!http::is_page_navigation(request)) {
      throw http::BadRequest("The setup link is not valid.", problems);
    }
  }
  bool bad_link = !secret || std::any_of(problems.begin(), problems.end(),
                                         [](const auto& p) { return p.name == "token"; });
  return pages_.render_page(
      request, "staff-activate.tpl", "activate_title", auth_.subject(request),
      [&](TemplateDictionary& c, TemplateDictionary& layout, Lang lang) {
        const auto& texts = pages_.texts();
        layout.SetValue("PAGE_TITLE",
                        texts.get(lang, "error_prefix") + " " + texts.get(lang, "activate_title"));
        if (bad_link) {
          c.ShowSection("BAD_LINK");
          return;
        }
        auto* f = c.AddSectionDictionary("FORM");
        f->SetValue("TOKEN", token);
        f->SetValue("SECRET", secret->base32);
        f->SetValue("URI", secret->uri);
        f->ShowSection("ERRORS");
        for (const auto& p : problems) {
          auto key = "reset_error_" + p.name;
          auto* item = f->AddSectionDictionary("ERROR");
          item->SetValue("FIELD", p.name);
          item->SetValue("MESSAGE", texts.get(lang, key));
          f->AddSectionDictionary("INVALID_" + p.name);
          f->AddSectionDictionary("ERROR_" + p.name)->SetValue("MESSAGE", texts.get(lang, key));
        }
      },
      400);
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
