// See staff_documents.hpp. The form is multipart (a file without JavaScript); the CSRF token
// travels in its hidden field. A refusal goes back to the case page with what went wrong (the
// query's doc-fout), shown next to its field and in an error summary; nothing is written then.
#include "web/staff_documents.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <optional>

#include "catalog/upload_store.hpp"
#include "common/utf8.hpp"
#include "documents/case_documents.hpp"
#include "documents/download.hpp"
#include "documents/rules.hpp"
#include "http/error.hpp"
#include "http/json_body.hpp"
#include "http/multipart.hpp"
#include "http/text.hpp"
#include "identity/staff_store.hpp"
#include "web/redirect.hpp"
#include "web/uploads.hpp"

namespace loket::web {
namespace json = boost::json;
using ctemplate::TemplateDictionary;

namespace {

constexpr std::size_t kMaxTitle = 200;  // characters
constexpr std::string_view kNoDocument = "There is no such document that you may see.";

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r')) s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  return s;
}

// The form's code for a refusal (the text key bo_doc_error_<code>, the field it is next to).
std::string code_of(const documents::Refusal& r) {
  using K = documents::Refusal::Kind;
  switch (r.kind) {
    case K::TooLarge:
      return "groot";
    case K::CaseLimit:
      return "limiet";
    case K::Infected:
      return "virus";
    case K::TypeNotAllowed:
    case K::TypeMismatch:
    case K::BadEncoding:
      return "type";
    default:
      return "mislukt";
  }
}

}  // namespace

const std::vector<std::string>& staff_document_types() {
  static const std::vector<std::string> types{"application/pdf", "image/png", "image/jpeg",
                                              "text/plain"};
  return types;
}

StaffDocuments::StaffDocuments(Pages& pages, std::shared_ptr<StaffDesk> desk,
                               documents::DocumentService& documents, std::uint64_t upload_body)
    : pages_(pages), desk_(std::move(desk)), documents_(documents), upload_body_(upload_body) {}

// The document limit, and what fits in one post beside the form's other fields (a larger post
// is refused by the server before it gets here).
std::int64_t StaffDocuments::max_file_bytes() const {
  return max_form_file(upload_body_, documents_.blobs().options().max_size);
}

void StaffDocuments::fill_case(TemplateDictionary& c, const http::Request& request,
                               const identity::Subject& staff, const StaffCase& sc, Lang lang) {
  const auto& texts = pages_.texts();
  auto t = [&](std::string_view key) -> const std::string& { return texts.get(lang, key); };
  auto has = [&](const std::string& key) { return texts.all(lang).contains(key); };
  const auto& id = sc.summary.id;
  auto& db = desk_->auth().database();
  std::vector<catalog::Upload> uploads;
  std::vector<documents::StaffDocument> staff_docs;
  std::vector<identity::StaffName> colleagues;
  db.read([&](db::Connection& conn) {
    uploads = catalog::case_uploads(conn, id);
    staff_docs = documents::staff_documents(conn, id, false);
    colleagues = identity::case_handlers_of(conn, sc.organisation_id);
  });
  auto name_of = [&](const std::string& staff_id) -> std::string {
    if (staff_id == staff.number) return t("bo_assignee_me");
    for (const auto& n : colleagues) {
      if (n.id == staff_id) return n.display_name;
    }
    return t("bo_doc_by_staff");
  };
  auto* s = c.AddSectionDictionary("STAFF_DOCUMENTS");
  auto href = [&](const std::string& doc) {
    return "/behandelen/zaken/" + id + "/documenten/" + doc;
  };
  for (const auto& u : uploads) {
    auto* d = s->AddSectionDictionary("DOCUMENT");
    d->SetValue("NAME", u.filename);
    d->SetValue("HREF", href(u.document_uuid));
    d->SetValue("WHO", t("bo_doc_by_applicant"));
    d->SetValue("WHEN", dutch_time(texts, lang, u.created_at));
    d->SetValue("SIZE", size_text(u.size));
    d->SetValue("VISIBILITY", t("bo_doc_visible"));
  }
  for (const auto& x : staff_docs) {
    auto* d = s->AddSectionDictionary("DOCUMENT");
    d->SetValue("NAME", x.title == x.filename ? x.title : x.title + " (" + x.filename + ")");
    d->SetValue("HREF", href(x.document_uuid));
    d->SetValue("WHO", name_of(x.added_by));
    d->SetValue("WHEN", dutch_time(texts, lang, x.created_at));
    d->SetValue("SIZE", size_text(x.size));
    d->SetValue("VISIBILITY", t(x.visible ? "bo_doc_visible" : "bo_doc_internal"));
  }
  if (uploads.empty() && staff_docs.empty()) s->ShowSection("NO_DOCUMENTS");
  if (!sc.permit.may_handle) return;
  auto* f = s->AddSectionDictionary("DOC_FORM");
  f->SetValue("ID", id);
  f->SetValue("CSRF", staff.csrf_token);
  std::string accept;
  for (const auto& ty : staff_document_types()) accept += (accept.empty() ? "" : ",") + ty;
  f->SetValue("ACCEPT", accept);
  f->SetValue("LIMITS", fill(t("bo_doc_limits"), "size", size_text(max_file_bytes())));
  auto failure = request.query_param("doc-fout");
  if (!failure || failure->empty()) return;
  auto code = std::string(*failure);
  auto key = "bo_doc_error_" + code;
  auto message =
      fill(has(key) ? t(key) : t("bo_doc_error_mislukt"), "size", size_text(max_file_bytes()));
  auto field = code == "titel" ? std::string("titel") : std::string("bestand");
  auto* summary = f->AddSectionDictionary("DOC_ERRORS");
  summary->SetValue("HREF", "#document-" + field);
  summary->SetValue("MESSAGE", message);
  auto* e = f->AddSectionDictionary(field == "titel" ? "TITLE_ERROR" : "FILE_ERROR");
  e->SetValue("MESSAGE", message);
}

http::Response StaffDocuments::add_form(http::Request& request) {
  auto& auth = desk_->auth();
  auto staff = auth.require_subject(request, "to add a document");
  auto form = http::read_multipart_form(request);
  std::optional<http::MultipartPart> file;
  if (form) {
    for (const auto& part : form->files) {
      if (part.name == "bestand") {
        file = part;
        break;
      }
    }
  }
  auto value = [&](std::string_view name) { return form ? form->field(name) : std::string(); };
  auth.require_csrf(request, staff);
  StaffDesk::require_staff(staff);
  auto sc = desk_->open(staff, request.param("id"));
  const auto& id = sc.summary.id;
  auto back = [&](std::string_view code) {
    return see_other("/behandelen/zaken/" + id + "?doc-fout=" + std::string(code) +
                     "#document-toevoegen");
  };
  if (!sc.permit.may_handle) return back("forbidden");
  auto title = trimmed(value("titel"));
  if (common::utf8_length(title) > kMaxTitle) return back("titel");
  if (!file || (file->filename->empty() && file->content.empty())) return back("bestand");
  if (file->content.empty()) return back("leeg");
  if (static_cast<std::int64_t>(file->content.size()) > max_file_bytes()) return back("groot");
  auto filename = documents::sanitise_filename(*file->filename);
  if (title.empty()) title = filename;
  auto staged = documents_.blobs().put(file->content);
  if (!staged) return back(code_of(staged.error()));
  documents::NewStaffDocument nd{.case_id = id,
                                 .added_by = staff.number,
                                 .title = title,
                                 .filename = filename,
                                 .visible = value("zichtbaar") == "1",
                                 .allowed_media_types = staff_document_types(),
                                 .content_field = "bestand"};
  auto added = documents::add_staff_document(documents_, auth.database(), std::move(*staged), nd);
  if (!added) return back(code_of(added.error()));
  return see_other("/behandelen/zaken/" + id + "?gedaan=document#documenten");
}

http::Response StaffDocuments::download(http::Request& request) {
  auto& auth = desk_->auth();
  auto staff = auth.require_subject(request, "to see a case's documents");
  StaffDesk::require_staff(staff);
  auto sc = desk_->open(staff, request.param("id"));
  auto doc = std::string(request.param("document"));
  bool listed = auth.database().read_value([&](db::Connection& c) {
    auto uploads = catalog::case_uploads(c, sc.summary.id);
    auto staff_docs = documents::staff_documents(c, sc.summary.id, false);
    return std::any_of(uploads.begin(), uploads.end(),
                       [&](const catalog::Upload& u) { return u.document_uuid == doc; }) ||
           std::any_of(staff_docs.begin(), staff_docs.end(),
                       [&](const documents::StaffDocument& d) { return d.document_uuid == doc; });
  });
  if (!listed) throw http::NotFound(std::string(kNoDocument));
  auto got = documents_.download(doc);
  if (!got) {
    using Kind = documents::Refusal::Kind;
    if (got.error().kind == Kind::NotScanned) {
      throw http::Conflict("This file is still being checked for viruses. Try again in a minute.");
    }
    if (got.error().kind == Kind::Infected) {
      throw http::Conflict("This file contained a virus and cannot be downloaded.");
    }
    throw http::NotFound(std::string(kNoDocument));
  }
  return documents::download_response(std::move(*got));
}

http::Response StaffDocuments::add_json(http::Request& request) {
  auto& auth = desk_->auth();
  auto staff = auth.require_subject(request, "to add a document");
  auth.require_csrf(request, staff);
  StaffDesk::require_staff(staff);
  // Whether the case exists for this person before anything about the body (404 first).
  auto sc = desk_->open(staff, request.param("id"));
  if (!sc.permit.may_handle) throw http::Forbidden("You may read this case, not handle it.");
  auto body = http::json_object_body(request);
  std::vector<http::InvalidParam> problems;
  auto text = [&](std::string_view name, bool required) -> std::string {
    const auto* v = body.if_contains(name);
    if (!v || v->is_null()) {
      if (required) problems.push_back({std::string(name), "required", "Required."});
      return {};
    }
    if (!v->is_string()) {
      problems.push_back({std::string(name), "invalid", "A string."});
      return {};
    }
    return std::string(v->as_string());
  };
  auto filename = text("filename", true);
  auto content = text("content", true);
  auto title = trimmed(text("title", false));
  bool visible = false;
  if (const auto* v = body.if_contains("visibleToApplicant"); v && !v->is_null()) {
    if (!v->is_bool()) {
      problems.push_back({"visibleToApplicant", "invalid", "true or false."});
    } else {
      visible = v->as_bool();
    }
  }
  if (common::utf8_length(title) > kMaxTitle) {
    problems.push_back({"title", "max-length", "At most 200 characters."});
  }
  if (!filename.empty() && !http::is_clean_text(filename)) {
    problems.push_back({"filename", "invalid", "Not valid text."});
  }
  if (!problems.empty()) throw http::BadRequest("The request has invalid fields.", problems);
  auto name = documents::sanitise_filename(filename);
  if (title.empty()) title = name;
  auto staged = documents_.blobs().put_base64(content, "content");
  if (!staged) throw upload_error(staged.error());
  documents::NewStaffDocument nd{.case_id = sc.summary.id,
                                 .added_by = staff.number,
                                 .title = title,
                                 .filename = name,
                                 .visible = visible,
                                 .allowed_media_types = staff_document_types(),
                                 .content_field = "content"};
  auto added = documents::add_staff_document(documents_, auth.database(), std::move(*staged), nd);
  if (!added) throw upload_error(added.error());
  auto download = "/behandelen/zaken/" + sc.summary.id + "/documenten/" + added->document_uuid;
  auto r = http::Response::json(201, json::object{{"id", added->document_uuid},
                                                  {"case", sc.summary.id},
                                                  {"title", added->title},
                                                  {"filename", added->filename},
                                                  {"size", added->size},
                                                  {"mediaType", added->media_type},
                                                  {"visibleToApplicant", added->visible},
                                                  {"addedBy", added->added_by},
                                                  {"download", download}});
  r.headers.set("cache-control", "no-store");
  r.headers.set("location", download);
  return r;
}

std::shared_ptr<StaffDocuments> add_staff_document_routes(http::Router& router, Pages& pages,
                                                          std::shared_ptr<StaffDesk> desk,
                                                          documents::DocumentService& documents,
                                                          std::uint64_t upload_body) {
  auto p = std::make_shared<StaffDocuments>(pages, std::move(desk), documents, upload_body);
  router.add(
      http::Method::Post, "/behandelen/zaken/{id}/documenten",
      [p](http::Request& r) { return p->add_form(r); }, upload_body);
  router.add(http::Method::Get, "/behandelen/zaken/{id}/documenten/{document}",
             [p](http::Request& r) { return p->download(r); });
  router.add(
      http::Method::Post, "/api/v1/cases/{id}/documents",
      [p](http::Request& r) { return p->add_json(r); }, upload_body);
  return p;
}

}  // namespace loket::web
