// The rules of a case's life; see case_rules.hpp.
#include "cases/case_rules.hpp"

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

bool is_end_status(std::int64_t volgnummer, const std::vector<std::int64_t>& all_of_zaaktype) {
  for (auto v : all_of_zaaktype) {
    if (v > volgnummer) return false;
  }
  return true;
}

bool becomes_current(std::string_view new_set_at,
                     const std::optional<std::string>& current_set_at) {
  return !current_set_at || new_set_at >= *current_set_at;
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
  if (a == "eigenschap" || a == "zaakobject" || a == "ingangsdatum_besluit" ||
      a == "vervaldatum_besluit") {
    return f.kenmerk_datum;
  }
  // ander_datumkenmerk: set by hand; gerelateerde_zaak: not defined by the standard.
  return std::nullopt;
}

Archive derive_archive(const ArchiveFacts& f) {
  Archive out;
  if (f.zaak_nominatie && !f.zaak_nominatie->empty()) {
    out.nominatie = f.zaak_nominatie;
  } else if (!f.resultaattype_nominatie.empty()) {
    out.nominatie = f.resultaattype_nominatie;
  }
  if (!f.archiefactietermijn) return out;
  if (auto bron = brondatum(f)) out.actiedatum = add_period(*bron, *f.archiefactietermijn);
  return out;
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
