#include "cases/case_rules.hpp"

#include <gtest/gtest.h>

namespace loket::cases {
namespace {

using namespace std::chrono;

sys_days on(int y, unsigned m, unsigned d) {
  return sys_days{year{y} / month{m} / std::chrono::day{d}};
}

TEST(CaseRules, AddPeriodClampsMonthEnds) {
  EXPECT_EQ(add_period(on(2024, 1, 31), {0, 1, 0}), on(2024, 2, 29));
  EXPECT_EQ(add_period(on(2024, 2, 29), {1, 0, 0}), on(2025, 2, 28));
  EXPECT_EQ(add_period(on(2024, 12, 15), {0, 1, 56}), on(2025, 3, 12));
}

TEST(CaseRules, EndStatusIsTheHighestVolgnummer) {
  EXPECT_TRUE(is_end_status(3, {1, 2, 3}));
  EXPECT_FALSE(is_end_status(2, {1, 2, 3}));
  EXPECT_TRUE(is_end_status(1, {1}));
}

TEST(CaseRules, AnOlderStatusDoesNotBecomeCurrent) {
  EXPECT_TRUE(becomes_current("2026-01-02T10:00:00Z", std::nullopt));
  EXPECT_TRUE(becomes_current("2026-01-02T10:00:00Z", "2026-01-02T10:00:00Z"));
  EXPECT_FALSE(becomes_current("2026-01-01T10:00:00Z", "2026-01-02T10:00:00Z"));
  // As moments, not as text: a fraction later in the same second, another offset.
  EXPECT_TRUE(becomes_current("2026-01-02T10:00:00.718Z", "2026-01-02T10:00:00Z"));
  EXPECT_FALSE(becomes_current("2026-01-02T10:00:00Z", "2026-01-02T10:00:00.718Z"));
  EXPECT_FALSE(becomes_current("2026-01-02T10:30:00+01:00", "2026-01-02T10:00:00Z"));
  EXPECT_TRUE(becomes_current("2026-01-02T11:30:00+01:00", "2026-01-02T10:00:00.000000Z"));
}

TEST(CaseRules, TransitionsAndTheirScopes) {
  EXPECT_EQ(status_transition(false, false), Transition::Advance);
  EXPECT_EQ(status_transition(false, true), Transition::Close);
  EXPECT_EQ(status_transition(true, false), Transition::Reopen);
  EXPECT_EQ(status_transition(true, true), Transition::Reclose);
  EXPECT_EQ(scope_for(Transition::Reopen), "zaken.heropenen");
  EXPECT_EQ(scope_for(Transition::Reclose), "zaken.geforceerd-bijwerken");
  EXPECT_EQ(scope_for(Transition::Close), "");
}

TEST(CaseRules, AClosedZaakChangesOnlyWhenForced) {
  EXPECT_TRUE(may_change(false, false));
  EXPECT_FALSE(may_change(true, false));
  EXPECT_TRUE(may_change(true, true));
}

TEST(CaseRules, PaymentAndHoofdzaak) {
  EXPECT_FALSE(payment_date_allowed("nvt"));
  EXPECT_TRUE(payment_date_allowed("geheel"));
  EXPECT_TRUE(payment_date_allowed(""));
  EXPECT_EQ(check_hoofdzaak("/z/1", "/z/1", false), "self-forbidden");
  EXPECT_EQ(check_hoofdzaak("", "/z/2", true), "deelzaak-als-hoofdzaak");
  EXPECT_EQ(check_hoofdzaak("/z/1", "/z/2", false), std::nullopt);
  EXPECT_EQ(check_hoofdzaak("/z/1", "", false), std::nullopt);
}

TEST(CaseRules, DeadlineAddsExtensionAndSuspension) {
  EXPECT_EQ(deadline(on(2026, 1, 1), {0, 0, 56}, std::nullopt), on(2026, 2, 26));
  EXPECT_EQ(deadline(on(2026, 1, 1), {0, 0, 56}, Period{0, 0, 42}), on(2026, 4, 9));
  EXPECT_EQ(deadline(on(2026, 1, 1), {0, 0, 56}, std::nullopt, 10), on(2026, 3, 8));
  EXPECT_EQ(deadline(on(2026, 1, 1), {0, 0, 56}, std::nullopt, -5), on(2026, 2, 26));
}

TEST(CaseRules, ArchiveFromTheResultaattype) {
  ArchiveFacts f;
  f.resultaattype_nominatie = "vernietigen";
  f.archiefactietermijn = Period{10, 0, 0};
  f.afleidingswijze = "afgehandeld";
  f.einddatum = on(2026, 3, 1);
  auto a = derive_archive(f);
  EXPECT_EQ(a.nominatie, "vernietigen");
  EXPECT_EQ(a.actiedatum, on(2036, 3, 1));

  f.zaak_nominatie = "blijvend_bewaren";  // the zaak's own nominatie wins
  f.afleidingswijze = "termijn";
  f.procestermijn = Period{5, 0, 0};
  a = derive_archive(f);
  EXPECT_EQ(a.nominatie, "blijvend_bewaren");
  EXPECT_EQ(a.actiedatum, on(2041, 3, 1));

  f.afleidingswijze = "hoofdzaak";
  EXPECT_EQ(derive_archive(f).actiedatum, std::nullopt);  // no hoofdzaak einddatum
  f.hoofdzaak_einddatum = on(2027, 1, 1);
  EXPECT_EQ(derive_archive(f).actiedatum, on(2037, 1, 1));

  f.afleidingswijze = "ander_datumkenmerk";
  EXPECT_EQ(derive_archive(f).actiedatum, std::nullopt);
  f.afleidingswijze = "afgehandeld";
  f.archiefactietermijn.reset();
  EXPECT_EQ(derive_archive(f).actiedatum, std::nullopt);
}

TEST(CaseRules, ArchiveKeepsTheZaaksOwnActiedatum) {
  ArchiveFacts f;
  f.archiefactietermijn = Period{10, 0, 0};
  f.afleidingswijze = "ander_datumkenmerk";
  f.zaak_actiedatum = on(2040, 5, 1);  // set by hand before closing
  EXPECT_EQ(derive_archive(f).actiedatum, on(2040, 5, 1));
  f.afleidingswijze = "afgehandeld";
  f.einddatum = on(2026, 3, 1);
  EXPECT_EQ(derive_archive(f).actiedatum, on(2040, 5, 1));
}

TEST(CaseRules, ArchiveFromAKenmerkDatum) {
  ArchiveFacts f;
  f.archiefactietermijn = Period{1, 0, 0};
  f.einddatum = on(2026, 3, 1);
  f.kenmerk_datum = on(2030, 6, 15);
  for (const char* a : {"eigenschap", "zaakobject", "gerelateerde_zaak"}) {
    f.afleidingswijze = a;
    EXPECT_EQ(derive_archive(f).actiedatum, on(2031, 6, 15)) << a;
  }
  f.kenmerk_datum.reset();
  f.afleidingswijze = "gerelateerde_zaak";
  EXPECT_EQ(derive_archive(f).actiedatum, std::nullopt);
}

TEST(CaseRules, KenmerkDateFormats) {
  EXPECT_EQ(kenmerk_date("2030-06-15"), on(2030, 6, 15));
  EXPECT_EQ(kenmerk_date("20300615"), on(2030, 6, 15));        // Catalogi datum
  EXPECT_EQ(kenmerk_date("20300615235959"), on(2030, 6, 15));  // Catalogi datum_tijd
  EXPECT_EQ(kenmerk_date("2030-06-15T10:00:00Z"), on(2030, 6, 15));
  EXPECT_EQ(kenmerk_date("2030-06-15T10:00:00.123+02:00"), on(2030, 6, 15));
  EXPECT_EQ(kenmerk_date(""), std::nullopt);
  EXPECT_EQ(kenmerk_date("morgen"), std::nullopt);
  EXPECT_EQ(kenmerk_date("2030-02-30"), std::nullopt);
  EXPECT_EQ(kenmerk_date("20301301"), std::nullopt);
  EXPECT_EQ(kenmerk_date("20300615246000"), std::nullopt);
  EXPECT_EQ(kenmerk_date("2030-06-15Tnoon"), std::nullopt);
  EXPECT_EQ(kenmerk_date("2030-06-15 <b>"), std::nullopt);
}

TEST(CaseRules, BrondatumFromEigenschap) {
  auto none = eigenschap_brondatum({}, "vervaldatum");
  EXPECT_FALSE(none.datum);
  ASSERT_TRUE(none.problem);
  EXPECT_NE(none.problem->find("vervaldatum"), std::string::npos);
  auto ok = eigenschap_brondatum({"20300615"}, "vervaldatum");
  EXPECT_EQ(ok.datum, on(2030, 6, 15));
  EXPECT_FALSE(ok.problem);
  auto empty = eigenschap_brondatum({""}, "vervaldatum");  // no date yet: closes without one
  EXPECT_FALSE(empty.datum);
  EXPECT_FALSE(empty.problem);
  EXPECT_TRUE(eigenschap_brondatum({"binnenkort"}, "vervaldatum").problem);
}

TEST(CaseRules, BrondatumFromZaakobjecten) {
  EXPECT_TRUE(zaakobject_brondatum({}, "einddatum", "pand").problem);
  auto latest = zaakobject_brondatum({"2030-01-01", "2031-02-03T00:00:00Z"}, "einddatum", "pand");
  EXPECT_EQ(latest.datum, on(2031, 2, 3));
  EXPECT_FALSE(latest.problem);
  EXPECT_TRUE(zaakobject_brondatum({"2030-01-01", std::nullopt}, "einddatum", "pand").problem);
  EXPECT_TRUE(zaakobject_brondatum({"nooit"}, "einddatum", "pand").problem);
}

TEST(CaseRules, BrondatumFromRelatedZaken) {
  EXPECT_TRUE(gerelateerde_zaak_brondatum({}).problem);
  auto open = gerelateerde_zaak_brondatum({std::nullopt});
  EXPECT_FALSE(open.problem);
  EXPECT_FALSE(open.datum);
  auto latest = gerelateerde_zaak_brondatum({on(2026, 1, 1), std::nullopt, on(2026, 5, 1)});
  EXPECT_EQ(latest.datum, on(2026, 5, 1));
}

TEST(CaseRules, ArchiefstatusNeedsBothFields) {
  EXPECT_TRUE(check_archiefstatus("nog_te_archiveren", false, false).empty());
  EXPECT_TRUE(check_archiefstatus("gearchiveerd", true, true).empty());
  auto p = check_archiefstatus("gearchiveerd", false, true);
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].field, "archiefnominatie");
  EXPECT_EQ(check_archiefstatus("overgedragen", false, false).size(), 2U);
}

}  // namespace
}  // namespace loket::cases

namespace loket::cases {
namespace {

std::chrono::sys_days day(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

TEST(CaseRules, ParsesTheDatePartOfDurations) {
  EXPECT_EQ(parse_period("P56D")->days, 56);
  EXPECT_EQ(parse_period("P8W")->days, 56);
  auto p = parse_period("P1Y2M3D");
  EXPECT_EQ(p->years, 1);
  EXPECT_EQ(p->months, 2);
  EXPECT_EQ(p->days, 3);
  EXPECT_TRUE(parse_period("P1DT0H"));
  for (auto bad : {"", "P", "56D", "P1DT2H", "PXD", "P1", "P-1D"}) {
    EXPECT_FALSE(parse_period(bad)) << bad;
  }
  EXPECT_EQ(format_period({1, 2, 3}), "P1Y2M3D");
  EXPECT_EQ(format_period({0, 0, 42}), "P42D");
  EXPECT_EQ(format_period({}), "P0D");
}

TEST(CaseRules, DaysParseAndFormat) {
  EXPECT_EQ(parse_day("2026-02-28"), day(2026, 2, 28));
  EXPECT_FALSE(parse_day("2026-02-30"));
  EXPECT_FALSE(parse_day("2026-2-3"));
  EXPECT_EQ(format_day(day(2026, 3, 2)), "2026-03-02");
  // An instant in whole UTC seconds (the milliseconds dropped, not rounded).
  auto t = std::chrono::sys_days(day(2026, 12, 31)) + std::chrono::hours(23) +
           std::chrono::minutes(59) + std::chrono::milliseconds(59'999);
  EXPECT_EQ(format_instant(t), "2026-12-31T23:59:59Z");
}

TEST(CaseRules, DeadlineIsTermPlusExtensionPlusSuspendedDays) {
  DeadlineFacts f{day(2026, 3, 2), Period{0, 0, 56}, std::nullopt, 0, std::nullopt};
  EXPECT_EQ(compute_deadline(f, day(2026, 3, 2)), day(2026, 4, 27));
  f.extension = Period{0, 0, 42};
  EXPECT_EQ(compute_deadline(f, day(2026, 3, 2)), day(2026, 6, 8));
  f.suspended_days = 10;
  EXPECT_EQ(compute_deadline(f, day(2026, 3, 2)), day(2026, 6, 18));
  // A running suspension stops the clock: the deadline moves each day it lasts.
  f.suspended_since = day(2026, 4, 1);
  EXPECT_EQ(compute_deadline(f, day(2026, 4, 1)), day(2026, 6, 18));
  EXPECT_EQ(compute_deadline(f, day(2026, 4, 6)), day(2026, 6, 23));
  f.term.reset();
  EXPECT_FALSE(compute_deadline(f, day(2026, 4, 6)));
  EXPECT_EQ(days_between(day(2026, 4, 6), day(2026, 4, 1)), 0);
}

TEST(CaseRules, SuspensionNeedsASuspendableOpenCaseAndAReason) {
  EXPECT_FALSE(check_suspend(true, false, false, "Stukken"));
  EXPECT_EQ(check_suspend(false, false, false, "Stukken")->code, "not-suspendable");
  EXPECT_EQ(check_suspend(true, true, false, "Stukken")->code, "closed");
  EXPECT_EQ(check_suspend(true, false, true, "Stukken")->code, "suspended");
  EXPECT_EQ(check_suspend(true, false, false, "")->field, "reason");
  EXPECT_EQ(check_resume(false)->code, "not-suspended");
  EXPECT_FALSE(check_resume(true));
}

TEST(CaseRules, ExtensionOnceWhenAllowedWithAReasonWithinTheLongest) {
  Period six_weeks{0, 0, 42};
  EXPECT_FALSE(check_extend(true, six_weeks, false, false, {0, 0, 42}, "Advies"));
  EXPECT_EQ(check_extend(false, six_weeks, false, false, {0, 0, 7}, "Advies")->code,
            "not-extendable");
  EXPECT_EQ(check_extend(true, six_weeks, false, true, {0, 0, 7}, "Advies")->code, "extended");
  EXPECT_EQ(check_extend(true, six_weeks, true, false, {0, 0, 7}, "Advies")->code, "closed");
  EXPECT_EQ(check_extend(true, six_weeks, false, false, {0, 0, 7}, "")->field, "reason");
  EXPECT_EQ(check_extend(true, six_weeks, false, false, {0, 0, 43}, "Advies")->code, "max-value");
  EXPECT_EQ(check_extend(true, six_weeks, false, false, {0, 0, 0}, "Advies")->code, "invalid");
  EXPECT_FALSE(check_extend(true, std::nullopt, false, false, {0, 3, 0}, "Advies"));
}

}  // namespace
}  // namespace loket::cases
