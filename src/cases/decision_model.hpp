// A decision (ZGW besluit) as the case domain holds it: its type, the case it belongs to, its
// dates, who decided and who approved. It maps one to one onto the Besluiten API's besluit,
// whose table holds it; the draft state exists only for four-eyes products.
#pragma once

#include <optional>
#include <string>

namespace loket::cases {

// A draft waits for its approver (four-eyes products); an approved decision has taken effect,
// and only then do ZGW clients and the resident see it.
enum class DecisionState { Draft, Approved };

struct Decision {
  std::string id;                           // uuid
  std::string decision_type_url;            // besluittype: relative ("/zgw/...") for ours
  std::string decision_type_id;             // its uuid when ours, else ""
  std::string case_url;                     // zaak: relative for ours, "" for none
  std::string case_id;                      // its uuid when ours, else ""
  std::string identification;               // identificatie: unique per organisation (brc-002)
  std::string organisation_rsin;            // verantwoordelijkeOrganisatie
  std::string date;                         // datum: the day it was decided (YYYY-MM-DD)
  std::string explanation;                  // toelichting
  std::string governing_body;               // bestuursorgaan
  std::string effective_from;               // ingangsdatum
  std::optional<std::string> expires_on;    // vervaldatum
  std::string expiry_reason;                // vervalreden, "" for none
  std::optional<std::string> published_on;  // publicatiedatum
  std::optional<std::string> sent_on;       // verzenddatum
  std::optional<std::string> respond_by;    // uiterlijkeReactiedatum
  DecisionState state = DecisionState::Approved;
  std::string decided_by;   // staff account id, "" when a ZGW client registered it
  std::string approved_by;  // staff account id of the second pair of eyes, or ""
  std::string approved_at;  // RFC 3339, or ""

  // The portal shows a decision only once it has taken effect.
  bool visible_to_resident() const { return state == DecisionState::Approved; }
};

// A decision type of this registry (ZGW besluittype), with what the rules need.
struct DecisionType {
  std::string id;   // uuid
  std::string url;  // relative
  std::string name;
  bool published = false;
};

}  // namespace loket::cases
