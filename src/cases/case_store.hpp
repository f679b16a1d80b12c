// The case store: every query the case domain runs on the registry's tables (zgw_zaken,
// zgw_statussen, zgw_resultaten, zgw_rollen, and the catalogue's zaaktypen it reads), as named
// SQL beside the code. Rows keep the ZGW representation in `data` (relative "/zgw/..." URLs),
// so the ZGW APIs see every case the domain writes and the other way round. The store seals
// BSN and KvK numbers (encrypted, bound to the row, plus a blind index) exactly as the ZGW
// rollen do.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/model.hpp"
#include "db/database.hpp"
#include "privacy/field_crypto.hpp"

namespace loket::cases {

// A result a case got (ZGW resultaat): one per case.
struct CaseResult {
  std::string id;
  std::string case_id;
  std::string type_id;  // resultaattype uuid
  std::string note;
};

// One row of a case list: the case and the names a list shows, read in the page's own query.
struct CaseSummary {
  std::string id;
  std::string reference;
  std::string identification;
  std::string organisation_rsin;
  std::string case_type_id;
  std::string case_type_name;
  std::string description;
  std::string start_date;
  std::optional<std::string> deadline;
  std::optional<std::string> end_date;
  std::optional<std::string> suspended_since;
  std::string status_type_id;  // the current status's type (uuid); "" when it has no status yet
  std::string status_name;     // "" when the case has no status yet
  std::optional<std::string> status_text;
  std::string status_since;
  int confidentiality = 0;
  std::string assignee;  // the staff account handling it; "" for nobody
};

// Where a list may look: cases of `rsin` up to `max_level`.
struct OrganisationScope {
  std::string rsin;
  int max_level = 0;
};

enum class OpenFilter { Any, Open, Closed };

// A resident's or business's cases (their number, or of whom they act for): open ones first,
// then closed, each newest first.
struct PartyQuery {
  PartyKind kind = PartyKind::Resident;
  std::string number;
  // Empty with `unrestricted`: every case they are in; else only these organisations' cases.
  bool unrestricted = true;
  std::vector<OrganisationScope> scopes;
  std::int64_t offset = 0;
  std::int64_t limit = 20;
  std::optional<std::string> organisation_rsin;  // only this organisation's cases
  OpenFilter open = OpenFilter::Any;
};
struct PartyPage {
  std::vector<CaseSummary> items;
  std::int64_t total = 0;     // the party's cases, counted up to kCountCap
  bool count_capped = false;  // there are more than kCountCap
  bool more = false;          // a page follows this one
};

enum class CaseSort { StartDateDesc, DeadlineAsc };

// Staff: the cases of organisations (each up to a level), filtered and sorted, one page after
// `after` (keyset: the last row's sort key and uuid), so a page costs the same at any depth.
struct OrganisationQuery {
  std::vector<OrganisationScope> scopes;
  CaseSort sort = CaseSort::StartDateDesc;
  OpenFilter open = OpenFilter::Any;
  std::optional<std::string> deadline_from;  // YYYY-MM-DD, inclusive
  std::optional<std::string> deadline_to;    // inclusive
  std::optional<std::string> overdue_on;     // open cases whose deadline is before this day
  std::optional<std::string> status_type;    // the current status's type (uuid)
  std::optional<std::string> assignee;       // a staff account id; "" for unassigned cases
  std::optional<std::string> case_type;      // the product (zaaktype uuid)
  // Any of these zaaktypen (a team's products, every version); an empty list matches nothing.
  std::optional<std::vector<std::string>> case_types;
  std::optional<std::string> after;  // a cursor from an earlier page
  std::int64_t limit = 20;
  // False when the caller has the count already (the work queue's counts above the list):
  // the page's count is then 0 and not capped.
  bool count = true;
};
struct OrganisationPage {
  std::vector<CaseSummary> items;
  std::optional<std::string> next;  // the cursor of the next page, if there is one
  std::int64_t count = 0;           // matching cases, counted up to kCountCap
  bool count_capped = false;        // there are at least `count`
};
// A work queue's count stops here: each page pays for counting up to this many index entries
// per organisation (10,000 cost most of a page's time on the bench), and a worker needs to know
// "more than a thousand", not the exact number, to narrow the queue with filters.
inline constexpr std::int64_t kCountCap = 1'000;

// Whether `cursor` is one this store hands out.
bool valid_cursor(std::string_view cursor, CaseSort sort);

struct IdempotencyRecord {
  std::string request_hash;
  std::string case_id;
};

class CaseStore {
 public:
  explicit CaseStore(const privacy::KeyRing& keys) : keys_(keys) {}

  // ---- the catalogue (read) ----
  // A zaaktype of this registry with its status types and initiator roltype, or nullopt.
  std::optional<CaseType> load_case_type(db::Connection& c, std::string_view uuid) const;
  // One status type by its uuid, or nullopt: what a case's current status needs of its type.
  std::optional<StatusType> load_status_type(db::Connection& c, std::string_view uuid) const;
  // The uuid of a case's zaaktype (from case_facts, no JSON parsed), or nullopt when there is
  // no such case.
  std::optional<std::string> case_type_of(db::Connection& c, std::string_view case_id) const;
  // The omschrijving of a resultaattype of `case_type`, or nullopt when it is not one of it.
  std::optional<std::string> result_type_name(db::Connection& c, std::string_view uuid,
                                              std::string_view case_type) const;

  // ---- cases ----
  // Inserts a new case (and its ZGW representation). `case_type` names its zaaktype.
  void insert_case(db::Connection& c, const Case& k, const CaseType& case_type) const;
  // The case, or nullopt. `lock`: inside a write transaction, writers of one case take turns.
  std::optional<Case> load_case(db::Connection& c, std::string_view uuid, bool lock = false) const;
  // The case's stored ZGW representation (relative URLs), or nullopt.
  std::optional<boost::json::object> representation(db::Connection& c, std::string_view uuid) const;
  // Writes the case's changeable facts back (columns and representation): status, end date,
  // deadline, suspension, extension, assignee, result, and the archive parameters a closing
  // derived. Returns the representation before and after (for the audit trail).
  struct Representations {
    boost::json::object before, after;
  };
  Representations update_case(db::Connection& c, const Case& k) const;
  // Returns the status's stored representation (as insert_result the result's).
  boost::json::object add_status(db::Connection& c, const Status& s) const;
  // The current status's moment (RFC 3339) and its type, when the case has one.
  std::optional<std::pair<std::string, std::string>> current_status(db::Connection& c,
                                                                    const Case& k) const;
  // Adds a party, its number sealed, and lists it on the case (the caller stores the case).
  void add_party(db::Connection& c, const Party& p, const std::string& role_type_name) const;
  std::vector<Party> parties(db::Connection& c, std::string_view case_id) const;
  bool has_result(db::Connection& c, std::string_view case_id) const;
  boost::json::object insert_result(db::Connection& c, const CaseResult& r) const;

  // A submitted case whole, each row written once: the zaak with its current status and its
  // parties already listed, the parties (numbers sealed, with their role type names) and the
  // first status. `k.status_id` is `first.id`.
  void insert_submitted(db::Connection& c, const Case& k, const CaseType& case_type,
                        const std::vector<std::pair<Party, std::string>>& parties,
                        const Status& first) const;
  // Whether a zaak or a reserved zaaknummer of `rsin` has this identificatie (a ZGW client may
  // choose its own).
  bool identification_taken(db::Connection& c, const std::string& rsin,
                            const std::string& identification) const;
  // Blocks of numbers for a process to hand out without holding the counter's row lock until
  // its own commit (case_service's NumberBlocks): the counter moves by `n` in the caller's
  // (short) transaction; returns the block's last number. The same counters as below, so
  // numbers taken either way never meet.
  std::int64_t reserve_identifications(db::Connection& c, const std::string& rsin,
                                       std::int64_t year, std::int64_t n) const;
  std::int64_t reserve_references(db::Connection& c, const std::string& rsin, std::int64_t year,
                                  std::int64_t n) const;

  // The next ZGW identificatie ("ZAAK-2026-0000000123") of `rsin`, shared with the Zaken API's
  // counter so the two never hand out the same number.
  std::string next_identification(db::Connection& c, const std::string& rsin) const;
  // The next human reference of an organisation in `year`: "<prefix>-<year>-<6 digits>".
  std::string next_reference(db::Connection& c, const std::string& rsin, std::string_view prefix,
                             int year) const;
  // The organisation's configured prefix, or nullopt; and its name (for the default).
  struct OrganisationFacts {
    std::string id, name, kind;
    std::optional<std::string> prefix;
  };
  std::optional<OrganisationFacts> organisation_of_rsin(db::Connection& c,
                                                        const std::string& rsin) const;

  // ---- idempotency ----
  std::optional<IdempotencyRecord> find_idempotency_key(db::Connection& c,
                                                        const std::string& submitter,
                                                        const std::string& key) const;
  // find_idempotency_key and identification_taken at once: one statement (one round trip)
  // before a submit writes.
  struct SubmitChecks {
    std::optional<IdempotencyRecord> seen;
    bool identification_taken = false;
  };
  SubmitChecks submit_checks(db::Connection& c, const std::string& submitter,
                             const std::string& key, const std::string& rsin,
                             const std::string& identification) const;
  // Throws db::ConstraintError when another transaction stored the same key first.
  void insert_idempotency_key(db::Connection& c, const std::string& submitter,
                              const std::string& key, const IdempotencyRecord& r,
                              std::int64_t now_ms) const;
  // Deletes the keys stored before `before_ms` (milliseconds since the epoch); returns how many.
  std::int64_t purge_idempotency_keys(db::Connection& c, std::int64_t before_ms) const;
  // Who submitted, as a blind index (never the number itself).
  std::string submitter_index(PartyKind kind, std::string_view number) const;

  // ---- reads for the doors ----
  PartyPage list_for_party(db::Database& db, const PartyQuery& q) const;
  OrganisationPage list_for_organisation(db::Database& db, const OrganisationQuery& q) const;
  // One case as a list shows it, or nullopt.
  std::optional<CaseSummary> summary(db::Database& db, std::string_view case_id) const;
  // The same of a case this process has in hand with its current status (one it just
  // submitted): nothing to read but the names of its types, which are cached.
  CaseSummary summary_of(db::Database& db, const Case& k, const Status& current) const;
  // Whether the party (BSN or KvK number) is in the case.
  bool is_party(db::Database& db, std::string_view case_id, PartyKind kind,
                std::string_view number) const;
  // The BSNs of the residents in a case (for the processing log), unsealed.
  std::vector<std::string> resident_numbers(db::Connection& c, std::string_view case_id) const;
  // The cases a party is in (not those of whom they act for) with the uuids of their roles.
  std::vector<std::pair<std::string, std::vector<std::string>>> roles_of_party(
      db::Database& db, PartyKind kind, std::string_view number) const;

  // ---- a ZGW rol's sealed numbers: the ZGW adapter's rollen pass plain values; the store
  // seals them as it seals the parties it writes itself.
  // The zgw_rollen columns seal_role's values go to, in its order.
  static const std::vector<std::string>& role_sealed_columns();
  // Takes the BSN (inpBsn) and KvK number (kvkNummer) out of the rol's betrokkeneIdentificatie
  // (its ZGW representation, with its uuid) and returns the values of role_sealed_columns:
  // each number encrypted bound to the row, and its blind index; null where there is none.
  std::vector<db::Value> seal_role(boost::json::object& rol) const;
  // Puts them back from the sealed columns read (in role_sealed_columns' order).
  void unseal_role(boost::json::object& rol,
                   const std::vector<std::optional<std::string>>& sealed) const;
  // The blind index of a BSN (Resident) or KvK number (Business) as the rollen hold it, to
  // find a number without storing it.
  std::string number_index(PartyKind kind, std::string_view number) const;

  // ---- key rotation ----
  // Re-encrypts every sealed number an older key made with the current one, in the caller's
  // transaction; returns how many. Throws std::runtime_error when one cannot be decrypted.
  std::int64_t reseal_parties(db::Connection& c) const;

 private:
  // Where a rol sorts in its party's case list: its zaak closed or not, and the zaak's start.
  struct ListOrder {
    bool closed = false;
    std::string start;
  };
  void insert_party_row(db::Connection& c, const Party& p, const std::string& role_type_name,
                        const ListOrder& order) const;
  void insert_zaak_row(db::Connection& c, const Case& k, const CaseType& t,
                       const boost::json::object& data) const;
  const privacy::KeyRing& keys_;
};

// The columns of a zgw_zaken row that the case lists read instead of the row's JSON (migration
// 0015), derived from the stored ZGW representation. Every writer of zgw_zaken sets them from
// here: this store, and the ZGW engine's declared columns (standards/zgw/zaken.cpp).
struct DerivedColumns {
  std::string description;  // omschrijving, or the whole toelichting it was cut from
};
DerivedColumns derived_columns(const boost::json::object& zaak);

// The default prefix of an organisation's references: three capitals from its name without the
// kind ("Gemeente Utrecht" → "UTR"); provinces and water boards start with P and W.
std::string default_reference_prefix(std::string_view name, std::string_view kind);

}  // namespace loket::cases
