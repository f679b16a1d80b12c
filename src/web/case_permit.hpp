// What a logged-in person may do with a case, for the case service: identity's access policy
// (case_access) turned into the domain's neutral Permit.
#pragma once

#include <vector>

#include "cases/model.hpp"
#include "identity/policy.hpp"

namespace loket::web {

// The permit for one case of `facts.organisation_id` at `facts.confidentiality`.
cases::Permit case_permit(const identity::Actor& actor,
                          const std::vector<identity::OrganisationRole>& roles,
                          const identity::CaseFacts& facts);

// The permit to apply: residents and businesses for themselves, and a representative for the
// person they act for when the mandate covers the product's organisation and level.
cases::Permit submit_permit(const identity::Actor& actor, const identity::CaseFacts& facts);

}  // namespace loket::web
