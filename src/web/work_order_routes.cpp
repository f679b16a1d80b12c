// See work_order_routes.hpp. Who may: an administrator of the organisation for its companies,
// staff who may handle the case (follow_permit) for its orders, the contractor's company for an
// order (anything else is a 404), a party of the case for the state its page shows.
#include "web/work_order_routes.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "catalog/organisation_store.hpp"
#include "common/base64.hpp"
#include "common/uuid.hpp"
#include "documents/media_type.hpp"
#include "http/error.hpp"
#include "http/form.hpp"
#include "http/json_body.hpp"
#include "http/text.hpp"
#include "identity/staff_store.hpp"
#include "web/message_routes.hpp"
#include "web/problem.hpp"
#include "web/redirect.hpp"

namespace loket::web {
namespace json = boost::json;
using ctemplate::TemplateDictionary;

namespace {

std::string date_of(std::int64_t ms) {
  auto day = std::chrono::floor<std::chrono::days>(
      std::chrono::system_clock::time_point(std::chrono::milliseconds(ms)));
  return cases::format_day(day);
}

json::object order_json(const cases::WorkOrder& w, bool for_contractor) {
  json::object o{{"id", w.id},
                 {"state", cases::state_name(w.state)},
                 {"company", {{"id", w.company_id}, {"name", w.company_name}}},
                 {"instructions", w.instructions},
                 {"location", w.location},
                 {"dueDate", w.due_date},
                 {"created", w.created_at}};
  // The contractor sees the order, not the case it belongs to.
  if (!for_contractor) o["case"] = w.case_id;
  o["acceptedAt"] = w.accepted_at ? json::value(*w.accepted_at) : json::value(nullptr);
  o["doneAt"] = w.done_at ? json::value(*w.done_at) : json::value(nullptr);
  o["note"] = w.done_note.empty() ? json::value(nullptr) : json::value(w.done_note);
  o["photo"] = w.photo_type.empty() ? json::value(nullptr)
                                    : json::value("/api/v1/work-orders/" + w.id + "/photo");
  return o;
}

std::string json_text(const json::object& body, std::string_view key,
                      std::vector<http::InvalidParam>& problems) {
  const auto* v = body.if_contains(key);
  if (!v) {
    problems.push_back({std::string(key), "required", "Required."});
    return {};
  }
  if (!v->is_string()) {
    problems.push_back({std::string(key), "invalid", "Text."});
    return {};
  }
  return std::string(v->as_string());
}

// One part of a multipart/form-data body.
struct Part {
  std::string name, filename, body;
};

// The parts of a multipart/form-data body (RFC 7578), or nullopt when it is not one. Only what a
// browser's form sends: a boundary, parts with a Content-Disposition name (and filename).
std::optional<std::vector<Part>> multipart(const http::Request& request) {
  auto type = std::string(request.header("content-type").value_or(""));
  if (!type.starts_with("multipart/form-data")) return std::nullopt;
  auto at = type.find("boundary=");
  if (at == std::string::npos) return std::nullopt;
  auto boundary = type.substr(at + 9);
  if (auto semi = boundary.find(';'); semi != std::string::npos) boundary.resize(semi);
  if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"') {
    boundary = boundary.substr(1, boundary.size() - 2);
  }
  if (boundary.empty() || boundary.size() > 70) return std::nullopt;
  std::string_view body = request.body;
  auto delimiter = "--" + boundary;
  std::vector<Part> out;
  auto pos = body.find(delimiter);
  if (pos == std::string_view::npos) return std::nullopt;
  while (true) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return out;
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    auto head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos) return std::nullopt;
    auto head = body.substr(pos, head_end - pos);
    auto next = body.find("\r\n" + delimiter, head_end + 4);
    if (next == std::string_view::npos) return std::nullopt;
    Part p;
    p.body = std::string(body.substr(head_end + 4, next - head_end - 4));
    auto field = [&](std::string_view key) -> std::string {
      auto k = head.find(std::string(key) + "=\"");
      if (k == std::string_view::npos) return {};
      auto start = k + key.size() + 2;
      auto end = head.find('"', start);
      return end == std::string_view::npos ? std::string()
                                           : std::string(head.substr(start, end - start));
    };
    p.name = field(" name");
    if (p.name.empty()) p.name = field(";name");
    p.filename = field("filename");
    out.push_back(std::move(p));
    pos = next + 2;
    if (out.size() > 20) return std::nullopt;
  }
}

const Part* part(const std::vector<Part>& parts, std::string_view name) {
  for (const auto& p : parts) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::string state_text(const Texts& texts, Lang lang, cases::WorkOrderState s) {
  return texts.get(lang, "wo_state_" + std::string(cases::state_name(s)));
}

void fill_texts(TemplateDictionary& d, const Texts& texts, Lang lang) {
  for (const auto& [k, v] : texts.all(lang)) {
    if (k.starts_with("wo_")) d.SetValue("t_" + k, v);
  }
}

}  // namespace

WorkOrderDoor::WorkOrderDoor(identity::Auth& auth, Pages& pages, cases::CaseService& cases,
                             cases::WorkOrders& orders)
    : auth_(auth), pages_(pages), cases_(cases), orders_(orders) {}

void WorkOrderDoor::add_routes(http::Router& router) {
  using M = http::Method;
  router.add(M::Get, "/api/v1/contractors", [this](http::Request& r) { return list_companies(r); });
  router.add(M::Post, "/api/v1/contractors", [this](http::Request& r) { return add_company(r); });
  router.add(M::Post, "/api/v1/contractors/{id}/members",
             [this](http::Request& r) { return add_member(r); });
  router.add(M::Get, "/api/v1/cases/{id}/work-orders",
             [this](http::Request& r) { return case_orders(r); });
  router.add(M::Post, "/api/v1/cases/{id}/work-orders",
             [this](http::Request& r) { return order(r); });
  router.add(M::Get, "/api/v1/work-orders", [this](http::Request& r) { return my_orders(r); });
  router.add(M::Get, "/api/v1/work-orders/{id}", [this](http::Request& r) { return my_order(r); });
  router.add(M::Post, "/api/v1/work-orders/{id}/accept",
             [this](http::Request& r) { return accept(r, false); });
  router.add(M::Post, "/api/v1/work-orders/{id}/done",
             [this](http::Request& r) { return done(r, false); });
  router.add(M::Get, "/api/v1/work-orders/{id}/photo",
             [this](http::Request& r) { return photo(r); });
  router.add(M::Get, "/opdrachten", [this](http::Request& r) { return contractor_list_page(r); });
  router.add(M::Get, "/opdrachten/{id}",
             [this](http::Request& r) { return contractor_order_page(r); });
  router.add(M::Post, "/opdrachten/{id}/accepteren",
             [this](http::Request& r) { return accept(r, true); });
  router.add(M::Post, "/opdrachten/{id}/gereed",
             [this](http::Request& r) { return done(r, true); });
  router.add(M::Get, "/behandelen/werkopdrachten/{id}",
             [this](http::Request& r) { return worker_page(r); });
  router.add(M::Post, "/behandelen/werkopdrachten/{id}",
             [this](http::Request& r) { return worker_post(r); });
}

std::vector<std::string> WorkOrderDoor::organisations_with(const identity::Subject& s,
                                                           std::string_view role) {
  std::vector<std::string> out;
  if (s.kind != "staff") return out;
  for (const auto& r : s.staff_roles) {
    if (r.role == role) out.push_back(r.organisation_id);
  }
  return out;
}

WorkOrderDoor::Contractor WorkOrderDoor::contractor(const http::Request& request) {
  auto subject = auth_.require_subject(request, "to see your work orders");
  if (organisations_with(subject, "contractor").empty()) {
    throw http::Forbidden("Only contractors have work orders.");
  }
  auto company = orders_.company_of(subject.number);
  if (!company) throw http::Forbidden("Your account works for no contractor company yet.");
  return {std::move(subject), std::move(*company)};
}

// ---- companies -------------------------------------------------------------------------------

http::Response WorkOrderDoor::list_companies(http::Request& request) {
  auto subject = auth_.require_subject(request, "to see the contractor companies");
  auto org = std::string(request.query_param("organisation").value_or(""));
  auto admin = organisations_with(subject, "administrator");
  auto worker = organisations_with(subject, "case-worker");
  auto in = [&](const std::vector<std::string>& l) {
    return std::find(l.begin(), l.end(), org) != l.end();
  };
  if (org.empty() && !admin.empty()) org = admin.front();
  if (org.empty() && !worker.empty()) org = worker.front();
  if (!in(admin) && !in(worker)) {
    throw http::Forbidden("Staff of the organisation see its contractor companies.");
  }
  json::array results;
  for (const auto& c : orders_.companies(org)) {
    results.push_back({{"id", c.id}, {"organisation", c.organisation_id}, {"name", c.name}});
  }
  return no_store(http::Response::json(
      200, json::object{{"count", results.size()}, {"results", std::move(results)}}));
}

http::Response WorkOrderDoor::add_company(http::Request& request) {
  auto subject = auth_.require_subject(request, "to add a contractor company");
  auth_.require_csrf(request, subject);
  auto body = http::json_object_body(request);
  std::vector<http::InvalidParam> problems;
  auto org = json_text(body, "organisation", problems);
  auto name = json_text(body, "name", problems);
  if (!problems.empty()) throw http::BadRequest("The company has invalid fields.", problems);
  auto admin = organisations_with(subject, "administrator");
  if (std::find(admin.begin(), admin.end(), org) == admin.end()) {
    throw http::Forbidden("An administrator of the organisation adds its companies.");
  }
  auto c = value_or_throw(orders_.add_company(org, name));
  auto r = http::Response::json(
      201, json::object{{"id", c.id}, {"organisation", c.organisation_id}, {"name", c.name}});
  return no_store(std::move(r));
}

http::Response WorkOrderDoor::add_member(http::Request& request) {
  auto subject = auth_.require_subject(request, "to add a contractor");
  auth_.require_csrf(request, subject);
  auto company = orders_.company(std::string(request.param("id")));
  auto admin = organisations_with(subject, "administrator");
  if (!company || std::find(admin.begin(), admin.end(), company->organisation_id) == admin.end()) {
    throw http::NotFound("There is no such company that you manage.");
  }
  auto body = http::json_object_body(request);
  std::vector<http::InvalidParam> problems;
  auto email = json_text(body, "email", problems);
  if (!problems.empty()) throw http::BadRequest("The member has invalid fields.", problems);
  auto account = auth_.database().read_value(
      [&](db::Connection& c) { return identity::find_staff_by_email(c, email); });
  bool contractor = false;
  if (account) {
    auto roles = auth_.database().read_value(
        [&](db::Connection& c) { return identity::staff_roles(c, account->id); });
    for (const auto& r : roles) {
      contractor =
          contractor || (r.role == "contractor" && r.organisation_id == company->organisation_id);
    }
  }
  if (!contractor) {
    throw http::BadRequest("The member has invalid fields.",
                           {{"email", "not-a-contractor",
                             "A staff account with the contractor role of the organisation."}});
  }
  if (auto added = orders_.add_member(company->id, account->id); !added) {
    throw problem_of(added.failure());
  }
  return no_store(
      http::Response::json(200, json::object{{"company", company->id}, {"member", account->id}}));
}

// ---- a case's orders -------------------------------------------------------------------------

http::Response WorkOrderDoor::case_orders(http::Request& request) {
  auto subject = auth_.require_subject(request, "to see a case's work orders");
  auto id = std::string(request.param("id"));
  if (!follow_permit(auth_, cases_, subject, id)) {
    throw http::NotFound("There is no case with this id that you may see.");
  }
  bool staff = subject.kind == "staff";
  json::array results;
  for (const auto& w : orders_.for_case(id)) {
    if (staff) {
      results.push_back(order_json(w, false));
    } else {
      // The resident sees how far the work is, not the contractor's notes.
      results.push_back({{"id", w.id},
                         {"state", cases::state_name(w.state)},
                         {"dueDate", w.due_date},
                         {"doneAt", w.done_at ? json::value(*w.done_at) : json::value(nullptr)}});
    }
  }
  return no_store(http::Response::json(
      200, json::object{{"count", results.size()}, {"results", std::move(results)}}));
}

http::Response WorkOrderDoor::order(http::Request& request) {
  auto subject = auth_.require_subject(request, "to give a work order");
  auth_.require_csrf(request, subject);
  auto id = std::string(request.param("id"));
  auto body = http::json_object_body(request);
  std::vector<http::InvalidParam> problems;
  cases::WorkOrderInput in;
  in.company_id = json_text(body, "company", problems);
  in.instructions = json_text(body, "instructions", problems);
  in.location = json_text(body, "location", problems);
  in.due_date = json_text(body, "dueDate", problems);
  for (const auto& kv : body) {
    auto k = std::string_view(kv.key());
    if (k != "company" && k != "instructions" && k != "location" && k != "dueDate") {
      problems.push_back({std::string(k), "unknown", "This field is not part of a work order."});
    }
  }
  if (!problems.empty()) throw http::BadRequest("The work order has invalid fields.", problems);
  auto permit = subject.kind == "staff" ? follow_permit(auth_, cases_, subject, id) : std::nullopt;
  if (!permit) throw http::NotFound("There is no case with this id that you may see.");
  auto summary = cases_.store().summary(auth_.database(), id);
  std::string org;
  auth_.database().read([&](db::Connection& c) {
    if (auto o = cases_.store().organisation_of_rsin(c, summary->organisation_rsin)) org = o->id;
  });
  auto w = value_or_throw(orders_.order(id, in, subject.number, org, *permit));
  auto r = http::Response::json(201, order_json(w, false));
  r.headers.set("location", "/api/v1/work-orders/" + w.id);
  return no_store(std::move(r));
}

// ---- the contractor's orders -----------------------------------------------------------------

http::Response WorkOrderDoor::my_orders(http::Request& request) {
  auto who = contractor(request);
  json::array results;
  for (const auto& w : orders_.for_company(who.company_id)) results.push_back(order_json(w, true));
  return no_store(http::Response::json(
      200, json::object{{"count", results.size()}, {"results", std::move(results)}}));
}

http::Response WorkOrderDoor::my_order(http::Request& request) {
  auto who = contractor(request);
  auto w = value_or_throw(orders_.get(std::string(request.param("id")), who.company_id));
  return no_store(http::Response::json(200, order_json(w, true)));
}

http::Response WorkOrderDoor::accept(http::Request& request, bool page) {
  auto who = contractor(request);
  auth_.require_csrf(request, who.subject);
  auto id = std::string(request.param("id"));
  auto w = value_or_throw(orders_.accept(id, who.company_id, who.subject.number));
  if (page) return see_other("/opdrachten/" + id);
  return no_store(http::Response::json(200, order_json(w, true)));
}

http::Response WorkOrderDoor::done(http::Request& request, bool page) {
  auto who = contractor(request);
  auto id = std::string(request.param("id"));
  std::string note, bytes;
  if (page) {
    auto parts = multipart(request);
    if (!parts) {
      throw http::BadRequest("Send the form as multipart/form-data.",
                             {{"photo", "invalid", "The form with a file."}});
    }
    // The CSRF token is a field of the multipart form: checked as the form's field.
    http::Request check = request;
    const auto* csrf = part(*parts, "csrf");
    check.body = "csrf=" + (csrf ? csrf->body : std::string());
    check.headers.set("content-type", "application/x-www-form-urlencoded");
    auth_.require_csrf(check, who.subject);
    if (const auto* n = part(*parts, "note")) note = n->body;
    if (const auto* p = part(*parts, "photo")) bytes = p->body;
  } else {
    auth_.require_csrf(request, who.subject);
    auto body = http::json_object_body(request);
    std::vector<http::InvalidParam> problems;
    note = json_text(body, "note", problems);
    auto photo = json_text(body, "photo", problems);
    if (!photo.empty()) {
      // Standard base64 as well as base64url.
      for (auto& ch : photo) {
        if (ch == '+') ch = '-';
        if (ch == '/') ch = '_';
      }
      while (photo.ends_with('=')) photo.pop_back();
      auto decoded = common::base64url_decode(photo);
      if (!decoded) {
        problems.push_back({"photo", "invalid", "The image in base64."});
      } else {
        bytes = std::move(*decoded);
      }
    }
    if (!problems.empty()) throw http::BadRequest("The report has invalid fields.", problems);
  }
  // The type from the content, never from a name or a declared type.
  auto type = bytes.empty() ? std::string() : documents::detect_media_type_of(bytes);
  auto r = orders_.complete(id, who.company_id, who.subject.number, note, bytes, type);
  if (!r && page && r.failure().kind == common::Failure::Kind::Invalid) {
    return see_other("/opdrachten/" + id + "?fout=" + r.failure().fields.front().name);
  }
  auto w = value_or_throw(std::move(r));
  if (page) return see_other("/opdrachten/" + id);
  return no_store(http::Response::json(200, order_json(w, true)));
}

http::Response WorkOrderDoor::photo(http::Request& request) {
  auto subject = auth_.require_subject(request, "to see a work order's photo");
  auto id = std::string(request.param("id"));
  bool allowed = false;
  std::optional<cases::WorkOrder> w;
  if (auto company = subject.kind == "staff" ? orders_.company_of(subject.number) : std::nullopt) {
    auto got = orders_.get(id, *company);
    if (got) w = *got;
    allowed = w.has_value() && !organisations_with(subject, "contractor").empty();
  }
  if (!allowed && subject.kind == "staff" && common::is_uuid(id)) {
    // Staff who may handle the order's case.
    for (const auto& org : organisations_with(subject, "case-worker")) {
      for (const auto& c : orders_.companies(org)) {
        auto got = orders_.get(id, c.id);
        if (got && follow_permit(auth_, cases_, subject, got->case_id)) {
          allowed = true;
          w = *got;
        }
      }
    }
  }
  auto p = allowed ? orders_.photo(id) : std::nullopt;
  if (!p) throw http::NotFound("There is no such photo for you.");
  auto r = http::Response::text(200, std::move(p->first), p->second);
  r.headers.set("cache-control", "private, no-store");
  r.headers.set("content-disposition", "inline");
  return r;
}

// ---- pages -----------------------------------------------------------------------------------

http::Response WorkOrderDoor::contractor_list_page(http::Request& request) {
  auto who = contractor(request);
  auto list = orders_.for_company(who.company_id);
  auto company = orders_.company(who.company_id);
  const auto& texts = pages_.texts();
  return pages_.render_page(request, "wo-list.tpl", "wo_list_title", who.subject,
                            [&](TemplateDictionary& c, TemplateDictionary&, Lang lang) {
                              fill_texts(c, texts, lang);
                              c.SetValue("COMPANY", company ? company->name : std::string());
                              if (list.empty()) c.ShowSection("NONE");
                              for (const auto& w : list) {
                                auto* d = c.AddSectionDictionary("ORDER");
                                d->SetValue("ID", w.id);
                                d->SetValue("LOCATION", w.location);
                                d->SetValue("DUE", long_date(texts, lang, w.due_date));
                                d->SetValue("STATE", state_text(texts, lang, w.state));
                              }
                            });
}

http::Response WorkOrderDoor::contractor_order_page(http::Request& request) {
  auto who = contractor(request);
  auto w = value_or_throw(orders_.get(std::string(request.param("id")), who.company_id));
  auto error = request.query_param("fout");
  const auto& texts = pages_.texts();
  return pages_.render_page(request, "wo-order.tpl", "wo_order_title", who.subject,
                            [&](TemplateDictionary& c, TemplateDictionary&, Lang lang) {
                              fill_texts(c, texts, lang);
                              c.SetValue("ID", w.id);
                              c.SetValue("CSRF", who.subject.csrf_token);
                              c.SetValue("INSTRUCTIONS", w.instructions);
                              c.SetValue("LOCATION", w.location);
                              c.SetValue("DUE", long_date(texts, lang, w.due_date));
                              c.SetValue("STATE", state_text(texts, lang, w.state));
                              if (w.state == cases::WorkOrderState::Open) c.ShowSection("ACCEPT");
                              if (w.state == cases::WorkOrderState::Accepted) {
                                auto* d = c.AddSectionDictionary("DONE_FORM");
                                if (error == "note") d->ShowSection("NOTE_ERROR");
                                if (error == "photo") d->ShowSection("PHOTO_ERROR");
                              }
                              if (w.state == cases::WorkOrderState::Done) {
                                auto* d = c.AddSectionDictionary("DONE");
                                d->SetValue("NOTE", w.done_note);
                                d->SetValue("DATE",
                                            long_date(texts, lang, date_of(w.done_at.value_or(0))));
                                d->SetValue("PHOTO", "/api/v1/work-orders/" + w.id + "/photo");
                              }
                            });
}

http::Response WorkOrderDoor::worker_page(http::Request& request) {
  auto subject = auth_.require_subject(request, "to see a case's work orders");
  auto id = std::string(request.param("id"));
  auto permit = subject.kind == "staff" ? follow_permit(auth_, cases_, subject, id) : std::nullopt;
  if (!permit || !permit->may_handle) {
    throw http::NotFound("There is no case with this id that you may see.");
  }
  auto summary = cases_.store().summary(auth_.database(), id);
  std::string org;
  auth_.database().read([&](db::Connection& c) {
    if (auto o = cases_.store().organisation_of_rsin(c, summary->organisation_rsin)) org = o->id;
  });
  auto list = orders_.for_case(id);
  auto companies = orders_.companies(org);
  auto error = request.query_param("fout");
  const auto& texts = pages_.texts();
  return pages_.render_page(
      request, "wo-case.tpl", "wo_case_title", subject,
      [&](TemplateDictionary& c, TemplateDictionary&, Lang lang) {
        fill_texts(c, texts, lang);
        c.SetValue("ID", id);
        c.SetValue("CSRF", subject.csrf_token);
        c.SetValue("REFERENCE",
                   summary->reference.empty() ? summary->identification : summary->reference);
        if (list.empty()) c.ShowSection("NONE");
        for (const auto& w : list) {
          auto* d = c.AddSectionDictionary("ORDER");
          d->SetValue("COMPANY", w.company_name);
          d->SetValue("LOCATION", w.location);
          d->SetValue("INSTRUCTIONS", w.instructions);
          d->SetValue("DUE", long_date(texts, lang, w.due_date));
          d->SetValue("STATE", state_text(texts, lang, w.state));
          if (w.done_at) {
            auto* done = d->AddSectionDictionary("DONE");
            done->SetValue("NOTE", w.done_note);
            done->SetValue("PHOTO", "/api/v1/work-orders/" + w.id + "/photo");
          }
        }
        if (companies.empty()) {
          c.ShowSection("NO_COMPANIES");
        } else {
          auto* f = c.AddSectionDictionary("FORM");
          if (error) f->AddSectionDictionary("ERROR")->SetValue("FIELD", std::string(*error));
          for (const auto& co : companies) {
            auto* o = f->AddSectionDictionary("COMPANY");
            o->SetValue("ID", co.id);
            o->SetValue("NAME", co.name);
          }
        }
      });
}

http::Response WorkOrderDoor::worker_post(http::Request& request) {
  auto subject = auth_.require_subject(request, "to give a work order");
  auth_.require_csrf(request, subject);
  auto id = std::string(request.param("id"));
  auto permit = subject.kind == "staff" ? follow_permit(auth_, cases_, subject, id) : std::nullopt;
  if (!permit) throw http::NotFound("There is no case with this id that you may see.");
  auto field = [&](std::string_view name) {
    auto v = http::form_field(request.body, name).value_or("");
    return http::is_clean_text(v) ? v : std::string();
  };
  cases::WorkOrderInput in{field("company"), field("instructions"), field("location"),
                           field("dueDate")};
  auto summary = cases_.store().summary(auth_.database(), id);
  std::string org;
  auth_.database().read([&](db::Connection& c) {
    if (auto o = cases_.store().organisation_of_rsin(c, summary->organisation_rsin)) org = o->id;
  });
  auto r = orders_.order(id, in, subject.number, org, *permit);
  if (!r && r.failure().kind == common::Failure::Kind::Invalid) {
    return see_other("/behandelen/werkopdrachten/" + id +
                     "?fout=" + r.failure().fields.front().name);
  }
  value_or_throw(std::move(r));
  return see_other("/behandelen/werkopdrachten/" + id);
}

void WorkOrderDoor::fill_case_page(TemplateDictionary& page, const std::string& case_id,
                                   Lang lang) {
  auto list = orders_.for_case(case_id);
  if (list.empty()) return;
  const auto& texts = pages_.texts();
  auto* c = page.AddIncludeDictionary("WORK_ORDERS");
  c->SetFilename("wo-resident.tpl");
  fill_texts(*c, texts, lang);
  for (const auto& w : list) {
    auto* d = c->AddSectionDictionary("ORDER");
    d->SetValue("STATE", state_text(texts, lang, w.state));
    d->SetValue("DUE", long_date(texts, lang, w.due_date));
    if (w.done_at) {
      d->AddSectionDictionary("DONE")->SetValue("DATE",
                                                long_date(texts, lang, date_of(*w.done_at)));
    }
  }
}

}  // namespace loket::web
