// `loket seed --dataset large`: the benchmark registry (see dataset.hpp).
#include "standards/zgw/dataset.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <chrono>
#include <iterator>
#include <random>
#include <stdexcept>

#include "catalog/organisation_store.hpp"
#include "common/uuid.hpp"
#include "standards/zgw/validate.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

constexpr std::int64_t kBatch = 10'000;  // cases per transaction
// Parameters per multi-row INSERT (about a hundred rows): SQLite allows 32,766 and PostgreSQL
// 65,535, but SQLite looks up each "$N" in a list while preparing, in time quadratic in their
// number, so a few thousand is the sweet spot.
constexpr std::size_t kMaxParams = 2'000;

// The demo catalogue's organisations (catalog/demo/organisations.json), then five generated
// municipalities; weights in percent of the cases. The example deployment has one
// organisation with 34,000 of 100,000 cases.
struct OrganisationSpec {
  std::string_view id;  // empty: generated
  int weight;
};
constexpr OrganisationSpec kOrganisations[kDatasetOrganisations] = {
    {"5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01", 34},  // Gemeente Utrecht
    {"5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e02", 4},   // Provincie Utrecht
    {"5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e03", 3},   // Hoogheemraadschap De Stichtse Rijnlanden
    {"", 18},
    {"", 14},
    {"", 11},
    {"", 9},
    {"", 7}};

// The demo login's test persons (identity/auth.cpp) and their number of cases, so that a
// benchmark logs in as a resident with a known list.
struct DemoParty {
  std::string_view kind, number;
  std::int64_t cases;
};
constexpr DemoParty kDemoParties[] = {{"resident", "999993653", 8},
                                      {"resident", "999990019", 20},
                                      {"resident", "999991905", 1},
                                      {"business", "12345678", 12}};
constexpr std::int64_t kFirstResident = std::size(kDemoParties);
constexpr int kBusinessPercent = 5;  // of the generated initiators
constexpr int kClosedPercent = 65;   // of the cases

std::uint64_t splitmix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A deterministic version-4 uuid from two random words.
std::string uuid_from(std::mt19937_64& rng) {
  std::uint64_t a = rng(), b = rng();
  std::array<unsigned char, 16> bytes{};
  for (std::size_t i = 0; i < 8; ++i) {
    bytes[i] = static_cast<unsigned char>(a >> (56 - 8 * i));
    bytes[8 + i] = static_cast<unsigned char>(b >> (56 - 8 * i));
  }
  return common::uuid_from_bytes(bytes);
}

std::string rsin_for(std::uint64_t seed, int n) {
  for (std::uint64_t k = 0;; ++k) {
    auto x = splitmix(seed * 1000 + static_cast<std::uint64_t>(n) * 37 + k) % 100000000;
    auto digits = fmt::format("{:08d}", x);
    int sum = 0;
    for (int i = 0; i < 8; ++i) sum += (9 - i) * (digits[static_cast<std::size_t>(i)] - '0');
    int check = sum % 11;
    if (check < 10) return digits + static_cast<char>('0' + check);
  }
}

std::string dataset_kvk(std::uint64_t seed, std::int64_t n) {
  return fmt::format(
      "{:08d}",
      20'000'000 + splitmix(seed ^ 0xb0bULL ^ static_cast<std::uint64_t>(n) << 20) % 70'000'000);
}

// How many cases one initiator has: 1 to 20, most only a few (mean about 5.75).
std::int64_t cases_of_one(std::mt19937_64& rng) {
  double x = static_cast<double>(rng() >> 11) * 0x1.0p-53;
  return 1 + static_cast<std::int64_t>(19.0 * x * x * x + 0.5);
}

// Rows of one resource, written as multi-row INSERTs: one statement per few hundred rows
// instead of one each (a round trip per row is what made PostgreSQL slow to seed). The
// columns are those of Api::store, computed the same way, sealed fields included.
class BulkInsert {
 public:
  BulkInsert(Api& api, const Resource& r) : api_(api), r_(r) {
    names_ = {"uuid", "data"};
    for (const auto& col : r.columns) names_.push_back(col.name);
    names_.insert(names_.end(), r.sealed_columns.begin(), r.sealed_columns.end());
    per_statement_ = std::max<std::size_t>(1, kMaxParams / names_.size());
  }

  void add(db::Connection& c, const json::object& stored) {
    json::object data = stored;
    values_.push_back(json::value_to<std::string>(stored.at("uuid")));
    auto data_at = values_.size();
    values_.emplace_back(nullptr);
    for (const auto& col : r_.columns) values_.push_back(col.value(stored));
    if (r_.seal) {
      auto sealed = r_.seal(api_, data);
      values_.insert(values_.end(), sealed.begin(), sealed.end());
    }
    values_[data_at] = json::serialize(data);
    if (++rows_ == per_statement_) flush(c);
  }

  void flush(db::Connection& c) {
    if (rows_ == 0) return;
    if (r_.case_table) {
      // The case tables' rows go through the case store.
      cases::zgw_rows::insert_many(c, *r_.case_table, names_, values_, rows_);
      values_.clear();
      rows_ = 0;
      return;
    }
    std::string sql = "INSERT INTO " + r_.table + " (";
    for (std::size_t i = 0; i < names_.size(); ++i) sql += (i ? ", " : "") + names_[i];
    sql += ") VALUES ";
    std::size_t n = 0;
    for (std::size_t row = 0; row < rows_; ++row) {
      sql += row ? ", (" : "(";
      for (std::size_t i = 0; i < names_.size(); ++i)
        sql += fmt::format("{}${}", i ? ", " : "", ++n);
      sql += ")";
    }
    c.execute(sql, values_);
    values_.clear();
    rows_ = 0;
  }

 private:
  Api& api_;
  const Resource& r_;
  std::vector<std::string> names_;
  std::size_t per_statement_ = 1;
  db::Params values_;
  std::size_t rows_ = 0;
};

}  // namespace

std::string dataset_bsn(std::uint64_t seed, std::int64_t n) {
  return rsin_for(seed ^ 0x5eedb5aULL, static_cast<int>(n));
}

DatasetResult seed_dataset(Api& api, const DatasetOptions& o,
                           const std::function<void(std::int64_t)>& progress) {
  DatasetResult out;
  const auto& catalogus = api.resource(kCatalogi, "catalogussen");
  const auto& zaaktype = api.resource(kCatalogi, "zaaktypen");
  const auto& statustype = api.resource(kCatalogi, "statustypen");
  const auto& roltype = api.resource(kCatalogi, "roltypen");
  const auto& zaak = api.resource(kZaken, "zaken");
  const auto& status = api.resource(kZaken, "statussen");
  const auto& rol = api.resource(kZaken, "rollen");

  std::mt19937_64 rng(o.seed);
  http::Request request;
  Client client;
  client.client_id = "loket-seed";
  client.label = "loket seed --dataset large";
  client.all_rights = true;
  Call call{api, client, request};

  // The organisations: the demo catalogue's (seeded before) and the generated ones.
  std::vector<DatasetOrganisation> orgs;
  std::vector<catalog::Organisation> generated;
  for (int i = 0; i < kDatasetOrganisations; ++i) {
    const auto& spec = kOrganisations[i];
    DatasetOrganisation d;
    if (!spec.id.empty()) {
      auto found = catalog::find_organisation(api.db(), std::string(spec.id));
      if (!found) {
        throw std::runtime_error("the demo organisation " + std::string(spec.id) +
                                 " is missing; run loket seed first");
      }
      d.id = found->id;
      d.name = found->name;
      d.rsin = found->oin.substr(8, 9);  // an OIN carries the RSIN in digits 9-17
    } else {
      d.id = uuid_from(rng);
      d.rsin = rsin_for(o.seed, i);
      d.name = fmt::format("Benchmarkgemeente {}", i - 2);
      generated.push_back({d.id, d.name, "municipality", "00000001" + d.rsin + "000"});
    }
    orgs.push_back(std::move(d));
  }

  // Catalogues and case types go through the Catalogi API's own rules.
  std::vector<std::string> catalogus_urls;
  for (int i = 0; i < kDatasetOrganisations; ++i) {
    call.new_uuid = uuid_from(rng);
    if (i == 0 && api.load(catalogus, call.new_uuid)) {
      out.already_there = true;
      return out;
    }
    if (i == 0) {
      auto now =
          format_date(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
      api.db().write([&](db::Connection& c) {
        for (const auto& g : generated) catalog::upsert_organisation(c, g, now);
      });
    }
    json::object body{{"domein", fmt::format("ORG{}", i + 1)},
                      {"rsin", orgs[static_cast<std::size_t>(i)].rsin},
                      {"contactpersoonBeheerNaam", "Functioneel beheer"},
                      {"naam", "Catalogus " + orgs[static_cast<std::size_t>(i)].name}};
    auto saved = api.save(call, catalogus, Op::Create, std::move(body));
    catalogus_urls.push_back(json::value_to<std::string>(saved.at("url")));
  }

  struct Type {
    std::string url, level, roltype, rsin;
    std::string statuses[3];  // received, in progress, done
    std::int64_t doorlooptijd_days = 0;
  };
  std::vector<Type> types;
  std::vector<std::vector<std::size_t>> types_of(kDatasetOrganisations);
  for (int i = 0; i < o.case_types; ++i) {
    Type t;
    auto org = static_cast<std::size_t>(i % kDatasetOrganisations);
    t.rsin = orgs[org].rsin;
    t.level = i % 5 == 0 ? "vertrouwelijk" : "zaakvertrouwelijk";
    t.doorlooptijd_days = 14 + (i % 10) * 7;
    call.new_uuid = uuid_from(rng);
    json::object body{{"identificatie", fmt::format("ZT-{:03d}", i + 1)},
                      {"omschrijving", fmt::format("Zaaktype {}", i + 1)},
                      {"vertrouwelijkheidaanduiding", t.level},
                      {"doel", "Een aanvraag van een inwoner afhandelen."},
                      {"aanleiding", "Een inwoner vraagt iets aan."},
                      {"indicatieInternOfExtern", "extern"},
                      {"handelingInitiator", "Aanvragen"},
                      {"onderwerp", "Aanvraag"},
                      {"handelingBehandelaar", "Behandelen"},
                      {"doorlooptijd", fmt::format("P{}D", t.doorlooptijd_days)},
                      {"opschortingEnAanhoudingMogelijk", true},
                      {"verlengingMogelijk", true},
                      {"verlengingstermijn", "P30D"},
                      {"publicatieIndicatie", false},
                      {"productenOfDiensten", json::array{}},
                      {"referentieproces", {{"naam", "Aanvraag behandelen"}}},
                      {"verantwoordelijke", "Gemeente"},
                      {"catalogus", api.absolute(catalogus_urls[org])},
                      {"besluittypen", json::array{}},
                      {"deelzaaktypen", json::array{}},
                      {"gerelateerdeZaaktypen", json::array{}},
                      {"beginGeldigheid", "2020-01-01"},
                      {"versiedatum", "2020-01-01"}};
    auto saved = api.save(call, zaaktype, Op::Create, std::move(body));
    t.url = json::value_to<std::string>(saved.at("url"));
    for (int s = 1; s <= 3; ++s) {
      call.new_uuid = uuid_from(rng);
      auto st = api.save(call, statustype, Op::Create,
                         {{"zaaktype", api.absolute(t.url)},
                          {"omschrijving", s == 1   ? "Ontvangen"
                                           : s == 2 ? "In behandeling"
                                                    : "Afgehandeld"},
                          {"volgnummer", s},
                          {"statustekst", s == 1   ? "Wij hebben uw aanvraag ontvangen."
                                          : s == 2 ? "Wij behandelen uw aanvraag."
                                                   : "Uw aanvraag is afgehandeld."}});
      t.statuses[s - 1] = json::value_to<std::string>(st.at("url"));
    }
    call.new_uuid = uuid_from(rng);
    auto rt = api.save(call, roltype, Op::Create,
                       {{"zaaktype", api.absolute(t.url)},
                        {"omschrijving", "Aanvrager"},
                        {"omschrijvingGeneriek", "initiator"}});
    t.roltype = json::value_to<std::string>(rt.at("url"));
    // Published: a case needs a published case type (zrc-001). Stored directly, as the
    // publish route would after its checks.
    auto published = *api.load(zaaktype, json::value_to<std::string>(saved.at("uuid")));
    published["concept"] = false;
    api.db().write([&](db::Connection& c) { api.store(c, zaaktype, published, false); });
    out.zaaktypen_urls.push_back(t.url);
    orgs[org].zaaktypen_urls.push_back(t.url);
    types_of[org].push_back(types.size());
    types.push_back(std::move(t));
  }
  out.zaaktypen = static_cast<std::int64_t>(types.size());
  out.rsin = orgs.front().rsin;

  // Who initiates each case: the demo persons with their fixed number of cases, then
  // generated residents and businesses with 1 to 20 each, shuffled over the cases. A party is
  // a number: the demo persons first, residents from kFirstResident on, businesses negative.
  std::vector<std::int64_t> party;
  party.reserve(static_cast<std::size_t>(o.cases));
  for (std::size_t d = 0; d < std::size(kDemoParties); ++d) {
    auto n = std::min(kDemoParties[d].cases, o.cases - std::ssize(party));
    for (std::int64_t k = 0; k < n; ++k) party.push_back(static_cast<std::int64_t>(d));
    out.demo_cases.emplace_back(
        std::string(kDemoParties[d].kind) + ":" + std::string(kDemoParties[d].number), n);
  }
  while (std::ssize(party) < o.cases) {
    bool business = static_cast<int>(rng() % 100) < kBusinessPercent;
    auto id = business ? -1 - out.businesses++ : kFirstResident + out.residents++;
    auto n = std::min(cases_of_one(rng), o.cases - std::ssize(party));
    for (std::int64_t k = 0; k < n; ++k) party.push_back(id);
  }
  for (std::size_t i = party.size(); i > 1; --i) {  // Fisher-Yates, reproducible everywhere
    std::swap(party[i - 1], party[rng() % i]);
  }

  // The cases: bulk-loaded through the resources' storage (columns, sealed BSNs and KvK).
  const auto start_day = std::chrono::sys_days{std::chrono::year{2020} / 1 / 1};
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::int64_t org_weight_total = 0;
  for (const auto& spec : kOrganisations) org_weight_total += spec.weight;
  BulkInsert zaken(api, zaak), statussen(api, status), rollen(api, rol);
  const std::int64_t sample_every = std::max<std::int64_t>(1, o.cases / 100);
  std::int64_t written = 0;
  while (written < o.cases) {
    auto n = std::min(kBatch, o.cases - written);
    api.db().write([&](db::Connection& c) {
      for (std::int64_t k = 0; k < n; ++k) {
        auto index = written + k;
        std::size_t org = 0;
        for (auto pick =
                 static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(org_weight_total));
             org + 1 < std::size(kOrganisations) && pick >= kOrganisations[org].weight; ++org) {
          pick -= kOrganisations[org].weight;
        }
        if (types_of[org].empty()) org = 0;
        ++orgs[org].cases;
        const auto& t = types[types_of[org][rng() % types_of[org].size()]];
        // The first 32 bits count up, the rest is random: rows then go to the end of the
        // primary and zaak_uuid indexes instead of anywhere, which keeps a million-case load
        // in SQLite's page cache (random keys made it slow down with every batch).
        auto ordered = [&](std::string u) {
          return fmt::format("{:08x}", static_cast<std::uint64_t>(index)) + u.substr(8);
        };
        auto zaak_uuid = ordered(uuid_from(rng));
        auto status_uuid = ordered(uuid_from(rng));
        auto rol_uuid = ordered(uuid_from(rng));
        auto zaak_url = api.url_of(zaak, zaak_uuid);
        // Closed cases lie anywhere since 2020; open ones began within their term (plus up to
        // 60 days overdue), so deadlines fall both before and after today.
        bool closed = static_cast<int>(rng() % 100) < kClosedPercent;
        auto term = std::chrono::days{t.doorlooptijd_days};
        std::chrono::sys_days begin;
        if (closed) {
          auto span = (today - term - std::chrono::days{1} - start_day).count();
          begin =
              start_day + std::chrono::days{static_cast<std::int64_t>(
                              rng() % static_cast<std::uint64_t>(std::max<std::int64_t>(1, span)))};
        } else {
          begin = today - std::chrono::days{static_cast<std::int64_t>(
                              rng() % static_cast<std::uint64_t>(t.doorlooptijd_days + 60))};
        }
        auto deadline = begin + term;
        auto end =
            begin + std::chrono::days{1 + static_cast<std::int64_t>(rng() % t.doorlooptijd_days)};
        int stage = closed ? 2 : static_cast<int>(rng() % 2);
        auto begin_text = format_date(begin);
        auto status_url = api.url_of(status, status_uuid);
        json::object z{
            {"url", zaak_url},
            {"uuid", zaak_uuid},
            {"identificatie", fmt::format("ZAAK-{:010d}", index + 1)},
            {"bronorganisatie", t.rsin},
            {"omschrijving", "Aanvraag"},
            {"toelichting", ""},
            {"zaaktype", t.url},
            {"registratiedatum", begin_text},
            {"verantwoordelijkeOrganisatie", t.rsin},
            {"startdatum", begin_text},
            {"einddatum", closed ? json::value(format_date(end)) : json::value(nullptr)},
            {"einddatumGepland", nullptr},
            {"uiterlijkeEinddatumAfdoening", format_date(deadline)},
            {"publicatiedatum", nullptr},
            {"communicatiekanaal", ""},
            {"communicatiekanaalNaam", ""},
            {"productenOfDiensten", json::array{}},
            {"vertrouwelijkheidaanduiding", t.level},
            {"betalingsindicatie", ""},
            {"betalingsindicatieWeergave", ""},
            {"laatsteBetaaldatum", nullptr},
            {"zaakgeometrie", nullptr},
            {"verlenging", nullptr},
            {"opschorting", {{"indicatie", false}, {"eerdereOpschorting", false}, {"reden", ""}}},
            {"selectielijstklasse", ""},
            {"hoofdzaak", nullptr},
            {"deelzaken", json::array{}},
            {"relevanteAndereZaken", json::array{}},
            {"eigenschappen", json::array{}},
            {"rollen", json::array{json::string(api.url_of(rol, rol_uuid))}},
            {"status", status_url},
            {"zaakinformatieobjecten", json::array{}},
            {"zaakobjecten", json::array{}},
            {"kenmerken", json::array{}},
            {"archiefnominatie", nullptr},
            {"archiefstatus", "nog_te_archiveren"},
            {"archiefactiedatum", nullptr},
            {"resultaat", nullptr},
            {"opdrachtgevendeOrganisatie", ""},
            {"processobjectaard", ""},
            {"startdatumBewaartermijn", nullptr},
            {"processobject", nullptr}};
        zaken.add(c, z);
        json::object s{{"url", status_url},
                       {"uuid", status_uuid},
                       {"zaak", zaak_url},
                       {"statustype", t.statuses[stage]},
                       {"datumStatusGezet", format_date(closed ? end : begin) + "T09:00:00Z"},
                       {"statustoelichting", ""},
                       {"indicatieLaatstGezetteStatus", true},
                       {"gezetdoor", nullptr},
                       {"zaakinformatieobjecten", json::array{}}};
        statussen.add(c, s);
        auto who = party[static_cast<std::size_t>(index)];
        bool business = who < 0 || (who < kFirstResident &&
                                    kDemoParties[static_cast<std::size_t>(who)].kind == "business");
        std::string number = who < 0 ? dataset_kvk(o.seed, -1 - who)
                             : who < kFirstResident
                                 ? std::string(kDemoParties[static_cast<std::size_t>(who)].number)
                                 : dataset_bsn(o.seed, who - kFirstResident);
        json::object identification;
        if (business) {
          identification = {{"vestigingsNummer", "0000" + number},
                            {"kvkNummer", number},
                            {"handelsnaam", json::array{json::string("Bedrijf " + number)}},
                            {"verblijfsadres", nullptr},
                            {"subVerblijfBuitenland", nullptr}};
        } else {
          identification = {{"inpBsn", number},
                            {"anpIdentificatie", ""},
                            {"inpA_nummer", ""},
                            {"geslachtsnaam", fmt::format("Inwoner {}", who)},
                            {"voorvoegselGeslachtsnaam", ""},
                            {"voorletters", "A."},
                            {"voornamen", "Anna"},
                            {"geslachtsaanduiding", "v"},
                            {"geboortedatum", "1980-01-01"},
                            {"verblijfsadres", nullptr},
                            {"subVerblijfBuitenland", nullptr}};
        }
        json::object r{{"url", api.url_of(rol, rol_uuid)},
                       {"uuid", rol_uuid},
                       {"zaak", zaak_url},
                       {"betrokkene", ""},
                       {"betrokkeneType", business ? "vestiging" : "natuurlijk_persoon"},
                       {"afwijkendeNaamBetrokkene", ""},
                       {"roltype", t.roltype},
                       {"omschrijving", "Aanvrager"},
                       {"omschrijvingGeneriek", "initiator"},
                       {"roltoelichting", "Aanvrager"},
                       {"registratiedatum", begin_text + "T09:00:00Z"},
                       {"indicatieMachtiging", ""},
                       {"contactpersoonRol", nullptr},
                       {"statussen", json::array{}},
                       {"betrokkeneIdentificatie", std::move(identification)}};
        rollen.add(c, r);
        if (index % sample_every == 0 && out.sample_zaken.size() < 100) {
          out.sample_zaken.push_back(zaak_uuid);
        }
        if (!business && who >= kFirstResident && index % sample_every == 0 &&
            out.sample_bsns.size() < 100) {
          out.sample_bsns.push_back(number);
        }
      }
      zaken.flush(c);
      statussen.flush(c);
      rollen.flush(c);
    });
    written += n;
    out.zaken = written;
    progress(written);
  }
  std::stable_sort(orgs.begin(), orgs.end(),
                   [](const auto& a, const auto& b) { return a.cases > b.cases; });
  out.organisations = std::move(orgs);
  return out;
}

}  // namespace loket::zgw
