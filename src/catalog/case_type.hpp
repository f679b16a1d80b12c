// The rules of case types (zaaktypen) and their versions, as the Catalogi standard states them:
// validity periods, publishing, status order, archive parameters. Pure: no I/O; the Catalogi
// API's resource hooks collect the facts and call these.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loket::catalog {

// A version's validity: from `begin` up to and including `end` (ISO dates "YYYY-MM-DD"; no
// end: open-ended).
struct Validity {
  std::string begin;
  std::optional<std::string> end;
};

// The end is not before the begin.
bool is_ordered(const Validity& v);
// Some day lies in both periods (ztc-016).
bool overlaps(const Validity& a, const Validity& b);
// The day lies within the period.
bool valid_on(const Validity& v, std::string_view day);

// Another version of the same type (same catalogus and identificatie/omschrijving).
struct Version {
  std::string url;
  Validity validity;
  bool draft = true;  // concept (a C++ keyword)
};
// The first other version whose validity overlaps `mine`, or nullopt.
std::optional<std::string> overlapping_version(const Validity& mine,
                                               const std::vector<Version>& others);
// The versions ordered by beginGeldigheid (oldest first); ties by url for a stable order.
std::vector<Version> in_version_order(std::vector<Version> versions);

// A status type ends the case when it has the highest volgnummer of its zaaktype.
bool is_eindstatus(std::int64_t volgnummer, const std::vector<std::int64_t>& all_of_zaaktype);

// Something a zaaktype (or besluittype) refers to, for the publish check.
struct Reference {
  std::string name;  // URL or omschrijving, for the message
  bool published = false;
};
// What still stands in the way of publishing: the names of references that are concepts or
// missing (`published` false). Empty: it may be published.
std::vector<std::string> publish_blockers(const std::vector<Reference>& references);

// A changed published object (ztc-009): true when the two representations differ only in
// `allowed` fields (PATCH of eindeGeldigheid alone is allowed without a correction).
bool changes_only(const boost::json::object& before, const boost::json::object& after,
                  std::initializer_list<std::string_view> allowed);

// A time span used as a term (doorlooptijd, servicenorm, verlengingstermijn, ...): an ISO 8601
// duration that is longer than nothing. The message when it is not, or nullopt.
std::optional<std::string> check_term(std::string_view duration);

// One complaint about a field of brondatumArchiefprocedure (ztc-003 to ztc-008).
struct FieldProblem {
  std::string field;  // within brondatumArchiefprocedure, e.g. "datumkenmerk"
  std::string code;
  std::string reason;
};
struct Brondatum {
  std::string afleidingswijze;
  bool datumkenmerk = false, einddatum_bekend = false, objecttype = false, registratie = false,
       procestermijn = false;  // the field has a (non-empty) value
};
// `selectielijst_procestermijn`: the procestermijn of the resultaat in the selectielijst
// ("nihil", "ingeschatte_bestaansduur_procesobject", or empty when unknown).
std::vector<FieldProblem> check_brondatum(const Brondatum& b,
                                          std::string_view selectielijst_procestermijn);

}  // namespace loket::catalog
