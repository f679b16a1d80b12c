// The Documenten API's enkelvoudiginformatieobjecten: a translator over DocumentService. The
// content (inline base64 `inhoud`) is checked and staged by the domain, then the document's
// version row, this API's representation (latest and per version), the audit trail and the
// domain event commit in one transaction. Changes need the lock; every change is a new version.
#include <sodium.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <memory>

#include "cases/audit_trail.hpp"
#include "cases/list_count.hpp"
#include "common/confidentiality.hpp"
#include "common/instant.hpp"
#include "common/json.hpp"
#include "common/uuid.hpp"
#include "documents/download.hpp"
#include "http/error.hpp"
#include "notify/outbox.hpp"
#include "standards/zgw/document_refusal.hpp"
#include "standards/zgw/documenten.hpp"
#include "standards/zgw/documenten_bestandsdelen.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

using common::string_at;
using common::text;

constexpr std::string_view kLezen = "documenten.lezen";
constexpr std::string_view kAanmaken = "documenten.aanmaken";
constexpr std::string_view kBijwerken = "documenten.bijwerken";
constexpr std::string_view kVerwijderen = "documenten.verwijderen";
constexpr std::string_view kLock = "documenten.lock";
constexpr std::string_view kForcedUnlock = "documenten.geforceerd-unlock";
constexpr std::string_view kAudittrails = "audittrails.lezen";
constexpr std::string_view kPath = "enkelvoudiginformatieobjecten";

json::value or_null(const std::optional<std::string>& v) {
  return v ? json::value(json::string(*v)) : json::value(nullptr);
}

// Now, to the microsecond, so that rows made one after the other sort in that order.
std::string now_iso() { return common::now_micros(); }

// A lock id nobody can guess (the standard: "niet-te-raden").
std::string new_lock_id() {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

struct Ctx {
  Api* api = nullptr;
  Catalogi catalogi;
  const Resource* eio = nullptr;
};
using CtxPtr = std::shared_ptr<Ctx>;

documents::DocumentService& service(Api& api) {
  if (!api.settings().documents) {
    throw http::Error(503, "service_unavailable", "De documentopslag is niet geconfigureerd.");
  }
  return *api.settings().documents;
}

Guard guard_of(const json::object& stored) {
  return {text(stored, "informatieobjecttype"),
          common::confidentiality_level(text(stored, "vertrouwelijkheidaanduiding"))};
}

// The fields of the body as stored: checked, defaults filled (drc-007: confidentiality from the
// informatieobjecttype), internal URLs relative. Content fields are the caller's.
json::object validate_eio(const Ctx& ctx, const json::object& body, const json::object* existing) {
  auto& api = *ctx.api;
  Checker check(body);
  json::object out;
  auto identificatie = check.string("identificatie", {.max_length = 40});
  out["bronorganisatie"] = or_null(check.rsin("bronorganisatie", true));
  out["creatiedatum"] = or_null(check.date("creatiedatum", true));
  out["titel"] =
      or_null(check.string("titel", {.required = true, .max_length = 200, .allow_blank = false}));
  auto vertrouwelijkheid =
      check.choice("vertrouwelijkheidaanduiding", common::kConfidentialityNames);
  out["auteur"] =
      or_null(check.string("auteur", {.required = true, .max_length = 200, .allow_blank = false}));
  auto status = check.choice(
      "status", {"", "in_bewerking", "ter_vaststelling", "definitief", "gearchiveerd"});
  out["status"] = status.value_or("");
  out["formaat"] = check.string("formaat", {.max_length = 255}).value_or("");
  auto taal = check.string("taal", {.required = true, .max_length = 3, .allow_blank = false});
  if (taal && taal->size() != 3)
    check.fail("taal", "min_length", "Geef drie letters (ISO 639-2/B).");
  out["taal"] = or_null(taal);
  out["bestandsnaam"] = check.string("bestandsnaam", {.max_length = 255}).value_or("");
  auto link = check.string("link", {.max_length = 200});
  if (link && !link->empty() && !is_url(*link)) check.fail("link", "invalid", "Geef een URL.");
  out["link"] = link.value_or("");
  out["beschrijving"] = check.string("beschrijving", {.max_length = 1000}).value_or("");
  auto ontvangstdatum = check.date("ontvangstdatum");
  out["ontvangstdatum"] = or_null(ontvangstdatum);
  out["verzenddatum"] = or_null(check.date("verzenddatum"));
  // drc-005: a received document is not being worked on or waiting to be settled.
  if (ontvangstdatum && status && (*status == "in_bewerking" || *status == "ter_vaststelling")) {
    check.fail("status", "invalid_for_received",
               "Een ontvangen informatieobject (ontvangstdatum) kan niet in bewerking of ter "
               "vaststelling zijn.");
  }
  out["indicatieGebruiksrecht"] = nullptr;
  if (auto g = check.boolean("indicatieGebruiksrecht")) out["indicatieGebruiksrecht"] = *g;
  out["verschijningsvorm"] = check.string("verschijningsvorm").value_or("");
  for (auto name : {"ondertekening", "integriteit"}) {
    const auto* o = check.object(name);
    out[name] = o ? json::value(*o) : json::value(nullptr);
  }
  if (const auto* o = check.object("ondertekening")) {
    if (const auto* soort = string_at(*o, "soort"); soort && !soort->empty() &&
                                                    *soort != "analoog" && *soort != "digitaal" &&
                                                    *soort != "pki") {
      check.fail("ondertekening.soort", "invalid_choice", "Kies analoog, digitaal of pki.");
    }
  }
  out["isGereedVoorPublicatie"] = nullptr;
  if (auto g = check.boolean("isGereedVoorPublicatie")) out["isGereedVoorPublicatie"] = *g;
  out["tonenAanInitiator"] = check.boolean("tonenAanInitiator").value_or(false);
  out["inhoudIsVervallen"] = nullptr;
  if (auto g = check.boolean("inhoudIsVervallen")) out["inhoudIsVervallen"] = *g;
  json::array trefwoorden;
  if (const auto* a = check.array("trefwoorden")) {
    for (const auto& t : *a) {
      if (!t.is_string() || t.as_string().size() > 100) {
        check.fail("trefwoorden", "invalid", "Geef een lijst van teksten (elk hoogstens 100).");
        break;
      }
      trefwoorden.push_back(t);
    }
  }
  out["trefwoorden"] = std::move(trefwoorden);
  auto bestandsomvang = check.integer("bestandsomvang", false, 0);
  out["bestandsomvang"] = bestandsomvang ? json::value(*bestandsomvang) : json::value(nullptr);

  // drc-001: the informatieobjecttype exists (ours looked up, others fetched when allowed).
  auto type_url = check.url("informatieobjecttype", true);
  out["informatieobjecttype"] = nullptr;
  if (type_url && !type_url->empty()) {
    if (existing && api.relative(*type_url) != text(*existing, "informatieobjecttype")) {
      check.fail("informatieobjecttype", "wijzigen-niet-toegestaan",
                 "Het informatieobjecttype kan na het aanmaken niet meer wijzigen.");
    } else if (auto type = api.resolve(check, "informatieobjecttype", *type_url,
                                       *ctx.catalogi.informatieobjecttype)) {
      out["informatieobjecttype"] = api.relative(*type_url);
      if (!vertrouwelijkheid) {
        if (const auto* v = string_at(*type, "vertrouwelijkheidaanduiding")) vertrouwelijkheid = *v;
      }
    }
  }
  out["vertrouwelijkheidaanduiding"] = vertrouwelijkheid.value_or("openbaar");
  check.finish();
  if (existing) {
    out["identificatie"] = identificatie && !identificatie->empty()
                               ? json::value(json::string(*identificatie))
                               : existing->at("identificatie");
  } else {
    out["identificatie"] = or_null(identificatie);
  }
  return out;
}

// The content a request sends inline (`inhoud`, base64): checked and staged, or nullopt when
// it sends none. A refusal (bad base64, too large, wrong type, a declared formaat that
// disagrees) is thrown as the 400/413 naming the field.
std::optional<documents::PreparedContent> staged_content(Api& api, const json::object& raw,
                                                         const json::object& stored) {
  const auto* inhoud = raw.if_contains("inhoud");
  if (!inhoud || inhoud->is_null()) return std::nullopt;
  if (!inhoud->is_string()) {
    throw ValidationError("inhoud", "invalid", "Geef de inhoud als base64-tekst.");
  }
  auto& svc = service(api);
  auto staged = svc.blobs().put_base64(inhoud->as_string(), "inhoud");
  if (!staged) throw document_refusal_error(staged.error());
  documents::NewDocument doc{.title = text(stored, "titel"),
                             .filename = text(stored, "bestandsnaam"),
                             .declared_media_type = text(stored, "formaat"),
                             .confidentiality = text(stored, "vertrouwelijkheidaanduiding"),
                             .declared_field = "formaat",
                             .content_field = "inhoud"};
  auto prepared = svc.prepare(std::move(*staged), doc);
  if (!prepared) throw document_refusal_error(prepared.error());
  return std::move(*prepared);
}

documents::NewDocument new_document(const json::object& stored) {
  return {.title = text(stored, "titel"),
          .filename = text(stored, "bestandsnaam"),
          .declared_media_type = text(stored, "formaat"),
          .confidentiality = text(stored, "vertrouwelijkheidaanduiding"),
          .declared_field = "formaat",
          .content_field = "inhoud"};
}

// The size of a content to be uploaded in parts (bestandsdelen), or nullopt when the request
// does not ask for that: it sends no `inhoud` but a `bestandsomvang` above 0 (an update without
// `inhoud` asks only when the size changes or there is no content yet; `"inhoud": null` always).
std::optional<std::uint64_t> parts_requested(Api& api, const json::object& raw,
                                             const json::object& stored,
                                             const json::object* before) {
  const auto* inhoud = raw.if_contains("inhoud");
  if (inhoud && !inhoud->is_null()) return std::nullopt;
  if (!raw.contains("bestandsomvang")) return std::nullopt;
  const auto& omvang = stored.at("bestandsomvang");
  if (!omvang.is_int64() || omvang.as_int64() <= 0) return std::nullopt;
  if (before && !inhoud && !before->at("inhoud").is_null() &&
      before->at("bestandsomvang") == omvang) {
    return std::nullopt;
  }
  auto size = static_cast<std::uint64_t>(omvang.as_int64());
  // The same limit as inline content, before a single part is sent.
  auto limit = service(api).blobs().options().max_size;
  if (size > limit) {
    throw document_refusal_error(documents::refuse(
        documents::Refusal::Kind::TooLarge, "bestandsomvang",
        "The file is larger than the limit of " + std::to_string(limit) + " bytes."));
  }
  return size;
}

std::string download_path(const Ctx& ctx, const std::string& uuid, std::int64_t versie) {
  return ctx.api->url_of(*ctx.eio, uuid) + "/download?versie=" + std::to_string(versie);
}

// Writes the version: the domain's document row (new content, or the content of the version
// before), the representation (latest and per version), the audit trail, the domain event.
void write_version(Call& call, const Ctx& ctx, json::object& stored,
                   std::optional<documents::PreparedContent>& content, const json::object* before,
                   std::string_view action, bool parts = false) {
  auto& api = *ctx.api;
  auto& c = *call.connection;
  auto uuid = text(stored, "uuid");
  auto versie = stored.at("versie").as_int64();
  if (content) {
    auto& svc = service(api);
    auto done = svc.commit(c, *content, new_document(stored), uuid, versie);
    if (!done) throw document_refusal_error(done.error());
    stored["bestandsomvang"] = done->blob.size;
    if (text(stored, "formaat").empty()) stored["formaat"] = done->blob.media_type;
    stored["inhoud"] = download_path(ctx, uuid, versie);
  } else if (parts) {
    stored["inhoud"] = nullptr;  // the content follows in bestandsdelen
  } else if (before && !before->at("inhoud").is_null()) {
    if (!service(api).copy_version(c, uuid, versie, new_document(stored))) {
      throw std::runtime_error("documenten: the content of the version before is missing");
    }
    stored["inhoud"] = download_path(ctx, uuid, versie);
    stored["bestandsomvang"] = before->at("bestandsomvang");
  } else {
    stored["inhoud"] = nullptr;
  }
  auto data = api.store(c, *ctx.eio, stored, before == nullptr);
  c.execute(
      "INSERT INTO zgw_eio_versies (uuid, versie, begin_registratie, data) VALUES ($1, $2, $3, "
      "$4)",
      {uuid, versie, text(stored, "beginRegistratie"), json::serialize(data)});
  json::value old_value = nullptr;
  if (before) old_value = *before;
  api.audit(call, *ctx.eio, action, before ? 200 : 201, text(stored, "url"), text(stored, "url"),
            old_value, data);
  documents::DocumentService::emit(c, before ? "document.updated" : "document.created", uuid);
}

// A stored object, with its lock id; nullopt when there is none.
struct Loaded {
  json::object stored;
  std::optional<std::string> lock_id;
};
std::optional<Loaded> load_with_lock(Api& api, db::Connection* c, std::string_view uuid) {
  if (!common::is_uuid(uuid)) return std::nullopt;
  const std::string sql =
      "SELECT data, lock_id FROM zgw_enkelvoudiginformatieobjecten WHERE uuid = $1";
  auto rows = c ? c->query(sql, {std::string(uuid)}) : api.db().read_once(sql, {std::string(uuid)});
  if (rows.empty()) return std::nullopt;
  return Loaded{json::parse(rows[0].text(0)).as_object(), rows[0].optional_text(1)};
}

http::Error not_found() {
  return http::Error(404, "not_found",
                     "Er bestaat geen enkelvoudiginformatieobject met deze uuid.");
}

http::Response create(const CtxPtr& ctx, Call& call) {
  auto& api = *ctx->api;
  Api::require(call.client, *ctx->eio, kAanmaken, std::nullopt);
  auto body = parse_body(call.request);
  auto stored = validate_eio(*ctx, body, nullptr);
  Api::require(call.client, *ctx->eio, kAanmaken, guard_of(stored));
  auto uuid = common::new_uuid();
  stored["uuid"] = uuid;
  stored["url"] = api.url_of(*ctx->eio, uuid);
  if (stored.at("identificatie").is_null() || text(stored, "identificatie").empty()) {
    // The uuid's random end: its start is the moment it was made (common/uuid.hpp).
    stored["identificatie"] = "DOCUMENT-" + uuid.substr(24);
  }
  if (stored.at("indicatieGebruiksrecht").is_bool() &&
      stored.at("indicatieGebruiksrecht").as_bool()) {
    // drc-006: true only through gebruiksrechten, which need the object first.
    throw ValidationError("indicatieGebruiksrecht", "missing-gebruiksrechten",
                          "Maak eerst gebruiksrechten aan; dat zet deze indicatie.");
  }
  stored["versie"] = 1;
  stored["beginRegistratie"] = now_iso();
  stored["locked"] = false;
  stored["bestandsdelen"] = json::array{};
  auto content = staged_content(api, body, stored);
  auto parts = content ? std::nullopt : parts_requested(api, body, stored, nullptr);
  // Content in parts: the object is created locked, and only the lock's holder learns the lock.
  std::optional<std::string> lock;
  if (parts) lock = new_lock_id();
  std::vector<std::string> dropped;
  try {
    api.db().write([&](db::Connection& c) {
      call.connection = &c;
      if (parts) {
        stored["locked"] = true;
        stored["bestandsdelen"] =
            bestandsdelen::plan(c, uuid, *parts, service(api).blobs().options().part_size, dropped);
      }
      write_version(call, *ctx, stored, content, nullptr, "create", parts.has_value());
      if (lock) {
        c.execute("UPDATE zgw_enkelvoudiginformatieobjecten SET lock_id = $1 WHERE uuid = $2",
                  {*lock, uuid});
      }
    });
  } catch (const db::ConstraintError&) {
    throw ValidationError("identificatie", "identificatie-niet-uniek",
                          "Deze identificatie bestaat al bij deze bronorganisatie.");
  }
  // The create answer always has `lock` (EnkelvoudigInformatieObjectCreateLock): empty unless
  // the content follows in parts.
  auto out = api.render(call, *ctx->eio, stored);
  out["lock"] = lock.value_or("");
  if (lock) out["bestandsdelen"] = bestandsdelen::with_lock(out["bestandsdelen"], *lock);
  auto response = http::Response::json(201, out);
  response.headers.set("location", api.absolute(text(stored, "url")));
  return response;
}

http::Response update(const CtxPtr& ctx, Call& call, bool partial) {
  auto& api = *ctx->api;
  auto uuid = std::string(call.request.param("uuid"));
  auto found = load_with_lock(api, nullptr, uuid);
  if (!found) throw not_found();
  Api::require(call.client, *ctx->eio, kBijwerken, guard_of(found->stored));
  auto raw = parse_body(call.request);
  json::object body = raw;
  if (partial) {
    // The stored object holds relative URLs; the checks see absolute ones, as a client sends.
    json::value merged = found->stored;
    api.absolutize(merged);
    body = std::move(merged.as_object());
    for (auto& kv : raw) body[kv.key()] = kv.value();
  }
  auto stored = validate_eio(*ctx, body, &found->stored);
  Api::require(call.client, *ctx->eio, kBijwerken, guard_of(stored));
  // drc-006: the indication follows the gebruiksrechten; a client cannot claim them.
  auto had_rights = found->stored.at("indicatieGebruiksrecht");
  if (stored.at("indicatieGebruiksrecht").is_bool() &&
      stored.at("indicatieGebruiksrecht").as_bool() &&
      !(had_rights.is_bool() && had_rights.as_bool())) {
    throw ValidationError("indicatieGebruiksrecht", "missing-gebruiksrechten",
                          "Maak eerst gebruiksrechten aan; dat zet deze indicatie.");
  }
  auto lock = raw.if_contains("lock");
  auto sent_lock = lock && lock->is_string() ? std::string(lock->as_string()) : std::string();
  auto content = staged_content(api, raw, stored);
  auto parts = content ? std::nullopt : parts_requested(api, raw, stored, &found->stored);
  std::vector<std::string> dropped;
  api.db().write([&](db::Connection& c) {
    call.connection = &c;
    // The lock is checked again in the transaction: an unlock in between wins.
    auto now = load_with_lock(api, &c, uuid);
    if (!now) throw not_found();
    if (!now->lock_id) {
      throw ValidationError("nonFieldErrors", "unlocked",
                            "Vergrendel het informatieobject eerst (POST …/lock).");
    }
    if (sent_lock.empty()) throw ValidationError("lock", "required", "Geef het lock mee.");
    if (sent_lock != *now->lock_id) {
      throw ValidationError("nonFieldErrors", "incorrect-lock-id",
                            "Dit lock hoort niet bij dit informatieobject.");
    }
    auto& before = now->stored;
    stored["uuid"] = uuid;
    stored["url"] = before.at("url");
    stored["versie"] = before.at("versie").as_int64() + 1;
    stored["beginRegistratie"] = now_iso();
    stored["locked"] = true;
    stored["bestandsdelen"] = json::array{};
    // While gebruiksrechten exist the indication stays true; otherwise null or false as sent.
    if (before.at("indicatieGebruiksrecht") == json::value(true)) {
      stored["indicatieGebruiksrecht"] = true;
    }
    if (!content)
      stored["formaat"] = body.contains("formaat") ? stored["formaat"] : before.at("formaat");
    if (parts) {
      stored["bestandsdelen"] =
          bestandsdelen::plan(c, uuid, *parts, service(api).blobs().options().part_size, dropped);
    } else if (content) {
      dropped = bestandsdelen::drop(c, uuid);  // new content replaces an upload in parts
    } else if (const auto* pending = before.if_contains("bestandsdelen")) {
      stored["bestandsdelen"] = *pending;  // only the metadata changed: the upload goes on
    }
    write_version(call, *ctx, stored, content, &before, partial ? "partial_update" : "update",
                  parts.has_value());
  });
  if (!dropped.empty()) service(api).blobs().remove_parts(dropped);
  auto out = api.render(call, *ctx->eio, stored);
  out["bestandsdelen"] = bestandsdelen::with_lock(out["bestandsdelen"], sent_lock);
  return http::Response::json(200, out);
}

http::Response destroy(const CtxPtr& ctx, Call& call) {
  auto& api = *ctx->api;
  auto uuid = std::string(call.request.param("uuid"));
  auto found = load_with_lock(api, nullptr, uuid);
  if (!found) throw not_found();
  Api::require(call.client, *ctx->eio, kVerwijderen, guard_of(found->stored));
  std::vector<std::string> dropped;
  api.db().write([&](db::Connection& c) {
    call.connection = &c;
    // Only without objectinformatieobjecten (the standard's "Vernietigen van informatieobjecten").
    if (!c.query("SELECT 1 FROM document_links WHERE document_uuid = $1", {uuid}).empty()) {
      throw ValidationError("nonFieldErrors", "pending-relations",
                            "Dit informatieobject hoort nog bij een zaak of besluit; verwijder "
                            "eerst die relaties.");
    }
    auto url = text(found->stored, "url");
    // No soft deletes: the object, its versions, gebruiksrechten and audit trail go.
    c.execute("DELETE FROM zgw_gebruiksrechten WHERE document_uuid = $1", {uuid});
    c.execute("DELETE FROM zgw_verzendingen WHERE document_uuid = $1", {uuid});
    dropped = bestandsdelen::drop(c, uuid);
    c.execute("DELETE FROM zgw_eio_versies WHERE uuid = $1", {uuid});
    c.execute("DELETE FROM zgw_enkelvoudiginformatieobjecten WHERE uuid = $1", {uuid});
    cases::remove_audit_trail(c, url);
    if (api.settings().documents) api.settings().documents->remove(c, uuid);
    // The notification's kenmerken travel with the event: the object is gone when it is sent.
    json::object payload{{"document", uuid}};
    for (const char* f :
         {"bronorganisatie", "informatieobjecttype", "vertrouwelijkheidaanduiding"}) {
      payload[f] = text(found->stored, f);
    }
    notify::enqueue_event(c, "document.deleted", json::serialize(payload), documents::now_ms());
  });
  if (!dropped.empty() && api.settings().documents) {
    api.settings().documents->blobs().remove_parts(dropped);
  }
  http::Response response;
  response.status = 204;
  return response;
}

// The version `?versie=` or the one registered at `?registratieOp=`; the latest without them.
json::object version_of(const CtxPtr& ctx, Call& call, const json::object& latest) {
  auto& api = *ctx->api;
  auto uuid = text(latest, "uuid");
  std::optional<std::int64_t> versie;
  std::optional<std::string> at;
  for (const auto& [name, value] : call.request.query) {
    if (name == "versie") {
      try {
        std::size_t used = 0;
        versie = std::stoll(value, &used);
        if (used != value.size() || *versie < 1) throw std::invalid_argument("versie");
      } catch (const std::exception&) {
        throw ValidationError("versie", "invalid", "Geef een versienummer (1, 2, …).");
      }
    } else if (name == "registratieOp") {
      if (!is_datetime(value)) {
        throw ValidationError("registratieOp", "invalid", "Geef een datum-tijd (ISO 8601).");
      }
      at = value;
    } else if (name != "expand") {
      throw ValidationError("nonFieldErrors", "unknown-parameters", "Onbekende parameter: " + name);
    }
  }
  if (!versie && !at) return latest;
  db::Rows rows;
  if (versie) {
    rows = api.db().read_once("SELECT data FROM zgw_eio_versies WHERE uuid = $1 AND versie = $2",
                              {uuid, *versie});
  } else {
    // Stored with microseconds in UTC ("…Z"): compare the same text form.
    auto when = *at;
    if (when.ends_with("Z") && when.find('.') == std::string::npos) {
      when = when.substr(0, when.size() - 1) + ".999999Z";
    }
    rows = api.db().read_once(
        "SELECT data FROM zgw_eio_versies WHERE uuid = $1 AND begin_registratie <= $2 ORDER BY "
        "versie DESC LIMIT 1",
        {uuid, when});
  }
  if (rows.empty()) throw http::Error(404, "not_found", "Deze versie bestaat niet.");
  auto out = json::parse(rows[0].text(0)).as_object();
  out["locked"] = latest.at("locked");
  return out;
}

http::Response read(const CtxPtr& ctx, Call& call) {
  auto& api = *ctx->api;
  auto found = api.load(*ctx->eio, call.request.param("uuid"));
  if (!found) throw not_found();
  if (!api.may_read(call, *ctx->eio, *found)) {
    throw http::Error(403, "permission_denied",
                      "Deze client heeft hiervoor geen autorisatie (scope documenten.lezen, voor "
                      "dit type en deze vertrouwelijkheid).");
  }
  return http::Response::json(200, api.render(call, *ctx->eio, version_of(ctx, call, *found)));
}

http::Response download(const CtxPtr& ctx, Call& call) {
  auto& api = *ctx->api;
  auto found = api.load(*ctx->eio, call.request.param("uuid"));
  if (!found) throw not_found();
  if (!api.may_read(call, *ctx->eio, *found)) {
    throw http::Error(403, "permission_denied",
                      "Deze client heeft hiervoor geen autorisatie (scope documenten.lezen).");
  }
  auto version = version_of(ctx, call, *found);
  if (version.at("inhoud").is_null()) {
    throw http::Error(404, "not_found", "Dit informatieobject heeft (nog) geen inhoud.");
  }
  auto got = service(api).download(text(version, "uuid"), version.at("versie").as_int64());
  if (!got) throw document_refusal_error(got.error());
  if (!text(version, "bestandsnaam").empty()) got->filename = text(version, "bestandsnaam");
  return documents::download_response(std::move(*got));
}

http::Response lock(const CtxPtr& ctx, Call& call) {
  auto& api = *ctx->api;
  auto uuid = std::string(call.request.param("uuid"));
  auto found = load_with_lock(api, nullptr, uuid);
  if (!found) throw not_found();
  Api::require(call.client, *ctx->eio, kLock, guard_of(found->stored));
  auto id = new_lock_id();
  api.db().write([&](db::Connection& c) {
    call.connection = &c;
    auto now = load_with_lock(api, &c, uuid);
    if (!now) throw not_found();
    if (now->lock_id) {
      throw ValidationError("nonFieldErrors", "existing-lock",
                            "Dit informatieobject is al vergrendeld.");
    }
    auto stored = now->stored;
    stored["locked"] = true;
    api.store(c, *ctx->eio, stored, false);
    c.execute("UPDATE zgw_enkelvoudiginformatieobjecten SET lock_id = $1 WHERE uuid = $2",
              {id, uuid});
  });
  return http::Response::json(200, json::object{{"lock", id}});
}

http::Response unlock(const CtxPtr& ctx, Call& call) {
  auto& api = *ctx->api;
  auto uuid = std::string(call.request.param("uuid"));
  auto found = load_with_lock(api, nullptr, uuid);
  if (!found) throw not_found();
  Api::require(call.client, *ctx->eio, kLock, guard_of(found->stored));
  json::object body;
  if (!call.request.body.empty()) body = parse_body(call.request);
  auto sent = string_at(body, "lock");
  bool forced =
      call.client.all_rights ||
      call.client.may(kDocumenten.code, kForcedUnlock, text(found->stored, "informatieobjecttype"),
                      guard_of(found->stored).level);
  // Content uploaded in parts is joined when its lock's holder unlocks: every part complete,
  // then the same checks as inline content (type, allow-list, size), all outside the
  // transaction. A forced unlock without the lock discards an unfinished upload.
  auto parts = bestandsdelen::of(api.db(), uuid);
  std::optional<documents::PreparedContent> joined;
  bool holder = sent && !sent->empty() && found->lock_id && *sent == *found->lock_id;
  if (holder && !parts.uuids.empty()) {
    auto incomplete = [&](std::int64_t missing) {
      return ValidationError("nonFieldErrors", "incomplete-upload",
                             "Nog niet alle bestandsdelen zijn geüpload (" +
                                 std::to_string(missing) + " van " +
                                 std::to_string(parts.uuids.size()) + " ontbreken).");
    };
    if (parts.incomplete > 0) throw incomplete(parts.incomplete);
    auto& svc = service(api);
    auto staged = svc.blobs().join_parts(parts.uuids, "inhoud");
    if (!staged) throw incomplete(1);
    if (!*staged) throw document_refusal_error(staged->error());
    auto prepared = svc.prepare(std::move(**staged), new_document(found->stored));
    if (!prepared) throw document_refusal_error(prepared.error());
    joined = std::move(*prepared);
  }
  std::vector<std::string> dropped;
  api.db().write([&](db::Connection& c) {
    call.connection = &c;
    auto now = load_with_lock(api, &c, uuid);
    if (!now) throw not_found();
    bool right_lock = sent && now->lock_id && *sent == *now->lock_id;
    // Administrators (documenten.geforceerd-unlock) leave the lock out.
    if (!right_lock && !(forced && (!sent || sent->empty()))) {
      throw ValidationError("nonFieldErrors", "incorrect-lock-id",
                            "Dit lock hoort niet bij dit informatieobject.");
    }
    auto stored = now->stored;
    stored["locked"] = false;
    auto current = bestandsdelen::of(c, uuid);
    if (right_lock && !current.uuids.empty()) {
      if (!joined || current.uuids != parts.uuids || current.incomplete > 0) {
        throw http::Error(409, "conflict",
                          "De bestandsdelen zijn intussen gewijzigd; ontgrendel opnieuw.");
      }
      auto versie = stored.at("versie").as_int64();
      auto done = service(api).commit(c, *joined, new_document(stored), uuid, versie);
      if (!done) throw document_refusal_error(done.error());
      json::value before = now->stored;
      stored["bestandsomvang"] = done->blob.size;
      if (text(stored, "formaat").empty()) stored["formaat"] = done->blob.media_type;
      stored["inhoud"] = download_path(*ctx, uuid, versie);
      stored["bestandsdelen"] = json::array{};
      dropped = bestandsdelen::drop(c, uuid);
      auto data = api.store(c, *ctx->eio, stored, false);
      c.execute("UPDATE zgw_eio_versies SET data = $1 WHERE uuid = $2 AND versie = $3",
                {json::serialize(data), uuid, versie});
      api.audit(call, *ctx->eio, "update", 200, text(stored, "url"), text(stored, "url"), before,
                data);
      documents::DocumentService::emit(c, "document.updated", uuid);
    } else {
      if (!current.uuids.empty()) {
        dropped = bestandsdelen::drop(c, uuid);
        stored["bestandsdelen"] = json::array{};
      }
      auto data = api.store(c, *ctx->eio, stored, false);
      if (!current.uuids.empty()) {
        c.execute("UPDATE zgw_eio_versies SET data = $1 WHERE uuid = $2 AND versie = $3",
                  {json::serialize(data), uuid, stored.at("versie").as_int64()});
      }
    }
    c.execute("UPDATE zgw_enkelvoudiginformatieobjecten SET lock_id = NULL WHERE uuid = $1",
              {uuid});
  });
  if (!dropped.empty()) service(api).blobs().remove_parts(dropped);
  http::Response response;
  response.status = 204;
  return response;
}

void add_audittrail(Api& api, const CtxPtr& ctx) {
  auto owner_of = [ctx](Call& call) {
    auto uuid = std::string(call.request.param("eio_uuid"));
    auto found = call.api.load(*ctx->eio, uuid);
    if (!found) throw not_found();
    Api::require(call.client, *ctx->eio, kAudittrails, guard_of(*found));
    return call.api.url_of(*ctx->eio, uuid);
  };
  api.add_audit_routes(kDocumenten, "/enkelvoudiginformatieobjecten/{eio_uuid}",
                       "De audit trail van een informatieobject.",
                       "Een regel uit de audit trail van een informatieobject.", owner_of);
}

// _zoek: the list's filters in a JSON body, plus uuid__in.
http::Response search(const CtxPtr& ctx, Call& call) {
  auto& api = *ctx->api;
  Api::require(call.client, *ctx->eio, kLezen, std::nullopt);
  auto body = parse_body(call.request);
  Where where;
  std::vector<http::InvalidParam> errors;
  for (const auto& kv : body) {
    auto key = std::string(kv.key());
    if (key == "uuid__in") {
      if (!kv.value().is_array()) {
        errors.push_back({"uuid__in", "invalid", "Geef een lijst van uuids."});
        continue;
      }
      std::string list;
      for (const auto& u : kv.value().as_array()) {
        if (!u.is_string() || !common::is_uuid(u.as_string())) {
          errors.push_back({"uuid__in", "invalid", "Geef een lijst van uuids."});
          break;
        }
        list += (list.empty() ? "" : ", ") + where.bind(std::string(u.as_string()));
      }
      where.add(list.empty() ? "1 = 0" : "uuid IN (" + list + ")");
      continue;
    }
    auto f = std::find_if(ctx->eio->filters.begin(), ctx->eio->filters.end(),
                          [&](const Filter& x) { return x.name == key; });
    if (f == ctx->eio->filters.end() || !kv.value().is_string()) {
      errors.push_back({"nonFieldErrors", "unknown-parameters", "Onbekende parameter: " + key});
      continue;
    }
    try {
      f->apply(api, where, kv.value().as_string());
    } catch (const http::Error& e) {
      errors.insert(errors.end(), e.invalid_params().begin(), e.invalid_params().end());
    }
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
  Api::guard_list_by_type(call.client, kDocumenten, kLezen, where, "informatieobjecttype",
                          "vertrouwelijkheid");
  auto page = zgw_page(call.request, api.settings().page_size, errors);
  auto count_params = where.params();  // without the paging parameters bound next
  auto sql = "SELECT data FROM zgw_enkelvoudiginformatieobjecten" + where.sql() +
             " ORDER BY uuid LIMIT " + where.bind(page.size) + " OFFSET " +
             where.bind(page.offset());
  auto rows = api.db().read_once(sql, where.params());
  json::array results;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto obj = json::parse(rows[i].text(0)).as_object();
    if (!api.may_read(call, *ctx->eio, obj)) continue;
    results.push_back(api.render(call, *ctx->eio, std::move(obj)));
  }
  // Counted only when the page is full (no window count: it makes every matching row).
  auto total = cases::list_total(page.offset(), page.size, rows.size());
  if (!total) {
    auto counted = api.db().read_once(
        "SELECT COUNT(*) FROM zgw_enkelvoudiginformatieobjecten" + where.sql(), count_params);
    total = counted.empty() ? 0 : counted[0].integer(0);
  }
  return http::Response::json(200, json::object{{"count", *total},
                                                {"next", nullptr},
                                                {"previous", nullptr},
                                                {"results", std::move(results)}});
}

}  // namespace

std::optional<std::string> informatieobject_uuid(Api& api, std::string_view url) {
  auto rel = api.relative(url);
  auto prefix = std::string(kDocumenten.mount) + "/" + std::string(kPath) + "/";
  if (!rel.starts_with(prefix)) return std::nullopt;
  auto uuid = rel.substr(prefix.size());
  if (!common::is_uuid(uuid)) return std::nullopt;
  return uuid;
}

void add_enkelvoudiginformatieobjecten(Api& api, const Catalogi& catalogi, Documenten& out);

void add_enkelvoudiginformatieobjecten(Api& api, const Catalogi& catalogi, Documenten& out) {
  auto ctx = std::make_shared<Ctx>();
  ctx->api = &api;
  ctx->catalogi = catalogi;
  Resource r;
  r.component = &kDocumenten;
  r.name = "enkelvoudiginformatieobject";
  r.path = std::string(kPath);
  r.table = "zgw_enkelvoudiginformatieobjecten";
  // Create, read, change and delete are this file's own routes (content, versions, the lock);
  // the engine lists.
  r.ops = {Op::List};
  r.read_scope = kLezen;
  r.create_scope = kAanmaken;
  r.update_scope = kBijwerken;
  r.destroy_scope = kVerwijderen;
  r.columns = {text_column("identificatie", "identificatie"),
               text_column("bronorganisatie", "bronorganisatie"),
               text_column("informatieobjecttype", "informatieobjecttype"),
               level_column("vertrouwelijkheid", "vertrouwelijkheidaanduiding"),
               integer_column("versie", "versie"),
               text_column("creatiedatum", "creatiedatum")};
  r.filters = {exact("identificatie", "identificatie"),
               exact("bronorganisatie", "bronorganisatie")};
  r.filters.push_back({"objectinformatieobjecten_object", [](Api& a, Where& w, std::string_view v) {
                         if (!is_url(v)) {
                           throw ValidationError("objectinformatieobjecten_object", "invalid",
                                                 "Geef een volledige URL.");
                         }
                         w.add("uuid IN (SELECT document_uuid FROM document_links WHERE object = " +
                               w.bind(a.relative(v)) + ")");
                       }});
  r.filters.push_back(
      {"objectinformatieobjecten_objectType", [](Api&, Where& w, std::string_view v) {
         if (v != "zaak" && v != "besluit") {
           throw ValidationError("objectinformatieobjecten_objectType", "invalid_choice",
                                 "Kies zaak of besluit.");
         }
         w.add("uuid IN (SELECT document_uuid FROM document_links WHERE object_type = " +
               w.bind(std::string(v)) + ")");
       }});
  r.filters.push_back(
      {"trefwoorden", [](Api&, Where& w, std::string_view v) {
         // Every keyword given (comma-separated) is among the object's.
         std::size_t start = 0;
         while (start <= v.size()) {
           auto comma = v.find(',', start);
           auto item = v.substr(
               start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
           if (!item.empty()) {
             json::string quoted(item);
             w.add("data LIKE " + w.bind("%" + json::serialize(json::value(quoted)) + "%"));
           }
           if (comma == std::string_view::npos) break;
           start = comma + 1;
         }
       }});
  r.default_order = "uuid";
  r.guard = [](Call&, const json::object& stored) -> std::optional<Guard> {
    return guard_of(stored);
  };
  r.list_guard = [](Call& call, Where& w, std::string_view scope) {
    Api::guard_list_by_type(call.client, kDocumenten, scope, w, "informatieobjecttype",
                            "vertrouwelijkheid");
  };
  ctx->eio = &api.add(std::move(r));
  out.informatieobject = ctx->eio;

  const std::string item = "/enkelvoudiginformatieobjecten/{uuid}";
  api.route(kDocumenten, http::Method::Post, "/enkelvoudiginformatieobjecten/_zoek",
            "Zoek informatieobjecten (filters en uuid__in in de body).",
            [ctx](Call& call) { return search(ctx, call); });
  api.route(kDocumenten, http::Method::Post, "/enkelvoudiginformatieobjecten",
            "Maak een informatieobject aan (inhoud inline als base64).",
            [ctx](Call& call) { return create(ctx, call); });
  api.route(kDocumenten, http::Method::Get, item + "/download",
            "De inhoud van een informatieobject (?versie=).",
            [ctx](Call& call) { return download(ctx, call); });
  api.route(kDocumenten, http::Method::Post, item + "/lock", "Vergrendel een informatieobject.",
            [ctx](Call& call) { return lock(ctx, call); });
  api.route(kDocumenten, http::Method::Post, item + "/unlock",
            "Ontgrendel een informatieobject (geforceerd zonder lock).",
            [ctx](Call& call) { return unlock(ctx, call); });
  api.route(kDocumenten, http::Method::Get, item,
            "Een informatieobject opvragen (?versie=, ?registratieOp=).",
            [ctx](Call& call) { return read(ctx, call); });
  api.route(kDocumenten, http::Method::Put, item,
            "Werk een informatieobject bij (met lock; een nieuwe versie).",
            [ctx](Call& call) { return update(ctx, call, false); });
  api.route(kDocumenten, http::Method::Patch, item,
            "Werk een informatieobject deels bij (met lock; een nieuwe versie).",
            [ctx](Call& call) { return update(ctx, call, true); });
  api.route(kDocumenten, http::Method::Delete, item, "Verwijder een informatieobject.",
            [ctx](Call& call) { return destroy(ctx, call); });
  add_audittrail(api, ctx);
  bestandsdelen::add_routes(api, ctx->eio);
}

}  // namespace loket::zgw
