// Fuzzes the ZGW field checks: the scalar parsers of validate.hpp on the raw input, and a
// Checker plus the zaak-relation rules (zaken_relations_rules.hpp) over the input as a JSON body.
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "common/duration.hpp"
#include "http/error.hpp"
#include "standards/zgw/validate.hpp"
#include "standards/zgw/zaken_relations_rules.hpp"
#include "support.hpp"

namespace {

namespace json = boost::json;
namespace zgw = loket::zgw;
using loket::fuzz::finding;

// The scalar parsers, with what each promises about what it accepts.
void scalars(std::string_view text) {
  if (auto day = zgw::parse_date(text)) {
    if (zgw::format_date(*day) != text)
      finding("parse_date accepts a date format_date writes otherwise");
  }
  if (zgw::is_datetime(text) && !zgw::parse_date(text.substr(0, 10))) {
    finding("is_datetime accepts a date-time whose date does not exist");
  }
  if (zgw::is_url(text) &&
      (text.size() > 1000 || !(text.starts_with("http://") || text.starts_with("https://")))) {
    finding("is_url accepts what is not a short http(s) URL");
  }
  if (zgw::is_rsin(text) && text.size() != 9) finding("is_rsin accepts what is not 9 digits");
  if (auto d = loket::common::parse_duration(text)) {
    if (loket::common::parse_duration(loket::common::format_duration(*d)) != d) {
      finding("format_duration writes what parse_duration reads otherwise");
    }
    // The deadline arithmetic a zaak does with a zaaktype's doorlooptijd (UBSan watches).
    using namespace std::chrono;
    for (auto start : {sys_days{year{2026} / January / 31}, sys_days{year{2024} / February / 29}}) {
      (void)zgw::format_date(loket::common::add_duration(start, *d));
    }
  }
}

// Every Checker method on one field, as a ZGW resource's body check would call it.
void each_check(zgw::Checker& check, std::string_view name) {
  (void)check.string(name, {.required = true, .max_length = 40, .allow_blank = false});
  (void)check.choice(name, {"openbaar", "geheim", "zeer_geheim"});
  (void)check.date(name);
  (void)check.datetime(name);
  (void)check.url(name, true);
  (void)check.rsin(name);
  (void)check.duration(name);
  (void)check.boolean(name);
  (void)check.integer(name, false, 0, 9999);
  (void)check.urls(name);
  (void)check.object(name);
  (void)check.array(name);
}

void relations(zgw::Checker& check, const json::object& body) {
  auto object_type = check.choice("objectType", {"adres", "buurt", "pand", "wijk", "woonplaats",
                                                 "gemeente", "overige", "besluit"});
  auto overige = check.string("objectTypeOverige", {.max_length = 100});
  const auto* definitie = body.if_contains("objectTypeOverigeDefinitie");
  if (object_type) {
    zgw::check_object_type(check, *object_type, overige.value_or(""),
                           definitie != nullptr && !definitie->is_null());
    if (const auto* ident = check.object("objectIdentificatie")) {
      (void)zgw::check_object_identificatie(check, *object_type, *ident);
    }
  }
  const auto* spec = check.object("specificatie");
  auto waarde = check.string("waarde");
  if (spec != nullptr && waarde) (void)zgw::eigenschap_waarde_problem(*spec, *waarde);
  if (const auto* after = check.object("after")) {
    (void)zgw::changed_fixed_fields(body, *after, {"zaak", "informatieobject", "uuid"});
  }
  (void)zgw::zaak_is_closed(body);
}

void body(const json::object& object) {
  zgw::Checker check(object);
  // Every field the body names (a resource checks fixed, non-empty names; "" is not one).
  for (const auto& field : object) {
    if (!field.key().empty()) each_check(check, field.key());
  }
  // The same fields nested, as zaakobject and rol bodies carry them.
  if (const auto* nested = object.if_contains("nested"); nested != nullptr && nested->is_object()) {
    zgw::Checker sub(nested->as_object(), "nested");
    for (const auto& field : nested->as_object()) {
      if (!field.key().empty()) each_check(sub, field.key());
    }
  }
  relations(check, object);
  for (const auto& field : object) {
    if (field.value().is_string()) scalars(field.value().as_string());
  }
  try {
    check.finish();
  } catch (const loket::http::Error& e) {
    if (e.status() != 400 || e.invalid_params().empty()) {
      finding("a failed check is not a 400 with invalidParams");
    }
    for (const auto& p : e.invalid_params()) {
      if (p.name.empty() || p.code.empty())
        finding("an invalidParams entry names no field or code");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {  // NOLINT
  auto text = loket::fuzz::as_text(data, size);
  try {
    scalars(text);
    boost::system::error_code ec;
    auto value = json::parse(text, ec);  // as the ZGW API reads a body
    if (!ec && value.is_object()) body(value.as_object());
  } catch (const std::exception& e) {
    loket::fuzz::unexpected("the ZGW checks", e);
  }
  return 0;
}
