// The Notificaties API resources (kanaal, abonnement), POST /notificaties and the fan-out of a
// message to the abonnementen whose filters match. The abonnement's auth (the Authorization
// value sent to the subscriber) and its signing secret are sealed: encrypted in their own
// columns, never in `data`, never in a response or a log.
#include "standards/zgw/notificaties.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <set>

#include "common/json.hpp"
#include "common/uuid.hpp"
#include "notify/webhook.hpp"

namespace loket::zgw {
namespace {

namespace json = boost::json;

constexpr std::string_view kConsumeren = "notificaties.consumeren";
constexpr std::string_view kPubliceren = "notificaties.publiceren";
constexpr std::string_view kKanaalRead = "notificaties.consumeren | notificaties.publiceren";

constexpr std::string_view kKanaalFilters = "SELECT data FROM zgw_kanalen WHERE naam = $1";
constexpr std::string_view kSubscribers =
    "SELECT k.abonnement, k.filters, a.callback_url, a.auth_sealed, a.secret_sealed"
    " FROM zgw_abonnement_kanalen k JOIN zgw_abonnementen a ON a.uuid = k.abonnement"
    " WHERE k.kanaal = $1";

using common::text;

// The kenmerken a kanaal names, or nullopt when there is no such kanaal.
std::optional<std::vector<std::string>> kanaal_filters(db::Database& db, std::string_view naam) {
  auto rows = db.read_once(kKanaalFilters, {std::string(naam)});
  if (rows.empty()) return std::nullopt;
  std::vector<std::string> out;
  boost::system::error_code ec;
  auto v = json::parse(rows[0].text(0), ec);
  if (!ec && v.is_object()) {
    if (const auto* f = v.as_object().if_contains("filters"); f && f->is_array()) {
      for (const auto& x : f->as_array()) {
        if (x.is_string()) out.emplace_back(x.as_string());
      }
    }
  }
  return out;
}

// SSRF at the door: the callback's host must resolve to public addresses only, unless allowed.
// (The worker checks again, on the address it connects to, since DNS can change.)
CallbackPolicy& policy() {
  static CallbackPolicy p;
  return p;
}

std::optional<std::string> callback_refused(const std::string& url) {
  const auto& s = policy();
  if (auto problem = notify::check_callback_url(url)) return problem;
  if (s.allow_private) return std::nullopt;
  auto hp = notify::host_port_of(url);
  std::string host = hp;
  if (host.starts_with('[')) {
    host = host.substr(1, host.find(']') - 1);
  } else if (auto colon = host.rfind(':'); colon != std::string::npos) {
    host = host.substr(0, colon);
  }
  for (const auto& allowed : s.allow_hosts) {
    if (allowed == hp || allowed == host) return std::nullopt;
  }
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0) {
    return "De host van de callback-URL is niet te vinden.";
  }
  bool ok = true;
  for (auto* a = found; a; a = a->ai_next) {
    if (!notify::public_address(a->ai_addr)) ok = false;
  }
  ::freeaddrinfo(found);
  if (!ok) {
    return "De callback-URL wijst naar een intern adres (loopback, privé, link-local of "
           "multicast); dat is niet toegestaan.";
  }
  return std::nullopt;
}

json::object validate_kanaal(Call& call, const json::object& body, const json::object*) {
  Checker check(body);
  json::object out;
  auto naam = check.string("naam", {.required = true, .max_length = 50, .allow_blank = false});
  if (naam) {
    out["naam"] = *naam;
    if (kanaal_filters(call.api.db(), *naam)) {
      check.fail("naam", "unique", "Er bestaat al een kanaal met deze naam.");
    }
  }
  auto link = check.url("documentatieLink");
  if (link && link->size() > 200) check.fail("documentatieLink", "max_length", "Hoogstens 200.");
  out["documentatieLink"] = link.value_or("");
  json::array filters;
  if (const auto* list = check.array("filters")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto& f = (*list)[i];
      if (!f.is_string() || f.as_string().empty() || f.as_string().size() > 100) {
        check.fail("filters." + std::to_string(i), "invalid",
                   "Geef een kenmerk als tekst van 1 tot 100 tekens.");
        continue;
      }
      filters.push_back(f);
    }
  }
  out["filters"] = std::move(filters);
  check.finish();
  return out;
}

json::object validate_abonnement(Call& call, const json::object& body, const json::object*) {
  Checker check(body);
  json::object out;
  if (auto url = check.string("callbackUrl", {.required = true, .allow_blank = false})) {
    if (auto refused = callback_refused(*url)) {
      check.fail("callbackUrl", "invalid", *refused);
    } else {
      out["callbackUrl"] = *url;
    }
  }
  auto auth = check.string("auth", {.required = true, .max_length = 4000, .allow_blank = false});
  if (auth) {
    if (auth->find_first_of("\r\n") != std::string::npos) {
      check.fail("auth", "invalid", "De auth-header is één regel.");
    } else {
      out["auth"] = *auth;
    }
  }
  // A Loket extension: the key of the X-Loket-Signature HMAC; without it, the auth value signs.
  if (auto secret = check.string("secret", {.max_length = 200})) {
    if (secret->size() < 16) {
      check.fail("secret", "min_length", "Een sleutel voor de handtekening is minstens 16 tekens.");
    } else {
      out["secret"] = *secret;
    }
  }
  json::array kanalen;
  if (const auto* list = check.array("kanalen", true)) {
    if (list->empty()) check.fail("kanalen", "required", "Geef ten minste één kanaal.");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto at = "kanalen." + std::to_string(i);
      if (!(*list)[i].is_object()) {
        check.fail(at, "invalid", "Geef een kanaal als object met naam en filters.");
        continue;
      }
      Checker item((*list)[i].as_object(), at);
      auto naam = item.string("naam", {.required = true, .allow_blank = false});
      json::object filters;
      std::optional<std::vector<std::string>> known;
      if (naam) {
        known = kanaal_filters(call.api.db(), *naam);
        if (!known) {
          item.fail("naam", "kanaal_naam", "Er bestaat geen kanaal met deze naam.");
        } else if (!seen.insert(*naam).second) {
          item.fail("naam", "unique", "Dit kanaal staat al in de lijst.");
        }
      }
      if (const auto* f = item.object("filters")) {
        for (const auto& kv : *f) {
          auto key = std::string(kv.key());
          if (!kv.value().is_string() || kv.value().as_string().empty() ||
              kv.value().as_string().size() > 1000) {
            item.fail("filters." + key, "invalid",
                      "Geef de waarde als tekst van 1 tot 1000 tekens.");
            continue;
          }
          if (known && std::find(known->begin(), known->end(), key) == known->end()) {
            item.fail("filters." + key, "invalid",
                      "Kanaal " + *naam + " kent geen kenmerk " + key + ".");
            continue;
          }
          filters[key] = call.api.relative(kv.value().as_string());
        }
      }
      for (auto& e : item.errors()) check.errors().push_back(std::move(e));
      if (naam) kanalen.push_back(json::object{{"naam", *naam}, {"filters", std::move(filters)}});
    }
  }
  out["kanalen"] = std::move(kanalen);
  check.finish();
  return out;
}

// Keeps zgw_abonnement_kanalen (what the fan-out reads) in step with the abonnement.
void store_kanalen(Call& call, const json::object& stored, const json::object*) {
  auto& c = *call.connection;
  auto uuid = text(stored, "uuid");
  c.execute("DELETE FROM zgw_abonnement_kanalen WHERE abonnement = $1", {uuid});
  for (const auto& k : stored.at("kanalen").as_array()) {
    json::value filters = k.as_object().at("filters");
    call.api.absolutize(filters);
    c.execute(
        "INSERT INTO zgw_abonnement_kanalen (abonnement, kanaal, filters) VALUES ($1, $2, $3)",
        {uuid, text(k.as_object(), "naam"), json::serialize(filters)});
  }
}

void remove_kanalen(Call& call, const json::object& stored) {
  call.connection->execute("DELETE FROM zgw_abonnement_kanalen WHERE abonnement = $1",
                           {text(stored, "uuid")});
}

// A list as the standard gives it for NRC: a plain array, no paging.
http::Response plain_list(Call& call, const Resource& r, std::string_view scope,
                          std::initializer_list<std::string_view> params) {
  Api::require(call.client, r, scope, std::nullopt);
  std::string sql = "SELECT uuid FROM " + r.table;
  db::Params values;
  for (const auto& [k, v] : call.request.query) {
    if (std::find(params.begin(), params.end(), k) == params.end()) {
      throw ValidationError("nonFieldErrors", "unknown-parameters",
                            "Onbekende parameter: " + k + "; zie de OpenAPI-specificatie.");
    }
    sql += values.empty() ? " WHERE " : " AND ";
    values.emplace_back(v);
    sql += k + " = $" + std::to_string(values.size());
  }
  sql += " ORDER BY uuid";
  json::array out;
  auto rows = call.api.db().read_once(sql, values);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    if (auto found = call.api.load(r, row.text(0))) {
      out.push_back(call.api.render(call, r, std::move(*found)));
    }
  }
  return http::Response::json(200, std::move(out));
}

json::object validate_message(Api& api, const json::object& body) {
  Checker check(body);
  json::object out;
  auto kanaal = check.string("kanaal", {.required = true, .max_length = 50, .allow_blank = false});
  std::optional<std::vector<std::string>> known;
  if (kanaal) {
    known = kanaal_filters(api.db(), *kanaal);
    if (!known) check.fail("kanaal", "kanaal_naam", "Er bestaat geen kanaal met deze naam.");
    out["kanaal"] = *kanaal;
  }
  if (auto v = check.url("hoofdObject", true)) out["hoofdObject"] = *v;
  if (auto v =
          check.string("resource", {.required = true, .max_length = 100, .allow_blank = false})) {
    out["resource"] = *v;
  }
  if (auto v = check.url("resourceUrl", true)) out["resourceUrl"] = *v;
  if (auto v = check.string("actie", {.required = true, .max_length = 100, .allow_blank = false})) {
    out["actie"] = *v;
  }
  if (auto v = check.datetime("aanmaakdatum", true)) out["aanmaakdatum"] = *v;
  json::object kenmerken;
  if (const auto* k = check.object("kenmerken")) {
    for (const auto& kv : *k) {
      auto key = std::string(kv.key());
      if (!kv.value().is_string() || kv.value().as_string().size() > 1000) {
        check.fail("kenmerken." + key, "invalid",
                   "Geef de waarde als tekst van hoogstens 1000 tekens.");
        continue;
      }
      if (known && std::find(known->begin(), known->end(), key) == known->end()) {
        check.fail("kenmerken." + key, "kenmerken_inconsistent",
                   "Kanaal " + *kanaal + " kent geen kenmerk " + key + ".");
        continue;
      }
      kenmerken[key] = kv.value();
    }
  }
  out["kenmerken"] = std::move(kenmerken);
  check.finish();
  return out;
}

}  // namespace

void set_callback_policy(CallbackPolicy p) { policy() = std::move(p); }

bool filters_match(const json::object& filters, const json::object& kenmerken) {
  for (const auto& kv : filters) {
    if (!kv.value().is_string()) return false;
    const auto& want = kv.value().as_string();
    if (want == "*") continue;
    const auto* have = kenmerken.if_contains(kv.key());
    if (!have || !have->is_string() || have->as_string() != want) return false;
  }
  return true;
}

std::vector<Subscriber> subscribers(db::Connection& c, std::string_view kanaal) {
  std::vector<Subscriber> out;
  auto rows = c.query(kSubscribers, {std::string(kanaal)});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    Subscriber s{row.text(0), std::nullopt, row.text(2), row.optional_text(3).value_or(""),
                 row.optional_text(4).value_or("")};
    boost::system::error_code ec;
    auto filters = json::parse(row.text(1), ec);
    if (!ec && filters.is_object()) s.filters = std::move(filters.as_object());
    out.push_back(std::move(s));
  }
  return out;
}

std::int64_t fan_out(db::Connection& c, const std::vector<Subscriber>& to,
                     const json::object& message, std::string_view message_id,
                     std::int64_t now_ms) {
  json::object kenmerken;
  if (const auto* k = message.if_contains("kenmerken"); k && k->is_object()) {
    kenmerken = k->as_object();
  }
  std::string body;
  std::int64_t n = 0;
  for (const auto& s : to) {
    if (!s.filters || !filters_match(*s.filters, kenmerken)) continue;
    if (body.empty()) body = json::serialize(message);
    notify::enqueue_delivery(c,
                             {.subscription = s.abonnement,
                              .callback_url = s.callback_url,
                              .auth_sealed = s.auth_sealed,
                              .secret_sealed = s.secret_sealed,
                              .message_id = std::string(message_id),
                              .body = body},
                             now_ms);
    ++n;
  }
  return n;
}

void add_notificaties(Api& api) {
  Resource k;
  k.component = &kNotificaties;
  k.name = "kanaal";
  k.path = "kanaal";
  k.table = "zgw_kanalen";
  k.ops = {Op::Read, Op::Create};
  k.read_scope = kKanaalRead;
  k.create_scope = kPubliceren;
  k.columns = {text_column("naam", "naam")};
  k.validate = validate_kanaal;
  k.unique_violation = {"naam", "unique", "Er bestaat al een kanaal met deze naam."};
  const Resource& kanalen = api.add(std::move(k));

  Resource a;
  a.component = &kNotificaties;
  a.name = "abonnement";
  a.path = "abonnement";
  a.table = "zgw_abonnementen";
  a.ops = {Op::Read, Op::Create, Op::Update, Op::PartialUpdate, Op::Destroy};
  a.read_scope = a.create_scope = a.update_scope = a.destroy_scope = kConsumeren;
  a.columns = {text_column("callback_url", "callbackUrl")};
  a.validate = validate_abonnement;
  a.after_store = store_kanalen;
  a.before_destroy = remove_kanalen;
  a.sealed_columns = {"auth_sealed", "secret_sealed"};
  a.seal = [](Api& api, json::object& data) -> std::vector<db::Value> {
    auto uuid = text(data, "uuid");
    std::vector<db::Value> out;
    for (const char* field : {"auth", "secret"}) {
      auto value = text(data, field);
      out.emplace_back(value.empty() ? std::string()
                                     : notify::seal_secret(api.keys(), uuid, field, value));
      data.erase(field);
    }
    return out;
  };
  a.unseal = [](Api& api, json::object& data,
                const std::vector<std::optional<std::string>>& sealed) {
    auto uuid = text(data, "uuid");
    const char* fields[] = {"auth", "secret"};
    for (std::size_t i = 0; i < 2 && i < sealed.size(); ++i) {
      if (!sealed[i] || sealed[i]->empty()) continue;
      if (auto v = notify::open_secret(api.keys(), uuid, fields[i], *sealed[i])) {
        data[fields[i]] = *v;
      }
    }
  };
  // Write-only: a secret is sent to the subscriber, never back to an API client.
  a.decorate = [](Call&, json::object& rendered) {
    rendered.erase("auth");
    rendered.erase("secret");
  };
  const Resource& abonnementen = api.add(std::move(a));

  api.route(kNotificaties, http::Method::Get, "/kanaal", "Alle KANAALen opvragen.",
            [&kanalen](Call& call) { return plain_list(call, kanalen, kKanaalRead, {"naam"}); });
  api.route(
      kNotificaties, http::Method::Get, "/abonnement", "Alle ABONNEMENTen opvragen.",
      [&abonnementen](Call& call) { return plain_list(call, abonnementen, kConsumeren, {}); });
  api.route(
      kNotificaties, http::Method::Post, "/notificaties",
      "Publiceer een notificatie; ze gaat naar elk abonnement op het kanaal met passende "
      "filters.",
      [&kanalen](Call& call) {
        Api::require(call.client, kanalen, kPubliceren, std::nullopt);
        auto message = validate_message(call.api, parse_body(call.request));
        auto id = common::new_uuid();
        auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
        call.api.db().write([&](db::Connection& c) {
          fan_out(c, subscribers(c, text(message, "kanaal")), message, id, now);
        });
        return http::Response::json(201, message);
      });
}

}  // namespace loket::zgw
