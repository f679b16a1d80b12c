// Neighbourhood consultation (issue 13): a case worker opens a proposal for an area (postcode
// ranges) for a period; residents whose address lies in the area see it and respond once; the
// worker closes it and publishes a summary. The pure rules (postcode ranges, the period) and the
// SQL (consultations, consultation_responses: migration 0021), one transaction per use case.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/model.hpp"
#include "common/result.hpp"
#include "db/database.hpp"
#include "privacy/field_crypto.hpp"

namespace loket::cases {

using common::Result;

// A range of Dutch postcodes, normalised ("3511AA".."3511ZZ"); a four-digit bound covers all
// its letters.
struct PostcodeRange {
  std::string from, to;
};

// "3511AA-3511ZZ, 3584, 3600-3699" → the ranges; nullopt when a part is no postcode or range.
std::optional<std::vector<PostcodeRange>> parse_postcode_ranges(std::string_view text);
// "3511 ab" → "3511AB"; nullopt when it is no Dutch postcode.
std::optional<std::string> normalise_postcode(std::string_view postcode);
bool in_area(const std::vector<PostcodeRange>& area, std::string_view postcode);

struct Consultation {
  std::string id, organisation_id, title, proposal, areas, opens_on, closes_on, created_by;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> closed_ms;
  std::string summary;
  std::int64_t responses = 0;  // how many residents responded

  bool closed() const { return closed_ms.has_value(); }
  // Open for responses on `day` (YYYY-MM-DD).
  bool open_on(std::string_view day) const {
    return !closed() && opens_on <= day && day <= closes_on;
  }
};

struct ConsultationResponse {
  std::string respondent;  // blind index
  std::string body;
  std::int64_t created_ms = 0;
};

struct NewConsultation {
  std::string organisation_id, title, proposal, areas, opens_on, closes_on;
};

inline constexpr std::size_t kMaxConsultationTitle = 200;
inline constexpr std::size_t kMaxConsultationText = 10'000;

// Where a resident lives: their postcode from the person register (BRP), or nullopt.
using AddressLookup = std::function<std::optional<std::string>(PartyKind, std::string_view)>;

class Consultations {
 public:
  Consultations(db::Database& db, const privacy::KeyRing& keys, AddressLookup address);

  // Invalid: "title", "proposal", "areas", "opensOn", "closesOn" (named as the JSON API).
  Result<Consultation> open(const NewConsultation& in, const std::string& staff_id);
  // Closes it with the summary; Conflict when closed already. Invalid: "summary".
  Result<Consultation> close(const std::string& id, const std::string& summary);
  std::optional<Consultation> get(const std::string& id);
  // The organisations' consultations, newest first.
  std::vector<Consultation> of_organisations(const std::vector<std::string>& organisation_ids);
  std::vector<ConsultationResponse> responses(const std::string& id);

  // ---- residents ----
  // Whether the person lives in the consultation's area.
  bool concerns(const Consultation& c, PartyKind kind, std::string_view number);
  // The consultations of the person's area that opened, newest first (closed ones with their
  // summary too).
  std::vector<Consultation> for_resident(PartyKind kind, std::string_view number,
                                         std::string_view today);
  // The person's response, if they gave one.
  std::optional<ConsultationResponse> response_of(const std::string& id, PartyKind kind,
                                                  std::string_view number);
  // Once, while open, from the area. NotFound: not theirs to see; Conflict: closed, not open
  // yet, or answered already. Invalid: "body".
  Result<ConsultationResponse> respond(const std::string& id, PartyKind kind,
                                       std::string_view number, const std::string& body,
                                       std::string_view today);

 private:
  std::string respondent(PartyKind kind, std::string_view number) const;

  db::Database& db_;
  const privacy::KeyRing& keys_;
  AddressLookup address_;
};

}  // namespace loket::cases
