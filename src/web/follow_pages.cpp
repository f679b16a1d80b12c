// See follow_pages.hpp. Each page: who asks, what they may see (follow_permit: someone else's
// case is a 404), read through the case service and store, fill the view.
#include "web/follow_pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "cases/case_rules.hpp"
#include "catalog/upload_store.hpp"
#include "common/uuid.hpp"
#include "documents/case_documents.hpp"
#include "documents/download.hpp"
#include "documents/rules.hpp"
#include "http/error.hpp"
#include "http/form.hpp"
#include "http/multipart.hpp"
#include "http/paging.hpp"
#include "http/pipeline.hpp"
#include "http/text.hpp"
#include "notify/mail.hpp"
#include "privacy/processing_log.hpp"
#include "web/message_routes.hpp"
#include "web/problem.hpp"
#include "web/redirect.hpp"
#include "web/uploads.hpp"

namespace loket::web {
using ctemplate::TemplateDictionary;

namespace {}  // namespace

FollowPages::FollowPages(Pages& pages, identity::Auth& auth, cases::CaseService& service)
    : pages_(pages), auth_(auth), service_(service) {}

void FollowPages::add_routes(http::Router& router) {
  router.add(http::Method::Get, "/mijn-zaken/{id}",
             [this](http::Request& r) { return case_page(r); });
  router.add(http::Method::Post, "/mijn-zaken/{id}/bericht",
             [this](http::Request& r) { return post(r, false); });
  // The answer may carry a document: the larger limit of a form that uploads files.
  router.add(
      http::Method::Post, "/mijn-zaken/{id}/antwoord",
      [this](http::Request& r) { return post(r, true); }, upload_body_);
  router.add(http::Method::Get, "/mijn-zaken/{id}/documenten/{document}",
             [this](http::Request& r) { return download(r); });
  router.add(http::Method::Get, "/berichten", [this](http::Request& r) { return inbox(r); });
  router.add(http::Method::Post, "/berichten/voorkeuren",
             [this](http::Request& r) { return save_preferences(r); });
}

std::string FollowPages::recipient(const identity::Subject& s) const {
  // The inbox of whom the person is: acting for someone, the lines of that person's cases.
  if (s.acting_for) {
    return cases::recipient_index(auth_.keys(),
                                  s.acting_for->subject_kind == "business"
                                      ? cases::PartyKind::Business
                                      : cases::PartyKind::Resident,
                                  s.acting_for->subject_number);
  }
  return cases::recipient_index(
      auth_.keys(), s.kind == "business" ? cases::PartyKind::Business : cases::PartyKind::Resident,
      s.number);
}

std::int64_t FollowPages::unread(const identity::Subject& subject) {
  auto who = recipient(subject);
  return service_.messages_store().unread_count(auth_.database(), who);
}

http::Response FollowPages::case_page(http::Request& request) {
  auto subject = auth_.require_subject(request, "to see your case");
  if (subject.kind == "staff") throw http::NotFound("Staff see cases at /behandelen.");
  auto id = std::string(request.param("id"));
  auto permit = follow_permit(auth_, service_, subject, id);
  if (!permit) throw http::NotFound("There is no case with this id that you may see.");
  auto& db = auth_.database();
  auto summary = service_.store().summary(db, id);
  auto k = value_or_throw(service_.get(id));
  auto messages = value_or_throw(service_.read_messages(id, cases::AuthorKind::Resident, *permit));
  std::optional<cases::CaseType> type;
  std::vector<cases::Status> statuses;
  std::string org_name;
  std::vector<catalog::Upload> uploads;
  std::vector<documents::StaffDocument> from_staff;
  db.read([&](db::Connection& c) {
    type = service_.store().load_case_type(c, k.case_type_id);
    statuses = service_.messages_store().statuses(c, id);
    if (auto org = service_.store().organisation_of_rsin(c, k.organisation_rsin)) {
      org_name = org->name;
    }
    uploads = catalog::case_uploads(c, id);
    // The staff's documents the applicant is meant to see (never the internal ones).
    from_staff = documents::staff_documents(c, id, true);
  });
  std::vector<cases::Decision> decisions;
  // Never a draft: a four-eyes decision is the resident's only once approved.
  if (decisions_) decisions = decisions_->for_case(id, false);
  auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const auto& texts = pages_.texts();
  auto sent = request.query_param("verstuurd").has_value();
  auto answered = request.query_param("beantwoord").has_value();
  auto error = request.query_param("fout");
  return pages_.render_page(
      request, "case.tpl", "case_page_title", subject,
      [&](TemplateDictionary& c, TemplateDictionary& layout, Lang lang) {
        auto title = summary && !summary->case_type_name.empty()
                         ? summary->case_type_name
                         : texts.get(lang, "case_page_title");
        layout.SetValue("PAGE_TITLE", title);
        c.SetValue("TITLE", title);
        c.SetValue("ID", id);
        c.SetValue("CSRF", subject.csrf_token);
        c.SetValue("REFERENCE", k.reference.empty() ? k.identification : k.reference);
        if (!org_name.empty()) c.AddSectionDictionary("ORGANISATION")->SetValue("NAME", org_name);
        if (!k.description.empty()) {
          c.AddSectionDictionary("DESCRIPTION")->SetValue("TEXT", k.description);
        }
        std::string status = summary && summary->status_text && !summary->status_text->empty()
                                 ? *summary->status_text
                             : summary && !summary->status_name.empty()
                                 ? summary->status_name
                                 : texts.get(lang, "case_no_status");
        c.SetValue("STATUS", status);
        c.SetValue("STARTED", long_date(texts, lang, k.start_date));
        if (k.end_date) {
          c.AddSectionDictionary("CLOSED")->SetValue("DATE", long_date(texts, lang, *k.end_date));
        } else if (k.deadline) {
          c.AddSectionDictionary("DEADLINE")->SetValue("DATE", long_date(texts, lang, *k.deadline));
        }
        if (k.suspended_since) {
          auto* s = c.AddSectionDictionary("SUSPENDED");
          // A ZGW client's suspension has no start day: then only that it is paused.
          if (k.suspended_since->empty()) {
            s->ShowSection("SINCE_UNKNOWN");
          } else {
            s->AddSectionDictionary("SINCE_KNOWN")
                ->SetValue("DATE", long_date(texts, lang, *k.suspended_since));
          }
        }
        if (k.extension) {
          auto* e = c.AddSectionDictionary("EXTENDED");
          e->SetValue("REASON", k.extension->reason);
        }
        if (case_extra_) case_extra_(c, id, subject.csrf_token, lang);
        if (sent) c.ShowSection("SENT");
        if (answered) c.ShowSection("ANSWERED");
        // What the resident must do now: answer the question the clock stopped for.
        if (k.suspended_since && !k.closed()) {
          auto* todo = c.AddSectionDictionary("QUESTION");
          todo->SetValue("ID", id);
          todo->SetValue("CSRF", subject.csrf_token);
          todo->SetValue("TEXT", k.suspension_reason.empty()
                                     ? texts.get(lang, "case_question_unknown")
                                     : k.suspension_reason);
          if (error && *error == "antwoord") {
            todo->ShowSection("ERROR");
            todo->ShowSection("INVALID");
          }
          if (documents_) {
            // One document may go with the answer (what was asked for, often).
            auto* f = todo->AddSectionDictionary("FILE");
            f->SetValue("HINT", fill(texts.get(lang, "case_answer_file_hint"), "size",
                                     size_text(max_form_file(
                                         upload_body_, documents_->blobs().options().max_size))));
            if (error && (*error == "bestand" || *error == "bestand-zaak")) {
              auto* e = f->AddSectionDictionary("FILE_ERROR");
              e->SetValue("TEXT",
                          texts.get(lang, *error == "bestand" ? "case_answer_file_error"
                                                              : "case_answer_file_case_full"));
            }
          }
        } else if (!k.closed()) {
          c.ShowSection("NOTHING_TO_DO");
        }
        for (const auto& st : statuses) {
          auto* d = c.AddSectionDictionary("STEP");
          const auto* t = type ? type->status(st.type_id) : nullptr;
          d->SetValue("NAME", t ? t->name : texts.get(lang, "case_no_status"));
          d->SetValue("DATE", long_date(texts, lang, st.set_at));
          auto explain = t && !t->resident_text.empty() ? t->resident_text : st.note;
          if (!explain.empty()) d->AddSectionDictionary("EXPLAIN")->SetValue("TEXT", explain);
        }
        if (statuses.empty()) c.ShowSection("NO_STEPS");
        for (const auto& d : decisions) {
          if (!d.visible_to_resident()) continue;
          auto* x = c.AddSectionDictionary("DECISION");
          x->SetValue("TITLE", fill(texts.get(lang, "case_decision_of"), "date",
                                    long_date(texts, lang, d.date)));
          x->SetValue("IDENTIFICATION", d.identification);
          if (!d.explanation.empty()) {
            x->AddSectionDictionary("OUTCOME")->SetValue("TEXT", d.explanation);
          }
          if (!d.effective_from.empty()) {
            x->AddSectionDictionary("EFFECTIVE")
                ->SetValue("DATE", long_date(texts, lang, d.effective_from));
          }
          // The window as the decisions API states it (Awb 6:7, 6:8, Algemene termijnenwet).
          auto window = cases::objection_window_of(d);
          if (window && today <= window->until) {
            auto* o = x->AddSectionDictionary("OBJECT");
            o->SetValue("UNTIL",
                        fill(fill(texts.get(lang, "case_objection_until"), "date",
                                  long_date(texts, lang, cases::format_day(window->until))),
                             "days", std::to_string((window->until - today).count())));
            o->SetValue("ACTION", "/mijn-zaken/" + id + "/besluiten/" + d.id + "/bezwaar");
            o->SetValue("CSRF", subject.csrf_token);
          } else if (window) {
            x->AddSectionDictionary("OBJECTION_CLOSED")
                ->SetValue("TEXT", fill(texts.get(lang, "case_objection_closed"), "date",
                                        long_date(texts, lang, cases::format_day(window->until))));
          }
        }
        if (!decisions.empty()) c.ShowSection("DECISIONS");
        for (const auto& u : uploads) {
          auto* x = c.AddSectionDictionary("DOCUMENT");
          x->SetValue("NAME", u.filename);
          x->SetValue("HREF", "/mijn-zaken/" + id + "/documenten/" + u.document_uuid);
          x->SetValue("WHO", texts.get(lang, "case_document_yours"));
        }
        for (const auto& d : from_staff) {
          auto* x = c.AddSectionDictionary("DOCUMENT");
          x->SetValue("NAME", d.title);
          x->SetValue("HREF", "/mijn-zaken/" + id + "/documenten/" + d.document_uuid);
          x->SetValue("WHO", texts.get(lang, "case_document_staff"));
        }
        if (uploads.empty() && from_staff.empty()) c.ShowSection("NO_DOCUMENTS");
        for (const auto& m : messages) {
          auto* d = c.AddSectionDictionary("MESSAGE");
          d->SetValue("WHO", texts.get(lang, m.author_kind == cases::AuthorKind::Staff
                                                 ? "case_message_from_staff"
                                                 : "case_message_from_you"));
          d->SetValue("CLASS", m.author_kind == cases::AuthorKind::Staff ? "staff" : "resident");
          d->SetValue("WHEN", dutch_time(texts, lang, m.created_ms));
          d->SetValue("BODY", m.body);
        }
        if (messages.empty()) c.ShowSection("NO_MESSAGES");
        if (error && *error == "bericht") {
          c.ShowSection("MESSAGE_ERROR");
          c.ShowSection("MESSAGE_INVALID");
        }
      });
}

// One of the documents sent with the application or shared by staff, for whoever may follow the
// case; only once
// it may be served (scanned clean when a scanner is configured).
http::Response FollowPages::download(http::Request& request) {
  auto subject = auth_.require_subject(request, "to see your case");
  auto id = std::string(request.param("id"));
  auto doc = std::string(request.param("document"));
  auto permit =
      subject.kind == "staff" ? std::nullopt : follow_permit(auth_, service_, subject, id);
  if (!permit || !documents_) throw http::NotFound("There is no such document that you may see.");
  // The resident's own uploads and the staff's documents marked visible: nothing else, also
  // not by guessing a document's id.
  bool listed = auth_.database().read_value([&](db::Connection& c) {
    auto uploads = catalog::case_uploads(c, id);
    auto visible = documents::staff_documents(c, id, true);
    return std::any_of(uploads.begin(), uploads.end(),
                       [&](const catalog::Upload& u) { return u.document_uuid == doc; }) ||
           std::any_of(visible.begin(), visible.end(),
                       [&](const documents::StaffDocument& d) { return d.document_uuid == doc; });
  });
  if (!listed) throw http::NotFound("There is no such document that you may see.");
  auto got = documents_->download(doc);
  if (!got) {
    using Kind = documents::Refusal::Kind;
    if (got.error().kind == Kind::NotScanned) {
      throw http::Conflict("This file is still being checked for viruses. Try again in a minute.");
    }
    if (got.error().kind == Kind::Infected) {
      throw http::Conflict("This file contained a virus and cannot be downloaded.");
    }
    throw http::NotFound("There is no such document that you may see.");
  }
  return documents::download_response(std::move(*got));
}

http::Response FollowPages::post(http::Request& request, bool answer) {
  auto subject = auth_.require_subject(request, "to write in your case");
  // An answer with a file comes as multipart/form-data: its token and text are fields.
  std::optional<std::string> multipart_body;
  std::optional<http::MultipartPart> file;
  if (auto form = answer ? http::read_multipart_form(request) : std::nullopt) {
    multipart_body = form->field("body");
    for (auto& part : form->files) {
      if (part.name == "bestand" && !(part.filename->empty() && part.content.empty())) {
        file = std::move(part);
        break;
      }
    }
  }
  auth_.require_csrf(request, subject);
  auto id = std::string(request.param("id"));
  auto permit =
      subject.kind == "staff" ? std::nullopt : follow_permit(auth_, service_, subject, id);
  if (!permit) throw http::NotFound("There is no case with this id that you may see.");
  auto body = multipart_body ? *multipart_body : http::form_text(request, "body");
  auto page = "/mijn-zaken/" + id;

  // The document sent with the answer: judged (type, size) before anything is written, so a
  // refused file leaves the question open and the answer unsent.
  std::optional<documents::PreparedContent> prepared;
  documents::NewDocument doc;
  if (file && !documents_) throw http::BadRequest("This server takes no documents.");
  if (file) {
    doc.title = std::string(catalog::kSupplementDocument);
    doc.filename = documents::sanitise_filename(*file->filename);
    doc.confidentiality = "zaakvertrouwelijk";
    doc.case_id = id;  // it counts towards the case's limit when it is stored
    doc.allowed_media_types = upload_types();
    doc.content_field = doc.declared_field = "bestand";
    auto limit = max_form_file(upload_body_, documents_->blobs().options().max_size);
    std::optional<documents::Refusal> refusal;
    if (file->content.empty() || static_cast<std::int64_t>(file->content.size()) > limit) {
      refusal = documents::refuse(
          documents::Refusal::Kind::TooLarge, "bestand",
          "The file is empty or larger than " + std::to_string(limit) + " bytes.");
    } else if (auto staged = documents_->blobs().put(file->content); !staged) {
      refusal = staged.error();
    } else if (auto ready = documents_->prepare(std::move(*staged), doc); !ready) {
      refusal = ready.error();
    } else {
      prepared = std::move(*ready);
    }
    if (refusal) {
      if (http::is_page_navigation(request)) return see_other(page + "?fout=bestand#antwoord");
      throw upload_error(*refusal);
    }
  }

  // The document, its place among the case's uploads and its link to the case (which the ZGW
  // door registers and announces), in the answer's transaction: what can still refuse it there
  // (the case's limit, bytes known to be infected) leaves the answer unsent too.
  std::optional<documents::Refusal> refused_late;
  cases::CaseService::Along with_document;
  if (prepared) {
    // It may run again when the transaction is retried: each attempt starts afresh.
    with_document = [&](db::Connection& c) -> common::Result<void> {
      refused_late.reset();
      auto uuid = common::new_uuid();
      auto stored = documents_->commit(c, *prepared, doc, uuid, 1);
      if (!stored) {
        refused_late = stored.error();
        return common::invalid("bestand", "refused", refused_late->detail);
      }
      catalog::Upload u;
      u.document_uuid = uuid;
      u.filename = doc.filename;
      u.size = stored->blob.size;
      u.media_type = stored->blob.media_type;
      u.created_at = documents::now_ms();
      catalog::insert_case_upload(c, id, u);
      auto linked = documents_->link_object(c, uuid, "/zgw/zaken/api/v1/zaken/" + id, "zaak", id);
      if (!linked) {
        refused_late = linked.error();
        return common::invalid("bestand", "refused", refused_late->detail);
      }
      return {};
    };
  }
  auto author = author_of(auth_, subject);
  auto done = answer ? service_.answer_question(id, author, body, *permit, with_document)
                     : service_.post_message(id, author, body, *permit);
  if (refused_late) {
    if (http::is_page_navigation(request)) {
      bool full = refused_late->kind == documents::Refusal::Kind::CaseLimit;
      return see_other(page + (full ? "?fout=bestand-zaak#antwoord" : "?fout=bestand#antwoord"));
    }
    throw upload_error(*refused_late);
  }
  if (!done) {
    const auto& f = done.failure();
    // An empty or too long text: the page again, the problem next to the field.
    if (f.kind == common::Failure::Kind::Invalid && http::is_page_navigation(request)) {
      return see_other(page + (answer ? "?fout=antwoord#antwoord" : "?fout=bericht#bericht"));
    }
    throw problem_of(f);
  }
  return see_other(page + (answer ? "?beantwoord=1" : "?verstuurd=1#berichten"));
}

http::Response FollowPages::inbox(http::Request& request) {
  auto subject = auth_.require_subject(request, "to read your messages");
  if (subject.kind == "staff") throw http::NotFound("Staff have no resident inbox.");
  auto who = recipient(subject);
  auto page = http::page_from(request, cases::kInboxPerPage);
  std::vector<cases::InboxItem> items;
  std::int64_t total = 0;
  cases::NotificationPreferences prefs;
  auto& store = service_.messages_store();
  auth_.database().write([&](db::Connection& c) {
    items = store.inbox(c, who, page.offset(), page.size);
    total = store.inbox_count(c, who);
    prefs = store.preferences(c, who);
    store.mark_inbox_read(c, who, privacy::unix_millis());
  });
  const auto& texts = pages_.texts();
  auto saved = request.query_param("opgeslagen").has_value();
  auto error = request.query_param("fout").has_value();
  return pages_.render_page(
      request, "inbox.tpl", "inbox_title", subject,
      [&](TemplateDictionary& c, TemplateDictionary&, Lang lang) {
        for (const auto& i : items) {
          auto* d = c.AddSectionDictionary("ITEM");
          auto kind = i.kind.substr(i.kind.find('.') + 1);
          d->SetValue("WHAT", texts.get(lang, "inbox_kind_" + kind));
          d->SetValue("WHEN", dutch_time(texts, lang, i.created_ms));
          d->SetValue("HREF", "/mijn-zaken/" + i.case_id);
          if (!i.detail.empty()) d->AddSectionDictionary("DETAIL")->SetValue("TEXT", i.detail);
          if (!i.read_ms) d->ShowSection("NEW");
        }
        if (items.empty()) c.ShowSection("EMPTY");
        if (page.number > 1) {
          c.AddSectionDictionary("PREVIOUS")
              ->SetValue("HREF", "/berichten?page=" + std::to_string(page.number - 1));
        }
        if (http::page_exists(page, page.number + 1, total)) {
          c.AddSectionDictionary("NEXT")->SetValue(
              "HREF", "/berichten?page=" + std::to_string(page.number + 1));
        }
        c.SetValue("CSRF", subject.csrf_token);
        c.SetValue("EMAIL", prefs.email);
        if (prefs.email_enabled) c.ShowSection("EMAIL_ON");
        if (saved) c.ShowSection("SAVED");
        if (error) c.ShowSection("EMAIL_ERROR");
      });
}

http::Response FollowPages::save_preferences(http::Request& request) {
  auto subject = auth_.require_subject(request, "to change your notifications");
  auth_.require_csrf(request, subject);
  if (subject.kind == "staff") throw http::NotFound("Staff have no resident inbox.");
  cases::NotificationPreferences p;
  p.email_enabled = http::form_text(request, "email_enabled") == "1";
  p.email = http::form_text(request, "email");
  while (!p.email.empty() && p.email.back() == ' ') p.email.pop_back();
  while (!p.email.empty() && p.email.front() == ' ') p.email.erase(0, 1);
  bool bad = (p.email_enabled && p.email.empty()) ||
             (!p.email.empty() && notify::validate({p.email, "x", "x"}).has_value());
  if (bad) {
    if (!http::is_page_navigation(request)) {
      throw http::BadRequest("Give an e-mail address to get mails.",
                             {{"email", "invalid", "An e-mail address."}});
    }
    return see_other("/berichten?fout=email#meldingen");
  }
  auto who = recipient(subject);
  auth_.database().write([&](db::Connection& c) {
    service_.messages_store().save_preferences(c, who, p, privacy::unix_millis());
  });
  return see_other("/berichten?opgeslagen=1#meldingen");
}

}  // namespace loket::web
