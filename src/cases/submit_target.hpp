// What submitting an application needs of its case type, looked up once per request: the JSON
// door asks for it to decide the permit (the organisation, the confidentiality), and
// CaseService::submit finds the same entry. Published case types do not change, so they are
// kept a few seconds (kSubmitTargetSeconds) instead of being read twice per submit. And the
// zaak's representation for its audit trail, without reading it back.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cases/case_store.hpp"
#include "cases/model.hpp"
#include "db/database.hpp"

namespace loket::cases {

struct SubmitTarget {
  CaseType type;
  std::string organisation_id, organisation_name;  // "" when Loket knows no organisation
  std::string prefix;                              // "UTR" of UTR-2026-000123
};

inline constexpr int kSubmitTargetSeconds = 5;

// The published case type `case_type_id` (with statuses and an organisation) of `db`, with its
// organisation and reference prefix; nullptr when there is no such type now (the reason is
// submit's to tell). Published types are kept kSubmitTargetSeconds, per database; a concept or an
// unknown id is read again each time. Thread-safe.
std::shared_ptr<const SubmitTarget> submit_target(db::Database& db, const CaseStore& store,
                                                  const std::string& case_type_id);

// The representation CaseStore::insert_submitted stores for a submitted zaak (its rollen listed),
// built without reading it back: the new value of the zaak's "create" audit trail record.
boost::json::object submitted_zaak(const Case& k, const CaseType& t,
                                   const std::vector<std::pair<Party, std::string>>& parties);

// canonical_json (case_service.hpp) of a value already parsed: object keys sorted at every depth.
std::string canonical_json_of(const boost::json::value& v);

}  // namespace loket::cases
