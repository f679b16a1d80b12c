// The rules of the Zaken API's relations that need no storage: zaakobject types and their
// objectIdentificatie, zaakeigenschap values, the fixed parts of a zaakinformatieobject, and
// when a zaak counts as closed. Pure, unit-tested in zaken_relations_rules_test.cpp.
#pragma once

#include <boost/json/object.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "standards/zgw/validate.hpp"

namespace loket::zgw {

// Every objectType a zaakobject may have (ObjectTypeEnum).
const std::vector<std::string_view>& zaakobject_types();

// objectType "overige" needs objectTypeOverige or objectTypeOverigeDefinitie; any other type
// must leave both empty. Records failures on `check`.
void check_object_type(Checker& check, std::string_view object_type,
                       std::string_view object_type_overige, bool has_overige_definitie);

// objectIdentificatie for `object_type`: the shape the standard gives adres, buurt, pand,
// wijk, woonplaats, gemeente and overige (required fields, lengths, types); other types only
// need an object. Returns the normalised identificatie; failures on `check`, named
// "objectIdentificatie.<field>".
boost::json::object check_object_identificatie(Checker& check, std::string_view object_type,
                                               const boost::json::object& identificatie);

// The eigenschap's specificatie (formaat, lengte, waardenverzameling) against a waarde; a
// reason when it does not fit.
std::optional<std::string> eigenschap_waarde_problem(const boost::json::object& specificatie,
                                                     std::string_view waarde);

// zrc-004: the fields of a zaakinformatieobject that never change after creation, which of
// them `after` changes.
std::vector<std::string> changed_fixed_fields(const boost::json::object& before,
                                              const boost::json::object& after,
                                              std::initializer_list<std::string_view> fields);

// zrc-007: a zaak with an einddatum is closed.
bool zaak_is_closed(const boost::json::object& zaak);

// zrc-004: a zaakinformatieobject's aardRelatieWeergave (the relation seen from the zaak).
inline constexpr std::string_view kAardRelatieHoortBij = "Hoort bij, omgekeerd: kent";

// zrc-015 (afleidingswijze zaakobject): the attribute `path` of an object as text — a field name
// ("datumOverlijden") or a dotted path into nested objects ("record.data.einddatum", as the
// Objects API holds its data). nullopt when absent or not text.
std::optional<std::string> attribute_at(const boost::json::object& object, std::string_view path);

}  // namespace loket::zgw
