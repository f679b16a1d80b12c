// Work orders and contractor companies: the rules and the SQL; see work_orders.hpp.
#include "cases/work_orders.hpp"

#include <chrono>

#include "common/base64.hpp"
#include "common/uuid.hpp"

namespace loket::cases {

namespace {

constexpr std::string_view kInsertCompany =
    "INSERT INTO contractor_companies (id, organisation_id, name, created_at)"
    " VALUES ($1, $2, $3, $4)";
constexpr std::string_view kCompanies =
    "SELECT id, organisation_id, name FROM contractor_companies WHERE organisation_id = $1"
    " ORDER BY name, id";
constexpr std::string_view kCompany =
    "SELECT id, organisation_id, name FROM contractor_companies WHERE id = $1";
constexpr std::string_view kSetMember =
    "INSERT INTO contractor_members (staff_id, company_id) VALUES ($1, $2)"
    " ON CONFLICT (staff_id) DO UPDATE SET company_id = excluded.company_id";
constexpr std::string_view kMemberOf =
    "SELECT company_id FROM contractor_members WHERE staff_id = $1";
constexpr std::string_view kInsertOrder =
    "INSERT INTO work_orders (id, case_id, organisation_id, company_id, instructions, location,"
    " due_date, state, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8,"
    " $9)";
constexpr std::string_view kOrderColumns =
    "SELECT w.id, w.case_id, w.organisation_id, w.company_id, c.name, w.instructions, w.location,"
    " w.due_date, w.state, w.created_by, w.created_at, w.accepted_at, w.done_at, w.done_note,"
    " w.photo_type FROM work_orders w JOIN contractor_companies c ON c.id = w.company_id ";
constexpr std::string_view kAccept =
    "UPDATE work_orders SET state = 'accepted', accepted_by = $2, accepted_at = $3"
    " WHERE id = $1 AND state = 'open'";
constexpr std::string_view kComplete =
    "UPDATE work_orders SET state = 'done', done_by = $2, done_at = $3, done_note = $4,"
    " photo_type = $5, photo = $6 WHERE id = $1 AND state = 'accepted'";
constexpr std::string_view kPhoto =
    "SELECT photo, photo_type FROM work_orders WHERE id = $1 AND photo IS NOT NULL";

// Carries a failure out of a write transaction so that it rolls back.
struct Refused {
  common::Failure failure;
};

template <class T, class F>
Result<T> in_transaction(db::Database& db, F&& f) {
  std::optional<Result<T>> out;
  try {
    db.write([&](db::Connection& c) {
      auto r = f(c);
      if (!r) throw Refused{r.failure()};
      out.emplace(std::move(r));
    });
  } catch (const Refused& refused) {
    return refused.failure;
  }
  return std::move(*out);
}

// Text a person typed: not empty, not too long, no control characters but line breaks and tabs.
bool clean(const std::string& s, std::size_t max) {
  if (s.empty() || s.size() > max) return false;
  for (unsigned char ch : s) {
    if ((ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t') || ch == 0x7f) return false;
  }
  return true;
}

WorkOrderState state_of(std::string_view s) {
  if (s == "accepted") return WorkOrderState::Accepted;
  if (s == "done") return WorkOrderState::Done;
  return WorkOrderState::Open;
}

WorkOrder from_row(const db::Rows::Row& r) {
  WorkOrder w;
  w.id = r.text(0);
  w.case_id = r.text(1);
  w.organisation_id = r.text(2);
  w.company_id = r.text(3);
  w.company_name = r.text(4);
  w.instructions = r.text(5);
  w.location = r.text(6);
  w.due_date = r.text(7);
  w.state = state_of(r.text(8));
  w.created_by = r.text(9);
  w.created_at = r.integer(10);
  if (r.optional_text(11)) w.accepted_at = r.integer(11);
  if (r.optional_text(12)) w.done_at = r.integer(12);
  w.done_note = r.optional_text(13).value_or("");
  w.photo_type = r.optional_text(14).value_or("");
  return w;
}

std::optional<WorkOrder> load(db::Connection& c, const std::string& id) {
  auto rows = c.query(std::string(kOrderColumns) + "WHERE w.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

}  // namespace

std::string_view state_name(WorkOrderState s) {
  switch (s) {
    case WorkOrderState::Open:
      return "open";
    case WorkOrderState::Accepted:
      return "accepted";
    case WorkOrderState::Done:
      break;
  }
  return "done";
}

bool is_photo_type(std::string_view t) {
  return t == "image/jpeg" || t == "image/png" || t == "image/webp";
}

WorkOrders::WorkOrders(CaseService& cases, CaseService::Clock clock)
    : cases_(cases),
      clock_(clock ? std::move(clock)
                   : CaseService::Clock([] { return std::chrono::system_clock::now(); })) {}

std::int64_t WorkOrders::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_().time_since_epoch()).count();
}

Result<ContractorCompany> WorkOrders::add_company(const std::string& organisation_id,
                                                  const std::string& name) {
  if (!clean(name, 200) || name.find('\n') != std::string::npos) {
    return common::invalid("name", "invalid", "The company's name: 1 to 200 characters.");
  }
  ContractorCompany out{common::new_uuid(), organisation_id, name};
  try {
    cases_.database().write([&](db::Connection& c) {
      c.execute(kInsertCompany, {out.id, organisation_id, name, now_ms()});
    });
  } catch (const db::ConstraintError&) {
    return common::conflict("The organisation has a company of this name already.");
  }
  return out;
}

std::vector<ContractorCompany> WorkOrders::companies(const std::string& organisation_id) {
  auto rows = cases_.database().read_once(kCompanies, {organisation_id});
  std::vector<ContractorCompany> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back({rows[i].text(0), rows[i].text(1), rows[i].text(2)});
  }
  return out;
}

std::optional<ContractorCompany> WorkOrders::company(const std::string& id) {
  if (!common::is_uuid(id)) return std::nullopt;
  auto rows = cases_.database().read_once(kCompany, {id});
  if (rows.empty()) return std::nullopt;
  return ContractorCompany{rows[0].text(0), rows[0].text(1), rows[0].text(2)};
}

Result<void> WorkOrders::add_member(const std::string& company_id, const std::string& staff_id) {
  if (!company(company_id)) return common::not_found("There is no such company.");
  cases_.database().write([&](db::Connection& c) {
    c.execute(kSetMember, {staff_id, company_id});
  });
  return {};
}

std::optional<std::string> WorkOrders::company_of(const std::string& staff_id) {
  auto rows = cases_.database().read_once(kMemberOf, {staff_id});
  if (rows.empty()) return std::nullopt;
  return rows[0].text(0);
}

Result<WorkOrder> WorkOrders::order(const std::string& case_id, const WorkOrderInput& in,
                                    const std::string& staff_id, const std::string& organisation_id,
                                    const Permit& permit) {
  return in_transaction<WorkOrder>(cases_.database(), [&](db::Connection& c) -> Result<WorkOrder> {
    auto k = cases_.store().load_case(c, case_id, true);
    if (!k || permit.may_read_level < common::level_of(k->confidentiality)) {
      return common::not_found("There is no case with this id that you may see.");
    }
    if (!permit.may_handle) return common::forbidden("You may not handle this case.");
    if (k->closed()) return common::forbidden("This case is closed.");
    std::vector<common::FieldError> problems;
    auto company = c.query(kCompany, {in.company_id});
    if (!common::is_uuid(in.company_id) || company.empty() ||
        company[0].text(1) != organisation_id) {
      problems.push_back({"company", "does-not-exist", "A company of the case's organisation."});
    }
    if (!clean(in.instructions, kMaxWorkOrderText)) {
      problems.push_back({"instructions", "invalid", "1 to 4000 characters of text."});
    }
    if (!clean(in.location, 200) || in.location.find('\n') != std::string::npos) {
      problems.push_back({"location", "invalid", "An address or place: 1 to 200 characters."});
    }
    auto due = parse_day(in.due_date);
    auto today = std::chrono::floor<std::chrono::days>(clock_());
    if (!due) {
      problems.push_back({"dueDate", "invalid", "A date: YYYY-MM-DD."});
    } else if (*due < today) {
      problems.push_back({"dueDate", "in-the-past", "Today or later."});
    }
    if (!problems.empty()) return common::invalid(std::move(problems));
    auto id = common::new_uuid();
    c.execute(kInsertOrder, {id, case_id, organisation_id, in.company_id, in.instructions,
                             in.location, in.due_date, staff_id, now_ms()});
    return *load(c, id);
  });
}

std::vector<WorkOrder> WorkOrders::for_case(const std::string& case_id) {
  auto rows = cases_.database().read_once(
      std::string(kOrderColumns) + "WHERE w.case_id = $1 ORDER BY w.created_at, w.id", {case_id});
  std::vector<WorkOrder> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(from_row(rows[i]));
  return out;
}

std::vector<WorkOrder> WorkOrders::for_company(const std::string& company_id) {
  auto rows = cases_.database().read_once(
      std::string(kOrderColumns) +
          "WHERE w.company_id = $1 ORDER BY (w.state = 'done'), w.due_date, w.id",
      {company_id});
  std::vector<WorkOrder> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(from_row(rows[i]));
  return out;
}

Result<WorkOrder> WorkOrders::get(const std::string& id, const std::string& company_id) {
  if (!common::is_uuid(id)) return common::not_found("There is no such work order for you.");
  auto w = cases_.database().read_value([&](db::Connection& c) { return load(c, id); });
  if (!w || w->company_id != company_id) {
    return common::not_found("There is no such work order for you.");
  }
  return *w;
}

Result<WorkOrder> WorkOrders::accept(const std::string& id, const std::string& company_id,
                                     const std::string& staff_id) {
  return in_transaction<WorkOrder>(cases_.database(), [&](db::Connection& c) -> Result<WorkOrder> {
    auto w = common::is_uuid(id) ? load(c, id) : std::nullopt;
    if (!w || w->company_id != company_id) {
      return common::not_found("There is no such work order for you.");
    }
    if (c.execute(kAccept, {id, staff_id, now_ms()}) == 0) {
      return common::conflict("This work order is not open.");
    }
    // The resident sees the work is planned: a case still at its first status moves to the
    // next one, when that is not the end (closing needs a result, the case worker's).
    auto k = cases_.store().load_case(c, w->case_id, true);
    auto type = k ? cases_.store().load_case_type(c, k->case_type_id) : std::nullopt;
    if (k && type && type->statuses.size() > 2 && !k->closed()) {
      auto current = cases_.store().current_status(c, *k);
      if (current && current->second == type->statuses.front().id) {
        Permit system;
        system.may_handle = true;
        system.may_read_level = 7;
        auto r = cases_.set_status_in(c, k->id, type->statuses[1].id, "", system);
        if (!r) return r.failure();
      }
    }
    return *load(c, id);
  });
}

Result<WorkOrder> WorkOrders::complete(const std::string& id, const std::string& company_id,
                                       const std::string& staff_id, const std::string& note,
                                       const std::string& photo, const std::string& photo_type) {
  std::vector<common::FieldError> problems;
  if (!clean(note, kMaxWorkOrderText)) {
    problems.push_back({"note", "invalid", "1 to 4000 characters of text."});
  }
  if (photo.empty()) {
    problems.push_back({"photo", "required", "A photo of the finished work."});
  } else if (photo.size() > kMaxPhotoBytes) {
    problems.push_back({"photo", "too-large", "At most 600 KiB."});
  } else if (!is_photo_type(photo_type)) {
    problems.push_back({"photo", "not-an-image", "A JPEG, PNG or WebP image."});
  }
  if (!problems.empty()) return common::invalid(std::move(problems));
  return in_transaction<WorkOrder>(cases_.database(), [&](db::Connection& c) -> Result<WorkOrder> {
    auto w = common::is_uuid(id) ? load(c, id) : std::nullopt;
    if (!w || w->company_id != company_id) {
      return common::not_found("There is no such work order for you.");
    }
    if (c.execute(kComplete, {id, staff_id, now_ms(), note, photo_type,
                              common::base64url_encode(photo)}) == 0) {
      return common::conflict("Accept the work order first.");
    }
    return *load(c, id);
  });
}

std::optional<std::pair<std::string, std::string>> WorkOrders::photo(const std::string& id) {
  if (!common::is_uuid(id)) return std::nullopt;
  auto rows = cases_.database().read_once(kPhoto, {id});
  if (rows.empty()) return std::nullopt;
  auto bytes = common::base64url_decode(rows[0].text(0));
  if (!bytes) return std::nullopt;
  return std::pair{std::move(*bytes), rows[0].text(1)};
}

}  // namespace loket::cases
