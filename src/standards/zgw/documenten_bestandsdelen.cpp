// The Documenten API's bestandsdelen: a large file uploaded in parts. Creating or updating an
// informatieobject without `inhoud` but with `bestandsomvang` plans the parts (here); each part
// is PUT here with the lock, written whole to the blob store's parts folder (a part sent again
// replaces the earlier one atomically); unlocking joins them (documenten_eio.cpp).
#include "standards/zgw/documenten_bestandsdelen.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>
#include <vector>

#include "common/confidentiality.hpp"
#include "common/json.hpp"
#include "common/uuid.hpp"
#include "documents/document_service.hpp"
#include "http/error.hpp"
#include "http/form.hpp"
#include "http/multipart.hpp"
#include "standards/zgw/document_refusal.hpp"
#include "standards/zgw/validate.hpp"

namespace loket::zgw::bestandsdelen {
namespace json = boost::json;

namespace {

using common::text;

constexpr std::string_view kBijwerken = "documenten.bijwerken";

std::string part_url(std::string_view uuid) {
  return std::string(kDocumenten.mount) + "/bestandsdelen/" + std::string(uuid);
}

http::Error not_found() {
  return http::Error(404, "not_found", "Er bestaat geen bestandsdeel met deze uuid.");
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The two fields of a part upload; `inhoud` points into the request body.
struct PartFields {
  std::optional<std::string_view> inhoud;
  std::optional<std::string> inhoud_owned;  // form-urlencoded: the decoded bytes
  std::optional<std::string> lock;
};

PartFields part_fields(const http::Request& request) {
  auto type = request.header("content-type").value_or("");
  auto media = lower(trim(type.substr(0, type.find(';'))));
  if (media == "multipart/form-data") {
    std::optional<std::vector<http::MultipartPart>> parts;
    if (auto boundary = http::multipart_boundary(type)) {
      parts = http::parse_multipart(request.body, *boundary);
    }
    if (!parts) {
      throw ValidationError("nonFieldErrors", "parse_error",
                            "De multipart/form-data-inhoud is niet goed opgebouwd.");
    }
    PartFields out;
    for (const auto& part : *parts) {
      if (part.name == "inhoud" && !out.inhoud) out.inhoud = part.content;
      if (part.name == "lock" && !out.lock) out.lock = std::string(part.content);
    }
    return out;
  }
  if (media == "application/x-www-form-urlencoded") {
    PartFields out;
    auto inhoud = http::find_form_field(request.body, "inhoud");
    if (inhoud.state == http::FormField::State::Malformed) {
      throw ValidationError("inhoud", "invalid",
                            "Deze inhoud is niet te lezen; stuur binaire delen als "
                            "multipart/form-data.");
    }
    if (inhoud.state == http::FormField::State::Present) {
      out.inhoud_owned = std::move(inhoud.value);
      out.inhoud = *out.inhoud_owned;
    }
    out.lock = http::form_field(request.body, "lock");
    return out;
  }
  throw http::Error(415, "unsupported_media_type",
                    "Stuur een bestandsdeel als multipart/form-data (velden inhoud en lock).");
}

Guard guard_of(const json::object& stored) {
  return {text(stored, "informatieobjecttype"),
          common::confidentiality_level(text(stored, "vertrouwelijkheidaanduiding"))};
}

std::optional<std::string> lock_of(db::Connection& c, const std::string& document_uuid) {
  auto rows = c.query("SELECT lock_id FROM zgw_enkelvoudiginformatieobjecten WHERE uuid = $1",
                      {document_uuid});
  if (rows.empty()) return std::nullopt;
  return rows[0].optional_text(0);
}

http::Response put_part(Api& api, const Resource& eio, Call& call) {
  auto id = std::string(call.request.param("uuid"));
  if (!common::is_uuid(id)) throw not_found();
  auto rows = api.db().read_once(
      "SELECT document_uuid, volgnummer, omvang FROM zgw_bestandsdelen WHERE uuid = $1", {id});
  if (rows.empty()) throw not_found();
  auto document_uuid = rows[0].text(0);
  auto volgnummer = rows[0].integer(1);
  auto omvang = rows[0].integer(2);
  auto found = api.load(eio, document_uuid);
  if (!found) throw not_found();
  // The object's rights: changing its content is documenten.bijwerken for its type and level.
  Api::require(call.client, eio, kBijwerken, guard_of(*found));
  auto fields = part_fields(call.request);
  if (!fields.lock || fields.lock->empty()) {
    throw ValidationError("lock", "required", "Geef het lock van het informatieobject mee.");
  }
  if (!fields.inhoud) throw ValidationError("inhoud", "required", "Geef de inhoud van dit deel.");
  auto check_lock = [&](db::Connection& c) {
    auto lock = lock_of(c, document_uuid);
    if (!lock || *lock != *fields.lock) {
      throw ValidationError("nonFieldErrors", "incorrect-lock-id",
                            "Dit lock hoort niet bij het informatieobject van dit bestandsdeel.");
    }
  };
  if (static_cast<std::int64_t>(fields.inhoud->size()) != omvang) {
    throw ValidationError("inhoud", "file-size",
                          "Dit bestandsdeel moet precies " + std::to_string(omvang) +
                              " bytes zijn; ontvangen: " + std::to_string(fields.inhoud->size()) +
                              ".");
  }
  auto* svc = api.settings().documents;
  if (!svc) {
    throw http::Error(503, "service_unavailable", "De documentopslag is niet geconfigureerd.");
  }
  // The lock first (no write for a stranger), then the file: synced and renamed over the part's
  // name before the row says it is complete, so a complete row never names a partial file.
  auto lock_now = api.db().read_once(
      "SELECT lock_id FROM zgw_enkelvoudiginformatieobjecten WHERE uuid = $1", {document_uuid});
  if (lock_now.empty() || lock_now[0].optional_text(0) != fields.lock) {
    throw ValidationError("nonFieldErrors", "incorrect-lock-id",
                          "Dit lock hoort niet bij het informatieobject van dit bestandsdeel.");
  }
  if (auto r = svc->blobs().put_part(id, *fields.inhoud, "inhoud"); !r) {
    throw document_refusal_error(r.error());
  }
  api.db().write([&](db::Connection& c) {
    call.connection = &c;
    check_lock(c);
    if (c.query("SELECT 1 FROM zgw_bestandsdelen WHERE uuid = $1", {id}).empty()) {
      throw not_found();  // replaced by a new plan meanwhile
    }
    c.execute("UPDATE zgw_bestandsdelen SET voltooid = 1 WHERE uuid = $1", {id});
    // The representation shows the part complete (latest and its version row).
    auto now = api.load(c, eio, document_uuid);
    if (!now) throw not_found();
    if (auto* parts = now->if_contains("bestandsdelen"); parts && parts->is_array()) {
      for (auto& p : parts->as_array()) {
        if (p.is_object() && text(p.as_object(), "url") == part_url(id)) {
          p.as_object()["voltooid"] = true;
        }
      }
    }
    auto data = api.store(c, eio, *now, false);
    c.execute("UPDATE zgw_eio_versies SET data = $1 WHERE uuid = $2 AND versie = $3",
              {json::serialize(data), document_uuid, now->at("versie").as_int64()});
  });
  return http::Response::json(200, json::object{{"url", api.absolute(part_url(id))},
                                                {"lock", *fields.lock},
                                                {"omvang", omvang},
                                                {"voltooid", true},
                                                {"volgnummer", volgnummer}});
}

}  // namespace

json::array plan(db::Connection& c, const std::string& document_uuid, std::uint64_t omvang,
                 std::uint64_t part_size, std::vector<std::string>& dropped) {
  auto old = drop(c, document_uuid);
  dropped.insert(dropped.end(), old.begin(), old.end());
  json::array out;
  std::int64_t volgnummer = 0;
  for (std::uint64_t offset = 0; offset < omvang; offset += part_size) {
    auto size = std::min(part_size, omvang - offset);
    auto id = common::new_uuid();
    ++volgnummer;
    c.execute(
        "INSERT INTO zgw_bestandsdelen (uuid, document_uuid, volgnummer, omvang, voltooid) VALUES "
        "($1, $2, $3, $4, 0)",
        {id, document_uuid, volgnummer, static_cast<std::int64_t>(size)});
    out.push_back(json::object{{"url", part_url(id)},
                               {"volgnummer", volgnummer},
                               {"omvang", static_cast<std::int64_t>(size)},
                               {"voltooid", false},
                               {"lock", ""}});
  }
  return out;
}

std::vector<std::string> drop(db::Connection& c, const std::string& document_uuid) {
  std::vector<std::string> out;
  auto rows =
      c.query("SELECT uuid FROM zgw_bestandsdelen WHERE document_uuid = $1", {document_uuid});
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows[i].text(0));
  if (!out.empty()) {
    c.execute("DELETE FROM zgw_bestandsdelen WHERE document_uuid = $1", {document_uuid});
  }
  return out;
}

namespace {
constexpr std::string_view kPartsSql =
    "SELECT uuid, voltooid FROM zgw_bestandsdelen WHERE document_uuid = $1 ORDER BY volgnummer";
Parts parts_from(const db::Rows& rows) {
  Parts out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.uuids.push_back(rows[i].text(0));
    if (rows[i].integer(1) == 0) ++out.incomplete;
  }
  return out;
}
}  // namespace

Parts of(db::Connection& c, const std::string& document_uuid) {
  return parts_from(c.query(kPartsSql, {document_uuid}));
}

Parts of(db::Database& db, const std::string& document_uuid) {
  return parts_from(db.read_once(kPartsSql, {document_uuid}));
}

json::value with_lock(const json::value& parts, const std::string& lock) {
  json::value out = parts;
  if (out.is_array()) {
    for (auto& p : out.as_array()) {
      if (p.is_object()) p.as_object()["lock"] = lock;
    }
  }
  return out;
}

void add_routes(Api& api, const Resource* eio) {
  api.route(kDocumenten, http::Method::Put, "/bestandsdelen/{uuid}",
            "Upload een bestandsdeel (multipart/form-data: inhoud en lock).",
            [&api, eio](Call& call) { return put_part(api, *eio, call); });
}

}  // namespace loket::zgw::bestandsdelen
