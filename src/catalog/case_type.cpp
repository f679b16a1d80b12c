#include "catalog/case_type.hpp"

#include <algorithm>

#include "common/duration.hpp"

namespace loket::catalog {

bool is_ordered(const Validity& v) { return !v.end || *v.end >= v.begin; }

// ISO dates compare as strings; an open end counts as the last possible day.
bool overlaps(const Validity& a, const Validity& b) {
  bool a_starts_before_b_ends = !b.end || a.begin <= *b.end;
  bool b_starts_before_a_ends = !a.end || b.begin <= *a.end;
  return a_starts_before_b_ends && b_starts_before_a_ends;
}

bool valid_on(const Validity& v, std::string_view day) {
  return v.begin <= day && (!v.end || day <= *v.end);
}

std::optional<std::string> overlapping_version(const Validity& mine,
                                               const std::vector<Version>& others) {
  for (const auto& o : in_version_order(others)) {
    if (overlaps(mine, o.validity)) return o.url;
  }
  return std::nullopt;
}

std::vector<Version> in_version_order(std::vector<Version> versions) {
  std::sort(versions.begin(), versions.end(), [](const Version& a, const Version& b) {
    if (a.validity.begin != b.validity.begin) return a.validity.begin < b.validity.begin;
    return a.url < b.url;
  });
  return versions;
}

bool is_eindstatus(std::int64_t volgnummer, const std::vector<std::int64_t>& all_of_zaaktype) {
  return std::all_of(all_of_zaaktype.begin(), all_of_zaaktype.end(),
                     [&](std::int64_t other) { return other <= volgnummer; });
}

std::vector<std::string> publish_blockers(const std::vector<Reference>& references) {
  std::vector<std::string> out;
  for (const auto& r : references) {
    if (!r.published) out.push_back(r.name);
  }
  return out;
}

bool changes_only(const boost::json::object& before, const boost::json::object& after,
                  std::initializer_list<std::string_view> allowed) {
  auto is_allowed = [&](std::string_view key) {
    return std::find(allowed.begin(), allowed.end(), key) != allowed.end();
  };
  auto same = [](const boost::json::value* a, const boost::json::value* b) {
    bool a_empty = !a || a->is_null();
    bool b_empty = !b || b->is_null();
    if (a_empty || b_empty) return a_empty == b_empty;
    return *a == *b;
  };
  for (const auto& kv : before) {
    if (!is_allowed(kv.key()) && !same(&kv.value(), after.if_contains(kv.key()))) return false;
  }
  for (const auto& kv : after) {
    if (!is_allowed(kv.key()) && !same(before.if_contains(kv.key()), &kv.value())) return false;
  }
  return true;
}

std::optional<std::string> check_term(std::string_view duration) {
  // parse_duration takes no signs, so a term is never negative.
  auto d = common::parse_duration(duration);
  if (!d) return "Geef een duur volgens ISO 8601, zoals P30D of P1Y.";
  if (common::is_zero(*d)) return "Een termijn van nul duurt niets; geef een duur langer dan nul.";
  return std::nullopt;
}

std::vector<FieldProblem> check_brondatum(const Brondatum& b,
                                          std::string_view selectielijst_procestermijn) {
  std::vector<FieldProblem> out;
  const auto& a = b.afleidingswijze;
  // ztc-003
  if (selectielijst_procestermijn == "nihil" && a != "afgehandeld") {
    out.push_back({"afleidingswijze", "invalid-afleidingswijze-for-procestermijn",
                   "De selectielijstklasse heeft procestermijn nihil; de afleidingswijze moet "
                   "afgehandeld zijn."});
  }
  if (selectielijst_procestermijn == "ingeschatte_bestaansduur_procesobject" && a != "termijn") {
    out.push_back({"afleidingswijze", "invalid-afleidingswijze-for-procestermijn",
                   "De selectielijstklasse heeft als procestermijn de ingeschatte bestaansduur "
                   "van het procesobject; de afleidingswijze moet termijn zijn."});
  }
  auto rule = [&](const std::string& field, bool has, bool needed) {
    if (needed && !has) {
      out.push_back({field, "required", "Vul dit veld in bij afleidingswijze " + a + "."});
    } else if (!needed && has) {
      out.push_back(
          {field, "must-be-empty", "Dit veld moet leeg zijn bij afleidingswijze " + a + "."});
    }
  };
  // ztc-004
  rule("datumkenmerk", b.datumkenmerk,
       a == "eigenschap" || a == "zaakobject" || a == "ander_datumkenmerk");
  // ztc-005: only forbidden, never required
  if ((a == "afgehandeld" || a == "termijn") && b.einddatum_bekend) {
    out.push_back({"einddatumBekend", "must-be-empty",
                   "Dit veld moet leeg zijn bij afleidingswijze " + a + "."});
  }
  // ztc-006, ztc-007, ztc-008
  rule("objecttype", b.objecttype, a == "zaakobject" || a == "ander_datumkenmerk");
  rule("registratie", b.registratie, a == "ander_datumkenmerk");
  rule("procestermijn", b.procestermijn, a == "termijn");
  return out;
}

}  // namespace loket::catalog
