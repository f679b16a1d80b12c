// Documents that came in through another door — a resident's upload sent with an application, a
// document a case worker added in the back office — as the Documenten and Zaken APIs show them:
// an enkelvoudiginformatieobject (the domain's document under the same uuid, so the content,
// versions and objectinformatieobjecten are the domain's) and the zaakinformatieobject of its
// link. Made by the event dispatcher when it handles the link, in the transaction that publishes
// the notifications, so a subscriber that fetches the URL it is told finds the object.
#include <boost/json.hpp>
#include <chrono>

#include "cases/case_store_zgw.hpp"
#include "common/instant.hpp"
#include "common/log.hpp"
#include "common/uuid.hpp"
#include "documents/case_documents.hpp"
#include "documents/document_store.hpp"
#include "standards/zgw/catalogue.hpp"
#include "standards/zgw/documenten.hpp"
#include "standards/zgw/zaken_relations_rules.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

// The UTC date of a moment in milliseconds, "2026-12-01".
std::string day_of(std::int64_t ms) {
  return common::format_instant_micros(
             std::chrono::system_clock::time_point(std::chrono::milliseconds(ms)))
      .substr(0, 10);
}

// The published informatieobjecttype named `omschrijving` in the zaaktype's catalogus (relative
// URL), or "" when there is none.
std::string type_in_catalogus(Api& api, db::Connection& c, const std::string& zaaktype,
                              const std::string& omschrijving) {
  const auto& zaaktypen = api.resource(kCatalogi, "zaaktypen");
  auto uuid = api.uuid_of(zaaktypen, zaaktype);
  if (!uuid) return {};
  auto type = api.load(c, zaaktypen, *uuid);
  if (!type) return {};
  const auto* catalogus = type->if_contains("catalogus");
  if (!catalogus || !catalogus->is_string()) return {};
  auto rows = c.query(
      "SELECT uuid FROM zgw_informatieobjecttypen WHERE catalogus = $1 AND omschrijving = $2 "
      "AND concept = 0 ORDER BY begin_geldigheid DESC LIMIT 1",
      {api.relative(catalogus->as_string()), omschrijving});
  if (rows.empty()) return {};
  return api.url_of(api.resource(kCatalogi, "informatieobjecttypen"), rows[0].text(0));
}

}  // namespace

ProjectedLink project_case_document(Api& api, db::Connection& c, const std::string& document_uuid,
                                    const std::string& case_id) {
  ProjectedLink out;
  // The portal and the back office as the audit trail's actor; the hooks run in `c`.
  Client client;
  client.client_id = "loket";
  client.label = "Loket (portaal en backoffice)";
  client.all_rights = true;
  http::Request request;
  Call call{api, client, request};
  call.connection = &c;
  const auto& eio = api.resource(kDocumenten, "enkelvoudiginformatieobjecten");
  const auto& zio = api.resource(kZaken, "zaakinformatieobjecten");
  auto zaak_url = std::string(kZaken.mount) + "/zaken/" + case_id;
  auto eio_url = api.url_of(eio, document_uuid);
  // Only a link that still stands (it may have been undone before the event was handled).
  if (c.query("SELECT 1 FROM document_links WHERE document_uuid = $1 AND object = $2",
              {document_uuid, zaak_url})
          .empty()) {
    return out;
  }
  auto existing = c.query(
      "SELECT uuid FROM zgw_zaakinformatieobjecten WHERE zaak_uuid = $1 AND informatieobject = $2",
      {case_id, eio_url});
  if (!existing.empty()) {  // the Zaken API's own relation, or made before
    out.zaakinformatieobject = existing[0].text(0);
    return out;
  }
  auto facts = cases::zgw_rows::case_facts(c, case_id);
  auto doc = documents::find_document(c, document_uuid);
  if (!facts || !doc) return out;

  if (!api.load(c, eio, document_uuid)) {
    auto blob = documents::find_blob(c, doc->blob_sha256);
    if (!blob) return out;
    // A case worker's document, or else a resident's upload (its title is the product's name of
    // the document asked for, which is its informatieobjecttype's omschrijving).
    std::optional<documents::StaffDocument> staff;
    for (auto& s : documents::staff_documents(c, case_id, false)) {
      if (s.document_uuid == document_uuid) staff = std::move(s);
    }
    auto type = type_in_catalogus(api, c, facts->case_type,
                                  staff ? std::string(kStaffDocumentType) : doc->title);
    if (type.empty()) {
      common::log::warn("document not shown in the Documenten API: no informatieobjecttype",
                        {{"document", document_uuid}, {"case", case_id}});
      return out;
    }
    auto now = common::now_micros();
    json::object stored{
        {"url", eio_url},
        {"uuid", document_uuid},
        {"identificatie", "DOCUMENT-" + document_uuid.substr(24)},
        {"bronorganisatie", facts->organisation_rsin},
        {"creatiedatum", day_of(doc->created_at)},
        {"titel", doc->title.substr(0, 200)},
        {"vertrouwelijkheidaanduiding", doc->confidentiality},
        {"auteur", staff ? "Behandelaar" : "Aanvrager"},
        {"status", "definitief"},
        {"formaat", blob->media_type},
        {"taal", "dut"},
        {"bestandsnaam", doc->filename.substr(0, 255)},
        {"link", ""},
        {"beschrijving", ""},
        // A resident's upload was received on the day it came; a case worker's document is the
        // organisation's own.
        {"ontvangstdatum", staff ? json::value(nullptr) : json::value(day_of(doc->created_at))},
        {"verzenddatum", nullptr},
        // Known: no conditions on its use beyond consulting it (zrc-007 closes the zaak only
        // when every document says so; a case worker has no gebruiksrechten to record).
        {"indicatieGebruiksrecht", false},
        {"verschijningsvorm", ""},
        {"ondertekening", nullptr},
        {"integriteit", nullptr},
        {"isGereedVoorPublicatie", nullptr},
        // The applicant sees their own uploads and the case worker's documents marked so.
        {"tonenAanInitiator", staff ? staff->visible : true},
        {"inhoudIsVervallen", nullptr},
        {"trefwoorden", json::array{}},
        {"bestandsomvang", blob->size},
        {"informatieobjecttype", type},
        {"versie", doc->version},
        {"beginRegistratie", now},
        {"locked", false},
        {"bestandsdelen", json::array{}},
        {"inhoud", eio_url + "/download?versie=" + std::to_string(doc->version)}};
    auto data = api.store(c, eio, stored, true);
    c.execute(
        "INSERT INTO zgw_eio_versies (uuid, versie, begin_registratie, data) VALUES ($1, $2, $3, "
        "$4)",
        {document_uuid, doc->version, now, json::serialize(data)});
    api.audit(call, eio, "create", 201, eio_url, eio_url, nullptr, data);
    out.informatieobject_created = true;
  }

  auto uuid = common::new_uuid();
  auto url = api.url_of(zio, uuid);
  json::object relation{{"url", url},
                        {"uuid", uuid},
                        {"zaak", zaak_url},
                        {"informatieobject", eio_url},
                        {"aardRelatieWeergave", kAardRelatieHoortBij},
                        {"titel", doc->title.substr(0, 200)},
                        {"beschrijving", ""},
                        {"registratiedatum", common::now_micros()},
                        {"vernietigingsdatum", nullptr},
                        {"status", nullptr}};
  // The Zaken API's hooks: the zaak's list of them, the (existing) document link, the audit trail.
  api.create_derived(call, zio, std::move(relation));
  out.zaakinformatieobject = uuid;
  return out;
}

}  // namespace loket::zgw
