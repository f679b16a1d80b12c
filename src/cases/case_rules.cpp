// The rules of a case's life; see case_rules.hpp.
#include "cases/case_rules.hpp"

#include <algorithm>
#include <cstdio>

#include "common/instant.hpp"

namespace loket::cases {

using std::chrono::sys_days;

sys_days add_period(sys_days day, const Period& p) {
  std::chrono::year_month_day ymd{day};
  auto months = static_cast<std::int64_t>(static_cast<int>(ymd.year())) * 12 +
                static_cast<std::int64_t>(static_cast<unsigned>(ymd.month())) - 1 + p.years * 12 +
                p.months;
  std::chrono::year y{static_cast<int>(months / 12)};
  std::chrono::month m{static_cast<unsigned>(months % 12 + 1)};
  auto last = std::chrono::year_month_day_last{y, std::chrono::month_day_last{m}}.day();
  auto d = ymd.day() > last ? last : ymd.day();
  return sys_days{std::chrono::year_month_day{y, m, d}} + std::chrono::days{p.days};
}

std::optional<Period> parse_period(std::string_view s) {
  if (s.size() < 2 || s[0] != 'P') return std::nullopt;
  Period p;
  bool any = false, in_time = false;
  std::int64_t n = 0;
  bool digits = false;
  for (std::size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      if (n > 100'000'000) return std::nullopt;  // no product term is that long
      n = n * 10 + (c - '0');
      digits = true;
      continue;
    }
    if (c == 'T' && !digits && !in_time) {
      in_time = true;
      continue;
    }
    if (!digits) return std::nullopt;
    if (in_time) {
      if ((c != 'H' && c != 'M' && c != 'S') || n != 0) return std::nullopt;
    } else if (c == 'Y') {
      p.years += n;
    } else if (c == 'M') {
      p.months += n;
    } else if (c == 'W') {
      p.days += n * 7;
    } else if (c == 'D') {
      p.days += n;
    } else {
      return std::nullopt;
    }
    any = true;
    n = 0;
    digits = false;
  }
  if (!any || digits) return std::nullopt;
  return p;
}

std::string format_period(const Period& p) {
  std::string out = "P";
  if (p.years) out += std::to_string(p.years) + "Y";
  if (p.months) out += std::to_string(p.months) + "M";
  if (p.days || out == "P") out += std::to_string(p.days) + "D";
  return out;
}

std::optional<sys_days> parse_day(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  for (std::size_t i : {0u, 1u, 2u, 3u}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    y = y * 10 + (s[i] - '0');
  }
  for (std::size_t i : {5u, 6u}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    m = m * 10 + static_cast<unsigned>(s[i] - '0');
  }
  for (std::size_t i : {8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    d = d * 10 + static_cast<unsigned>(s[i] - '0');
  }
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

std::string format_day(sys_days day) {
  std::chrono::year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string format_instant(std::chrono::system_clock::time_point t) {
  auto now = std::chrono::floor<std::chrono::seconds>(t);
  auto day = std::chrono::floor<std::chrono::days>(now);
  std::chrono::hh_mm_ss hms{now - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", format_day(day).c_str(),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::int64_t days_between(sys_days since, sys_days until) {
  auto n = (until - since).count();
  return n > 0 ? n : 0;
}

std::optional<sys_days> compute_deadline(const DeadlineFacts& f, sys_days today) {
  if (!f.term) return std::nullopt;
  auto suspended = f.suspended_days > 0 ? f.suspended_days : 0;
  if (f.suspended_since) suspended += days_between(*f.suspended_since, today);
  return deadline(f.start, *f.term, f.extension, suspended);
}

std::optional<Refusal> check_suspend(bool suspendable, bool closed, bool suspended,
                                     std::string_view reason) {
  if (closed)
    return Refusal{"nonFieldErrors", "closed", "Een afgesloten zaak wordt niet opgeschort."};
  if (!suspendable) {
    return Refusal{"nonFieldErrors", "not-suspendable", "Dit product staat geen opschorting toe."};
  }
  if (suspended) return Refusal{"nonFieldErrors", "suspended", "Deze zaak is al opgeschort."};
  if (reason.empty()) return Refusal{"reason", "required", "Geef de reden van de opschorting."};
  return std::nullopt;
}

std::optional<Refusal> check_resume(bool suspended) {
  if (!suspended)
    return Refusal{"nonFieldErrors", "not-suspended", "Deze zaak is niet opgeschort."};
  return std::nullopt;
}

std::optional<Refusal> check_extend(bool may_extend, const std::optional<Period>& longest,
                                    bool closed, bool extended_before, const Period& asked,
                                    std::string_view reason) {
  if (closed)
    return Refusal{"nonFieldErrors", "closed", "Een afgesloten zaak wordt niet verlengd."};
  if (!may_extend) {
    return Refusal{"nonFieldErrors", "not-extendable", "Dit product staat geen verlenging toe."};
  }
  if (extended_before) {
    return Refusal{"nonFieldErrors", "extended",
                   "Deze zaak is al eens verlengd; dat kan één keer."};
  }
  if (reason.empty()) return Refusal{"reason", "required", "Geef de reden van de verlenging."};
  if (asked.years < 0 || asked.months < 0 || asked.days < 0 ||
      (asked.years == 0 && asked.months == 0 && asked.days == 0)) {
    return Refusal{"period", "invalid", "Geef een verlenging van ten minste één dag."};
  }
  if (longest) {
    // Compared as the days they add from one fixed day, so P1M and P30D compare sensibly.
    auto from = sys_days{std::chrono::year{2001} / 1 / 1};
    if (add_period(from, asked) > add_period(from, *longest)) {
      return Refusal{
          "period", "max-value",
          "Langer dan de verlengingstermijn van het product (" + format_period(*longest) + ")."};
    }
  }
  return std::nullopt;
}

bool is_end_status(std::int64_t volgnummer, const std::vector<std::int64_t>& all_of_zaaktype) {
  for (auto v : all_of_zaaktype) {
    if (v > volgnummer) return false;
  }
  return true;
}

bool becomes_current(std::string_view new_set_at,
                     const std::optional<std::string>& current_set_at) {
  if (!current_set_at) return true;
  // As moments: the text a client sent may have another offset or precision.
  auto moment = [](std::string_view t) {
    auto n = common::normalise_instant(t);
    return n ? *n : std::string(t);
  };
  return moment(new_set_at) >= moment(*current_set_at);
}

Transition status_transition(bool zaak_closed, bool new_is_end) {
  if (!zaak_closed) return new_is_end ? Transition::Close : Transition::Advance;
  return new_is_end ? Transition::Reclose : Transition::Reopen;
}

std::string_view scope_for(Transition t) {
  switch (t) {
    case Transition::Reopen:
      return "zaken.heropenen";
    case Transition::Reclose:
      return "zaken.geforceerd-bijwerken";
    case Transition::Advance:
    case Transition::Close:
      return "";
  }
  return "";
}

bool may_change(bool zaak_closed, bool forced) { return !zaak_closed || forced; }

bool payment_date_allowed(std::string_view betalingsindicatie) {
  return betalingsindicatie != "nvt";
}

std::optional<std::string> check_hoofdzaak(std::string_view self, std::string_view hoofdzaak,
                                           bool hoofdzaak_is_deelzaak) {
  if (hoofdzaak.empty()) return std::nullopt;
  if (!self.empty() && self == hoofdzaak) return "self-forbidden";
  if (hoofdzaak_is_deelzaak) return "deelzaak-als-hoofdzaak";
  return std::nullopt;
}

sys_days deadline(sys_days start, const Period& doorlooptijd,
                  const std::optional<Period>& verlenging, std::int64_t suspended_days) {
  auto out = add_period(start, doorlooptijd);
  if (verlenging) out = add_period(out, *verlenging);
  return out + std::chrono::days{suspended_days > 0 ? suspended_days : 0};
}

std::optional<sys_days> brondatum(const ArchiveFacts& f) {
  const auto& a = f.afleidingswijze;
  if (a == "afgehandeld") return f.einddatum;
  if (a == "termijn") {
    if (!f.einddatum || !f.procestermijn) return std::nullopt;
    return add_period(*f.einddatum, *f.procestermijn);
  }
  if (a == "hoofdzaak") return f.hoofdzaak_einddatum;
  if (a == "eigenschap" || a == "zaakobject" || a == "gerelateerde_zaak" ||
      a == "ingangsdatum_besluit" || a == "vervaldatum_besluit") {
    return f.kenmerk_datum;
  }
  // ander_datumkenmerk: set by hand.
  return std::nullopt;
}

Archive derive_archive(const ArchiveFacts& f) {
  Archive out;
  if (f.zaak_nominatie && !f.zaak_nominatie->empty()) {
    out.nominatie = f.zaak_nominatie;
  } else if (!f.resultaattype_nominatie.empty()) {
    out.nominatie = f.resultaattype_nominatie;
  }
  if (f.zaak_actiedatum) {
    out.actiedatum = f.zaak_actiedatum;
    return out;
  }
  if (!f.archiefactietermijn) return out;
  if (auto bron = brondatum(f)) out.actiedatum = add_period(*bron, *f.archiefactietermijn);
  return out;
}

namespace {

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<sys_days> ymd(std::string_view y, std::string_view m, std::string_view d) {
  if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
  auto num = [](std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
  };
  std::chrono::year_month_day date{std::chrono::year{num(y)},
                                   std::chrono::month{static_cast<unsigned>(num(m))},
                                   std::chrono::day{static_cast<unsigned>(num(d))}};
  if (!date.ok()) return std::nullopt;
  return sys_days{date};
}

// hh, mm and ss of a time that exists (00:00:00 .. 23:59:59).
bool clock(std::string_view t) {
  if (!digits(t) || t.size() != 6) return false;
  auto two = [&](std::size_t at) { return (t[at] - '0') * 10 + (t[at + 1] - '0'); };
  return two(0) < 24 && two(2) < 60 && two(4) < 60;
}

}  // namespace

std::optional<sys_days> kenmerk_date(std::string_view v) {
  if (v.size() == 8 && digits(v)) return ymd(v.substr(0, 4), v.substr(4, 2), v.substr(6, 2));
  if (v.size() == 14 && digits(v)) {
    if (!clock(v.substr(8))) return std::nullopt;
    return ymd(v.substr(0, 4), v.substr(4, 2), v.substr(6, 2));
  }
  if (v.size() < 10 || v[4] != '-' || v[7] != '-') return std::nullopt;
  auto date = ymd(v.substr(0, 4), v.substr(5, 2), v.substr(8, 2));
  if (!date || v.size() == 10) return date;
  // An RFC 3339 date-time: "T" or a space, hh:mm, optional seconds, fraction and offset.
  auto rest = v.substr(10);
  if (rest.size() < 6 || (rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ') || rest[3] != ':') {
    return std::nullopt;
  }
  if (!digits(rest.substr(1, 2)) || !digits(rest.substr(4, 2))) return std::nullopt;
  for (char c : rest.substr(6)) {
    bool ok = (c >= '0' && c <= '9') || c == ':' || c == '.' || c == '+' || c == '-' || c == 'Z' ||
              c == 'z';
    if (!ok) return std::nullopt;
  }
  return date;
}

KenmerkBrondatum eigenschap_brondatum(const std::vector<std::string>& waarden,
                                      std::string_view naam) {
  if (waarden.empty()) {
    return {std::nullopt, "De zaak heeft geen eigenschap " + std::string(naam) +
                              " (het datumkenmerk van het resultaattype) om de brondatum uit af "
                              "te leiden."};
  }
  std::optional<sys_days> latest;
  for (const auto& w : waarden) {
    if (w.empty()) continue;  // no date yet
    auto d = kenmerk_date(w);
    if (!d) {
      return {std::nullopt, "De eigenschap " + std::string(naam) +
                                " bevat geen geldige datum; de brondatum kan niet worden bepaald."};
    }
    if (!latest || *d > *latest) latest = d;
  }
  return {latest, std::nullopt};
}

KenmerkBrondatum zaakobject_brondatum(const std::vector<std::optional<std::string>>& values,
                                      std::string_view kenmerk, std::string_view objecttype) {
  if (values.empty()) {
    return {std::nullopt, "De zaak heeft geen zaakobject van type " + std::string(objecttype) +
                              " om de brondatum (" + std::string(kenmerk) + ") uit af te leiden."};
  }
  std::optional<sys_days> latest;
  for (const auto& v : values) {
    auto d = v ? kenmerk_date(*v) : std::nullopt;
    if (!d) {
      return {std::nullopt, "Een zaakobject van type " + std::string(objecttype) +
                                " heeft geen geldige datum in " + std::string(kenmerk) +
                                "; de brondatum kan niet worden bepaald."};
    }
    if (!latest || *d > *latest) latest = d;
  }
  return {latest, std::nullopt};
}

KenmerkBrondatum gerelateerde_zaak_brondatum(const std::vector<std::optional<sys_days>>& einddata) {
  if (einddata.empty()) {
    return {std::nullopt,
            "De zaak heeft geen gerelateerde zaken (relevanteAndereZaken) om de brondatum uit af "
            "te leiden."};
  }
  std::optional<sys_days> latest;
  for (const auto& e : einddata) {
    if (e && (!latest || *e > *latest)) latest = e;
  }
  return {latest, std::nullopt};
}

std::vector<FieldProblem> check_archiefstatus(std::string_view archiefstatus, bool has_nominatie,
                                              bool has_actiedatum) {
  std::vector<FieldProblem> out;
  if (archiefstatus.empty() || archiefstatus == "nog_te_archiveren") return out;
  if (!has_nominatie) {
    out.push_back({"archiefnominatie", "archiefnominatie-not-set",
                   "Een archiefstatus anders dan nog_te_archiveren vraagt een archiefnominatie."});
  }
  if (!has_actiedatum) {
    out.push_back({"archiefactiedatum", "archiefactiedatum-not-set",
                   "Een archiefstatus anders dan nog_te_archiveren vraagt een archiefactiedatum."});
  }
  return out;
}

}  // namespace loket::cases
