// The Zaken API's columns and list filters: on the zaak's own fields, and on its roles (type,
// betrokkene, the identifying numbers, the BSN through its blind index).
#include <algorithm>
#include <boost/json.hpp>

#include "standards/zgw/zaken_internal.hpp"

namespace loket::zgw::zaken_detail {
namespace json = boost::json;

namespace {

// A column from a field of a nested object ("betrokkeneIdentificatie.inpBsn").
Column nested_column(std::string name, std::string object, std::string field) {
  return {
      std::move(name),
      [object = std::move(object), field = std::move(field)](const json::object& o) -> db::Value {
        const auto* v = o.if_contains(object);
        if (!v || !v->is_object()) return nullptr;
        auto s = text(v->as_object(), field);
        if (s.empty()) return nullptr;
        return s;
      }};
}

Filter level_at_most(const std::string& name, std::string column) {
  return {name, [name, column = std::move(column)](Api&, Where& w, std::string_view v) {
            auto level = confidentiality_level(v);
            if (level < 0) {
              throw ValidationError(name, "invalid_choice",
                                    "Kies een vertrouwelijkheidaanduiding, zoals openbaar of "
                                    "vertrouwelijk.");
            }
            w.add(column + " <= " + w.bind(std::int64_t{level}));
          }};
}

// A filter on the zaak's roles: `column` of its rollen equals the value.
Filter rol_filter(std::string name, std::string column) {
  return {std::move(name), [column = std::move(column)](Api&, Where& w, std::string_view v) {
            w.add(cases::zgw_rows::cases_with_role(column, w.bind(std::string(v))));
          }};
}

Filter rol_url_filter(const std::string& name, std::string column) {
  return {name, [name, column = std::move(column)](Api& api, Where& w, std::string_view v) {
            if (!is_url(v)) throw ValidationError(name, "invalid", "Geef een volledige URL.");
            w.add(cases::zgw_rows::cases_with_role(column, w.bind(api.relative(v))));
          }};
}

Filter rol_choice(const std::string& name, std::string column, std::vector<std::string> values) {
  return {name, [name, column = std::move(column), values = std::move(values)](Api&, Where& w,
                                                                               std::string_view v) {
            if (std::find(values.begin(), values.end(), v) == values.end()) {
              std::string list;
              for (const auto& x : values) list += (list.empty() ? "" : ", ") + x;
              throw ValidationError(name, "invalid_choice", "Kies een van: " + list + ".");
            }
            w.add(cases::zgw_rows::cases_with_role(column, w.bind(std::string(v))));
          }};
}

}  // namespace

// The uuid at the end of the `zaak` URL.
Column zaak_uuid_column() {
  return {"zaak_uuid",
          [](const json::object& o) -> db::Value { return last_segment(text(o, "zaak")); }};
}

// The BSN is found through its blind index; the number itself goes nowhere else.
Filter bsn_filter(std::string name, bool on_zaak) {
  return {std::move(name), [on_zaak](Api& api, Where& w, std::string_view v) {
            auto index = w.bind(api.cases().store().number_index(cases::PartyKind::Resident, v));
            if (on_zaak) {
              w.add(cases::zgw_rows::cases_with_role("bsn_index", index));
            } else {
              w.add("bsn_index = " + index);
            }
          }};
}

// The identification column only for the betrokkeneType it belongs to.
Column identification_column(const IdentificationFilter& f, std::string type) {
  auto inner = nested_column(f.column, f.object, f.field);
  return {f.column, [inner, type = std::move(type)](const json::object& o) -> db::Value {
            if (text(o, "betrokkeneType") != type) return nullptr;
            return inner.value(o);
          }};
}

std::string type_of_identification(std::string_view param) {
  if (param.starts_with("natuurlijkPersoon")) return "natuurlijk_persoon";
  if (param.starts_with("nietNatuurlijkPersoon")) return "niet_natuurlijk_persoon";
  if (param.starts_with("vestiging")) return "vestiging";
  if (param.starts_with("medewerker")) return "medewerker";
  return "organisatorische_eenheid";
}

std::vector<Filter> zaak_filters() {
  std::vector<Filter> filters = {
      exact("identificatie", "identificatie"),
      exact("bronorganisatie", "bronorganisatie"),
      one_of("bronorganisatie__in", "bronorganisatie"),
      url_exact("zaaktype", "zaaktype"),
      choice("archiefnominatie", "archiefnominatie", {"blijvend_bewaren", "vernietigen"}),
      one_of("archiefnominatie__in", "archiefnominatie"),
      date_compare("archiefactiedatum", "archiefactiedatum", "="),
      is_null("archiefactiedatum__isnull", "archiefactiedatum"),
      date_compare("archiefactiedatum__lt", "archiefactiedatum", "<"),
      date_compare("archiefactiedatum__gt", "archiefactiedatum", ">"),
      choice("archiefstatus", "archiefstatus",
             {"nog_te_archiveren", "gearchiveerd", "gearchiveerd_procestermijn_onbekend",
              "overgedragen"}),
      one_of("archiefstatus__in", "archiefstatus"),
      date_compare("startdatum", "startdatum", "="),
      date_compare("startdatum__gt", "startdatum", ">"),
      date_compare("startdatum__gte", "startdatum", ">="),
      date_compare("startdatum__lt", "startdatum", "<"),
      date_compare("startdatum__lte", "startdatum", "<="),
      date_compare("registratiedatum", "registratiedatum", "="),
      date_compare("registratiedatum__gt", "registratiedatum", ">"),
      date_compare("registratiedatum__lt", "registratiedatum", "<"),
      date_compare("einddatum", "einddatum", "="),
      is_null("einddatum__isnull", "einddatum"),
      date_compare("einddatum__gt", "einddatum", ">"),
      date_compare("einddatum__lt", "einddatum", "<"),
      date_compare("einddatumGepland", "einddatum_gepland", "="),
      date_compare("einddatumGepland__gt", "einddatum_gepland", ">"),
      date_compare("einddatumGepland__lt", "einddatum_gepland", "<"),
      date_compare("uiterlijkeEinddatumAfdoening", "uiterlijke_einddatum_afdoening", "="),
      date_compare("uiterlijkeEinddatumAfdoening__gt", "uiterlijke_einddatum_afdoening", ">"),
      date_compare("uiterlijkeEinddatumAfdoening__lt", "uiterlijke_einddatum_afdoening", "<"),
      rol_choice("rol__betrokkeneType", "betrokkene_type", kBetrokkeneTypenList),
      rol_url_filter("rol__betrokkene", "betrokkene"),
      rol_choice("rol__omschrijvingGeneriek", "omschrijving_generiek", kOmschrijvingGeneriek),
      level_at_most("maximaleVertrouwelijkheidaanduiding", "vertrouwelijkheid"),
      bsn_filter("rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn", true)};
  for (const auto& f : kIdentifications) {
    filters.push_back(
        rol_filter(std::string("rol__betrokkeneIdentificatie__") + f.param, f.column));
  }
  return filters;
}

}  // namespace loket::zgw::zaken_detail
