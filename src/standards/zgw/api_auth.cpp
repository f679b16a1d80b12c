// Client authentication (bearer token → Client, with a cache of clients and their secrets) and
// the authorisation gates every operation asks; see api.hpp.
#include <fmt/format.h>

#include <ctime>
#include <variant>

#include "http/error.hpp"
#include "standards/zgw/api.hpp"
#include "standards/zgw/token.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

constexpr auto kClientRecheck = std::chrono::seconds(1);

http::Error not_authenticated(const std::string& detail) {
  http::Error e(401, "not_authenticated", detail);
  e.headers().set("www-authenticate", "Bearer");  // RFC 9110 15.5.2: a 401 names the scheme
  return e;
}

}  // namespace

// ---- authentication ----------------------------------------------------------------------

std::optional<Api::CachedClient> Api::find_client(const std::string& client_id, bool fresh) {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(clients_mutex_);
  if (now - clients_checked_ > kClientRecheck) {
    auto version =
        db_.read_once("SELECT version FROM zgw_autorisaties_version WHERE id = 1")[0].integer(0);
    if (version != clients_version_) {
      clients_.clear();
      clients_version_ = version;
    }
    clients_checked_ = now;
  }
  if (auto it = clients_.find(client_id); !fresh && it != clients_.end()) return it->second;
  // The secret belongs to the client_id, not to its applicatie (as in the reference
  // implementation): a client whose applicatie is deleted and made again keeps signing with it,
  // and without an applicatie it is known but has no rights (403, not 401).
  auto rows = db_.read_once(
      "SELECT a.data, a.uuid, s.secret_enc FROM zgw_client_secrets s"
      " LEFT JOIN zgw_client_ids c ON c.client_id = s.client_id"
      " LEFT JOIN zgw_applicaties a ON a.uuid = c.applicatie WHERE s.client_id = $1",
      {client_id});
  if (rows.empty()) return std::nullopt;
  auto secret = privacy::decrypt(keys_, rows[0].text(2), "zgw_client_secrets:" + client_id);
  if (!secret) return std::nullopt;
  auto data = rows[0].optional_text(0) ? json::parse(rows[0].text(0)).as_object()
                                       : json::object{{"label", client_id}};
  CachedClient entry{std::move(*secret), client_from_applicatie(
                                             data,
                                             [](std::string_view url, std::string_view base) {
                                               if (url.starts_with(base) &&
                                                   url.substr(base.size()).starts_with("/zgw/")) {
                                                 return std::string(url.substr(base.size()));
                                               }
                                               return std::string(url);
                                             },
                                             settings_.base_url)};
  entry.client.client_id = client_id;
  entry.client.applicatie = rows[0].optional_text(1).value_or("");
  clients_[client_id] = entry;
  return entry;
}

Client Api::authenticate(const http::Request& req) {
  auto header = req.header("authorization");
  if (!header) {
    throw not_authenticated(
        "Geef een JWT mee in de header Authorization: Bearer <token> (ZGW-autorisatie).");
  }
  auto token = bearer_token(*header);
  if (!token)
    throw not_authenticated("De header Authorization moet de vorm Bearer <token> hebben.");
  auto client_id = peek_client_id(*token);
  if (!client_id) throw not_authenticated("Het token is geen JWT met een client_id.");
  auto found = find_client(*client_id);
  if (!found) throw not_authenticated("Deze client_id is hier niet bekend.");
  TokenRules rules{.now = static_cast<std::int64_t>(std::time(nullptr)),
                   .clock_skew = settings_.clock_skew,
                   .max_age = settings_.token_max_age};
  auto result = verify_token(*token, found->secret, rules);
  // The secret may have been rotated (`loket clients secret`) since it was cached: look again
  // once before refusing, so that a new secret works at once.
  if (std::holds_alternative<std::string>(result)) {
    found = find_client(*client_id, true);
    if (!found) throw not_authenticated("Deze client_id is hier niet bekend.");
    result = verify_token(*token, found->secret, rules);
  }
  if (auto* reason = std::get_if<std::string>(&result)) throw not_authenticated(*reason);
  auto& claims = std::get<TokenClaims>(result);
  Client client = std::move(found->client);
  client.user_id = claims.user_id;
  client.user_representation = claims.user_representation;
  return client;
}

void Api::clients_changed(db::Connection& c) {
  c.execute("UPDATE zgw_autorisaties_version SET version = version + 1 WHERE id = 1");
  std::lock_guard lock(clients_mutex_);
  clients_checked_ = {};
}

namespace {

bool allowed(const Client& client, const Resource& r, std::string_view scope,
             const std::optional<Guard>& guard) {
  return guard ? client.may(r.component->code, scope, guard->type, guard->level)
               : client.may(r.component->code, scope);
}

}  // namespace

bool Api::may_read(Call& call, const Resource& r, const json::object& stored) {
  if (call.client.all_rights) return true;  // spares the guard's lookups
  if (!call.client.may(r.component->code, r.read_scope)) return false;
  return allowed(call.client, r, r.read_scope, r.guard ? r.guard(call, stored) : std::nullopt);
}

std::optional<json::object> Api::load_readable(Call& call, const Resource& r,
                                               std::string_view url) {
  auto uuid = uuid_of(r, url);
  auto found = uuid ? load(r, *uuid) : std::nullopt;
  if (!found || !may_read(call, r, *found)) return std::nullopt;
  return found;
}

void Api::require(const Client& client, const Resource& r, std::string_view scope,
                  const std::optional<Guard>& guard) {
  if (!allowed(client, r, scope, guard)) {
    throw http::Error(403, "permission_denied",
                      "Deze client heeft hiervoor geen autorisatie (scope " + std::string(scope) +
                          (guard ? ", voor dit type en deze vertrouwelijkheid" : "") + ").");
  }
}

std::string Api::type_guard(const Client& client, const Component& component,
                            std::string_view scope, Where& where, const std::string& type_column,
                            const std::string& level_column) {
  if (client.all_rights) return {};
  auto grants = client.grants(component.code, scope);
  if (grants.empty()) return "1 = 0";
  std::string any;
  for (const auto& g : grants) {
    any += (any.empty() ? "(" : " OR ") + fmt::format("({} = {} AND {} <= {})", type_column,
                                                      where.bind(g.type), level_column,
                                                      where.bind(std::int64_t{g.max_level}));
  }
  return any + ")";
}

void Api::guard_list_by_type(const Client& client, const Component& component,
                             std::string_view scope, Where& where, const std::string& type_column,
                             const std::string& level_column) {
  auto clause = type_guard(client, component, scope, where, type_column, level_column);
  if (!clause.empty()) where.add(std::move(clause));
}

}  // namespace loket::zgw
