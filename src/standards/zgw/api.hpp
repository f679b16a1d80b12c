// The ZGW adapter's engine. A resource is a declaration (table, indexed columns, filters,
// scopes, and hooks for its rules); the engine gives every resource the same behaviour the
// standard asks for: JWT authentication and scopes, URL references, filters that refuse
// unknown parameters, ordering, pagination (count/next/previous/results), ETag with
// If-None-Match, Accept-Crs/Content-Crs, PUT/PATCH, the audit trail, and ValidatieFout errors.
//
// Storage: each resource's table has `uuid` (primary key) and `data` (the representation as
// JSON, internal references relative: "/zgw/..."), plus the declared columns. Reads render
// `data` with our public URL put in front of every relative reference.
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/case_service.hpp"
#include "cases/case_store_zgw.hpp"
#include "db/database.hpp"
#include "http/error.hpp"
#include "http/message.hpp"
#include "http/paging.hpp"
#include "http/router.hpp"
#include "privacy/field_crypto.hpp"
#include "standards/zgw/rights.hpp"
#include "standards/zgw/validate.hpp"

namespace loket::documents {
class DocumentService;
}

namespace loket::zgw {

// Geometry travels in one coordinate system; the standard's headers say so both ways.
inline constexpr std::string_view kCrs = "EPSG:4326";
// Accept-Crs (and, when `writing`, Content-Crs) must name kCrs: 412, 406 or 415 otherwise.
void check_crs(const http::Request& req, bool writing);
// The last segment of a URL or path ("…/zaken/<uuid>" → "<uuid>"); the whole text without '/'.
std::string last_segment(std::string_view url);
// The `page` of a ZGW list (fixed page size), through the shared checked paging helper; a bad
// value is added to `errors` as the ValidatieFout the standard names (`page`, invalid).
http::Page zgw_page(const http::Request& req, std::size_t page_size,
                    std::vector<http::InvalidParam>& errors);
// The request body as a JSON object, read by http::read_json_body (every key and string valid
// UTF-8 without NUL): 415 for another Content-Type, 400 parse_error for bad JSON, a ValidatieFout
// naming the field for bad text, and for a body that is no object.
boost::json::object parse_body(const http::Request& req);

struct Component {
  std::string_view code;   // in autorisaties: "zrc", "ztc", "ac"
  std::string_view mount;  // where its API lives
  std::string_view bron;   // in the audit trail: "ZRC", ...
  std::string_view title;
  std::string_view version;  // of the standard, sent as API-version on every answer
};
inline constexpr Component kZaken{"zrc", "/zgw/zaken/api/v1", "ZRC", "Zaken API", "1.7.0"};
inline constexpr Component kCatalogi{"ztc", "/zgw/catalogi/api/v1", "ZTC", "Catalogi API", "1.3.3"};
inline constexpr Component kAutorisaties{"ac", "/zgw/autorisaties/api/v1", "AC", "Autorisaties API",
                                         "1.1.0"};
inline constexpr Component kDocumenten{"drc", "/zgw/documenten/api/v1", "DRC", "Documenten API",
                                       "1.7.1"};

struct ApiSettings {
  std::string base_url;                    // our public URL, without a trailing slash
  std::vector<std::string> allowed_hosts;  // hosts whose references may be fetched
  std::int64_t token_max_age = 3600;       // seconds
  std::int64_t clock_skew = 60;            // seconds
  std::size_t page_size = 100;
  // The documents domain the Documenten API translates to (and the Zaken API mirrors its
  // zaakinformatieobjecten into); null: the Documenten API answers 503 where content is needed.
  documents::DocumentService* documents = nullptr;
};

// The WHERE clause of a list, built from parameterised fragments.
class Where {
 public:
  // The placeholder ("$N") for a new parameter.
  std::string bind(db::Value value);
  // Adds a condition, ANDed with the others.
  void add(std::string condition) { conditions_.push_back(std::move(condition)); }
  std::string sql() const;  // "" or " WHERE a AND b"
  db::Params& params() { return params_; }

 private:
  std::vector<std::string> conditions_;
  db::Params params_;
};

class Api;

// One authenticated call.
struct Call {
  Api& api;
  const Client& client;
  const http::Request& request;
  db::Connection* connection = nullptr;  // inside the write transaction only
  std::string new_uuid;                  // for Api::save: the uuid of a created object (bulk
                                         // loading, reproducible); empty: a random one
};

enum class Op { List, Read, Create, Update, PartialUpdate, Destroy };

// An indexed column and how its value follows from the stored representation.
struct Column {
  std::string name;
  std::function<db::Value(const boost::json::object&)> value;
};
// The string field `field` (null when absent).
Column text_column(std::string name, std::string field);
// The confidentiality field as its level (0 = openbaar ... 7 = zeer_geheim).
Column level_column(std::string name, std::string field);
// A boolean field as 0/1.
Column bool_column(std::string name, std::string field);
// An integer field.
Column integer_column(std::string name, std::string field);

// A query parameter of a list and what it does to the WHERE clause. `apply` throws
// ValidationError naming the parameter on a malformed value.
struct Filter {
  std::string name;
  std::function<void(Api&, Where&, std::string_view value)> apply;
};
Filter exact(std::string name, std::string column);
// A URL: our own URLs are compared in their stored (relative) form.
Filter url_exact(const std::string& name, std::string column);
// Comma-separated values ("__in").
Filter one_of(std::string name, std::string column);
Filter choice(const std::string& name, std::string column, std::vector<std::string> values);
// op is one of "=", "<", "<=", ">", ">="; the value must be a date (YYYY-MM-DD).
Filter date_compare(const std::string& name, std::string column, std::string op);
Filter datetime_compare(const std::string& name, std::string column, std::string op);
// "true": the column is null; "false": it is not.
Filter is_null(const std::string& name, std::string column);
Filter boolean(const std::string& name, std::string column);

// The type and confidentiality level an object falls under, for clients limited per type.
struct Guard {
  std::string type;
  int level = 0;
};

// A field `expand` may follow (zrc-026): the objects its URLs name are embedded in `_expand`,
// each as a read of its own resource would give it (expand.hpp).
struct Expansion {
  std::string name;                      // the field ("statustype")
  const Component* component = nullptr;  // where the objects it names live
  std::string path;                      // their resource's path ("statustypen")
  bool many = false;                     // a list of URLs, or of objects holding one at item_key
  std::string item_key;                  // "url" for relevanteAndereZaken; empty: plain URLs
};

struct Resource {
  const Component* component = nullptr;
  std::string name;   // "zaak": the audit trail's `resource`
  std::string path;   // "zaken": the collection, under the component's mount
  std::string table;  // "zgw_catalogussen"; unused when `case_table` is set
  // The case resources (zaken, statussen, resultaten, rollen) are stored through the case
  // store (cases/case_store_zgw.hpp): every read, list, insert, update and delete of their rows.
  std::optional<cases::CaseTable> case_table;
  std::vector<Op> ops;
  std::string read_scope, create_scope, update_scope, destroy_scope;
  std::vector<Column> columns;
  std::vector<Filter> filters;
  std::vector<std::pair<std::string, std::string>> orderings;  // ordering field → column
  std::string default_order = "uuid";                          // SQL, e.g. "identificatie DESC"
  bool geo = false;  // carries geometry: Accept-Crs / Content-Crs are required

  // A nested collection ("zaken/{zaak_uuid}/zaakeigenschappen"): the path parameter, the
  // field holding the parent's URL, its column, and the parent's resource.
  struct Parent {
    std::string param, field, column;
    const Resource* of = nullptr;
  };
  std::optional<Parent> parent;

  // Checks and normalises a body into what is stored: internal URLs relative, defaults filled.
  // `existing` is the stored object on PUT and PATCH (null on POST); on PATCH `body` is
  // already merged over it. Runs before the write transaction. Throws ValidationError.
  std::function<boost::json::object(Call&, const boost::json::object& body,
                                    const boost::json::object* existing)>
      validate;
  // The type and level an object falls under; unset: the scope alone decides.
  std::function<std::optional<Guard>(Call&, const boost::json::object& stored)> guard;
  // Restricts a list to what the client may see with `scope`; unset: the scope alone decides.
  std::function<void(Call&, Where&, std::string_view scope)> list_guard;
  // Inside the write transaction, before and after the row is written (`before`: the old
  // object, null on create). Throw ValidationError or http::Error to refuse.
  std::function<void(Call&, boost::json::object& stored, const boost::json::object* before)>
      before_store;
  std::function<void(Call&, const boost::json::object& stored, const boost::json::object* before)>
      after_store;
  std::function<void(Call&, const boost::json::object& stored)> before_destroy;
  // Extra fields for the representation, after URLs are made absolute.
  std::function<void(Call&, boost::json::object& rendered)> decorate;
  // What `expand` may follow from this resource; empty: `expand` is an unknown parameter.
  std::vector<Expansion> expansions;
  // The relative URL of the object whose audit trail records this change (the zaak); unset:
  // no audit trail.
  std::function<std::string(const boost::json::object& stored)> audit_owner;
  // A uniqueness constraint in the table concerns this field.
  http::InvalidParam unique_violation{"nonFieldErrors", "unique",
                                      "Deze combinatie bestaat al; kies een andere."};
  // Fields kept out of `data` (personal numbers): `seal` removes them from the object and
  // returns the values of `sealed_columns`; `unseal` puts them back when reading.
  std::vector<std::string> sealed_columns;
  std::function<std::vector<db::Value>(Api&, boost::json::object& data)> seal;
  std::function<void(Api&, boost::json::object& data,
                     const std::vector<std::optional<std::string>>& sealed)>
      unseal;
};

class Api {
 public:
  Api(db::Database& db, privacy::KeyRing& keys, ApiSettings settings);

  db::Database& db() { return db_; }
  privacy::KeyRing& keys() { return keys_; }
  // The case domain the Zaken API's hooks call, so rules and domain events are shared with the
  // other doors.
  cases::CaseService& cases() { return *cases_; }
  const ApiSettings& settings() const { return settings_; }

  // Registers a resource; the pointer stays valid for the Api's lifetime.
  const Resource& add(Resource resource);
  // A route of its own (publish, audit trail, _zoek, ...) with authentication; the pattern
  // is relative to the component's mount.
  using Handler = std::function<http::Response(Call&)>;
  void route(const Component& component, http::Method method, std::string pattern,
             std::string summary, Handler handler);
  // A route without authentication (reference lists anyone may read); `path` is absolute.
  void public_route(http::Method method, std::string path, http::Handler handler);
  // Puts every route (and each component's OpenAPI document) into the router.
  void mount(http::Router& router);

  // Our own absolute URL → relative ("/zgw/..."); anything else unchanged.
  std::string relative(std::string_view url) const;
  std::string absolute(std::string_view relative_url) const;
  // Puts our public URL in front of every string starting with "/zgw/".
  void absolutize(boost::json::value& value) const;
  // The relative URL of an object of `resource` (not for nested resources).
  std::string url_of(const Resource& resource, std::string_view uuid) const;
  // The uuid at the end of one of our URLs of `resource`, or nullopt.
  std::optional<std::string> uuid_of(const Resource& resource, std::string_view url) const;

  // A stored object, unsealed, with relative URLs; nullopt when there is none.
  std::optional<boost::json::object> load(const Resource& resource, std::string_view uuid);
  std::optional<boost::json::object> load(db::Connection& c, const Resource& resource,
                                          std::string_view uuid);

  // Checks a reference a client sent: our own URLs are looked up without HTTP, other hosts
  // only when allow-listed, fetched with short timeouts and cached. Returns the object (URLs
  // relative when ours), or records a failure on `check` for `field` and returns nullopt.
  std::optional<boost::json::object> resolve(Checker& check, std::string_view field,
                                             std::string_view url, const Resource& expected);

  // Creates or changes an object as a client's call does (everything but HTTP): validate,
  // rights, hooks, row and audit trail in one transaction. Returns the stored object.
  boost::json::object save(Call& call, const Resource& resource, Op op, boost::json::object body);
  // Creates an object Loket derived itself (complete, with uuid and url; not validated, no
  // rights checked) in the caller's transaction (`call.connection`): the resource's hooks, its
  // row and audit trail, as save() writes them. A unique violation throws db::ConstraintError.
  void create_derived(Call& call, const Resource& resource, boost::json::object stored);

  // Inserts (or updates) a stored object's row: columns computed, sealed fields encrypted.
  // Returns what went into `data`. For the write operations and for bulk loading (seed).
  boost::json::object store(db::Connection& c, const Resource& resource,
                            const boost::json::object& stored, bool insert);

  // Renders a stored object for a response: absolute URLs, decorations.
  boost::json::object render(Call& call, const Resource& resource, boost::json::object stored);

  // The one authorisation gate for every object that leaves the API, embedded (`_expand`) or
  // not: the client has the resource's read scope for the type and level its guard names.
  // Reads, list rows and every expansion ask it.
  bool may_read(Call& call, const Resource& resource, const boost::json::object& stored);
  // The object one of our URLs of `resource` names, if it exists and may_read allows it; for
  // `_expand`, which leaves out what it does not get (the parent keeps the URL).
  std::optional<boost::json::object> load_readable(Call& call, const Resource& resource,
                                                   std::string_view url);

  // Authenticates the bearer token; throws 401 problems.
  Client authenticate(const http::Request& request);
  // Forces every process to reload clients (call inside the transaction that changed them).
  void clients_changed(db::Connection& c);
  // Throws 403 unless the client has `scope` (for `guard` when given).
  static void require(const Client& client, const Resource& resource, std::string_view scope,
                      const std::optional<Guard>& guard);
  // Adds the standard list guard for per-type clients: `type_column` within the granted types,
  // `level_column` at most the granted level.
  // The same as a condition ("" for all rights), with its parameters bound into `where`.
  static std::string type_guard(const Client& client, const Component& component,
                                std::string_view scope, Where& where,
                                const std::string& type_column, const std::string& level_column);
  static void guard_list_by_type(const Client& client, const Component& component,
                                 std::string_view scope, Where& where,
                                 const std::string& type_column, const std::string& level_column);

  // Writes an audit trail record (inside the write transaction).
  void audit(Call& call, const Resource& resource, std::string_view action, int status,
             const std::string& owner, const std::string& resource_url,
             const boost::json::value& old_value, const boost::json::value& new_value);

  // The audit trail's two routes under `base` (e.g. "/zaken/{zaak_uuid}"): `/audittrail` (every
  // record of the object, oldest first) and `/audittrail/{uuid}` (one). `owner` checks the
  // caller's right to the object and returns its relative URL (or throws 404).
  void add_audit_routes(const Component& component, const std::string& base,
                        std::string list_summary, std::string entry_summary,
                        std::function<std::string(Call&)> owner);

  // The OpenAPI document of a component, made from its routes.
  std::string openapi(const Component& component) const;

  const std::deque<Resource>& resources() const { return resources_; }
  // The resource at `path` in `component`; throws std::logic_error when it is not registered.
  const Resource& resource(const Component& component, std::string_view path) const;

 private:
  // save()'s and create_derived()'s write: before_store, the row, after_store, the audit trail.
  void write_with_hooks(Call& call, const Resource& resource, Op op, boost::json::object& stored,
                        const boost::json::object* existing);
  struct CustomRoute {
    const Component* component;
    http::Method method;
    std::string pattern;
    std::string summary;
    Handler handler;
  };
  struct CachedClient {
    std::string secret;
    Client client;
  };
  struct CachedFetch {
    std::chrono::steady_clock::time_point at;
    int status = 0;
    std::string body;
  };

  http::Response list(const Resource& r, http::Request& req);
  http::Response read(const Resource& r, http::Request& req);
  http::Response write(const Resource& r, http::Request& req, Op op);
  http::Response destroy(const Resource& r, http::Request& req);
  // One page of a list's rows: a case resource's through the case store, others' here.
  cases::ZgwListPage list_rows(const Resource& r, Where& where, const std::string& order,
                               const http::Page& page);
  // `fresh`: read the database even when the client is cached.
  std::optional<CachedClient> find_client(const std::string& client_id, bool fresh = false);
  std::string collection_path(const Resource& r) const;

  db::Database& db_;
  privacy::KeyRing& keys_;
  std::unique_ptr<cases::CaseService> cases_;
  ApiSettings settings_;
  std::deque<Resource> resources_;
  std::vector<CustomRoute> routes_;
  std::vector<http::Route> public_routes_;

  std::mutex clients_mutex_;
  std::map<std::string, CachedClient> clients_;
  std::int64_t clients_version_ = -1;
  std::chrono::steady_clock::time_point clients_checked_{};

  std::mutex fetch_mutex_;
  std::map<std::string, CachedFetch> fetched_;
};

}  // namespace loket::zgw
