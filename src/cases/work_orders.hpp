// Work orders: a case's task for a contractor company (instructions, location, due date), the
// companies and the contractor accounts that work for them. One transaction per use case. A
// contractor reaches an order only through its company (never the case); accepting moves a case
// that is still at its first status to the next (the resident sees it is planned), finishing
// records a note and a photo (an image by its content, at most kMaxPhotoBytes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cases/case_service.hpp"
#include "common/result.hpp"
#include "db/database.hpp"

namespace loket::cases {

inline constexpr std::size_t kMaxPhotoBytes = 600 * 1024;
inline constexpr std::size_t kMaxWorkOrderText = 4000;

struct ContractorCompany {
  std::string id, organisation_id, name;
};

enum class WorkOrderState { Open, Accepted, Done };
std::string_view state_name(WorkOrderState s);  // open, accepted, done

struct WorkOrder {
  std::string id, case_id, organisation_id, company_id, company_name;
  std::string instructions, location, due_date;
  WorkOrderState state = WorkOrderState::Open;
  std::string created_by;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> accepted_at, done_at;
  std::string done_note;
  std::string photo_type;  // "" when none
};

struct WorkOrderInput {
  std::string company_id, instructions, location, due_date;
};

// The image types a photo may be, by its content; "" for anything else.
bool is_photo_type(std::string_view media_type);

class WorkOrders {
 public:
  WorkOrders(CaseService& cases, CaseService::Clock clock = {});

  // ---- companies (an administrator of the organisation: the door checks) ----
  // Invalid "name" (empty, too long); Conflict: the organisation has one of that name.
  Result<ContractorCompany> add_company(const std::string& organisation_id,
                                        const std::string& name);
  std::vector<ContractorCompany> companies(const std::string& organisation_id);
  std::optional<ContractorCompany> company(const std::string& id);
  // A contractor account joins a company (leaving any other).
  Result<void> add_member(const std::string& company_id, const std::string& staff_id);
  // The company a contractor account works for.
  std::optional<std::string> company_of(const std::string& staff_id);

  // ---- case workers (permit: may_handle the case) ----
  // Invalid: "company" (not one of the case's organisation), "instructions", "location",
  // "dueDate" (not a date, or before today).
  Result<WorkOrder> order(const std::string& case_id, const WorkOrderInput& in,
                          const std::string& staff_id, const std::string& organisation_id,
                          const Permit& permit);
  // A case's orders, oldest first (staff and, without the company, the resident).
  std::vector<WorkOrder> for_case(const std::string& case_id);

  // ---- contractors: only their company's orders ----
  std::vector<WorkOrder> for_company(const std::string& company_id);
  // NotFound when the order is another company's.
  Result<WorkOrder> get(const std::string& id, const std::string& company_id);
  // Open → Accepted. Conflict otherwise.
  Result<WorkOrder> accept(const std::string& id, const std::string& company_id,
                           const std::string& staff_id);
  // Accepted → Done with a note and a photo (`photo` bytes, `photo_type` as detected from them).
  // Invalid "note" (empty, too long), "photo" (no image, too large); Conflict when not accepted.
  Result<WorkOrder> complete(const std::string& id, const std::string& company_id,
                             const std::string& staff_id, const std::string& note,
                             const std::string& photo, const std::string& photo_type);
  // The photo of a finished order: bytes and type.
  std::optional<std::pair<std::string, std::string>> photo(const std::string& id);

 private:
  std::int64_t now_ms() const;
  CaseService& cases_;
  CaseService::Clock clock_;
};

}  // namespace loket::cases
