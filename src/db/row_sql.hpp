// The INSERT and UPDATE statements of a row given as column names (constants of the caller,
// never input), with "$1".."$N" placeholders in their order: shared by the stores that write a
// prepared row (the ZGW engine's tables, cases/case_store_zgw). And the "($3, $4, …)" of an IN
// over values bound as parameters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace loket::db {

// INSERT INTO table (a, b, …) VALUES ($1, $2, …)
inline std::string insert_row_sql(std::string_view table, const std::vector<std::string>& names) {
  std::string cols, marks;
  for (std::size_t i = 0; i < names.size(); ++i) {
    cols += (i ? ", " : "") + names[i];
    marks += (i ? ", $" : "$") + std::to_string(i + 1);
  }
  return "INSERT INTO " + std::string(table) + " (" + cols + ") VALUES (" + marks + ")";
}

// UPDATE table SET b = $2, … WHERE <names[0]> = $1 (the first column is the key).
inline std::string update_row_sql(std::string_view table, const std::vector<std::string>& names) {
  std::string sets;
  for (std::size_t i = 1; i < names.size(); ++i) {
    sets += (i > 1 ? ", " : "") + names[i] + " = $" + std::to_string(i + 1);
  }
  return "UPDATE " + std::string(table) + " SET " + sets + " WHERE " + names.at(0) + " = $1";
}

// "($n, $n+1, …)": `values` appended to `params` as the next parameters. Empty values give
// "(NULL)", which matches nothing.
inline std::string in_list(const std::vector<std::string>& values, Params& params) {
  if (values.empty()) return "(NULL)";
  std::string in = "(";
  for (const auto& v : values) {
    params.emplace_back(v);
    in += (in.size() > 1 ? ", $" : "$") + std::to_string(params.size());
  }
  return in + ")";
}

}  // namespace loket::db
