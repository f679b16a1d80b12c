// Consultations: the postcode rules, the SQL, and each use case in one transaction; see
// consultation.hpp.
#include "cases/consultation.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "cases/case_rules.hpp"
#include "cases/message_store.hpp"
#include "common/utf8.hpp"
#include "common/uuid.hpp"

namespace loket::cases {

namespace {

constexpr std::string_view kInsert =
    "INSERT INTO consultations (id, organisation_id, title, proposal, areas, opens_on, closes_on,"
    " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr std::string_view kGet =
    "SELECT c.id, c.organisation_id, c.title, c.proposal, c.areas, c.opens_on, c.closes_on,"
    " c.created_by, c.created_at, c.closed_at, c.summary,"
    " (SELECT COUNT(*) FROM consultation_responses r WHERE r.consultation_id = c.id)"
    " FROM consultations c WHERE c.id = $1";
constexpr std::string_view kOfOrganisation =
    "SELECT c.id, c.organisation_id, c.title, c.proposal, c.areas, c.opens_on, c.closes_on,"
    " c.created_by, c.created_at, c.closed_at, c.summary,"
    " (SELECT COUNT(*) FROM consultation_responses r WHERE r.consultation_id = c.id)"
    " FROM consultations c WHERE c.organisation_id = $1 ORDER BY c.created_at DESC, c.id";
constexpr std::string_view kOpened =
    "SELECT c.id, c.organisation_id, c.title, c.proposal, c.areas, c.opens_on, c.closes_on,"
    " c.created_by, c.created_at, c.closed_at, c.summary,"
    " (SELECT COUNT(*) FROM consultation_responses r WHERE r.consultation_id = c.id)"
    " FROM consultations c WHERE c.opens_on <= $1 ORDER BY c.created_at DESC, c.id LIMIT 500";
constexpr std::string_view kLock = "UPDATE consultations SET id = id WHERE id = $1";
constexpr std::string_view kClose =
    "UPDATE consultations SET closed_at = $2, summary = $3 WHERE id = $1 AND closed_at IS NULL";
constexpr std::string_view kResponses =
    "SELECT respondent, body, created_at FROM consultation_responses WHERE consultation_id = $1"
    " ORDER BY created_at, respondent";
constexpr std::string_view kResponseOf =
    "SELECT respondent, body, created_at FROM consultation_responses"
    " WHERE consultation_id = $1 AND respondent = $2";
constexpr std::string_view kRespond =
    "INSERT INTO consultation_responses (consultation_id, respondent, body, created_at)"
    " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Consultation from_row(const db::Rows::Row& r) {
  Consultation c{r.text(0), r.text(1), r.text(2),    r.text(3),    r.text(4),  r.text(5),
                 r.text(6), r.text(7), r.integer(8), std::nullopt, r.text(10), r.integer(11)};
  if (r.optional_text(9)) c.closed_ms = r.integer(9);
  return c;
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// "3511", "3511AB", "3511 ab" → normalised; a four-digit one gets `pad` ("AA" or "ZZ").
std::optional<std::string> bound(std::string_view text, std::string_view pad) {
  std::string s;
  for (char ch : text) {
    if (ch != ' ') s += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  if (s.size() == 4) s += pad;
  return normalise_postcode(s);
}

}  // namespace

std::optional<std::string> normalise_postcode(std::string_view postcode) {
  std::string s;
  for (char ch : postcode) {
    if (ch != ' ') s += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  if (s.size() != 6 || s[0] == '0') return std::nullopt;
  for (int i = 0; i < 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
  }
  for (int i = 4; i < 6; ++i) {
    if (s[i] < 'A' || s[i] > 'Z') return std::nullopt;
  }
  return s;
}

std::optional<std::vector<PostcodeRange>> parse_postcode_ranges(std::string_view text) {
  std::vector<PostcodeRange> out;
  while (true) {
    auto comma = text.find(',');
    auto part = trim(text.substr(0, comma));
    if (!part.empty()) {
      auto dash = part.find('-');
      auto from = bound(trim(std::string_view(part).substr(0, dash)), "AA");
      auto to = bound(dash == std::string::npos ? trim(part) : trim(part.substr(dash + 1)), "ZZ");
      if (!from || !to || *to < *from) return std::nullopt;
      out.push_back({*from, *to});
    }
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

bool in_area(const std::vector<PostcodeRange>& area, std::string_view postcode) {
  auto p = normalise_postcode(postcode);
  if (!p) return false;
  return std::any_of(area.begin(), area.end(),
                     [&](const auto& r) { return r.from <= *p && *p <= r.to; });
}

Consultations::Consultations(db::Database& db, const privacy::KeyRing& keys, AddressLookup address)
    : db_(db), keys_(keys), address_(std::move(address)) {}

std::string Consultations::respondent(PartyKind kind, std::string_view number) const {
  return recipient_index(keys_, kind, number);
}

Result<Consultation> Consultations::open(const NewConsultation& in, const std::string& staff_id) {
  std::vector<common::FieldError> problems;
  auto title = common::utf8_length(in.title);
  if (title == 0) problems.push_back({"title", "required", "A title."});
  if (title > kMaxConsultationTitle) problems.push_back({"title", "max-length", "At most 200."});
  auto proposal = common::utf8_length(in.proposal);
  if (proposal == 0) problems.push_back({"proposal", "required", "The proposal."});
  if (proposal > kMaxConsultationText) {
    problems.push_back({"proposal", "max-length", "At most 10000."});
  }
  if (in.areas.size() > 2000 || !parse_postcode_ranges(in.areas)) {
    problems.push_back({"areas", "invalid", "Postcode ranges: 3511AA-3511ZZ, 3584."});
  }
  auto from = parse_day(in.opens_on), to = parse_day(in.closes_on);
  if (!from) problems.push_back({"opensOn", "invalid", "A date: YYYY-MM-DD."});
  if (!to) problems.push_back({"closesOn", "invalid", "A date: YYYY-MM-DD."});
  if (from && to && *to < *from) {
    problems.push_back({"closesOn", "before-opens", "On or after opensOn."});
  }
  if (!problems.empty())
    return common::invalid(std::move(problems), "The consultation is invalid.");
  Consultation c{common::new_uuid(),
                 in.organisation_id,
                 in.title,
                 in.proposal,
                 trim(in.areas),
                 format_day(*from),
                 format_day(*to),
                 staff_id,
                 now_ms(),
                 std::nullopt,
                 "",
                 0};
  db_.write([&](db::Connection& conn) {
    conn.execute(kInsert, {c.id, c.organisation_id, c.title, c.proposal, c.areas, c.opens_on,
                           c.closes_on, c.created_by, c.created_ms});
  });
  return c;
}

Result<Consultation> Consultations::close(const std::string& id, const std::string& summary) {
  auto length = common::utf8_length(summary);
  if (length == 0) return common::invalid("summary", "required", "The summary to publish.");
  if (length > kMaxConsultationText) {
    return common::invalid("summary", "max-length", "At most 10000 characters.");
  }
  bool closed = false;
  db_.write([&](db::Connection& conn) {
    conn.execute(kLock, {id});
    closed = conn.execute(kClose, {id, now_ms(), summary}) > 0;
  });
  if (!closed) return common::conflict("This consultation is closed already.");
  return *get(id);
}

std::optional<Consultation> Consultations::get(const std::string& id) {
  return db_.read_value([&](db::Connection& conn) -> std::optional<Consultation> {
    auto rows = conn.query(kGet, {id});
    if (rows.empty()) return std::nullopt;
    return from_row(rows[0]);
  });
}

std::vector<Consultation> Consultations::of_organisations(const std::vector<std::string>& ids) {
  std::vector<Consultation> out;
  db_.read([&](db::Connection& conn) {
    for (const auto& id : ids) {
      auto rows = conn.query(kOfOrganisation, {id});
      for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(from_row(rows[i]));
    }
  });
  return out;
}

std::vector<ConsultationResponse> Consultations::responses(const std::string& id) {
  std::vector<ConsultationResponse> out;
  db_.read([&](db::Connection& conn) {
    auto rows = conn.query(kResponses, {id});
    for (std::size_t i = 0; i < rows.size(); ++i) {
      out.push_back({rows[i].text(0), rows[i].text(1), rows[i].integer(2)});
    }
  });
  return out;
}

bool Consultations::concerns(const Consultation& c, PartyKind kind, std::string_view number) {
  if (kind != PartyKind::Resident || !address_) return false;
  auto postcode = address_(kind, number);
  auto area = parse_postcode_ranges(c.areas);
  return postcode && area && in_area(*area, *postcode);
}

std::vector<Consultation> Consultations::for_resident(PartyKind kind, std::string_view number,
                                                      std::string_view today) {
  std::vector<Consultation> out;
  if (kind != PartyKind::Resident || !address_) return out;
  auto opened = db_.read_value([&](db::Connection& conn) {
    std::vector<Consultation> all;
    auto rows = conn.query(kOpened, {std::string(today)});
    for (std::size_t i = 0; i < rows.size(); ++i) all.push_back(from_row(rows[i]));
    return all;
  });
  for (auto& c : opened) {
    if (concerns(c, kind, number)) out.push_back(std::move(c));
  }
  return out;
}

std::optional<ConsultationResponse> Consultations::response_of(const std::string& id,
                                                               PartyKind kind,
                                                               std::string_view number) {
  auto who = respondent(kind, number);
  return db_.read_value([&](db::Connection& conn) -> std::optional<ConsultationResponse> {
    auto rows = conn.query(kResponseOf, {id, who});
    if (rows.empty()) return std::nullopt;
    return ConsultationResponse{rows[0].text(0), rows[0].text(1), rows[0].integer(2)};
  });
}

Result<ConsultationResponse> Consultations::respond(const std::string& id, PartyKind kind,
                                                    std::string_view number,
                                                    const std::string& body,
                                                    std::string_view today) {
  auto c = get(id);
  if (!c || std::string_view(c->opens_on) > today || !concerns(*c, kind, number)) {
    return common::not_found("There is no consultation with this id for you.");
  }
  auto length = common::utf8_length(body);
  if (length == 0) return common::invalid("body", "required", "Your response.");
  if (length > kMaxConsultationText) {
    return common::invalid("body", "max-length", "At most 10000 characters.");
  }
  if (!c->open_on(today)) return common::conflict("This consultation is closed.");
  ConsultationResponse r{respondent(kind, number), body, now_ms()};
  bool added = false;
  db_.write([&](db::Connection& conn) {
    conn.execute(kLock, {id});
    // Closing takes the same row lock: a response lands before the close or not at all.
    auto rows = conn.query(kGet, {id});
    if (rows.empty() || from_row(rows[0]).closed()) return;
    added = conn.execute(kRespond, {id, r.respondent, r.body, r.created_ms}) > 0;
  });
  if (!added) return common::conflict("You responded already, or it closed meanwhile.");
  return r;
}

}  // namespace loket::cases
