// The engine behind every ZGW resource: reading, listing, writing and deleting objects
// (paging, ETag, Accept-Crs/Content-Crs); see api.hpp. Authentication, references, the audit
// trail, filters and the routes live in api_auth, api_references, api_audit, api_filters and
// api_routes.
#include "standards/zgw/api.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <variant>

#include "cases/list_count.hpp"
#include "common/json.hpp"
#include "common/uuid.hpp"
#include "db/row_sql.hpp"
#include "http/error.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "standards/zgw/expand.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

using common::string_at;

std::string etag_of(std::string_view body) {
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(body.data()),
                     body.size(), nullptr, 0);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return std::string("\"") + hex + "\"";
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

// ---- Api ---------------------------------------------------------------------------------

Api::Api(db::Database& db, privacy::KeyRing& keys, ApiSettings settings)
    : db_(db),
      keys_(keys),
      cases_(std::make_unique<cases::CaseService>(db, keys)),
      settings_(std::move(settings)) {
  while (!settings_.base_url.empty() && settings_.base_url.back() == '/') {
    settings_.base_url.pop_back();
  }
}

const Resource& Api::add(Resource resource) {
  resources_.push_back(std::move(resource));
  return resources_.back();
}

const Resource& Api::resource(const Component& component, std::string_view path) const {
  for (const auto& r : resources_) {
    if (r.component == &component && r.path == path) return r;
  }
  throw std::logic_error("the ZGW resource " + std::string(path) + " is not registered");
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

// A case table's row (through the case store), unsealed.
std::optional<json::object> object_from_row(Api& api, const Resource& r,
                                            const std::optional<cases::ZgwRow>& row) {
  if (!row) return std::nullopt;
  auto value = json::parse(row->data);
  auto out = std::move(value.as_object());
  if (r.unseal) r.unseal(api, out, row->sealed);
  return out;
}

}  // namespace

std::optional<json::object> Api::load(const Resource& r, std::string_view uuid) {
  if (!common::is_uuid(uuid)) return std::nullopt;
  if (r.case_table) {
    return object_from_row(*this, r,
                           cases::zgw_rows::load(db_, *r.case_table, uuid, r.sealed_columns));
  }
  return object_from_rows(*this, r, db_.read_once(select_sql(r), {std::string(uuid)}));
}

std::optional<json::object> Api::load(db::Connection& c, const Resource& r, std::string_view uuid) {
  if (!common::is_uuid(uuid)) return std::nullopt;
  if (r.case_table) {
    return object_from_row(*this, r,
                           cases::zgw_rows::load(c, *r.case_table, uuid, r.sealed_columns));
  }
  return object_from_rows(*this, r, c.query(select_sql(r), {std::string(uuid)}));
}

json::object Api::render(Call& call, const Resource& r, json::object stored) {
  json::value v(std::move(stored));
  absolutize(v);
  auto out = std::move(v.as_object());
  if (r.decorate) r.decorate(call, out);
  return out;
}

cases::ZgwListPage Api::list_rows(const Resource& r, Where& where, const std::string& order,
                                  const http::Page& page) {
  if (r.case_table) {
    return cases::zgw_rows::list(
        db_, *r.case_table,
        {where.sql(), where.params(), order, r.sealed_columns, page.size, page.offset()});
  }
  std::string sql = "SELECT data";
  for (const auto& c : r.sealed_columns) sql += ", " + c;
  sql += " FROM " + r.table + where.sql() + " ORDER BY " + order;
  auto count_params = where.params();  // without the paging parameters bound next
  sql += " LIMIT " + where.bind(page.size) + " OFFSET " + where.bind(page.offset());
  auto rows = db_.read_once(sql, where.params());
  cases::ZgwListPage out;
  out.rows.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    cases::ZgwRow row{rows[i].text(0), {}};
    for (std::size_t k = 0; k < r.sealed_columns.size(); ++k) {
      row.sealed.push_back(rows[i].optional_text(k + 1));
    }
    out.rows.push_back(std::move(row));
  }
  // Counted only when the page is full (no window count: it makes every matching row).
  if (auto known = cases::list_total(page.offset(), page.size, rows.size())) {
    out.total = *known;
  } else {
    auto counted = db_.read_once("SELECT COUNT(*) FROM " + r.table + where.sql(), count_params);
    out.total = counted.empty() ? 0 : counted[0].integer(0);
  }
  return out;
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
      if (name == "expand" && !r.expansions.empty()) continue;
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
  auto expand = requested_expand(call, r);
  if (r.list_guard) r.list_guard(call, where, r.read_scope);

  auto rows = list_rows(r, where, order, page);
  std::int64_t total = rows.total;
  if (rows.rows.empty() && page.number > 1) {
    throw http::Error(404, "not_found", "Deze pagina bestaat niet.");
  }
  // The page's JSON lives in one arena, released at once when the response is written: no
  // allocation and free per value of every row parsed, rendered and serialised.
  json::monotonic_resource arena;
  json::storage_ptr sp(&arena);
  json::array results(sp);
  results.reserve(rows.rows.size());
  // One expander for the page: an object several rows name is read once.
  Expander expander(call);
  for (auto& row : rows.rows) {
    auto parsed = json::parse(row.data, sp);
    auto obj = std::move(parsed.as_object());  // moved, not copied: the same storage
    if (r.unseal) r.unseal(*this, obj, row.sealed);
    // The list guard has narrowed the query already; a row it let through by mistake still
    // does not leave.
    if (!may_read(call, r, obj)) continue;
    auto out = render(call, r, std::move(obj));
    expander.apply(r, out, expand);
    results.push_back(std::move(out));
  }
  auto link = [&](std::int64_t number) -> json::value {
    auto l = http::page_link(req, page, number, total);
    return l ? json::value(absolute(*l)) : json::value(nullptr);
  };
  json::object body({{"count", total},
                     {"next", link(page.number + 1)},
                     {"previous", link(page.number - 1)},
                     {"results", std::move(results)}},
                    sp);
  // Moved into the value json_response takes: an object passed as it is would be copied.
  return json_response(200, json::value(std::move(body)), r.geo);
}

http::Response Api::read(const Resource& r, http::Request& req) {
  auto client = authenticate(req);
  Call call{*this, client, req};
  if (r.geo) check_crs(req, false);
  auto found = load(r, req.param("uuid"));
  if (found && r.parent) {
    const auto* p = string_at(*found, r.parent->field);
    if (!p || *p != url_of(*r.parent->of, req.param(r.parent->param))) found.reset();
  }
  if (!found) throw http::Error(404, "not_found", "Er bestaat geen " + r.name + " met deze uuid.");
  if (!may_read(call, r, *found)) {
    throw http::Error(403, "permission_denied",
                      "Deze client heeft hiervoor geen autorisatie (scope " + r.read_scope +
                          (r.guard ? ", voor dit type en deze vertrouwelijkheid" : "") + ").");
  }
  auto expand = requested_expand(call, r);
  auto rendered = render(call, r, std::move(*found));
  Expander(call).apply(r, rendered, expand);
  auto body = json::serialize(rendered);
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
    uuid = call.new_uuid.empty() ? common::new_uuid() : call.new_uuid;
  } else {
    uuid = std::string(req.param("uuid"));
    existing = load(r, uuid);
    if (existing && r.parent) {
      const auto* p = string_at(*existing, r.parent->field);
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
      write_with_hooks(call, r, op, stored, existing ? &*existing : nullptr);
    });
  } catch (const db::ConstraintError&) {
    throw ValidationError({r.unique_violation});
  }
  return stored;
}

void Api::write_with_hooks(Call& call, const Resource& r, Op op, json::object& stored,
                           const json::object* existing) {
  if (r.before_store) r.before_store(call, stored, existing);
  auto data = store(*call.connection, r, stored, op == Op::Create);
  if (r.after_store) r.after_store(call, stored, existing);
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
}

void Api::create_derived(Call& call, const Resource& r, json::object stored) {
  write_with_hooks(call, r, Op::Create, stored, nullptr);
}

http::Response Api::destroy(const Resource& r, http::Request& req) {
  auto client = authenticate(req);
  Call call{*this, client, req};
  auto found = load(r, req.param("uuid"));
  if (found && r.parent) {
    const auto* p = string_at(*found, r.parent->field);
    if (!p || *p != url_of(*r.parent->of, req.param(r.parent->param))) found.reset();
  }
  if (!found) throw http::Error(404, "not_found", "Er bestaat geen " + r.name + " met deze uuid.");
  require(client, r, r.destroy_scope, r.guard ? r.guard(call, *found) : std::nullopt);
  db_.write([&](db::Connection& c) {
    call.connection = &c;
    if (r.before_destroy) r.before_destroy(call, *found);
    if (r.case_table) {
      cases::zgw_rows::remove(c, *r.case_table, req.param("uuid"));
    } else {
      c.execute("DELETE FROM " + r.table + " WHERE uuid = $1", {std::string(req.param("uuid"))});
    }
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
  if (r.case_table) {
    // The row is prepared here (the ZGW JSON is this adapter's); the case store writes it.
    cases::zgw_rows::write(c, *r.case_table, {std::move(names), std::move(values)}, insert);
    return data;
  }
  c.execute(insert ? db::insert_row_sql(r.table, names) : db::update_row_sql(r.table, names),
            values);
  return data;
}

}  // namespace loket::zgw
