// Each step: parse the post, validate the step's answers with the product's schema, save the
// draft, redirect to the next step (post/redirect/get); a refusal renders the step again with
// the answers kept, each error next to its field and in a summary at the top (WCAG 3.3.1).
#include "web/apply_pages.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "catalog/organisation_store.hpp"
#include "catalog/upload_store.hpp"
#include "common/json.hpp"
#include "common/log.hpp"
#include "documents/document_service.hpp"
#include "documents/rules.hpp"
#include "http/error.hpp"
#include "http/multipart.hpp"
#include "identity/session.hpp"
#include "web/redirect.hpp"
#include "web/uploads.hpp"

namespace loket::web {
namespace json = boost::json;
using ctemplate::TemplateDictionary;

namespace {

constexpr std::string_view kCheck = "controleren";
constexpr std::string_view kSent = "verzonden";
constexpr std::string_view kDocuments = "documenten";

// An error next to one of the documents (slot) of the documents step.
struct SlotError {
  std::size_t slot = 0;
  std::string message;
};

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 9;
    if (n == 9 || i + n > s.size() - 1) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n + 1;
  }
  return true;
}

// Every field of a form post (a name may repeat: checkboxes). A bad escape, invalid UTF-8 or a
// NUL is refused, naming the field.
std::vector<std::pair<std::string, std::string>> form_fields(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> out;
  auto decode = [](std::string_view in, std::string& out_text) {
    for (std::size_t i = 0; i < in.size(); ++i) {
      char c = in[i];
      if (c == '+') {
        out_text += ' ';
      } else if (c == '%') {
        if (i + 2 >= in.size()) return false;
        int h = hex(in[i + 1]), l = hex(in[i + 2]);
        if (h < 0 || l < 0) return false;
        out_text += static_cast<char>(h * 16 + l);
        i += 2;
      } else {
        out_text += c;
      }
    }
    return out_text.find('\0') == std::string::npos && valid_utf8(out_text);
  };
  while (!body.empty()) {
    auto amp = body.find('&');
    auto part = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (part.empty()) continue;
    auto eq = part.find('=');
    std::string name, value;
    bool ok = decode(part.substr(0, eq), name);
    if (ok && eq != std::string_view::npos) ok = decode(part.substr(eq + 1), value);
    if (!ok) {
      throw http::BadRequest("A form field is malformed.",
                             {{name.empty() ? "form" : name, "invalid", "Not valid text."}});
    }
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

std::vector<std::string> values_of(const std::vector<std::pair<std::string, std::string>>& f,
                                   std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [k, v] : f) {
    if (k == name) out.push_back(v);
  }
  return out;
}

json::object parse_object(const std::string& text) {
  try {
    auto v = json::parse(text);
    if (v.is_object()) return v.as_object();
  } catch (const std::exception&) {
  }
  return {};
}

std::string answer_text(const catalog::FormField& f, const json::value& v, std::string_view lang) {
  auto label_of = [&](std::string_view value) {
    for (const auto& o : f.options) {
      if (o.value == value) return o.label.in(lang);
    }
    return std::string(value);
  };
  if (v.is_string())
    return f.options.empty() ? std::string(v.as_string()) : label_of(v.as_string());
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_array()) {
    std::string out;
    for (const auto& x : v.as_array()) {
      if (!out.empty()) out += ", ";
      out += x.is_string() ? label_of(x.as_string()) : json::serialize(x);
    }
    return out;
  }
  return json::serialize(v);
}

std::string id_of(std::string_view field) { return "vraag-" + std::string(field); }

class ApplyPages {
 public:
  ApplyPages(identity::Auth& auth, Pages& pages, Applying& applying, ApplySources sources)
      : auth_(auth), pages_(pages), applying_(applying), sources_(std::move(sources)) {}

  http::Response catalogue(http::Request& req) {
    auto subject = auth_.subject(req);
    auto products = applying_.products().all();
    std::vector<catalog::Draft> drafts;
    if (subject && subject->kind != "staff") {
      auto owner = applying_.owner(*subject);
      drafts = applying_.db().read_value(
          [&](db::Connection& c) { return applying_.drafts().list(c, owner, applying_.now_ms()); });
    }
    auto orgs = catalog::list_organisations(auth_.database(), 0, 100).items;
    return pages_.render_page(req, "products.tpl", "product_list_title", subject,
                              [&](TemplateDictionary& c, TemplateDictionary&, Lang lang) {
                                auto l = code(lang);
                                for (const auto& d : drafts) {
                                  auto p = applying_.products().find(d.product);
                                  if (!p) continue;
                                  auto* x = c.AddSectionDictionary("DRAFT");
                                  x->SetValue("NAME", p->name.in(l));
                                  x->SetValue("HREF", "/aanvragen/" + p->id);
                                }
                                if (!drafts.empty()) c.ShowSection("DRAFTS");
                                for (const auto& o : orgs) {
                                  TemplateDictionary* group = nullptr;
                                  for (const auto& p : *products) {
                                    if (p.organisation_id != o.id) continue;
                                    if (!group) {
                                      group = c.AddSectionDictionary("ORGANISATION");
                                      group->SetValue("NAME", o.name);
                                    }
                                    auto* x = group->AddSectionDictionary("PRODUCT");
                                    x->SetValue("NAME", p.name.in(l));
                                    x->SetValue("SUMMARY", p.summary.in(l));
                                    x->SetValue("HREF", "/producten/" + p.id);
                                  }
                                }
                              });
  }

  http::Response product_page(http::Request& req) {
    auto p = product_or_404(req);
    auto subject = auth_.subject(req);
    std::optional<catalog::Draft> draft;
    if (subject && subject->kind != "staff") {
      auto owner = applying_.owner(*subject);
      draft = applying_.drafts().find(applying_.db(), owner, p->id, applying_.now_ms());
    }
    auto org = catalog::find_organisation(auth_.database(), p->organisation_id);
    return pages_.render_page(
        req, "product.tpl", "product_list_title", subject,
        [&](TemplateDictionary& c, TemplateDictionary& layout, Lang lang) {
          auto l = code(lang);
          const auto& t = pages_.texts();
          layout.SetValue("PAGE_TITLE", p->name.in(l));
          c.SetValue("NAME", p->name.in(l));
          c.SetValue("SUMMARY", p->summary.in(l));
          c.SetValue("ORGANISATION", org ? org->name : "");
          c.SetValue("TERM", term_text(t, lang, p->term));
          if (p->extension) {
            c.AddSectionDictionary("EXTENSION")
                ->SetValue("TEXT", fill(t.get(lang, "product_extension"), "term",
                                        term_text(t, lang, *p->extension)));
          }
          c.SetValue("DECIDED", t.get(lang, "product_decided_" + p->decided_by));
          if (p->fee) {
            c.AddSectionDictionary("FEE")->SetValue("TEXT", p->fee->text.in(l));
          } else {
            c.ShowSection("NO_FEE");
          }
          for (const auto& d : p->documents) {
            auto* x = c.AddSectionDictionary("DOCUMENT");
            x->SetValue("NAME", d.name.in(l));
            x->SetValue("HINT", d.hint.in(l));
            if (!d.required) x->ShowSection("OPTIONAL");
          }
          if (!p->documents.empty()) c.ShowSection("DOCUMENTS");
          for (const auto& s : p->statuses) {
            auto* x = c.AddSectionDictionary("STATUS");
            x->SetValue("NAME", s.name.in(l));
            x->SetValue("TEXT", s.text.in(l));
          }
          if (p->acting_for == "child") c.ShowSection("FOR_CHILD");
          c.SetValue("START_HREF", "/aanvragen/" + p->id);
          if (draft) {
            c.ShowSection("RESUME");
          } else if (subject) {
            c.ShowSection("START");
          }
          if (!subject) {
            // The login returns to the form (DigiD), or the demo login of `serve --demo`.
            const auto& o = pages_.options();
            if (o.digid || o.demo) {
              c.AddSectionDictionary("LOGIN_FIRST")
                  ->SetValue("HREF", o.digid ? "/auth/digid/login?returnTo=/aanvragen/" + p->id
                                             : std::string("/auth/demo"));
            }
          }
        });
  }

  http::Response start(http::Request& req) {
    auto p = product_or_404(req);
    auto subject = require_resident(req);
    auto owner = applying_.owner(subject);
    auto draft = applying_.drafts().find(applying_.db(), owner, p->id, applying_.now_ms());
    std::string step = draft && !draft->step.empty() ? draft->step : p->form.steps.front().id;
    return see_other("/aanvragen/" + p->id + "/" + step);
  }

  http::Response step_get(http::Request& req) {
    auto p = product_or_404(req);
    auto subject = require_resident(req);
    auto step_id = std::string(req.param("step"));
    if (step_id == kSent) return sent(req, *p, subject);
    auto owner = applying_.owner(subject);
    auto draft = applying_.drafts().find(applying_.db(), owner, p->id, applying_.now_ms());
    auto answers = draft ? parse_object(draft->answers) : json::object{};
    if (step_id == kCheck) return check(req, *p, subject, answers, {});
    if (step_id == kDocuments && asks_documents(*p)) return documents_page(req, *p, subject, {});
    const auto* step = p->step(step_id);
    if (!step) throw http::NotFound("This form has no such step.");
    // Prefill: what the person told us before, where this form asks it and has no answer yet.
    auto contact = applying_.contact(owner);
    for (const auto& f : step->fields) {
      if (!f.prefill.empty() && !answers.contains(f.name)) {
        if (const auto* v = contact.if_contains(f.prefill)) answers[f.name] = *v;
      }
    }
    return render_step(req, *p, *step, subject, answers, {}, {});
  }

  http::Response step_post(http::Request& req) {
    auto p = product_or_404(req);
    auto subject = require_resident(req);
    auto step_id = std::string(req.param("step"));
    if (step_id == kDocuments && asks_documents(*p)) return documents_post(req, *p, subject);
    auth_.require_csrf(req, subject);
    auto fields = form_fields(req.body);
    if (step_id == kCheck) return submit(req, *p, subject, fields);
    const auto* step = p->step(step_id);
    if (!step) throw http::NotFound("This form has no such step.");
    auto owner = applying_.owner(subject);
    auto draft = applying_.drafts().find(applying_.db(), owner, p->id, applying_.now_ms());
    auto answers = draft ? parse_object(draft->answers) : json::object{};
    // This step's answers replace what the draft held for its questions.
    std::map<std::string, std::string> raw;
    for (const auto& f : step->fields) {
      answers.erase(f.name);
      auto given = values_of(fields, f.name);
      if (!given.empty()) raw[f.name] = given.front();
      if (auto v = catalog::coerce_answer(*p, f, given)) answers[f.name] = std::move(*v);
    }
    auto errors = catalog::validate_step(*p, *step, answers);
    if (!errors.empty()) {
      return render_step(req, *p, *step, subject, answers, errors, raw, 400);
    }
    // Next: back to the check page when changing from there, else the next step that applies.
    std::string next(kCheck);
    auto back_to = values_of(fields, "terug");
    if (back_to.empty() || back_to.front() != kCheck) {
      auto steps = catalog::applying_steps(*p, answers);
      for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i]->id == step->id && i + 1 < steps.size()) next = steps[i + 1]->id;
      }
      // After the last question: the documents the product asks for, then the check page.
      if (next == kCheck && asks_documents(*p)) next = kDocuments;
    }
    catalog::Draft d;
    d.product = p->id;
    d.form_version = p->form.version;
    d.answers = json::serialize(answers);
    d.step = next;
    d.lang = std::string(code(page_language(req)));
    applying_.db().write([&](db::Connection& c) {
      applying_.drafts().save(c, owner, d, applying_.now_ms(), applying_.ttl_ms());
    });
    return see_other("/aanvragen/" + p->id + "/" + next);
  }

 private:
  std::shared_ptr<const catalog::Product> product_or_404(const http::Request& req) {
    auto p = applying_.products().find(req.param("product"));
    if (!p) throw http::NotFound("There is no product with this name.");
    return p;
  }

  bool asks_documents(const catalog::Product& p) const {
    return sources_.documents && !p.documents.empty();
  }

  // The largest file the form takes: the document limit, and what fits in one post beside the
  // form's other fields (a larger post is refused by the server before it gets here).
  std::int64_t max_file_bytes() const {
    return max_form_file(sources_.upload_body, sources_.documents->blobs().options().max_size);
  }

  std::string step_href(const catalog::Product& p, std::string_view step) const {
    return "/aanvragen/" + p.id + "/" + std::string(step);
  }

  // The required documents of the product that the draft has no upload for.
  std::vector<std::size_t> missing_documents(const catalog::Product& p,
                                             const std::vector<catalog::Upload>& uploads) const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < p.documents.size(); ++i) {
      if (!p.documents[i].required) continue;
      bool have = std::any_of(uploads.begin(), uploads.end(), [&](const catalog::Upload& u) {
        return u.slot == static_cast<int>(i);
      });
      if (!have) out.push_back(i);
    }
    return out;
  }

  std::vector<catalog::Upload> uploads_of(const std::string& owner, const catalog::Product& p) {
    return applying_.db().read_value(
        [&](db::Connection& c) { return catalog::draft_uploads(c, owner, p.id); });
  }

  // The scan state of an upload for the resident: "" (fine), pending or infected.
  std::string scan_state(const std::string& uuid, const Texts& t, Lang lang) {
    auto blob =
        applying_.db().read_value([&](db::Connection& c) -> std::optional<documents::BlobRow> {
          auto d = documents::find_document(c, uuid);
          if (!d) return std::nullopt;
          return documents::find_blob(c, d->blob_sha256);
        });
    if (!blob) return {};
    if (blob->scan_status == documents::ScanStatus::Infected)
      return t.get(lang, "apply_upload_infected");
    if (blob->scan_status == documents::ScanStatus::Pending)
      return t.get(lang, "apply_upload_pending");
    return {};
  }

  http::Response documents_page(const http::Request& req, const catalog::Product& p,
                                const identity::Subject& subject,
                                const std::vector<SlotError>& errors, int status = 200) {
    auto owner = applying_.owner(subject);
    auto uploads = uploads_of(owner, p);
    auto draft = applying_.drafts().find(applying_.db(), owner, p.id, applying_.now_ms());
    auto answers = draft ? parse_object(draft->answers) : json::object{};
    auto steps = catalog::applying_steps(p, answers);
    std::string accept;
    for (const auto& t : upload_types()) accept += (accept.empty() ? "" : ",") + t;
    return pages_.render_page(
        req, "apply-documents.tpl", "apply_title", subject,
        [&](TemplateDictionary& c, TemplateDictionary& layout, Lang lang) {
          auto l = code(lang);
          const auto& t = pages_.texts();
          layout.AddSectionDictionary("SCRIPT")->SetValue("SRC", "/apply.js");
          std::string title = t.get(lang, "apply_upload_title") + " – " + p.name.in(l);
          if (!errors.empty()) title = t.get(lang, "error_prefix") + " " + title;
          layout.SetValue("PAGE_TITLE", title);
          common_values(c, p, subject, l);
          c.SetValue("ACTION", step_href(p, kDocuments));
          c.SetValue("BACK_HREF",
                     steps.empty() ? "/producten/" + p.id : step_href(p, steps.back()->id));
          c.SetValue("LIMITS",
                     fill(t.get(lang, "apply_upload_limits"), "size", size_text(max_file_bytes())));
          // For apply.js: a file past the limit is refused before it is sent.
          c.SetValue("MAX_BYTES", std::to_string(max_file_bytes()));
          c.SetValue("TOO_LARGE",
                     fill(fill(t.get(lang, "apply_upload_too_large"), "file", "{file}"), "size",
                          size_text(max_file_bytes())));
          if (!errors.empty()) c.ShowSection("ERRORS");
          for (std::size_t i = 0; i < p.documents.size(); ++i) {
            const auto& d = p.documents[i];
            auto* x = c.AddSectionDictionary("SLOT");
            auto id = "document-" + std::to_string(i);
            x->SetValue("ID", id);
            x->SetValue("FIELD", "bestand-" + std::to_string(i));
            x->SetValue("NAME", d.name.in(l));
            x->SetValue("ACCEPT", accept);
            if (!d.required) x->ShowSection("OPTIONAL");
            std::string described;
            if (!d.hint.in(l).empty()) {
              x->AddSectionDictionary("HINT")->SetValue("TEXT", d.hint.in(l));
              described = id + "-hint";
            }
            std::string message;
            for (const auto& e : errors) {
              if (e.slot != i) continue;
              message += (message.empty() ? "" : " ") + e.message;
              auto* s = c.AddSectionDictionary("ERROR");
              s->SetValue("HREF", "#" + id);
              s->SetValue("MESSAGE", e.message);
            }
            if (!message.empty()) {
              x->AddSectionDictionary("INVALID")->SetValue("MESSAGE", message);
              described += (described.empty() ? "" : " ") + id + "-error";
            }
            if (!described.empty())
              x->AddSectionDictionary("DESCRIBED_BY")->SetValue("IDS", described);
            TemplateDictionary* list = nullptr;
            for (const auto& u : uploads) {
              if (u.slot != static_cast<int>(i)) continue;
              if (!list) list = x->AddSectionDictionary("UPLOADED");
              auto* f = list->AddSectionDictionary("FILE");
              f->SetValue("FILENAME", u.filename);
              f->SetValue("SIZE", size_text(u.size));
              f->SetValue("UUID", u.document_uuid);
              if (auto st = scan_state(u.document_uuid, t, lang); !st.empty()) {
                f->AddSectionDictionary("STATE")->SetValue("TEXT", st);
              }
            }
          }
        },
        status);
  }

  // The documents step's post (multipart/form-data; a plain form post when no file input was
  // sent): store each chosen file through the documents domain, remove one, or go on to the
  // check page once every required document is there.
  http::Response documents_post(http::Request& req, const catalog::Product& p,
                                const identity::Subject& subject) {
    std::vector<std::pair<std::string, std::string>> fields;
    std::vector<http::MultipartPart> files;
    if (auto form = http::read_multipart_form(req)) {
      fields = std::move(form->fields);
      files = std::move(form->files);
    } else {
      fields = form_fields(req.body);
    }
    auth_.require_csrf(req, subject);
    auto lang = page_language(req);
    const auto& t = pages_.texts();
    auto owner = applying_.owner(subject);
    auto* docs = sources_.documents;
    auto& db = applying_.db();

    if (auto remove = values_of(fields, "verwijder"); !remove.empty()) {
      db.write([&](db::Connection& c) {
        // A draft's upload is no registered document yet: nothing to announce.
        if (catalog::remove_draft_upload(c, owner, p.id, remove.front())) {
          docs->remove(c, remove.front());
        }
      });
      return see_other(step_href(p, kDocuments));
    }

    std::vector<SlotError> errors;
    for (const auto& f : files) {
      if (f.filename->empty() && f.content.empty()) continue;  // no file chosen
      std::size_t slot = 0;
      auto prefix = std::string_view("bestand-");
      if (!f.name.starts_with(prefix)) continue;
      try {
        slot = std::stoul(f.name.substr(prefix.size()));
      } catch (const std::exception&) {
        continue;
      }
      if (slot >= p.documents.size()) continue;
      auto filename = documents::sanitise_filename(*f.filename);
      auto refuse = [&](std::string_view key) {
        errors.push_back({slot, fill(fill(t.get(lang, std::string(key)), "file", filename), "size",
                                     size_text(max_file_bytes()))});
      };
      if (f.content.empty()) {
        refuse("apply_upload_type");
        continue;
      }
      if (static_cast<std::int64_t>(f.content.size()) > max_file_bytes()) {
        refuse("apply_upload_too_large");
        continue;
      }
      documents::NewDocument nd;
      nd.title = p.documents[slot].name.nl;
      nd.filename = filename;
      nd.confidentiality = "zaakvertrouwelijk";
      nd.allowed_media_types = upload_types();
      nd.content_field = "bestand-" + std::to_string(slot);
      nd.declared_field = nd.content_field;
      auto staged = docs->blobs().put(f.content);
      std::optional<documents::Refusal> refusal;
      if (!staged) {
        refusal = staged.error();
      } else {
        auto prepared = docs->prepare(std::move(*staged), nd);
        if (!prepared) {
          refusal = prepared.error();
        } else {
          // The document and the draft's note of it commit together, so no upload is lost.
          db.write([&](db::Connection& c) {
            auto uuid = common::new_uuid();
            auto done = docs->commit(c, *prepared, nd, uuid, 1);
            if (!done) {
              refusal = done.error();
              return;
            }
            // Announced when the submit links it to the case (the ZGW door then registers it).
            catalog::Upload u;
            u.document_uuid = uuid;
            u.product = p.id;
            u.slot = static_cast<int>(slot);
            u.filename = filename;
            u.size = done->blob.size;
            u.media_type = done->blob.media_type;
            u.created_at = applying_.now_ms();
            catalog::insert_upload(c, owner, u);
          });
        }
      }
      if (refusal) {
        using K = documents::Refusal::Kind;
        refuse(refusal->kind == K::TooLarge    ? "apply_upload_too_large"
               : refusal->kind == K::CaseLimit ? "apply_upload_case_limit"
               : refusal->kind == K::Infected  ? "apply_upload_virus"
               : refusal->kind == K::TypeNotAllowed || refusal->kind == K::TypeMismatch
                   ? "apply_upload_type"
                   : "apply_upload_failed");
      }
    }
    if (!errors.empty()) return documents_page(req, p, subject, errors, 400);
    auto action = values_of(fields, "actie");
    if (!action.empty() && action.front() == "toevoegen") {
      return see_other(step_href(p, kDocuments));
    }
    auto missing = missing_documents(p, uploads_of(owner, p));
    if (!missing.empty()) {
      for (auto i : missing) {
        errors.push_back({i, fill(t.get(lang, "apply_upload_required"), "name",
                                  p.documents[i].name.in(code(lang)))});
      }
      return documents_page(req, p, subject, errors, 400);
    }
    auto draft = applying_.drafts().find(db, owner, p.id, applying_.now_ms());
    if (draft) {
      draft->step = std::string(kCheck);
      draft->lang = std::string(code(lang));
      db.write([&](db::Connection& c) {
        applying_.drafts().save(c, owner, *draft, applying_.now_ms(), applying_.ttl_ms());
      });
    }
    return see_other(step_href(p, kCheck));
  }

  // After the case is stored: the draft's uploads become the case's documents (linked as its
  // informatieobjecten). A failure leaves them with the sent draft; a repeated send (the same
  // key replays the same case) links them then.
  void attach_uploads(const std::string& owner, const catalog::Product& p,
                      const std::string& case_id) {
    if (!sources_.documents) return;
    try {
      applying_.db().write([&](db::Connection& c) {
        for (const auto& u : catalog::attach_uploads(c, owner, p.id, case_id)) {
          auto linked = sources_.documents->link_object(
              c, u.document_uuid, "/zgw/zaken/api/v1/zaken/" + case_id, "zaak", case_id);
          if (!linked) throw documents::Refused(linked.error());
        }
      });
    } catch (const std::exception& e) {
      common::log::warn("uploads not linked to the case yet", {{"error", e.what()}});
    }
  }

  identity::Subject require_resident(const http::Request& req) {
    auto s = auth_.require_subject(req, "to apply");
    if (s.kind == "staff") throw http::Forbidden("Staff accounts do not apply for products.");
    return s;
  }

  void common_values(TemplateDictionary& c, const catalog::Product& p,
                     const identity::Subject& subject, std::string_view l) {
    c.SetValue("PRODUCT", p.name.in(l));
    c.SetValue("PRODUCT_ID", p.id);
    c.SetValue("CSRF", subject.csrf_token);
  }

  http::Response render_step(const http::Request& req, const catalog::Product& p,
                             const catalog::FormStep& step, const identity::Subject& subject,
                             const json::object& answers,
                             const std::vector<catalog::AnswerError>& errors,
                             const std::map<std::string, std::string>& raw, int status = 200) {
    auto steps = catalog::applying_steps(p, answers);
    std::size_t index = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      if (steps[i]->id == step.id) index = i;
    }
    bool from_check = req.query_param("terug") == std::optional<std::string_view>(kCheck);
    return pages_.render_page(
        req, "apply-step.tpl", "apply_title", subject,
        [&](TemplateDictionary& c, TemplateDictionary& layout, Lang lang) {
          auto l = code(lang);
          const auto& t = pages_.texts();
          layout.AddSectionDictionary("SCRIPT")->SetValue("SRC", "/apply.js");
          std::string title = step.title.in(l) + " – " + p.name.in(l);
          if (!errors.empty()) title = t.get(lang, "error_prefix") + " " + title;
          layout.SetValue("PAGE_TITLE", title);
          common_values(c, p, subject, l);
          c.SetValue("TITLE", step.title.in(l));
          c.SetValue("ACTION", "/aanvragen/" + p.id + "/" + step.id);
          c.SetValue("PROGRESS",
                     fill(fill(t.get(lang, "apply_progress"), "n", std::to_string(index + 1)),
                          "total", std::to_string(steps.size())));
          c.SetValue("BACK_HREF", from_check  ? "/aanvragen/" + p.id + "/" + std::string(kCheck)
                                  : index > 0 ? "/aanvragen/" + p.id + "/" + steps[index - 1]->id
                                              : "/producten/" + p.id);
          if (from_check) c.AddSectionDictionary("RETURN")->SetValue("TO", std::string(kCheck));
          if (!errors.empty()) c.ShowSection("ERRORS");
          auto on_this_step = [&](std::string_view name) {
            return std::any_of(step.fields.begin(), step.fields.end(),
                               [&](const auto& x) { return x.name == name; });
          };
          for (const auto& f : step.fields) {
            // Decided by an earlier step's answer: asked or not, without a condition shown.
            bool conditional = f.show_if && on_this_step(f.show_if->field);
            if (f.show_if && !conditional && !catalog::applies(f.show_if, answers)) continue;
            auto err = std::find_if(errors.begin(), errors.end(),
                                    [&](const auto& e) { return e.field == f.name; });
            std::string message;
            if (err != errors.end()) {
              message = err->code == "required"
                            ? fill(t.get(lang, "apply_error_required"), "label", f.label.in(l))
                        : err->code == "too-long" ? t.get(lang, "apply_error_too_long")
                        : !f.error.in(l).empty()
                            ? f.error.in(l)
                            : fill(t.get(lang, "apply_error_invalid"), "label", f.label.in(l));
              auto* e = c.AddSectionDictionary("ERROR");
              e->SetValue("HREF", "#" + id_of(f.name) + (f.options.empty() ? "" : "-0"));
              e->SetValue("MESSAGE", message);
            }
            auto* d = c.AddSectionDictionary("FIELD");
            auto id = id_of(f.name);
            d->SetValue("ID", id);
            d->SetValue("NAME", f.name);
            d->SetValue("LABEL", f.label.in(l));
            std::string described;
            if (!f.hint.in(l).empty()) {
              d->AddSectionDictionary("HINT")->SetValue("TEXT", f.hint.in(l));
              described = id + "-hint";
            }
            if (conditional) {
              const auto* ctl = p.field(f.show_if->field);
              std::string when = f.show_if->equals;
              if (ctl) {
                for (const auto& o : ctl->options) {
                  if (o.value == when) when = o.label.in(l);
                }
              }
              auto* x = d->AddSectionDictionary("CONDITIONAL");
              x->SetValue("FIELD", f.show_if->field);
              x->SetValue("EQUALS", f.show_if->equals);
              x->SetValue("TEXT", fill(t.get(lang, "apply_conditional"), "answer", when));
              described += (described.empty() ? "" : " ") + id + "-when";
            }
            if (!message.empty()) {
              d->AddSectionDictionary("INVALID")->SetValue("MESSAGE", message);
              described += (described.empty() ? "" : " ") + id + "-error";
            }
            d->SetValue("DESCRIBED", described);
            if (!described.empty())
              d->AddSectionDictionary("DESCRIBED_BY")->SetValue("IDS", described);
            const auto* v = answers.if_contains(f.name);
            // A refused answer shows as typed, not as the schema's type would have it.
            std::string shown = raw.contains(f.name)  ? raw.at(f.name)
                                : v && v->is_string() ? std::string(v->as_string())
                                : v && v->is_int64()  ? std::to_string(v->as_int64())
                                                      : std::string();
            if (f.widget == "radio" || f.widget == "checkboxes") {
              auto* ch = d->AddSectionDictionary("CHOICE");
              for (std::size_t i = 0; i < f.options.size(); ++i) {
                const auto& o = f.options[i];
                auto* x = ch->AddSectionDictionary("OPTION");
                x->SetValue("ID", id + "-" + std::to_string(i));
                x->SetValue("NAME", f.name);
                x->SetValue("VALUE", o.value);
                x->SetValue("LABEL", o.label.in(l));
                x->SetValue("TYPE", f.widget == "radio" ? "radio" : "checkbox");
                bool checked = false;
                if (v && v->is_string()) checked = v->as_string() == o.value;
                if (v && v->is_array()) {
                  for (const auto& a : v->as_array())
                    checked |= a.is_string() && a.as_string() == o.value;
                }
                if (checked) x->ShowSection("CHECKED");
                if (!described.empty())
                  x->AddSectionDictionary("DESCRIBED_BY")->SetValue("IDS", described);
                if (!message.empty()) x->ShowSection("INVALID_INPUT");
              }
            } else if (f.widget == "textarea") {
              auto* x = d->AddSectionDictionary("TEXTAREA");
              x->SetValue("VALUE", shown);
              if (!message.empty()) x->ShowSection("INVALID_INPUT");
            } else {
              auto* x = d->AddSectionDictionary("INPUT");
              x->SetValue("VALUE", shown);
              x->SetValue("TYPE", f.widget == "email"  ? "email"
                                  : f.widget == "tel"  ? "tel"
                                  : f.widget == "date" ? "date"
                                                       : "text");
              if (f.widget == "number") x->AddSectionDictionary("NUMERIC");
              if (!f.autocomplete.empty() || !f.prefill.empty()) {
                x->AddSectionDictionary("AUTOCOMPLETE")
                    ->SetValue("TOKEN", !f.autocomplete.empty() ? f.autocomplete
                                        : f.prefill == "phone"  ? "tel"
                                                                : f.prefill);
              }
              if (!message.empty()) x->ShowSection("INVALID_INPUT");
            }
          }
        },
        status);
  }

  http::Response check(const http::Request& req, const catalog::Product& p,
                       const identity::Subject& subject, const json::object& answers,
                       const std::vector<http::InvalidParam>& refused, int status = 200) {
    // A step with a missing or wrong answer (a changed form, a skipped step): back to it.
    for (const auto* s : catalog::applying_steps(p, answers)) {
      if (!catalog::validate_step(p, *s, answers).empty()) {
        return see_other("/aanvragen/" + p.id + "/" + s->id);
      }
    }
    std::vector<catalog::Upload> uploads;
    if (asks_documents(p)) {
      uploads = uploads_of(applying_.owner(subject), p);
      if (!missing_documents(p, uploads).empty()) return see_other(step_href(p, kDocuments));
    }
    // New for each rendering of this page: a double click or a retry of this form sends the
    // same key, so it makes one case.
    auto key = identity::random_token(24);
    return pages_.render_page(
        req, "apply-check.tpl", "apply_check_title", subject,
        [&](TemplateDictionary& c, TemplateDictionary& layout, Lang lang) {
          auto l = code(lang);
          const auto& t = pages_.texts();
          layout.SetValue("PAGE_TITLE", t.get(lang, "apply_check_title") + " – " + p.name.in(l));
          common_values(c, p, subject, l);
          c.SetValue("KEY", key);
          c.SetValue("ACTION", "/aanvragen/" + p.id + "/" + std::string(kCheck));
          auto steps = catalog::applying_steps(p, answers);
          c.SetValue("BACK_HREF", asks_documents(p)
                                      ? step_href(p, kDocuments)
                                      : "/aanvragen/" + p.id + "/" + steps.back()->id);
          for (const auto* s : steps) {
            auto* sd = c.AddSectionDictionary("STEP");
            sd->SetValue("TITLE", s->title.in(l));
            for (const auto& f : s->fields) {
              if (!catalog::applies(f.show_if, answers)) continue;
              auto* x = sd->AddSectionDictionary("ROW");
              x->SetValue("LABEL", f.label.in(l));
              const auto* v = answers.if_contains(f.name);
              x->SetValue("ANSWER", v ? answer_text(f, *v, l) : t.get(lang, "apply_not_given"));
              x->SetValue("CHANGE_HREF", "/aanvragen/" + p.id + "/" + s->id +
                                             "?terug=" + std::string(kCheck) + "#" + id_of(f.name));
              x->SetValue("CHANGE_LABEL",
                          fill(t.get(lang, "apply_change_label"), "label", f.label.in(l)));
            }
          }
          if (asks_documents(p)) {
            auto* sd = c.AddSectionDictionary("UPLOADS");
            for (std::size_t i = 0; i < p.documents.size(); ++i) {
              auto* x = sd->AddSectionDictionary("ROW");
              x->SetValue("LABEL", p.documents[i].name.in(l));
              std::string names;
              for (const auto& u : uploads) {
                if (u.slot == static_cast<int>(i))
                  names += (names.empty() ? "" : ", ") + u.filename;
              }
              x->SetValue("ANSWER", names.empty() ? t.get(lang, "apply_upload_none") : names);
              x->SetValue("CHANGE_HREF",
                          step_href(p, kDocuments) + "#document-" + std::to_string(i));
              x->SetValue("CHANGE_LABEL", p.documents[i].name.in(l));
            }
          } else {
            for (const auto& d : p.documents) {
              c.AddSectionDictionary("DOCUMENT")->SetValue("NAME", d.name.in(l));
            }
            if (!p.documents.empty()) c.ShowSection("DOCUMENTS");
          }
          if (p.acting_for == "child") {
            c.AddSectionDictionary(subject.acting_for ? "FOR_CHILD_OK" : "FOR_CHILD_MISSING");
          }
          for (const auto& r : refused) {
            c.ShowSection("REFUSED");
            c.AddSectionDictionary("REFUSAL")->SetValue("TEXT", r.reason);
          }
        },
        status);
  }

  http::Response submit(http::Request& req, const catalog::Product& p,
                        const identity::Subject& subject,
                        const std::vector<std::pair<std::string, std::string>>& fields) {
    auto owner = applying_.owner(subject);
    auto draft = applying_.drafts().find(applying_.db(), owner, p.id, applying_.now_ms(), true);
    auto key = values_of(fields, "idempotencyKey");
    if (key.empty() || key.front().empty()) {
      throw http::BadRequest("The form lacks its key; reload the page.",
                             {{"idempotencyKey", "required", "Reload the page and send again."}});
    }
    if (!draft) return see_other("/aanvragen/" + p.id);
    auto answers = catalog::applying_answers(p, parse_object(draft->answers));
    if (!catalog::validate_answers(p, answers).empty()) {
      return see_other("/aanvragen/" + p.id + "/" + std::string(kCheck));
    }
    if (p.acting_for == "child" && !subject.acting_for) {
      return check(req, p, subject, answers,
                   {{"actingFor", "required",
                     pages_.texts().get(page_language(req), "apply_for_child_missing")}},
                   400);
    }
    http::Response r;
    try {
      r = call_submit(req, p, key.front(), answers);
    } catch (const http::Error& e) {
      // Another key after this draft was sent (a second tab): the case exists, see it there.
      if (e.status() == 409) return see_other("/mijn-zaken");
      if (e.status() != 400 && e.status() != 403) throw;
      std::vector<http::InvalidParam> why = e.invalid_params();
      if (why.empty()) why.push_back({"case", "refused", e.what()});
      return check(req, p, subject, answers, why, e.status());
    }
    attach_uploads(owner, p, case_id_of(r));
    // The case is stored (durable) before this point. The draft stays an hour as sent, so a
    // second click (or a retry) replays the same request and finds the same case; the contact
    // details are remembered for the next form.
    if (draft->step != catalog::kSentStep) {
      applying_.db().write([&](db::Connection& c) {
        auto sent = *draft;
        sent.answers = json::serialize(answers);
        sent.step = std::string(catalog::kSentStep);
        applying_.drafts().save(c, owner, sent, applying_.now_ms(), 3600 * 1000);
        applying_.remember_contact(c, owner, answers);
      });
    }
    return redirect_sent(p, r);
  }

  http::Response call_submit(const http::Request& req, const catalog::Product& p,
                             const std::string& key, const json::object& answers) {
    http::Request sub = req;
    sub.method = http::Method::Post;
    sub.path = "/api/v1/cases";
    sub.target = sub.path;
    sub.query.clear();
    sub.headers.set("content-type", "application/json");
    sub.headers.set("x-csrf-token", auth_.require_subject(req, "to apply").csrf_token);
    sub.headers.set("idempotency-key", "portal-" + key);
    sub.body = json::serialize(json::object{
        {"caseType", p.zaaktype_uuid}, {"description", p.name.nl}, {"answers", answers}});
    return sources_.submit_case(sub);
  }

  static std::string case_id_of(const http::Response& r) {
    return json::value_to<std::string>(json::parse(r.body.view()).as_object().at("id"));
  }

  http::Response redirect_sent(const catalog::Product& p, const http::Response& r) {
    auto id = case_id_of(r);
    return see_other("/aanvragen/" + p.id + "/" + std::string(kSent) + "?zaak=" + id);
  }

  http::Response sent(const http::Request& req, const catalog::Product& p,
                      const identity::Subject& subject) {
    auto id = req.query_param("zaak");
    if (!id) throw http::NotFound("Which application? The link lacks its case.");
    http::Request sub = req;
    sub.path = "/api/v1/cases/" + std::string(*id);
    sub.target = sub.path;
    sub.query.clear();
    sub.params = {{"id", std::string(*id)}};
    auto found = json::parse(sources_.get_case(sub).body.view()).as_object();
    auto text = [&](std::string_view k) { return common::text(found, k); };
    return pages_.render_page(
        req, "apply-sent.tpl", "apply_sent_title", subject,
        [&](TemplateDictionary& c, TemplateDictionary&, Lang lang) {
          auto l = code(lang);
          const auto& t = pages_.texts();
          common_values(c, p, subject, l);
          c.SetValue("REFERENCE", text("reference"));
          if (auto d = text("deadline"); !d.empty()) {
            c.AddSectionDictionary("DEADLINE")->SetValue("DATE", long_date(t, lang, d));
          }
          c.SetValue("TERM", term_text(t, lang, p.term));
          for (const auto& s : p.statuses) {
            auto* x = c.AddSectionDictionary("STATUS");
            x->SetValue("NAME", s.name.in(l));
            x->SetValue("TEXT", s.text.in(l));
          }
          if (p.fee) c.AddSectionDictionary("FEE")->SetValue("TEXT", p.fee->text.in(l));
          for (const auto& d : p.documents) {
            c.AddSectionDictionary("DOCUMENT")->SetValue("NAME", d.name.in(l));
          }
          if (!p.documents.empty()) c.ShowSection("DOCUMENTS");
        });
  }

  identity::Auth& auth_;
  Pages& pages_;
  Applying& applying_;
  ApplySources sources_;
};

}  // namespace

void add_apply_pages(http::Router& router, identity::Auth& auth, Pages& pages, Applying& applying,
                     ApplySources sources) {
  auto p = std::make_shared<ApplyPages>(auth, pages, applying, std::move(sources));
  router.add(http::Method::Get, "/producten", [p](http::Request& r) { return p->catalogue(r); });
  router.add(http::Method::Get, "/producten/{product}",
             [p](http::Request& r) { return p->product_page(r); });
  router.add(http::Method::Get, "/aanvragen/{product}",
             [p](http::Request& r) { return p->start(r); });
  router.add(http::Method::Get, "/aanvragen/{product}/{step}",
             [p](http::Request& r) { return p->step_get(r); });
  // The documents step posts files: the larger limit (every step shares the address).
  router.add(
      http::Method::Post, "/aanvragen/{product}/{step}",
      [p](http::Request& r) { return p->step_post(r); }, sources.upload_body);
}

}  // namespace loket::web
