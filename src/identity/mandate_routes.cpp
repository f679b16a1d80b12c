// Mandate handlers: parse, ask the policy, call the store, log the processing, render.
#include "identity/mandate_routes.hpp"

#include <boost/json.hpp>

#include "common/json.hpp"
#include "common/uuid.hpp"
#include "http/error.hpp"
#include "http/json_body.hpp"
#include "identity/mandate_store.hpp"
#include "identity/session.hpp"
#include "identity/session_store.hpp"
#include "identity/staff.hpp"
#include "identity/staff_store.hpp"
#include "privacy/bsn.hpp"
#include "privacy/processing_log.hpp"

namespace loket::identity {
namespace {

boost::json::object party(std::string_view kind, const std::string& number) {
  if (kind == "business") return {{"kind", "business"}, {"kvk", number}};
  return {{"kind", "resident"}, {"bsnMasked", privacy::mask_bsn(number)}};
}

boost::json::object view(const Mandate& m, std::int64_t now) {
  return {
      {"id", m.id},
      {"represented", party(m.subject_kind, m.subject_number)},
      {"representative", party("resident", m.representative)},
      {"scope", m.scope},
      {"validFrom", date_of(m.valid_from)},
      {"validUntil", date_of(m.valid_until)},
      {"grantedBy", m.granted_by},
      {"organisation", common::empty_as_null(m.organisation_id)},
      {"maxConfidentiality", m.granted_by == "subject"
                                 ? boost::json::value(nullptr)
                                 : boost::json::value(confidentiality_name(m.max_confidentiality))},
      {"active", is_active(m, now)},
      {"revoked", m.revoked_at.has_value()}};
}

// Gives a mandate a staff member registers its scope: the organisation named in
// `organisation`, or their only one, where they must be case worker or administrator, and the
// highest level they may see there.
void limit_to_registrar(Mandate& m, const Subject& s, const std::vector<StaffRole>& staff,
                        std::string_view named) {
  std::vector<OrganisationRole> roles;
  roles.reserve(staff.size());
  for (const auto& r : staff) roles.push_back({r.organisation_id, r.role});
  auto actor = s.actor();
  auto own = mandate_organisations(actor, roles);
  if (named.empty() && own.size() > 1) {
    throw http::BadRequest(
        "You work for more than one organisation: say for which one you register the mandate.",
        {{"organisation", "required", "Fill in the id of your organisation."}});
  }
  auto scope =
      staff_mandate_scope(actor, roles, named.empty() && own.size() == 1 ? own.front() : named);
  if (!scope) {
    throw http::BadRequest(
        "You register mandates only for the organisation you work for.",
        {{"organisation", "not-yours",
          "Fill in the id of an organisation where you are case worker or administrator."}});
  }
  m.organisation_id = std::string(scope->organisation_id);
  m.max_confidentiality = scope->max_confidentiality;
}

// Reads representativeBsn and validUntil, checking each and naming the field that is wrong.
Mandate new_mandate(const boost::json::object& body, std::int64_t now) {
  Mandate m;
  m.id = common::new_uuid();
  m.representative = common::text(body, "representativeBsn");
  m.scope = "*";
  m.valid_from = now;
  std::vector<http::InvalidParam> problems;
  if (!privacy::is_valid_bsn(m.representative)) {
    problems.push_back(
        {"representativeBsn", "invalid",
         "Fill in the 9-digit citizen service number (BSN) of the person who may act."});
  }
  auto until = end_of_day(common::text(body, "validUntil"));
  if (!until) {
    problems.push_back({"validUntil", "invalid", "Fill in a date as YYYY-MM-DD."});
  } else if (*until <= now) {
    problems.push_back({"validUntil", "in-the-past", "Choose a date after today."});
  } else if (*until > now + kMaxMandateSeconds) {
    problems.push_back({"validUntil", "too-far", "A mandate runs at most five years."});
  }
  if (!problems.empty())
    throw http::BadRequest("The mandate is not filled in correctly.", std::move(problems));
  m.valid_until = *until;
  return m;
}

void log_processing(db::Connection& c, const Auth& auth, const http::Request& request,
                    const Mandate& m, std::string name, const Subject& actor) {
  bool self = actor.kind == m.subject_kind && actor.number == m.subject_number;
  privacy::append_processing(
      c, auth.keys(),
      {.trace_id = request.trace_id,
       .parent_operation_id = request.span_id,
       .name = std::move(name),
       .start_ms = privacy::unix_millis(),
       .end_ms = privacy::unix_millis(),
       .activity = privacy::kMandates,
       .subject_number = m.subject_number,
       .subject_kind = m.subject_kind == "business" ? "kvk" : "bsn",
       .actor_kind = actor.kind,
       .actor_organisation = actor.kind == "staff" ? m.organisation_id : std::string(),
       .actor_role = actor.roles.empty() ? std::string() : actor.roles.front(),
       .acting_for_self = self,
       .actor_number = self || actor.kind == "staff" ? std::string() : actor.number});
}

http::Response created(const Mandate& m, std::int64_t now) {
  auto r = http::Response::json(201, view(m, now));
  r.headers.set("location", "/api/v1/me/mandates/" + m.id);
  return r;
}

}  // namespace

void add_mandate_routes(http::Router& router, Auth& auth) {
  router.add(http::Method::Get, "/api/v1/me/mandates", [&auth](http::Request& req) {
    auto s = auth.require_subject(req, "to see your mandates");
    auto now = unix_now();
    auto& db = auth.database();
    auto given = s.kind == "staff" ? std::vector<Mandate>{}
                                   : mandates_given(db, auth.keys(), s.kind, s.number);
    auto received = s.kind == "resident" ? mandates_received(db, auth.keys(), s.number)
                                         : std::vector<Mandate>{};
    boost::json::array g, r;
    for (const auto& m : given) g.push_back(view(m, now));
    for (const auto& m : received) r.push_back(view(m, now));
    return http::Response::json(200, {{"given", std::move(g)}, {"received", std::move(r)}});
  });

  router.add(http::Method::Post, "/api/v1/me/mandates", [&auth](http::Request& req) {
    auto s = auth.require_subject(req, "to give a mandate");
    auth.require_csrf(req, s);
    if (!may_grant_own_mandate(s.actor()) || s.acting_for) {
      throw http::Forbidden("Only a resident or business gives a mandate, for themselves.");
    }
    auto now = unix_now();
    auto m = new_mandate(http::json_object_body(req), now);
    if (s.kind == "resident" && m.representative == s.number) {
      throw http::BadRequest("You cannot give yourself a mandate.",
                             {{"representativeBsn", "self", "Fill in the BSN of someone else."}});
    }
    m.subject_kind = s.kind;
    m.subject_number = s.number;
    m.granted_by = "subject";
    auth.database().write([&](db::Connection& c) {
      insert_mandate(c, auth.keys(), m, "", now);
      log_processing(c, auth, req, m, "grant-mandate", s);
    });
    return created(m, now);
  });

  router.add(http::Method::Delete, "/api/v1/me/mandates/{id}", [&auth](http::Request& req) {
    auto s = auth.require_subject(req, "to end a mandate");
    auth.require_csrf(req, s);
    std::string id(req.param("id"));
    auto now = unix_now();
    auth.database().write([&](db::Connection& c) {
      auto m = find_mandate(c, auth.keys(), id);
      // Someone else's mandate is "not found": its existence is none of the asker's business.
      if (!m || !may_revoke(s.actor(), *m))
        throw http::NotFound("There is no such mandate of yours.");
      if (!revoke_mandate(c, id, now)) throw http::Conflict("This mandate has ended already.");
      log_processing(c, auth, req, *m, "revoke-mandate", s);
    });
    http::Response r;
    r.status = 204;
    return r;
  });

  router.add(http::Method::Put, "/api/v1/me/acting-for", [&auth](http::Request& req) {
    auto s = auth.require_subject(req, "to act for someone");
    auth.require_csrf(req, s);
    auto id = common::text(http::json_object_body(req), "mandateId");
    if (id.empty()) {
      throw http::BadRequest("Say which mandate.",
                             {{"mandateId", "required", "Choose a mandate."}});
    }
    auto now = unix_now();
    auto m = auth.database().read_value(
        [&](db::Connection& c) { return find_mandate(c, auth.keys(), id); });
    if (!m || !is_party(s.actor(), *m)) throw http::NotFound("There is no such mandate of yours.");
    if (!may_act_for(s.actor(), *m, now)) {
      throw http::Forbidden(
          "This mandate does not let you act now: it has ended, or it is yours to give.");
    }
    auth.database().write([&](db::Connection& c) { set_acting_for(c, s.session_hash, m->id); });
    return http::Response::json(200, {{"actingFor", view(*m, now)}});
  });

  router.add(http::Method::Delete, "/api/v1/me/acting-for", [&auth](http::Request& req) {
    auto s = auth.require_subject(req, "first");
    auth.require_csrf(req, s);
    auth.database().write([&](db::Connection& c) { set_acting_for(c, s.session_hash, ""); });
    http::Response r;
    r.status = 204;
    return r;
  });

  // Staff register a mandate given on paper or at the counter.
  router.add(http::Method::Post, "/api/v1/mandates", [&auth](http::Request& req) {
    auto s = auth.require_subject(req, "as staff to register a mandate");
    auth.require_csrf(req, s);
    if (!may_register_mandates(s.actor())) {
      throw http::Forbidden("Only case workers and administrators register mandates.");
    }
    auto body = http::json_object_body(req);
    auto now = unix_now();
    auto bsn = common::text(body, "subjectBsn"), kvk = common::text(body, "subjectKvk");
    std::vector<http::InvalidParam> problems;
    if (bsn.empty() == kvk.empty()) {
      problems.push_back({"subjectBsn", "required", "Fill in either subjectBsn or subjectKvk."});
    } else if (!bsn.empty() && !privacy::is_valid_bsn(bsn)) {
      problems.push_back({"subjectBsn", "invalid", "Not a valid BSN."});
    } else if (!kvk.empty() &&
               (kvk.size() != 8 || kvk.find_first_not_of("0123456789") != std::string::npos)) {
      problems.push_back({"subjectKvk", "invalid", "A KvK number has 8 digits."});
    }
    if (!problems.empty())
      throw http::BadRequest("The mandate is not filled in correctly.", std::move(problems));
    auto m = new_mandate(body, now);
    m.subject_kind = bsn.empty() ? "business" : "resident";
    m.subject_number = bsn.empty() ? kvk : bsn;
    if (m.subject_number == m.representative) {
      throw http::BadRequest("Nobody needs a mandate for themselves.",
                             {{"representativeBsn", "self", "Fill in the BSN of someone else."}});
    }
    m.granted_by = "staff";
    auth.database().write([&](db::Connection& c) {
      // Read inside the write: the scope is that of the staff member's roles as they are now.
      limit_to_registrar(m, s, staff_roles(c, s.number), common::text(body, "organisation"));
      insert_mandate(c, auth.keys(), m, s.number, now);
      log_processing(c, auth, req, m, "register-mandate", s);
    });
    return created(m, now);
  });
}

}  // namespace loket::identity
