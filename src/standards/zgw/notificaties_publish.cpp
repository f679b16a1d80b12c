// Loket's domain events as the Notificaties standard's messages: which kanaal, hoofdObject,
// resource, resourceUrl, actie and kenmerken each kind of event stands for. A change through any
// door (ZGW, portal, back office) emits the same event, so it notifies the same way.
#include <chrono>
#include <cstdio>
#include <map>

#include "cases/case_store_zgw.hpp"
#include "common/confidentiality.hpp"
#include "common/json.hpp"
#include "standards/zgw/documenten.hpp"
#include "standards/zgw/notificaties.hpp"

namespace loket::zgw {
namespace {

namespace json = boost::json;

using common::text;

std::string rfc3339_ms(std::int64_t ms) {
  using namespace std::chrono;
  sys_time<milliseconds> t{milliseconds(ms)};
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss hms{t - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                static_cast<int>(hms.subseconds().count()));
  return buf;
}

struct Part {
  std::string resource, url, actie;
};

// The kind's last part ("case.status_set" → "status_set").
std::string_view verb(std::string_view kind) {
  auto dot = kind.find('.');
  return dot == std::string_view::npos ? kind : kind.substr(dot + 1);
}

std::string actie_of(std::string_view v) {
  if (v == "created" || v == "linked" || v == "party_added") return "create";
  if (v == "deleted" || v == "unlinked" || v == "party_removed") return "destroy";
  return "partial_update";
}

}  // namespace

std::vector<json::object> messages_for(Api& api, db::Connection& c, const notify::Event& e) {
  const auto& p = e.payload;
  auto v = verb(e.kind);
  auto abs = [&](std::string_view rel) { return api.absolute(rel); };
  std::string kanaal, hoofd;
  json::object kenmerken;
  std::vector<Part> parts;
  std::vector<json::object> early;  // messages before those of `parts`, of another kanaal
  auto message = [&](std::string_view kanaal_of, const std::string& hoofd_of,
                     const json::object& kenmerken_of, const Part& part) {
    return json::object{{"kanaal", kanaal_of},       {"hoofdObject", hoofd_of},
                        {"resource", part.resource}, {"resourceUrl", part.url},
                        {"actie", part.actie},       {"aanmaakdatum", rfc3339_ms(e.created_ms)},
                        {"kenmerken", kenmerken_of}};
  };

  // The zaak's kenmerken: from its row, or (when it is gone) from the payload.
  auto zaak_kenmerken = [&](const std::string& zaak) {
    json::object k;
    if (auto facts = cases::zgw_rows::case_facts(c, zaak)) {
      k["bronorganisatie"] = facts->organisation_rsin;
      const auto& type = facts->case_type;  // relative for our own zaaktypen
      k["zaaktype"] = type.starts_with("/zgw/") ? abs(type) : type;
      k["vertrouwelijkheidaanduiding"] = std::string(common::confidentiality_name(facts->level));
    } else {  // a deleted zaak: the event carries them
      for (const char* f : {"bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"}) {
        auto value = text(p, f);
        if (value.empty()) continue;
        k[f] = value.starts_with("/zgw/") ? abs(value) : value;
      }
    }
    return k;
  };
  // A document's kenmerken: from its representation, or from the payload of a deleted one.
  auto document_kenmerken = [&](const json::object& from) {
    json::object k;
    for (const char* f :
         {"bronorganisatie", "informatieobjecttype", "vertrouwelijkheidaanduiding"}) {
      auto value = text(from, f);
      if (!value.empty()) k[f] = value.starts_with("/zgw/") ? abs(value) : value;
    }
    return k;
  };
  auto zaak_url = [&](const std::string& id) {
    return abs(std::string(kZaken.mount) + "/zaken/" + id);
  };

  if (e.kind.starts_with("case.")) {
    auto zaak = text(p, "case");
    // document_added: the resident's inbox only; ZGW hears of the link (document.linked).
    if (zaak.empty() || v == "message_posted" || v == "document_added") return {};
    kanaal = "zaken";
    hoofd = zaak_url(zaak);
    kenmerken = zaak_kenmerken(zaak);
    auto sub = [&](std::string_view key, std::string_view path) {
      auto id = text(p, key);
      return id.empty() ? std::string() : abs(std::string(kZaken.mount) + std::string(path) + id);
    };
    if (v == "created") {
      parts.push_back({"zaak", hoofd, "create"});
      if (auto s = sub("status", "/statussen/"); !s.empty())
        parts.push_back({"status", s, "create"});
    } else if (v == "deleted") {
      parts.push_back({"zaak", hoofd, "destroy"});
    } else if (v == "status_set" || v == "closed" || v == "reopened") {
      auto s = sub("status", "/statussen/");
      parts.push_back(s.empty() ? Part{"zaak", hoofd, "partial_update"}
                                : Part{"status", s, "create"});
    } else if (v == "result_recorded") {
      auto r = sub("result", "/resultaten/");
      parts.push_back(r.empty() ? Part{"zaak", hoofd, "partial_update"}
                                : Part{"resultaat", r, "create"});
    } else if (v == "party_added" || v == "party_removed") {
      auto r = sub("role", "/rollen/");
      parts.push_back(r.empty() ? Part{"zaak", hoofd, "partial_update"}
                                : Part{"rol", r, actie_of(v)});
    } else {
      // updated, suspended, resumed, extended, assigned: the zaak itself changed.
      parts.push_back({"zaak", hoofd, v == "updated" ? "update" : "partial_update"});
    }
  } else if (e.kind.starts_with("document.")) {
    auto doc = text(p, "document");
    if (doc.empty()) return {};
    const auto& eio = api.resource(kDocumenten, "enkelvoudiginformatieobjecten");
    auto doc_url = abs(api.url_of(eio, doc));
    auto zaak = text(p, "case");
    if ((v == "linked" || v == "unlinked") && !zaak.empty()) {
      // A link is a zaakinformatieobject: the zaak's kanaal, with the zaak's kenmerken. A
      // document another door linked becomes the APIs' objects first.
      std::optional<std::string> zio;
      if (v == "linked") {
        auto made = project_case_document(api, c, doc, zaak);
        // No relation (the link is gone again, or no informatieobjecttype fits): nothing the
        // APIs show, so nothing to announce.
        if (!made.zaakinformatieobject) return {};
        zio = made.zaakinformatieobject;
        if (made.informatieobject_created) {
          if (auto stored = api.load(c, eio, doc)) {
            early.push_back(message("documenten", doc_url, document_kenmerken(*stored),
                                    {"enkelvoudiginformatieobject", doc_url, "create"}));
          }
        }
      }
      kanaal = "zaken";
      hoofd = zaak_url(zaak);
      kenmerken = zaak_kenmerken(zaak);
      parts.push_back(
          {"zaakinformatieobject",
           zio ? abs(std::string(kZaken.mount) + "/zaakinformatieobjecten/" + *zio) : doc_url,
           actie_of(v)});
    } else {
      // A document that is not (yet) one of the Documenten API's objects, such as a resident's
      // upload in a draft, has nothing to notify of.
      auto stored = api.load(c, eio, doc);
      if (v != "deleted" && !stored) return {};
      kanaal = "documenten";
      hoofd = doc_url;
      kenmerken = document_kenmerken(stored ? *stored : p);  // a deleted one: the payload's
      parts.push_back({"enkelvoudiginformatieobject", doc_url, actie_of(v)});
    }
  } else if (e.kind.starts_with("decision.")) {
    auto besluit = text(p, "decision");
    if (besluit.empty()) return {};
    kanaal = "besluiten";
    hoofd = abs("/zgw/besluiten/api/v1/besluiten/" + besluit);
    auto org = text(p, "verantwoordelijkeOrganisatie");
    if (org.empty() && !text(p, "case").empty()) {
      if (auto facts = cases::zgw_rows::case_facts(c, text(p, "case"))) {
        org = facts->organisation_rsin;
      }
    }
    if (!org.empty()) kenmerken["verantwoordelijkeOrganisatie"] = org;
    if (auto t = text(p, "besluittype"); !t.empty()) {
      kenmerken["besluittype"] = t.starts_with("/zgw/") ? abs(t) : t;
    }
    parts.push_back({"besluit", hoofd, actie_of(v)});
  } else {
    return {};
  }

  auto out = std::move(early);
  for (const auto& part : parts) out.push_back(message(kanaal, hoofd, kenmerken, part));
  return out;
}

void publish_event(Api& api, db::Connection& c, const notify::Event& e) {
  // Each kanaal's subscribers, read once for all of the event's messages.
  std::map<std::string, std::vector<Subscriber>, std::less<>> listening;
  auto on = [&](std::string_view kanaal) -> const std::vector<Subscriber>& {
    auto it = listening.find(kanaal);
    if (it == listening.end()) {
      it = listening.emplace(std::string(kanaal), subscribers(c, kanaal)).first;
    }
    return it->second;
  };
  // A case's or a decision's event becomes messages on one kanaal only: when nobody subscribes
  // to it, there is nothing to read or write. (A document's event may first make the APIs'
  // objects, so it is always turned into its messages.)
  std::string_view only = e.kind.starts_with("case.")       ? "zaken"
                          : e.kind.starts_with("decision.") ? "besluiten"
                                                            : "";
  if (!only.empty() && on(only).empty()) return;
  auto messages = messages_for(api, c, e);
  for (std::size_t i = 0; i < messages.size(); ++i) {
    // Stable: the event's id (and a suffix for its second message), the same on every retry.
    auto id = i == 0 ? e.id : e.id + "." + std::to_string(i);
    fan_out(c, on(text(messages[i], "kanaal")), messages[i], id, e.created_ms);
  }
}

}  // namespace loket::zgw
