// The WHERE clause of a list and the columns and filters resources declare; see api.hpp.
#include <algorithm>

#include "common/json.hpp"
#include "standards/zgw/api.hpp"

namespace loket::zgw {
namespace json = boost::json;

using common::string_at;

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
            if (const auto* s = string_at(o, field)) return std::string(*s);
            return nullptr;
          }};
}

Column level_column(std::string name, std::string field) {
  return {std::move(name), [field = std::move(field)](const json::object& o) -> db::Value {
            const auto* s = string_at(o, field);
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

}  // namespace loket::zgw
