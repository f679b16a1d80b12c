// The pure rules of the Zaken API's relations; see zaken_relations_rules.hpp.
#include "standards/zgw/zaken_relations_rules.hpp"

#include <algorithm>
#include <cctype>

#include "common/json.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

struct Field {
  std::string_view name;
  std::size_t max_length;  // 0: an integer
  bool required;
};

// The identificatie shapes the standard spells out for the common types.
const std::vector<Field>* shape_of(std::string_view type) {
  static const std::vector<Field> adres = {{"identificatie", 100, true},
                                           {"wplWoonplaatsNaam", 80, true},
                                           {"gorOpenbareRuimteNaam", 80, true},
                                           {"huisnummer", 0, true},
                                           {"huisletter", 1, false},
                                           {"huisnummertoevoeging", 4, false},
                                           {"postcode", 7, false}};
  static const std::vector<Field> buurt = {{"buurtCode", 2, true},
                                           {"buurtNaam", 40, true},
                                           {"gemGemeenteCode", 4, true},
                                           {"wykWijkCode", 2, true}};
  static const std::vector<Field> pand = {{"identificatie", 100, true}};
  static const std::vector<Field> wijk = {
      {"wijkCode", 2, true}, {"wijkNaam", 40, true}, {"gemGemeenteCode", 4, true}};
  static const std::vector<Field> woonplaats = {{"identificatie", 100, true},
                                                {"woonplaatsNaam", 80, true}};
  static const std::vector<Field> gemeente = {{"gemeenteNaam", 80, true},
                                              {"gemeenteCode", 4, true}};
  if (type == "adres") return &adres;
  if (type == "buurt") return &buurt;
  if (type == "pand") return &pand;
  if (type == "wijk") return &wijk;
  if (type == "woonplaats") return &woonplaats;
  if (type == "gemeente") return &gemeente;
  return nullptr;
}

bool all_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

const std::vector<std::string_view>& zaakobject_types() {
  static const std::vector<std::string_view> types = {"adres",
                                                      "besluit",
                                                      "buurt",
                                                      "enkelvoudig_document",
                                                      "gemeente",
                                                      "gemeentelijke_openbare_ruimte",
                                                      "huishouden",
                                                      "inrichtingselement",
                                                      "kadastrale_onroerende_zaak",
                                                      "kunstwerkdeel",
                                                      "maatschappelijke_activiteit",
                                                      "medewerker",
                                                      "natuurlijk_persoon",
                                                      "niet_natuurlijk_persoon",
                                                      "openbare_ruimte",
                                                      "organisatorische_eenheid",
                                                      "pand",
                                                      "spoorbaandeel",
                                                      "status",
                                                      "terreindeel",
                                                      "terrein_gebouwd_object",
                                                      "vestiging",
                                                      "waterdeel",
                                                      "wegdeel",
                                                      "wijk",
                                                      "woonplaats",
                                                      "woz_deelobject",
                                                      "woz_object",
                                                      "woz_waarde",
                                                      "zakelijk_recht",
                                                      "overige"};
  return types;
}

// A rule about objectType together with objectTypeOverige(Definitie): nonFieldErrors, as the
// reference implementation names it.
void check_object_type(Checker& check, std::string_view object_type,
                       std::string_view object_type_overige, bool has_overige_definitie) {
  if (object_type == "overige") {
    if (object_type_overige.empty() && !has_overige_definitie) {
      check.fail("nonFieldErrors", "missing-object-type-overige",
                 "Bij objectType overige is objectTypeOverige (of objectTypeOverigeDefinitie) "
                 "verplicht.");
    }
    return;
  }
  if (!object_type_overige.empty() || has_overige_definitie) {
    check.fail("nonFieldErrors", "invalid-object-type-overige-usage",
               "objectTypeOverige en objectTypeOverigeDefinitie mogen alleen gevuld zijn bij "
               "objectType overige.");
  }
}

json::object check_object_identificatie(Checker& check, std::string_view object_type,
                                        const json::object& identificatie) {
  Checker sub(identificatie, "objectIdentificatie");
  json::object out;
  if (object_type == "overige") {
    if (const auto* data = sub.object("overigeData", true)) out["overigeData"] = *data;
  } else if (const auto* shape = shape_of(object_type)) {
    for (const auto& f : *shape) {
      if (f.max_length == 0) {
        auto n = sub.integer(f.name, f.required, 0);
        out[f.name] = n ? json::value(*n) : json::value(nullptr);
      } else {
        auto s = sub.string(
            f.name,
            {.required = f.required, .max_length = f.max_length, .allow_blank = !f.required});
        out[f.name] = s ? json::value(json::string(*s)) : json::value(json::string());
      }
    }
  } else {
    // Types whose identificatie the standard gives many optional fields: kept as sent.
    out = identificatie;
  }
  for (auto& e : sub.errors()) check.errors().push_back(e);
  return out;
}

std::optional<std::string> eigenschap_waarde_problem(const json::object& specificatie,
                                                     std::string_view waarde) {
  auto text = [&](std::string_view key) { return common::text(specificatie, key); };
  if (const auto* set = specificatie.if_contains("waardenverzameling");
      set && set->is_array() && !set->as_array().empty()) {
    const auto& values = set->as_array();
    bool found = std::any_of(values.begin(), values.end(), [&](const json::value& v) {
      return v.is_string() && v.as_string() == waarde;
    });
    if (!found) return "Deze waarde komt niet voor in de waardenverzameling van de eigenschap.";
  }
  auto formaat = text("formaat");
  if (formaat == "datum") {
    if (waarde.size() != 8 || !all_digits(waarde)) {
      return "Een eigenschap met formaat datum heeft een waarde als JJJJMMDD.";
    }
  } else if (formaat == "datum_tijd") {
    if (waarde.size() != 14 || !all_digits(waarde)) {
      return "Een eigenschap met formaat datum_tijd heeft een waarde als JJJJMMDDuummss.";
    }
  } else if (formaat == "getal") {
    std::string_view digits = waarde;
    if (digits.starts_with('-')) digits.remove_prefix(1);
    auto sep = digits.find_first_of(".,");
    bool ok = sep == std::string_view::npos
                  ? all_digits(digits)
                  : all_digits(digits.substr(0, sep)) && all_digits(digits.substr(sep + 1));
    if (!ok) return "Een eigenschap met formaat getal heeft een getal als waarde.";
  } else if (formaat == "tekst") {
    auto lengte = text("lengte");
    if (all_digits(lengte) && lengte.size() < 10 && waarde.size() > std::stoul(lengte)) {
      return "Deze waarde is langer dan de lengte van de eigenschap (" + lengte + ").";
    }
  }
  return std::nullopt;
}

std::vector<std::string> changed_fixed_fields(const json::object& before, const json::object& after,
                                              std::initializer_list<std::string_view> fields) {
  std::vector<std::string> out;
  for (auto f : fields) {
    const auto* a = before.if_contains(f);
    const auto* b = after.if_contains(f);
    bool same = (a == nullptr && b == nullptr) || (a != nullptr && b != nullptr && *a == *b);
    if (!same) out.emplace_back(f);
  }
  return out;
}

bool zaak_is_closed(const json::object& zaak) {
  const auto* v = zaak.if_contains("einddatum");
  return v != nullptr && v->is_string() && !v->as_string().empty();
}

std::optional<std::string> attribute_at(const json::object& object, std::string_view path) {
  const json::object* at = &object;
  std::size_t start = 0;
  for (;;) {
    auto dot = path.find('.', start);
    auto name = path.substr(start, dot == std::string_view::npos ? path.npos : dot - start);
    const auto* v = at->if_contains(name);
    if (!v) return std::nullopt;
    if (dot == std::string_view::npos) {
      if (!v->is_string()) return std::nullopt;
      return std::string(v->as_string());
    }
    if (!v->is_object()) return std::nullopt;
    at = &v->as_object();
    start = dot + 1;
  }
}

}  // namespace loket::zgw
