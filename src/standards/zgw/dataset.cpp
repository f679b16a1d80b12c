#include "standards/zgw/dataset.hpp"

#include <fmt/format.h>

#include <array>
#include <boost/json.hpp>
#include <chrono>
#include <random>
#include <stdexcept>

#include "common/uuid.hpp"
#include "standards/zgw/validate.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

constexpr std::int64_t kBatch = 2000;  // cases per transaction

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

  // Catalogues and case types go through the Catalogi API's own rules.
  std::vector<std::string> catalogus_urls, rsins;
  for (int i = 0; i < o.organisations; ++i) {
    call.new_uuid = uuid_from(rng);
    if (i == 0 && api.load(catalogus, call.new_uuid)) {
      out.already_there = true;
      return out;
    }
    rsins.push_back(rsin_for(o.seed, i));
    json::object body{{"domein", fmt::format("ORG{}", i + 1)},
                      {"rsin", rsins.back()},
                      {"contactpersoonBeheerNaam", "Functioneel beheer"},
                      {"naam", fmt::format("Catalogus {}", i + 1)}};
    auto saved = api.save(call, catalogus, Op::Create, std::move(body));
    catalogus_urls.push_back(json::value_to<std::string>(saved.at("url")));
  }

  struct Type {
    std::string url, level, end_status, first_status, roltype, rsin;
    std::int64_t doorlooptijd_days = 0;
  };
  std::vector<Type> types;
  for (int i = 0; i < o.case_types; ++i) {
    Type t;
    auto cat = static_cast<std::size_t>(i % o.organisations);
    t.rsin = rsins[cat];
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
                      {"catalogus", api.absolute(catalogus_urls[cat])},
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
                          {"statustekst", s == 3 ? "Uw aanvraag is afgehandeld." : ""}});
      auto url = json::value_to<std::string>(st.at("url"));
      if (s == 1) t.first_status = url;
      if (s == 3) t.end_status = url;
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
    types.push_back(std::move(t));
  }
  out.zaaktypen = static_cast<std::int64_t>(types.size());
  out.rsin = rsins.front();

  // The cases: bulk-loaded through the resources' storage (columns, sealed BSNs).
  const auto start_day = std::chrono::sys_days{std::chrono::year{2020} / 1 / 1};
  const std::int64_t span_days = 6 * 365 + 300;
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::int64_t written = 0;
  while (written < o.cases) {
    auto n = std::min(kBatch, o.cases - written);
    api.db().write([&](db::Connection& c) {
      for (std::int64_t k = 0; k < n; ++k) {
        auto index = written + k;
        const auto& t = types[rng() % types.size()];
        auto zaak_uuid = uuid_from(rng);
        auto status_uuid = uuid_from(rng);
        auto rol_uuid = uuid_from(rng);
        auto zaak_url = api.url_of(zaak, zaak_uuid);
        auto resident = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(o.residents));
        auto bsn = dataset_bsn(o.seed, resident);
        auto begin = start_day + std::chrono::days{static_cast<std::int64_t>(rng() % span_days)};
        auto deadline = begin + std::chrono::days{t.doorlooptijd_days};
        bool closed = rng() % 10 < 6 && deadline < today;
        auto end =
            begin + std::chrono::days{1 + static_cast<std::int64_t>(rng() % t.doorlooptijd_days)};
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
        api.store(c, zaak, z, true);
        json::object s{{"url", status_url},
                       {"uuid", status_uuid},
                       {"zaak", zaak_url},
                       {"statustype", closed ? t.end_status : t.first_status},
                       {"datumStatusGezet", format_date(closed ? end : begin) + "T09:00:00Z"},
                       {"statustoelichting", ""},
                       {"indicatieLaatstGezetteStatus", true},
                       {"gezetdoor", nullptr},
                       {"zaakinformatieobjecten", json::array{}}};
        api.store(c, status, s, true);
        json::object r{{"url", api.url_of(rol, rol_uuid)},
                       {"uuid", rol_uuid},
                       {"zaak", zaak_url},
                       {"betrokkene", ""},
                       {"betrokkeneType", "natuurlijk_persoon"},
                       {"afwijkendeNaamBetrokkene", ""},
                       {"roltype", t.roltype},
                       {"omschrijving", "Aanvrager"},
                       {"omschrijvingGeneriek", "initiator"},
                       {"roltoelichting", "Aanvrager"},
                       {"registratiedatum", begin_text + "T09:00:00Z"},
                       {"indicatieMachtiging", ""},
                       {"contactpersoonRol", nullptr},
                       {"statussen", json::array{}},
                       {"betrokkeneIdentificatie",
                        {{"inpBsn", bsn},
                         {"anpIdentificatie", ""},
                         {"inpA_nummer", ""},
                         {"geslachtsnaam", fmt::format("Inwoner {}", resident)},
                         {"voorvoegselGeslachtsnaam", ""},
                         {"voorletters", "A."},
                         {"voornamen", "Anna"},
                         {"geslachtsaanduiding", "v"},
                         {"geboortedatum", "1980-01-01"},
                         {"verblijfsadres", nullptr},
                         {"subVerblijfBuitenland", nullptr}}}};
        api.store(c, rol, r, true);
        if (index % (o.cases / 100 > 0 ? o.cases / 100 : 1) == 0 && out.sample_bsns.size() < 100) {
          out.sample_bsns.push_back(bsn);
          out.sample_zaken.push_back(zaak_uuid);
        }
      }
    });
    written += n;
    out.zaken = written;
    progress(written);
  }
  return out;
}

}  // namespace loket::zgw
