// Internal to the Catalogi API's source files (catalogi*.cpp): the scopes, the helpers several
// files share, and the pieces add_catalogi puts together.
#pragma once

#include <boost/json.hpp>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/confidentiality.hpp"
#include "common/json.hpp"
#include "http/error.hpp"
#include "standards/zgw/catalogi.hpp"

namespace loket::zgw::catalogi_detail {

inline constexpr std::string_view kLezen = "catalogi.lezen";
inline constexpr std::string_view kSchrijven = "catalogi.schrijven";
inline constexpr std::string_view kForced = "catalogi.geforceerd-schrijven";
inline constexpr std::string_view kForcedDelete = "catalogi.geforceerd-verwijderen";

// The confidentiality levels, defined once (common/confidentiality.hpp).
inline constexpr const auto& kVertrouwelijkheid = common::kConfidentialityNames;

// ---- helpers (catalogi.cpp)
// A text field the client left empty stays "" in the Catalogi API (common::or_null).
using common::or_null;
using common::text;
bool is_concept(const boost::json::object& o);
Resource base(std::string name, std::string path, std::string table);
std::vector<std::string> url_list(Api& api, const std::string& sql, const db::Params& params);
boost::json::array absolute_urls(Api& api, const std::vector<std::string>& urls);
boost::json::array strings(Checker& check, const boost::json::object& body, std::string_view field);
std::optional<std::string> term(Checker& check, std::string_view field, bool required);
void validity(Checker& check, boost::json::object& out, bool begin_required);
boost::json::array same_catalogus(Api& api, Checker& check, std::string_view field,
                                  const std::vector<std::string>& urls, const Resource& kind,
                                  const std::string& catalogus);
Filter status_filter(std::string if_concept, std::string if_final);
bool has_param(const Call& call, std::string_view name);
Filter valid_on_filter(const std::string& name, std::string begin_column, std::string end_column);
std::string zaaktype_where(const std::string& condition);
Filter zaaktype_valid_on(const std::string& name);
Filter zaaktype_identificatie(std::string name);
std::optional<boost::json::object> part_of(Api& api, Checker& check, const Catalogi& cat,
                                           boost::json::object& out);
Resource part(const std::shared_ptr<Catalogi>& cat, std::string name, std::string path,
              std::string table);
void part_filters(Resource& r);
const Resource& add(Api& api, Resource r);
// The filters of the versioned types (catalogus, status, datumGeldigheid).
void versioned_filters(Resource& r);
// The catalogus a versioned type names: resolved, stored relative.
void catalogus_of(Api& api, const Catalogi& cat, Checker& check, boost::json::object& out);
// Fields of a versioned type that do not change once it exists.
void keep_fixed(Checker& check, const boost::json::object& out, const boost::json::object* existing,
                std::initializer_list<std::string_view> fields);

// ---- concepts and publishing (catalogi_publish.cpp)
http::Error refused(std::string field, std::string code, std::string reason);

// ---- the resources and routes, in the order add_catalogi registers them
void add_catalogussen(Api& api, const std::shared_ptr<Catalogi>& cat);           // zaaktypen
void add_informatieobjecttypen(Api& api, const std::shared_ptr<Catalogi>& cat);  // iot
void add_besluittypen(Api& api, const std::shared_ptr<Catalogi>& cat);           // iot
void add_zaaktypen(Api& api, const std::shared_ptr<Catalogi>& cat);              // zaaktypen
// The concept and publish rules of zaaktypen, informatieobjecttypen and besluittypen.
void guard_versions(const std::shared_ptr<Catalogi>& cat);                                // publish
void add_statustypen(Api& api, const std::shared_ptr<Catalogi>& cat);                     // parts
void add_roltypen(Api& api, const std::shared_ptr<Catalogi>& cat);                        // parts
void add_resultaattypen(Api& api, const std::shared_ptr<Catalogi>& cat);                  // parts
void add_eigenschappen(Api& api, const std::shared_ptr<Catalogi>& cat);                   // parts
void add_zaaktype_informatieobjecttypen(Api& api, const std::shared_ptr<Catalogi>& cat);  // parts
void add_zaakobjecttypen(Api& api, const std::shared_ptr<Catalogi>& cat);                 // parts
void add_publish_routes(Api& api, const std::shared_ptr<Catalogi>& cat);                  // publish

}  // namespace loket::zgw::catalogi_detail
