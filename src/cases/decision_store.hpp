// The decision store: every query the case domain runs on decisions (zgw_besluiten, the drafts
// of four-eyes products in decision_drafts, the identificatie counter, the zaak's mirror in
// zgw_zaakbesluiten) and the catalogue facts decisions need (besluittypen, a zaaktype's
// besluittypen and four-eyes flag), as named SQL. Rows keep the ZGW representation in `data`
// (relative "/zgw/..." URLs), so the Besluiten API sees every decision the domain writes.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/decision_model.hpp"
#include "db/database.hpp"

namespace loket::cases {

// The relative URLs of the Besluiten API's objects (the ZGW engine's url_of).
inline constexpr std::string_view kBesluitUrl = "/zgw/besluiten/api/v1/besluiten/";
inline constexpr std::string_view kBesluittypeUrl = "/zgw/catalogi/api/v1/besluittypen/";

// The ZGW representation of a decision (relative URLs), as zgw_besluiten.data holds it.
boost::json::object besluit_data(const Decision& d);
// The decision a representation describes (the columns that are not in it left empty).
Decision decision_of(const boost::json::object& data);

class DecisionStore {
 public:
  // ---- the catalogue (read) ----
  std::optional<DecisionType> load_decision_type(db::Connection& c, std::string_view uuid) const;
  // Whether the zaaktype `case_type` lists the besluittype (relative URL) among its besluittypen.
  bool case_type_lists(db::Connection& c, std::string_view case_type,
                       std::string_view decision_type_url) const;
  // The published besluittypen the zaaktype `case_type` lists, in its order.
  std::vector<DecisionType> published_decision_types(db::Connection& c,
                                                     std::string_view case_type) const;
  // Whether decisions on cases of the zaaktype need a second pair of eyes.
  bool four_eyes(db::Connection& c, std::string_view case_type) const;
  void set_four_eyes(db::Connection& c, std::string_view case_type, bool on) const;

  // ---- decisions ----
  // brc-002: the next identificatie of `rsin` in `year`, never handed out before.
  std::string next_identification(db::Connection& c, const std::string& rsin, int year) const;
  // brc-002: a decision or a draft of `rsin` has this identificatie.
  bool identification_taken(db::Connection& c, const std::string& rsin,
                            const std::string& identification) const;
  // A decision that has taken effect, in the Besluiten API's table.
  void insert(db::Connection& c, const Decision& d) const;
  // A four-eyes draft (with a case); `created_at` RFC 3339.
  void insert_draft(db::Connection& c, const Decision& d, const std::string& created_at) const;
  void delete_draft(db::Connection& c, std::string_view id) const;
  // The decision, draft or not; `lock`: writers of one draft take turns.
  std::optional<Decision> load(db::Connection& c, std::string_view id, bool lock = false) const;
  // The case's decisions, oldest decision date first; drafts only with `with_drafts`.
  std::vector<Decision> for_case(db::Connection& c, std::string_view case_id,
                                 bool with_drafts) const;
  // The dates (ingangsdatum or vervaldatum: `field`) of the decisions of a zaak (relative URL),
  // for the archive derivation (zrc-015).
  std::vector<std::optional<std::string>> dates_of_case(db::Connection& c,
                                                        std::string_view case_url,
                                                        std::string_view field) const;

  // ---- the mirror in the Zaken API (zaakbesluiten) ----
  // The zaak (uuid) lists the besluit; once.
  void link_case(db::Connection& c, std::string_view case_id, std::string_view decision_id) const;
  void unlink_case(db::Connection& c, std::string_view decision_id) const;
};

}  // namespace loket::cases
