// The demo's cases: each a story told through the case service's own use cases (submit, set a
// status, ask for information, post a message, record a result, close), so every rule, event
// and reference is what a real case gets.
#include "app/demo_cases.hpp"

#include <boost/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "cases/case_service.hpp"
#include "cases/case_timeline.hpp"
#include "catalog/product_store.hpp"

namespace loket::app {
namespace {

namespace json = boost::json;
using cases::PartyKind;

struct Story {
  PartyKind kind;
  const char* number;   // the demo login's BSN or KvK number
  const char* product;  // catalog/products/<id>.json
  const char* description;
  const char* answers;                  // JSON object
  int advance = 0;                      // statuses after the first one
  const char* question = nullptr;       // asked (the case waits for the resident)
  const char* staff_message = nullptr;  // a message from the case worker
  const char* result = nullptr;         // recorded, and the case closed
};

// Residents 999993653 and 999990019, business 12345678 (identity's demo logins).
constexpr Story kStories[] = {
    {PartyKind::Resident, "999993653", "kapvergunning", "Eik in de achtertuin kappen",
     R"({"address":"Voorbeeldstraat 12, Utrecht","trees":1,"species":"Eik","diameter":45,)"
     R"("reason":"ziek","replant":"ja"})",
     1, "Wilt u een foto sturen waarop de hele boom te zien is?", nullptr, nullptr},
    {PartyKind::Resident, "999993653", "melding-openbare-ruimte", "Gat in de weg bij de school",
     R"({})", 2, nullptr, "Bedankt voor uw melding. De aannemer heeft het gat gerepareerd.",
     "Afgehandeld"},
    {PartyKind::Resident, "999993653", "watervergunning", "Steiger aan de wetering", R"({})", 0,
     nullptr, nullptr, nullptr},
    {PartyKind::Resident, "999993653", "subsidie-natuur-landschap", "Bloemrijke akkerrand", R"({})",
     1, nullptr,
     "We hebben uw aanvraag ontvangen en beoordelen die nu. U hoort binnen vier weken van ons.",
     nullptr},
    {PartyKind::Resident, "999990019", "wmo-ondersteuning", "Hulp bij het huishouden", R"({})", 1,
     nullptr, "Wij bellen u deze week om een afspraak te maken voor het gesprek.", nullptr},
    {PartyKind::Resident, "999990019", "vraag", "Wanneer wordt het grofvuil opgehaald?", R"({})", 1,
     nullptr, "Het grofvuil halen we op afspraak op. Maak online een afspraak.", "Afgehandeld"},
    {PartyKind::Business, "12345678", "drank-en-horecavergunning", "Terras bij het café", R"({})",
     1, nullptr, nullptr, nullptr},
    {PartyKind::Business, "12345678", "omgevingsvergunning-milieu", "Opslag van verf", R"({})", 0,
     nullptr, nullptr, nullptr},
};

[[noreturn]] void fail(const Story& s, const common::Failure& f) {
  throw std::runtime_error(std::string("demo case ") + s.product + ": " + f.detail);
}

}  // namespace

int seed_demo_cases(db::Database& db, const privacy::KeyRing& keys) {
  cases::CaseService service(db, keys);
  const auto products = catalog::demo_products();
  cases::Permit permit{.may_submit = true,
                       .may_handle = true,
                       .may_reopen = false,
                       .may_change_closed = false,
                       .may_read_level = 7};
  int made = 0;
  for (const auto& s : kStories) {
    const catalog::Product* product = nullptr;
    for (const auto& p : products) {
      if (p.id == s.product) product = &p;
    }
    if (!product) throw std::runtime_error(std::string("demo case: no product ") + s.product);
    cases::PartyQuery mine{.kind = s.kind, .number = s.number, .limit = 100};
    bool has = false;
    for (const auto& c : service.store().list_for_party(db, mine).items) {
      has = has || c.case_type_id == product->zaaktype_uuid;
    }
    if (has) continue;

    cases::Application application{product->zaaktype_uuid, s.description,
                                   cases::canonical_json(s.answers)};
    auto submitted = service.submit(application, {.kind = s.kind, .number = s.number},
                                    std::string("demo-") + s.product + "-" + s.number, permit);
    if (!submitted) fail(s, submitted.failure());
    const auto& k = submitted.value().c;
    ++made;
    auto type = db.read_value([&](db::Connection& c) {
      return service.store().load_case_type(c, product->zaaktype_uuid);
    });
    if (!type) throw std::runtime_error(std::string("demo case: no case type for ") + s.product);
    for (int i = 1; i <= s.advance && i + 1 < static_cast<int>(type->statuses.size()); ++i) {
      auto r = service.set_status(k.id, type->statuses[i].id, "", permit);
      if (!r) fail(s, r.failure());
    }
    const cases::CaseService::Author staff{cases::AuthorKind::Staff, "demo"};
    if (s.staff_message) {
      auto r = service.post_message(k.id, staff, s.staff_message, permit);
      if (!r) fail(s, r.failure());
    }
    if (s.question) {
      auto r = service.suspend(k.id, s.question, permit);
      if (!r) fail(s, r.failure());
    }
    if (s.result) {
      auto results = db.read_value(
          [&](db::Connection& c) { return cases::result_types(c, product->zaaktype_uuid); });
      for (const auto& t : results) {
        if (t.name != s.result) continue;
        if (auto r = service.record_result(k.id, t.id, "", permit); !r) fail(s, r.failure());
        if (auto r = service.close(k.id, "", permit); !r) fail(s, r.failure());
      }
    }
  }
  return made;
}

}  // namespace loket::app
