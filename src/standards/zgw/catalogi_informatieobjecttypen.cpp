// The Catalogi API's informatieobjecttypen and besluittypen: versioned types in a catalogue.
#include <boost/json.hpp>
#include <memory>

#include "http/error.hpp"
#include "standards/zgw/catalogi_internal.hpp"

namespace loket::zgw::catalogi_detail {
namespace json = boost::json;

void add_informatieobjecttypen(Api& api, const std::shared_ptr<Catalogi>& cat) {
  auto* a = &api;
  auto r = base("informatieobjecttype", "informatieobjecttypen", "zgw_informatieobjecttypen");
  r.columns = {text_column("url", "url"),
               text_column("catalogus", "catalogus"),
               text_column("omschrijving", "omschrijving"),
               bool_column("concept", "concept"),
               text_column("begin_geldigheid", "beginGeldigheid"),
               text_column("einde_geldigheid", "eindeGeldigheid")};
  versioned_filters(r);
  r.filters.push_back(exact("omschrijving", "omschrijving"));
  r.default_order = "omschrijving, begin_geldigheid, uuid";
  r.validate = [a, cat](Call&, const json::object& body, const json::object* existing) {
    Checker check(body);
    json::object out;
    catalogus_of(*a, *cat, check, out);
    out["omschrijving"] = or_null(
        check.string("omschrijving", {.required = true, .max_length = 80, .allow_blank = false}));
    out["vertrouwelijkheidaanduiding"] =
        or_null(check.choice("vertrouwelijkheidaanduiding", kVertrouwelijkheid, true));
    validity(check, out, true);
    out["informatieobjectcategorie"] = or_null(check.string(
        "informatieobjectcategorie", {.required = true, .max_length = 80, .allow_blank = false}));
    out["trefwoord"] = strings(check, body, "trefwoord");
    if (const auto* g = check.object("omschrijvingGeneriek")) out["omschrijvingGeneriek"] = *g;
    out["concept"] = existing ? is_concept(*existing) : true;
    // Only catalogus is fixed; a concept may still be renamed (ztc-009 freezes published ones).
    keep_fixed(check, out, existing, {"catalogus"});
    check.finish();
    return out;
  };
  // What expand follows (Catalogi 1.3: each type to the types it names).
  r.expansions = {{"catalogus", &kCatalogi, "catalogussen"}};
  cat->informatieobjecttype = &add(api, std::move(r));
}

void add_besluittypen(Api& api, const std::shared_ptr<Catalogi>& cat) {
  auto* a = &api;
  auto r = base("besluittype", "besluittypen", "zgw_besluittypen");
  r.columns = {text_column("url", "url"),
               text_column("catalogus", "catalogus"),
               text_column("omschrijving", "omschrijving"),
               bool_column("concept", "concept"),
               text_column("begin_geldigheid", "beginGeldigheid"),
               text_column("einde_geldigheid", "eindeGeldigheid")};
  versioned_filters(r);
  r.filters.push_back(exact("omschrijving", "omschrijving"));
  r.filters.push_back({"zaaktypen", [](Api& api, Where& w, std::string_view v) {
                         if (!is_url(v))
                           throw ValidationError("zaaktypen", "invalid", "Geef een volledige URL.");
                         // The zaaktype lists its besluittypen; the besluittype does not.
                         // The besluittype's url, qualified: a bare url is the zaaktype's own.
                         w.add("EXISTS (SELECT 1 FROM zgw_zaaktypen z WHERE z.url = " +
                               w.bind(api.relative(v)) +
                               " AND z.data LIKE '%\"' || zgw_besluittypen.url || '\"%')");
                       }});
  r.filters.push_back({"informatieobjecttypen", [](Api& api, Where& w, std::string_view v) {
                         if (!is_url(v))
                           throw ValidationError("informatieobjecttypen", "invalid",
                                                 "Geef een volledige URL.");
                         w.add("data LIKE " + w.bind("%\"" + api.relative(v) + "\"%"));
                       }});
  r.default_order = "omschrijving, begin_geldigheid, uuid";
  r.validate = [a, cat](Call&, const json::object& body, const json::object* existing) {
    Checker check(body);
    json::object out;
    catalogus_of(*a, *cat, check, out);
    out["omschrijving"] = check.string("omschrijving", {.max_length = 80}).value_or("");
    out["omschrijvingGeneriek"] =
        check.string("omschrijvingGeneriek", {.max_length = 80}).value_or("");
    out["besluitcategorie"] = check.string("besluitcategorie", {.max_length = 40}).value_or("");
    out["reactietermijn"] = or_null(term(check, "reactietermijn", false));
    out["publicatieIndicatie"] = check.boolean("publicatieIndicatie", true).value_or(false);
    out["publicatietekst"] = check.string("publicatietekst").value_or("");
    out["publicatietermijn"] = or_null(term(check, "publicatietermijn", false));
    out["toelichting"] = check.string("toelichting").value_or("");
    out["informatieobjecttypen"] = same_catalogus(
        *a, check, "informatieobjecttypen", check.urls("informatieobjecttypen", true),
        *cat->informatieobjecttype, text(out, "catalogus"));
    validity(check, out, true);
    out["concept"] = existing ? is_concept(*existing) : true;
    keep_fixed(check, out, existing, {"catalogus"});
    check.finish();
    return out;
  };
  // What expand follows (Catalogi 1.3: each type to the types it names).
  r.expansions = {{"catalogus", &kCatalogi, "catalogussen"},
                  {"informatieobjecttypen", &kCatalogi, "informatieobjecttypen", true, ""}};
  cat->besluittype = &add(api, std::move(r));
}

}  // namespace loket::zgw::catalogi_detail
