// The pure rules of decisions; see decision_rules.hpp.
#include "cases/decision_rules.hpp"

#include <algorithm>
#include <cstdio>

namespace loket::cases {

using std::chrono::days;
using std::chrono::sys_days;

namespace {

constexpr auto kObjectionTerm = days{6 * 7};

sys_days ymd(int y, unsigned m, unsigned d) {
  return sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

}  // namespace

sys_days easter_sunday(int year) {
  // The anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return ymd(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

bool is_holiday(sys_days day) {
  std::chrono::year_month_day date{day};
  int y = static_cast<int>(date.year());
  auto easter = easter_sunday(y);
  auto kings_day = ymd(y, 4, 27);
  if (std::chrono::weekday{kings_day} == std::chrono::Sunday) kings_day -= days{1};
  for (auto h : {ymd(y, 1, 1), easter + days{1}, easter + days{39}, easter + days{50},
                 ymd(y, 12, 25), ymd(y, 12, 26), kings_day, ymd(y, 5, 5)}) {
    if (h == day) return true;
  }
  return false;
}

bool is_working_day(sys_days day) {
  std::chrono::weekday w{day};
  return w != std::chrono::Saturday && w != std::chrono::Sunday && !is_holiday(day);
}

ObjectionWindow objection_window(sys_days made_known) {
  ObjectionWindow w{made_known + days{1}, made_known + kObjectionTerm};
  while (!is_working_day(w.until)) w.until += days{1};
  return w;
}

std::optional<sys_days> made_known_on(std::optional<sys_days> sent,
                                      std::optional<sys_days> published) {
  return sent ? sent : published;
}

std::optional<ApprovalRefusal> check_approval(std::string_view drafter, std::string_view approver,
                                              bool approver_has_role, bool is_draft) {
  if (!is_draft) return ApprovalRefusal::NotDraft;
  if (!approver_has_role) return ApprovalRefusal::NotApprover;
  if (approver.empty() || drafter == approver) return ApprovalRefusal::SamePerson;
  return std::nullopt;
}

std::string_view expiry_reason_label(std::string_view reason) {
  if (reason == "tijdelijk") return "Besluit met tijdelijke werking";
  if (reason == "ingetrokken_overheid") return "Besluit ingetrokken door overheid";
  if (reason == "ingetrokken_belanghebbende") return "Besluit ingetrokken o.v.v. belanghebbende";
  return "";
}

std::optional<std::string> check_dates(sys_days effective_from,
                                       std::optional<sys_days> expires_on) {
  if (expires_on && *expires_on < effective_from) return "vervaldatum";
  return std::nullopt;
}

std::string decision_identification(int year, std::int64_t n) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "BESLUIT-%04d-%010lld", year, static_cast<long long>(n));
  return buf;
}

std::optional<sys_days> latest_decision_date(const std::vector<std::optional<sys_days>>& dates) {
  std::optional<sys_days> out;
  for (const auto& d : dates) {
    if (d && (!out || *d > *out)) out = d;
  }
  return out;
}

KenmerkBrondatum besluit_brondatum(const std::vector<std::optional<sys_days>>& dates) {
  if (dates.empty()) {
    return {std::nullopt, "Geen besluiten aan de zaak gekoppeld om de brondatum uit af te leiden."};
  }
  return {latest_decision_date(dates), std::nullopt};
}

}  // namespace loket::cases
