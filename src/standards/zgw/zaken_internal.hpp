// Internal to the Zaken API's source files (zaken*.cpp, not zaken_relations): the scopes and
// value lists, the helpers several files share, and the pieces add_zaken puts together.
#pragma once

#include <boost/json.hpp>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/case_rules.hpp"
#include "cases/case_service.hpp"
#include "cases/case_store_zgw.hpp"
#include "common/confidentiality.hpp"
#include "common/duration.hpp"
#include "common/json.hpp"
#include "http/error.hpp"
#include "standards/zgw/zaken.hpp"

namespace loket::zgw::zaken_detail {

inline constexpr std::string_view kLezen = "zaken.lezen";
inline constexpr std::string_view kAanmaken = "zaken.aanmaken";
inline constexpr std::string_view kVerwijderen = "zaken.verwijderen";
inline constexpr std::string_view kForced = "zaken.geforceerd-bijwerken";
// The scope alternatives of the yaml: any one of them will do.
inline constexpr std::string_view kBijwerkenOfForced =
    "zaken.bijwerken | zaken.geforceerd-bijwerken";
inline constexpr std::string_view kStatusZetten =
    "zaken.aanmaken | zaken.statussen.toevoegen | zaken.heropenen";
inline constexpr std::string_view kAudittrails = "audittrails.lezen";

// The confidentiality levels, defined once (common/confidentiality.hpp).
inline constexpr const auto& kVertrouwelijkheid = common::kConfidentialityNames;
inline const std::initializer_list<std::string_view> kBetrokkeneTypen = {
    "natuurlijk_persoon", "niet_natuurlijk_persoon", "vestiging", "organisatorische_eenheid",
    "medewerker"};
inline const std::vector<std::string> kBetrokkeneTypenList = {
    "natuurlijk_persoon", "niet_natuurlijk_persoon", "vestiging", "organisatorische_eenheid",
    "medewerker"};
inline const std::vector<std::string> kOmschrijvingGeneriek = {
    "adviseur",  "behandelaar",    "belanghebbende",  "beslisser",
    "initiator", "klantcontacter", "zaakcoordinator", "mede_initiator"};

// The fields of a zaak that only the API sets; kept over PUT and PATCH.
inline constexpr std::string_view kZaakReadOnly[] = {
    "einddatum",    "status",   "resultaat", "rollen", "eigenschappen", "zaakinformatieobjecten",
    "zaakobjecten", "deelzaken"};

// What the resources' hooks share: the Api, the catalogue's resources and the zaken's.
struct ZaakContext {
  Api* api;
  Catalogi cat;
  std::shared_ptr<Zaken> z;
};

// ---- helpers (zaken.cpp)
// A text field the client left empty is null on a zaak and its parts (common::empty_as_null),
// unlike in the Catalogi API and the zaak's relations.
using common::empty_as_null;
using common::text;
cases::Period period_of(const common::Duration& d);
std::optional<cases::Period> period(const boost::json::object& o, std::string_view key);
http::Error forbidden(const std::string& detail);
boost::json::object parse_object(const http::Request& req);
bool is_closed(const boost::json::object& zaak);
Guard guard_of(const boost::json::object& zaak);
bool may(const Client& client, std::string_view scope, const boost::json::object& zaak);
inline constexpr std::string_view kClosedDetail =
    "Deze zaak is afgesloten; wijzigen vraagt de scope zaken.geforceerd-bijwerken.";
void guard_closed(Call& call, const boost::json::object& zaak);
// The case service's permit for what this client may do to `zaak`, and the zaak's facts.
cases::Permit permit_of(Call& call, const boost::json::object& zaak);
cases::CaseService::PartFacts part_facts(const boost::json::object& zaak);
// Maps a refusal of the case service to the ZGW problem (throws): the one place of the Zaken
// API's vocabulary; `forbidden_detail` says which scope is missing.
[[noreturn]] void refuse(const common::Failure& f, const std::string& forbidden_detail);
// Throws refuse(...) with kClosedDetail when `r` is a refusal.
void or_refuse(const common::Result<void>& r);
// The read and list guards of an object hanging off a zaak (its `zaak` and `zaak_uuid`).
void guard_by_zaak_of_child(Resource& r, Api& api, const std::shared_ptr<Zaken>& z);
void lock_zaak(db::Connection& c, const std::string& uuid);
boost::json::object zaak_in(Call& call, const Zaken& z, const boost::json::object& child);
void update_list(Call& call, const Zaken& z, boost::json::object zaak, std::string_view field,
                 const std::string& url, bool add);
const Resource& add(Api& api, Resource r);
// A case resource of the Zaken API, its rows in `table` through the case store.
Resource base(std::string name, std::string path, cases::CaseTable table);
std::optional<boost::json::object> child_zaak(Api& api, Checker& check, const Zaken& z,
                                              boost::json::object& out,
                                              const boost::json::object* existing);
std::optional<boost::json::object> typed(Api& api, Checker& check, std::string_view field,
                                         const Resource& kind,
                                         const std::optional<boost::json::object>& zaak,
                                         boost::json::object& out);

// ---- columns and filters (zaken_filters.cpp)
// The identifying numbers of a betrokkene, filterable on rollen and (with rol__) on zaken.
struct IdentificationFilter {
  const char* param;   // after "betrokkeneIdentificatie__"
  const char* column;  // in zgw_rollen
  const char* object;  // always betrokkeneIdentificatie
  const char* field;
};
inline constexpr IdentificationFilter kIdentifications[] = {
    {"natuurlijkPersoon__anpIdentificatie", "anp_identificatie", "betrokkeneIdentificatie",
     "anpIdentificatie"},
    {"natuurlijkPersoon__inpA_nummer", "inp_a_nummer", "betrokkeneIdentificatie", "inpA_nummer"},
    {"nietNatuurlijkPersoon__innNnpId", "inn_nnp_id", "betrokkeneIdentificatie", "innNnpId"},
    {"nietNatuurlijkPersoon__annIdentificatie", "ann_identificatie", "betrokkeneIdentificatie",
     "annIdentificatie"},
    {"vestiging__vestigingsNummer", "vestigings_nummer", "betrokkeneIdentificatie",
     "vestigingsNummer"},
    {"medewerker__identificatie", "medewerker_identificatie", "betrokkeneIdentificatie",
     "identificatie"},
    {"organisatorischeEenheid__identificatie", "org_eenheid_identificatie",
     "betrokkeneIdentificatie", "identificatie"},
};
Column zaak_uuid_column();
Column identification_column(const IdentificationFilter& f, std::string type);
std::string type_of_identification(std::string_view param);
Filter bsn_filter(std::string name, bool on_zaak);
// The list filters of zaken (also _zoek's).
std::vector<Filter> zaak_filters();

// ---- the representation (zaken_expand.cpp)
void normalise_groups(boost::json::object& zaak);

// ---- the zaak body (zaken_validate.cpp)
boost::json::object validate_zaak(const ZaakContext& ctx, Call& call,
                                  const boost::json::object& body,
                                  const boost::json::object* existing);

// ---- the resources and routes
void add_zaak_resource(Api& api, const std::shared_ptr<ZaakContext>& ctx);  // zaken.cpp
void add_zaak_audittrail(Api& api, const std::shared_ptr<Zaken>& z);        // zaken.cpp
void add_zaaknummer_reserveren(Api& api, const std::shared_ptr<Zaken>& z);  // zaken.cpp
void add_statussen(Api& api, const std::shared_ptr<ZaakContext>& ctx);      // zaken_statussen
void add_resultaten(Api& api, const std::shared_ptr<ZaakContext>& ctx);     // zaken_statussen
void add_rollen(Api& api, const std::shared_ptr<ZaakContext>& ctx);         // zaken_rollen
void add_zaak_search(Api& api, const std::shared_ptr<Zaken>& z);            // zaken_search

}  // namespace loket::zgw::zaken_detail
