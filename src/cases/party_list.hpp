// My cases (issue 12): one keyset-paged list of the cases of a person and of each party they
// act for. Its SQL lives with the other case lists in case_store.cpp; the declarations are here
// so that the case store's header (included everywhere) stays as it is.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cases/case_store.hpp"
#include "db/database.hpp"
#include "privacy/field_crypto.hpp"

namespace loket::cases {

// My cases (issue 12): the cases of a person and of each party they act for, in one list, open
// first then closed, each newest first, a page after `after` or before `before` (keyset: no OFFSET,
// so a page costs the same at any depth). Each party has its own reach: a mandate may cover only
// some organisations up to a level. A case of several of them is listed once, as the first's.
struct ListedParty {
  PartyKind kind = PartyKind::Resident;
  std::string number;
  bool unrestricted = true;  // else only `scopes`
  std::vector<OrganisationScope> scopes;
};
// The last row of a page: whether it is closed, its start date and its uuid.
struct PartyCursor {
  bool closed = false;
  std::string start_date;
  std::string id;
};
struct PartiesQuery {
  std::vector<ListedParty> parties;
  std::optional<PartyCursor> after;
  std::optional<PartyCursor> before;  // the page that ends just before this row (when no `after`)
  std::int64_t limit = 20;
  std::optional<std::string> organisation_rsin;
  OpenFilter open = OpenFilter::Any;
};
struct PartiesPage {
  std::vector<std::pair<CaseSummary, std::size_t>> items;  // the case, and whose (party index)
  std::optional<PartyCursor> next;      // when there is a next page: after this row
  std::optional<PartyCursor> previous;  // when there is a page before: before this row
};

// `keys`: the key ring of the case store (the blind indexes of the parties' numbers).
PartiesPage list_for_parties(db::Database& db, const privacy::KeyRing& keys, const PartiesQuery& q);

}  // namespace loket::cases
