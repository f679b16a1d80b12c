// The engine behind every ZGW resource; see api.hpp.
#include "standards/zgw/api.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <boost/url.hpp>
#include <ctime>
#include <variant>

#include "catalog/organisation.hpp"
#include "http/client.hpp"
#include "http/error.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "identity/staff.hpp"
#include "standards/zgw/token.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

constexpr auto kClientRecheck = std::chrono::seconds(1);
constexpr auto kFetchTtl = std::chrono::minutes(5);
constexpr std::size_t kFetchCacheMax = 1000;

std::string now_iso() {
  auto now = std::chrono::system_clock::now();
  auto secs = std::chrono::system_clock::to_time_t(now);
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() %
      1000000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return fmt::format("{}.{:06d}Z", buf, micros);
}

std::string etag_of(std::string_view body) {
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(body.data()),
                     body.size(), nullptr, 0);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return std::string("\"") + hex + "\"";
}

http::Error not_authenticated(const std::string& detail) {
  http::Error e(401, "not_authenticated", detail);
  e.headers().set("www-authenticate", "Bearer");  // RFC 9110 15.5.2: a 401 names the scheme
  return e;
}

http::Response json_response(int status, const json::value& body, bool geo) {
  auto r = http::Response::json(status, body);
  if (geo) r.headers.set("content-crs", std::string(kCrs));
  return r;
}

std::string_view action_name(Op op) {
  switch (op) {
    case Op::Create:
      return "create";
    case Op::Update:
      return "update";
    case Op::PartialUpdate:
      return "partial_update";
    case Op::Destroy:
      return "destroy";
    case Op::List:
      return "list";
    case Op::Read:
      return "retrieve";
  }
  return "";
}

std::string_view action_text(std::string_view action) {
  if (action == "create") return "Object aangemaakt";
  if (action == "update") return "Object bijgewerkt";
  if (action == "partial_update") return "Object deels bijgewerkt";
  if (action == "destroy") return "Object verwijderd";
  return "";
}

bool has(const std::vector<Op>& ops, Op op) {
  return std::find(ops.begin(), ops.end(), op) != ops.end();
}

std::string last_segment(std::string_view path) {
  auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

const json::string* string_field(const json::object& o, std::string_view field) {
  const auto* v = o.if_contains(field);
  return v && v->is_string() ? &v->as_string() : nullptr;
}

}  // namespace

json::object parse_body(const http::Request& req) {
  auto result = http::read_json_body(req);
  if (const auto* e = std::get_if<http::JsonBodyError>(&result)) {
    switch (e->kind) {
      case http::JsonBodyError::Kind::MediaType:
        throw http::Error(415, "unsupported_media_type",
                          "Stuur de inhoud als application/json (Content-Type).");
      case http::JsonBodyError::Kind::Depth:
        throw http::Error(400, "parse_error",
                          "De inhoud is te diep genest (hoogstens " +
                              std::to_string(http::kMaxJsonDepth) + " niveaus).");
      case http::JsonBodyError::Kind::Text:
        throw ValidationError(e->field.empty() ? "nonFieldErrors" : e->field, "invalid",
                              "Geen geldige UTF-8-tekst, of een NUL-teken.");
      case http::JsonBodyError::Kind::Syntax:
        break;
    }
    throw http::Error(400, "parse_error", "De inhoud is geen geldige JSON.");
  }
  auto& value = std::get<json::value>(result);
  if (!value.is_object()) {
    throw ValidationError("nonFieldErrors", "invalid", "Stuur een JSON-object.");
  }
  return std::move(value.as_object());
}

void check_crs(const http::Request& req, bool writing) {
  auto accept = req.header("accept-crs");
  if (!accept) {
    throw http::Error(412, "precondition_failed",
                      "Geef de header Accept-Crs: EPSG:4326 mee; deze API geeft geometrie.");
  }
  if (*accept != kCrs) {
    throw http::Error(406, "not_acceptable", "Alleen Accept-Crs: EPSG:4326 wordt ondersteund.");
  }
  if (!writing) return;
  auto content = req.header("content-crs");
  if (!content) {
    throw http::Error(412, "precondition_failed",
                      "Geef de header Content-Crs: EPSG:4326 mee bij geometrie.");
  }
  if (*content != kCrs) {
    throw http::Error(415, "unsupported_crs", "Alleen Content-Crs: EPSG:4326 wordt ondersteund.");
  }
}

http::Page zgw_page(const http::Request& req, std::size_t page_size,
                    std::vector<http::InvalidParam>& errors) {
  try {
    return http::page_from(req, static_cast<std::int64_t>(page_size));
  } catch (const http::Error&) {
    errors.push_back(
        {"page", "invalid",
         "Geef een paginanummer van 1 tot en met " + std::to_string(http::kMaxPage) + "."});
    return http::Page{1, static_cast<std::int64_t>(page_size)};
  }
}

// ---- Where, columns, filters -------------------------------------------------------------

std::string Where::bind(db::Value value) {
  params_.push_back(std::move(value));
  return "$" + std::to_string(params_.size());
}

std::string Where::sql() const {
  std::string out;
  for (const auto& c : conditions_) out += (out.empty() ? " WHERE " : " AND ") + c;
  return out;
}

Column text_column(std::string name, std::string field) {
  return {std::move(name), [field = std::move(field)](const json::object& o) -> db::Value {
            if (const auto* s = string_field(o, field)) return std::string(*s);
            return nullptr;
          }};
}

Column level_column(std::string name, std::string field) {
  return {std::move(name), [field = std::move(field)](const json::object& o) -> db::Value {
            const auto* s = string_field(o, field);
            return std::int64_t{s ? std::max(0, confidentiality_level(*s)) : 0};
          }};
}

Column bool_column(std::string name, std::string field) {
  return {std::move(name), [field = std::move(field)](const json::object& o) -> db::Value {
            const auto* v = o.if_contains(field);
            return std::int64_t{v && v->is_bool() && v->as_bool() ? 1 : 0};
          }};
}

Column integer_column(std::string name, std::string field) {
  return {std::move(name), [field = std::move(field)](const json::object& o) -> db::Value {
            const auto* v = o.if_contains(field);
            if (v && (v->is_int64() || v->is_uint64())) return v->to_number<std::int64_t>();
            return nullptr;
          }};
}

Filter exact(std::string name, std::string column) {
  return {std::move(name), [column = std::move(column)](Api&, Where& w, std::string_view v) {
            w.add(column + " = " + w.bind(std::string(v)));
          }};
}

Filter url_exact(const std::string& name, std::string column) {
  return {name, [name, column = std::move(column)](Api& api, Where& w, std::string_view v) {
            if (!is_url(v)) throw ValidationError(name, "invalid", "Geef een volledige URL.");
            w.add(column + " = " + w.bind(api.relative(v)));
          }};
}

Filter one_of(std::string name, std::string column) {
  return {std::move(name), [column = std::move(column)](Api& api, Where& w, std::string_view v) {
            std::string list;
            std::size_t start = 0;
            while (start <= v.size()) {
              auto comma = v.find(',', start);
              auto item = v.substr(start, comma == std::string_view::npos ? v.npos : comma - start);
              list += (list.empty() ? "" : ", ") + w.bind(api.relative(item));
              if (comma == std::string_view::npos) break;
              start = comma + 1;
            }
            w.add(column + " IN (" + list + ")");
          }};
}

Filter choice(const std::string& name, std::string column, std::vector<std::string> values) {
  return {name, [name, column = std::move(column), values = std::move(values)](Api&, Where& w,
                                                                               std::string_view v) {
            if (std::find(values.begin(), values.end(), v) == values.end()) {
              std::string list;
              for (const auto& x : values) list += (list.empty() ? "" : ", ") + x;
              throw ValidationError(name, "invalid_choice", "Kies een van: " + list + ".");
            }
            w.add(column + " = " + w.bind(std::string(v)));
          }};
}

Filter date_compare(const std::string& name, std::string column, std::string op) {
  return {name, [name, column = std::move(column), op = std::move(op)](Api&, Where& w,
                                                                       std::string_view v) {
            if (!parse_date(v)) {
              throw ValidationError(name, "invalid", "Geef een bestaande datum als JJJJ-MM-DD.");
            }
            w.add(column + " " + op + " " + w.bind(std::string(v)));
          }};
}

Filter datetime_compare(const std::string& name, std::string column, std::string op) {
  return {name, [name, column = std::move(column), op = std::move(op)](Api&, Where& w,
                                                                       std::string_view v) {
            if (!is_datetime(v) && !parse_date(v)) {
              throw ValidationError(name, "invalid",
                                    "Geef een datum-tijd volgens RFC 3339 of een datum.");
            }
            w.add(column + " " + op + " " + w.bind(std::string(v)));
          }};
}

Filter is_null(const std::string& name, std::string column) {
  return {name, [name, column = std::move(column)](Api&, Where& w, std::string_view v) {
            if (v == "true" || v == "True" || v == "1") {
              w.add(column + " IS NULL");
            } else if (v == "false" || v == "False" || v == "0") {
              w.add(column + " IS NOT NULL");
            } else {
              throw ValidationError(name, "invalid", "Geef true of false.");
            }
          }};
}

Filter boolean(const std::string& name, std::string column) {
  return {name, [name, column = std::move(column)](Api&, Where& w, std::string_view v) {
            if (v == "true" || v == "True" || v == "1") {
              w.add(column + " = 1");
            } else if (v == "false" || v == "False" || v == "0") {
              w.add(column + " = 0");
            } else {
              throw ValidationError(name, "invalid", "Geef true of false.");
            }
          }};
}

// ---- Api ---------------------------------------------------------------------------------

Api::Api(db::Database& db, privacy::KeyRing& keys, ApiSettings settings)
    : db_(db), keys_(keys), settings_(std::move(settings)) {
  while (!settings_.base_url.empty() && settings_.base_url.back() == '/') {
    settings_.base_url.pop_back();
  }
}

const Resource& Api::add(Resource resource) {
  resources_.push_back(std::move(resource));
  return resources_.back();
}

void Api::route(const Component& component, http::Method method, std::string pattern,
                std::string summary, Handler handler) {
  routes_.push_back(
      {&component, method, std::move(pattern), std::move(summary), std::move(handler)});
}

const Resource& Api::resource(const Component& component, std::string_view path) const {
  for (const auto& r : resources_) {
    if (r.component == &component && r.path == path) return r;
  }
  throw std::logic_error("the ZGW resource " + std::string(path) + " is not registered");
}

void Api::public_route(http::Method method, std::string path, http::Handler handler) {
  public_routes_.push_back({method, std::move(path), std::move(handler)});
}

std::string Api::collection_path(const Resource& r) const {
  return std::string(r.component->mount) + "/" + r.path;
}

std::string Api::relative(std::string_view url) const {
  const auto& base = settings_.base_url;
  if (url.size() > base.size() && url.starts_with(base) &&
      url.substr(base.size()).starts_with("/zgw/")) {
    return std::string(url.substr(base.size()));
  }
  return std::string(url);
}

std::string Api::absolute(std::string_view relative_url) const {
  return settings_.base_url + std::string(relative_url);
}

void Api::absolutize(json::value& value) const {
  if (value.is_string()) {
    if (value.as_string().starts_with("/zgw/")) {
      value = json::string(absolute(value.as_string()));
    }
  } else if (value.is_array()) {
    for (auto& v : value.as_array()) absolutize(v);
  } else if (value.is_object()) {
    for (auto& kv : value.as_object()) absolutize(kv.value());
  }
}

std::string Api::url_of(const Resource& r, std::string_view uuid) const {
  return collection_path(r) + "/" + std::string(uuid);
}

std::optional<std::string> Api::uuid_of(const Resource& r, std::string_view url) const {
  auto rel = relative(url);
  auto prefix = collection_path(r) + "/";
  if (!rel.starts_with(prefix)) return std::nullopt;
  auto uuid = rel.substr(prefix.size());
  if (!catalog::is_uuid(uuid)) return std::nullopt;
  return uuid;
}

namespace {

std::string select_sql(const Resource& r) {
  std::string sql = "SELECT data";
  for (const auto& c : r.sealed_columns) sql += ", " + c;
  return sql + " FROM " + r.table + " WHERE uuid = $1";
}

std::optional<json::object> object_from_rows(Api& api, const Resource& r, const db::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  auto value = json::parse(rows[0].text(0));
  auto out = std::move(value.as_object());
  if (r.unseal) {
    std::vector<std::optional<std::string>> sealed;
    for (std::size_t i = 0; i < r.sealed_columns.size(); ++i) {
      sealed.push_back(rows[0].optional_text(i + 1));
    }
    r.unseal(api, out, sealed);
  }
  return out;
}

}  // namespace

std::optional<json::object> Api::load(const Resource& r, std::string_view uuid) {
  if (!catalog::is_uuid(uuid)) return std::nullopt;
  return object_from_rows(*this, r, db_.read_once(select_sql(r), {std::string(uuid)}));
}

std::optional<json::object> Api::load(db::Connection& c, const Resource& r, std::string_view uuid) {
  if (!catalog::is_uuid(uuid)) return std::nullopt;
  return object_from_rows(*this, r, c.query(select_sql(r), {std::string(uuid)}));
}

std::optional<json::object> Api::resolve(Checker& check, std::string_view field,
                                         std::string_view url, const Resource& expected) {
  auto rel = relative(url);
  if (rel.starts_with("/zgw/")) {
    auto uuid = uuid_of(expected, rel);
    if (!uuid) {
      check.fail(field, "invalid-resource",
                 "Deze URL wijst niet naar een " + expected.name + " in deze registratie.");
      return std::nullopt;
    }
    auto found = load(expected, *uuid);
    if (!found) check.fail(field, "bad-url", "Er bestaat geen " + expected.name + " met deze URL.");
    return found;
  }
  auto parsed = boost::urls::parse_uri(url);
  std::string host = parsed ? std::string(parsed->host()) : std::string();
  if (parsed && parsed->has_port()) host += ":" + std::string(parsed->port());
  const auto& allowed = settings_.allowed_hosts;
  if (host.empty() || std::find(allowed.begin(), allowed.end(), host) == allowed.end()) {
    check.fail(field, "bad-url",
               "Deze URL ligt niet bij een toegestane server; alleen verwijzingen naar "
               "geconfigureerde ZGW-servers worden gevolgd.");
    return std::nullopt;
  }
  CachedFetch got;
  bool cached = false;
  {
    std::lock_guard lock(fetch_mutex_);
    auto it = fetched_.find(std::string(url));
    if (it != fetched_.end() && std::chrono::steady_clock::now() - it->second.at < kFetchTtl) {
      got = it->second;
      cached = true;
    }
  }
  if (!cached) {
    std::string error;
    auto response = http::fetch({.url = std::string(url),
                                 .headers = {{"accept", "application/json"}},
                                 .timeout = std::chrono::milliseconds(3000)},
                                &error);
    if (!response) {
      check.fail(field, "bad-url", "Deze URL gaf geen antwoord; controleer hem.");
      return std::nullopt;
    }
    got = {std::chrono::steady_clock::now(), response->status, std::move(response->body)};
    std::lock_guard lock(fetch_mutex_);
    if (fetched_.size() >= kFetchCacheMax) fetched_.clear();
    fetched_[std::string(url)] = got;
  }
  if (got.status != 200) {
    check.fail(field, "bad-url", "Deze URL gaf HTTP " + std::to_string(got.status) + ".");
    return std::nullopt;
  }
  json::error_code ec;
  auto value = json::parse(got.body, ec);
  if (ec || !value.is_object() || !value.as_object().contains("url")) {
    check.fail(field, "invalid-resource",
               "Deze URL geeft geen " + expected.name + " (geen JSON-object met een url).");
    return std::nullopt;
  }
  return std::move(value.as_object());
}

json::object Api::render(Call& call, const Resource& r, json::object stored) {
  json::value v(std::move(stored));
  absolutize(v);
  auto out = std::move(v.as_object());
  if (r.decorate) r.decorate(call, out);
  return out;
}

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

void Api::audit(Call& call, const Resource& r, std::string_view action, int status,
                const std::string& owner, const std::string& resource_url,
                const json::value& old_value, const json::value& new_value) {
  auto uuid = identity::new_uuid();
  auto now = now_iso();
  json::object entry{
      {"uuid", uuid},
      {"bron", r.component->bron},
      {"applicatieId", call.client.client_id},
      {"applicatieWeergave", call.client.label},
      {"gebruikersId", call.client.user_id},
      {"gebruikersWeergave", call.client.user_representation},
      {"actie", action},
      {"actieWeergave", action_text(action)},
      {"resultaat", status},
      {"hoofdObject", owner},
      {"resource", r.name},
      {"resourceUrl", resource_url},
      {"toelichting", std::string(call.request.header("x-audit-toelichting").value_or(""))},
      {"resourceWeergave", resource_url},
      {"aanmaakdatum", now},
      {"wijzigingen", {{"oud", old_value}, {"nieuw", new_value}}}};
  call.connection->execute(
      "INSERT INTO zgw_audittrail (uuid, hoofd_object, aanmaakdatum, data) VALUES ($1, $2, $3, $4)",
      {uuid, owner, now, json::serialize(entry)});
}

// ---- the operations ----------------------------------------------------------------------

http::Response Api::list(const Resource& r, http::Request& req) {
  auto client = authenticate(req);
  Call call{*this, client, req};
  require(client, r, r.read_scope, std::nullopt);
  if (r.geo) check_crs(req, false);
  Where where;
  if (r.parent) {
    where.add(r.parent->column + " = " +
              where.bind(url_of(*r.parent->of, req.param(r.parent->param))));
  }
  std::string order = r.default_order;
  std::vector<http::InvalidParam> errors;
  auto page = zgw_page(req, settings_.page_size, errors);
  for (const auto& [name, value] : req.query) {
    if (name == "page") continue;
    if (name == "ordering") {
      std::string sql;
      std::size_t start = 0;
      while (start <= value.size()) {
        auto comma = value.find(',', start);
        auto item = std::string_view(value).substr(
            start, comma == std::string::npos ? std::string::npos : comma - start);
        bool desc = item.starts_with('-');
        if (desc) item.remove_prefix(1);
        auto it = std::find_if(r.orderings.begin(), r.orderings.end(),
                               [&](const auto& o) { return o.first == item; });
        if (it == r.orderings.end()) {
          errors.push_back({"ordering", "invalid_choice",
                            "Op dit veld kan niet gesorteerd worden: " + std::string(item) + "."});
          break;
        }
        sql += (sql.empty() ? "" : ", ") + it->second + (desc ? " DESC" : " ASC");
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      if (!sql.empty()) order = sql + ", uuid";
      continue;
    }
    auto f = std::find_if(r.filters.begin(), r.filters.end(),
                          [&key = name](const Filter& x) { return x.name == key; });
    if (f == r.filters.end()) {
      if (name == "expand" && r.decorate) continue;
      errors.push_back({"nonFieldErrors", "unknown-parameters",
                        "Onbekende parameter: " + name + "; zie de OpenAPI-specificatie."});
      continue;
    }
    try {
      f->apply(*this, where, value);
    } catch (const http::Error& e) {
      errors.insert(errors.end(), e.invalid_params().begin(), e.invalid_params().end());
    }
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
  if (r.list_guard) r.list_guard(call, where, r.read_scope);

  std::string sql = "SELECT data, COUNT(*) OVER ()";
  for (const auto& c : r.sealed_columns) sql += ", " + c;
  sql += " FROM " + r.table + where.sql() + " ORDER BY " + order;
  sql += " LIMIT " + where.bind(page.size) + " OFFSET " + where.bind(page.offset());
  auto rows = db_.read_once(sql, where.params());
  std::int64_t total = 0;
  if (!rows.empty()) {
    total = rows[0].integer(1);
  } else if (page.number > 1) {
    throw http::Error(404, "not_found", "Deze pagina bestaat niet.");
  }
  json::array results;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto obj = json::parse(rows[i].text(0)).as_object();
    if (r.unseal) {
      std::vector<std::optional<std::string>> sealed;
      for (std::size_t k = 0; k < r.sealed_columns.size(); ++k) {
        sealed.push_back(rows[i].optional_text(k + 2));
      }
      r.unseal(*this, obj, sealed);
    }
    // The list guard has narrowed the query already; a row it let through by mistake still
    // does not leave.
    if (!may_read(call, r, obj)) continue;
    results.push_back(render(call, r, std::move(obj)));
  }
  auto link = [&](std::int64_t number) -> json::value {
    auto l = http::page_link(req, page, number, total);
    return l ? json::value(absolute(*l)) : json::value(nullptr);
  };
  json::object body{{"count", total},
                    {"next", link(page.number + 1)},
                    {"previous", link(page.number - 1)},
                    {"results", std::move(results)}};
  return json_response(200, body, r.geo);
}

http::Response Api::read(const Resource& r, http::Request& req) {
  auto client = authenticate(req);
  Call call{*this, client, req};
  if (r.geo) check_crs(req, false);
  auto found = load(r, req.param("uuid"));
  if (found && r.parent) {
    const auto* p = string_field(*found, r.parent->field);
    if (!p || *p != url_of(*r.parent->of, req.param(r.parent->param))) found.reset();
  }
  if (!found) throw http::Error(404, "not_found", "Er bestaat geen " + r.name + " met deze uuid.");
  if (!may_read(call, r, *found)) {
    throw http::Error(403, "permission_denied",
                      "Deze client heeft hiervoor geen autorisatie (scope " + r.read_scope +
                          (r.guard ? ", voor dit type en deze vertrouwelijkheid" : "") + ").");
  }
  auto body = json::serialize(render(call, r, std::move(*found)));
  auto tag = etag_of(body);
  if (auto match = req.header("if-none-match");
      match && match->find(tag) != std::string_view::npos) {
    http::Response not_modified;
    not_modified.status = 304;
    not_modified.headers.set("etag", tag);
    return not_modified;
  }
  auto response = http::Response::text(200, std::move(body), "application/json");
  response.headers.set("etag", tag);
  if (r.geo) response.headers.set("content-crs", std::string(kCrs));
  return response;
}

http::Response Api::write(const Resource& r, http::Request& req, Op op) {
  auto client = authenticate(req);
  Call call{*this, client, req};
  if (r.geo) check_crs(req, true);
  // `expand` is a parameter of reads (the yaml has it on GET and _zoek only): a write answers with
  // the object itself, so nothing after the commit can refuse the request.
  std::erase_if(req.query, [](const auto& kv) { return kv.first == "expand"; });
  auto stored = save(call, r, op, parse_body(req));
  auto response = json_response(op == Op::Create ? 201 : 200, render(call, r, stored), r.geo);
  if (op == Op::Create) {
    response.headers.set("location", absolute(json::value_to<std::string>(stored.at("url"))));
  }
  return response;
}

json::object Api::save(Call& call, const Resource& r, Op op, json::object body) {
  const auto& req = call.request;
  const auto& client = call.client;
  std::optional<json::object> existing;
  std::string uuid;
  const auto& scope = op == Op::Create ? r.create_scope : r.update_scope;
  if (op == Op::Create) {
    // Rights first: validation resolves references (our own objects, and URLs on allowed hosts),
    // and its 400s would tell a client without the scope which zaaktypen and zaken exist, and
    // make the server fetch for it. The scope (for some type) is checked before; the guard,
    // which needs the validated body, after.
    require(client, r, scope, std::nullopt);
    uuid = call.new_uuid.empty() ? identity::new_uuid() : call.new_uuid;
  } else {
    uuid = std::string(req.param("uuid"));
    existing = load(r, uuid);
    if (existing && r.parent) {
      const auto* p = string_field(*existing, r.parent->field);
      if (!p || *p != url_of(*r.parent->of, req.param(r.parent->param))) existing.reset();
    }
    if (!existing) {
      throw http::Error(404, "not_found", "Er bestaat geen " + r.name + " met deze uuid.");
    }
    require(client, r, scope, r.guard ? r.guard(call, *existing) : std::nullopt);
    if (op == Op::PartialUpdate) {
      json::object merged = *existing;
      for (auto& kv : body) merged[kv.key()] = kv.value();
      body = std::move(merged);
    }
  }
  if (r.parent) body[r.parent->field] = absolute(url_of(*r.parent->of, req.param(r.parent->param)));
  auto stored = r.validate(call, body, existing ? &*existing : nullptr);
  stored["uuid"] = uuid;
  if (r.parent) {
    stored[r.parent->field] = url_of(*r.parent->of, req.param(r.parent->param));
    stored["url"] =
        url_of(*r.parent->of, req.param(r.parent->param)) + "/" + last_segment(r.path) + "/" + uuid;
  } else {
    stored["url"] = url_of(r, uuid);
  }
  require(client, r, scope, r.guard ? r.guard(call, stored) : std::nullopt);

  try {
    db_.write([&](db::Connection& c) {
      call.connection = &c;
      if (r.before_store) r.before_store(call, stored, existing ? &*existing : nullptr);
      auto data = store(c, r, stored, op == Op::Create);
      if (r.after_store) r.after_store(call, stored, existing ? &*existing : nullptr);
      if (r.audit_owner) {
        json::value old_value = nullptr;
        if (existing) {
          json::object old_data = *existing;
          if (r.seal) r.seal(*this, old_data);
          old_value = std::move(old_data);
        }
        audit(call, r, action_name(op), op == Op::Create ? 201 : 200, r.audit_owner(stored),
              json::value_to<std::string>(stored.at("url")), old_value, data);
      }
    });
  } catch (const db::ConstraintError&) {
    throw ValidationError({r.unique_violation});
  }
  return stored;
}

http::Response Api::destroy(const Resource& r, http::Request& req) {
  auto client = authenticate(req);
  Call call{*this, client, req};
  auto found = load(r, req.param("uuid"));
  if (found && r.parent) {
    const auto* p = string_field(*found, r.parent->field);
    if (!p || *p != url_of(*r.parent->of, req.param(r.parent->param))) found.reset();
  }
  if (!found) throw http::Error(404, "not_found", "Er bestaat geen " + r.name + " met deze uuid.");
  require(client, r, r.destroy_scope, r.guard ? r.guard(call, *found) : std::nullopt);
  db_.write([&](db::Connection& c) {
    call.connection = &c;
    if (r.before_destroy) r.before_destroy(call, *found);
    c.execute("DELETE FROM " + r.table + " WHERE uuid = $1", {std::string(req.param("uuid"))});
    if (r.audit_owner) {
      json::object old_data = *found;
      if (r.seal) r.seal(*this, old_data);
      audit(call, r, "destroy", 204, r.audit_owner(*found),
            json::value_to<std::string>(found->at("url")), old_data, nullptr);
    }
  });
  http::Response response;
  response.status = 204;
  return response;
}

json::object Api::store(db::Connection& c, const Resource& r, const json::object& stored,
                        bool insert) {
  json::object data = stored;
  std::vector<db::Value> values{json::value_to<std::string>(stored.at("uuid")), nullptr};
  for (const auto& col : r.columns) values.push_back(col.value(stored));
  if (r.seal) {
    auto sealed = r.seal(*this, data);
    values.insert(values.end(), sealed.begin(), sealed.end());
  }
  values[1] = json::serialize(data);
  std::vector<std::string> names{"uuid", "data"};
  for (const auto& col : r.columns) names.push_back(col.name);
  names.insert(names.end(), r.sealed_columns.begin(), r.sealed_columns.end());
  std::string sql;
  if (insert) {
    std::string cols, marks;
    for (std::size_t i = 0; i < names.size(); ++i) {
      cols += (i ? ", " : "") + names[i];
      marks += (i ? ", $" : "$") + std::to_string(i + 1);
    }
    sql = "INSERT INTO " + r.table + " (" + cols + ") VALUES (" + marks + ")";
  } else {
    std::string sets;
    for (std::size_t i = 1; i < names.size(); ++i) {
      sets += (i > 1 ? ", " : "") + names[i] + " = $" + std::to_string(i + 1);
    }
    sql = "UPDATE " + r.table + " SET " + sets + " WHERE uuid = $1";
  }
  c.execute(sql, values);
  return data;
}

// ---- routes and the OpenAPI documents ----------------------------------------------------

void Api::mount(http::Router& router) {
  // Own routes first: the router takes the first match, and "/applicaties/consumer" must win
  // over "/applicaties/{uuid}".
  for (const auto& custom : routes_) {
    const auto* handler = &custom.handler;
    router.add(custom.method, std::string(custom.component->mount) + custom.pattern,
               [this, handler](http::Request& q) {
                 auto client = authenticate(q);
                 Call call{*this, client, q};
                 return (*handler)(call);
               });
  }
  for (const auto& r : resources_) {
    auto collection = collection_path(r);
    auto item = collection + "/{uuid}";
    const Resource* res = &r;
    if (has(r.ops, Op::List)) {
      router.add(http::Method::Get, collection,
                 [this, res](http::Request& q) { return list(*res, q); });
    }
    if (has(r.ops, Op::Create)) {
      router.add(http::Method::Post, collection,
                 [this, res](http::Request& q) { return write(*res, q, Op::Create); });
    }
    if (has(r.ops, Op::Read)) {
      router.add(http::Method::Get, item, [this, res](http::Request& q) { return read(*res, q); });
    }
    if (has(r.ops, Op::Update)) {
      router.add(http::Method::Put, item,
                 [this, res](http::Request& q) { return write(*res, q, Op::Update); });
    }
    if (has(r.ops, Op::PartialUpdate)) {
      router.add(http::Method::Patch, item,
                 [this, res](http::Request& q) { return write(*res, q, Op::PartialUpdate); });
    }
    if (has(r.ops, Op::Destroy)) {
      router.add(http::Method::Delete, item,
                 [this, res](http::Request& q) { return destroy(*res, q); });
    }
  }
  for (const auto& open : public_routes_) router.add(open.method, open.pattern, open.handler);
  for (const auto* component : {&kCatalogi, &kZaken, &kAutorisaties}) {
    router.add(http::Method::Get, std::string(component->mount) + "/schema/openapi.json",
               [this, component](http::Request&) {
                 auto r = http::Response::text(200, openapi(*component), "application/json");
                 r.headers.set("cache-control", "public, max-age=300");
                 return r;
               });
  }
}

std::string Api::openapi(const Component& component) const {
  json::object paths;
  auto responses = [](std::initializer_list<int> codes) {
    json::object out;
    for (int c : codes) {
      out[std::to_string(c)] = {
          {"description", c < 300 ? "OK" : "Fout (application/problem+json)"}};
    }
    return out;
  };
  auto operation = [&](std::string summary, std::string id, std::initializer_list<int> codes) {
    return json::object{{"summary", std::move(summary)},
                        {"operationId", std::move(id)},
                        {"security", json::array{json::object{{"JWT-Claims", json::array{}}}}},
                        {"responses", responses(codes)}};
  };
  for (const auto& r : resources_) {
    if (r.component != &component) continue;
    auto collection = "/" + r.path;
    auto item = collection + "/{uuid}";
    auto& c = paths[collection].emplace_object();
    if (has(r.ops, Op::List)) {
      auto op = operation("Alle " + r.name + " opvragen.", r.name + "_list", {200, 400, 401, 403});
      json::array params;
      for (const auto& f : r.filters) {
        params.push_back({{"name", f.name}, {"in", "query"}, {"schema", {{"type", "string"}}}});
      }
      params.push_back({{"name", "page"}, {"in", "query"}, {"schema", {{"type", "integer"}}}});
      op["parameters"] = std::move(params);
      c["get"] = std::move(op);
    }
    if (has(r.ops, Op::Create)) {
      c["post"] =
          operation("Maak een " + r.name + " aan.", r.name + "_create", {201, 400, 401, 403});
    }
    if (c.empty()) paths.erase(collection);
    json::object i;
    if (has(r.ops, Op::Read))
      i["get"] =
          operation("Een " + r.name + " opvragen.", r.name + "_read", {200, 304, 401, 403, 404});
    if (has(r.ops, Op::Update))
      i["put"] =
          operation("Werk een " + r.name + " bij.", r.name + "_update", {200, 400, 401, 403, 404});
    if (has(r.ops, Op::PartialUpdate))
      i["patch"] = operation("Werk een " + r.name + " deels bij.", r.name + "_partial_update",
                             {200, 400, 401, 403, 404});
    if (has(r.ops, Op::Destroy))
      i["delete"] =
          operation("Verwijder een " + r.name + ".", r.name + "_delete", {204, 401, 403, 404});
    if (!i.empty()) paths[item] = std::move(i);
  }
  for (const auto& custom : routes_) {
    if (custom.component != &component) continue;
    auto method = std::string(http::to_string(custom.method));
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    auto& p = paths[custom.pattern];
    if (!p.is_object()) p.emplace_object();
    auto id = custom.pattern + "_" + method;
    std::replace_if(
        id.begin(), id.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); },
        '_');
    p.as_object()[method] = operation(custom.summary, id, {200, 400, 401, 403, 404});
  }
  json::object doc{
      {"openapi", "3.0.3"},
      {"info",
       {{"title", component.title},
        {"version", "1"},
        {"description", "Loket's implementatie van de VNG ZGW " + std::string(component.title) +
                            "; zie de README voor wat (nog) niet is geïmplementeerd."}}},
      {"servers", json::array{json::object{{"url", absolute(component.mount)}}}},
      {"paths", std::move(paths)},
      {"components",
       {{"securitySchemes",
         {{"JWT-Claims", {{"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"}}}}}}}};
  return json::serialize(doc);
}

}  // namespace loket::zgw
