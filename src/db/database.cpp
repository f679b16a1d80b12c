// Backend selection by URL, the Rows accessors shared by both backends, and the retry of a
// transaction the server ended to break a deadlock.
#include "db/database.hpp"

#include <charconv>
#include <chrono>
#include <random>
#include <thread>

#include "db/postgres.hpp"
#include "db/sqlite.hpp"

namespace loket::db {

const std::optional<std::string>& Rows::Row::cell(std::size_t column) const {
  if (column >= rows_->columns_) throw Error("column index out of range");
  return rows_->cells_[index_ * rows_->columns_ + column];
}

const std::string& Rows::Row::text(std::size_t column) const {
  const auto& c = cell(column);
  if (!c) throw Error("unexpected NULL in column " + std::to_string(column));
  return *c;
}

std::int64_t Rows::Row::integer(std::size_t column) const {
  const auto& s = text(column);
  if (s == "t") return 1;
  if (s == "f") return 0;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) {
    throw Error("column " + std::to_string(column) + " is not an integer");
  }
  return v;
}

double Rows::Row::real(std::size_t column) const {
  const auto& s = text(column);
  try {
    return std::stod(s);
  } catch (const std::exception&) {
    throw Error("column " + std::to_string(column) + " is not a number");
  }
}

void Database::backup_to(const std::string&) {
  throw Error("this database backend cannot make backups");
}

std::unique_ptr<Database> open(const std::string& url, const Options& options) {
  if (url.starts_with("sqlite:")) {
    auto path = url.substr(7);
    if (path.empty())
      throw std::invalid_argument("sqlite: URL needs a file path, e.g. sqlite:var/loket.db");
    return open_sqlite(path, options);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return open_postgres(url, options);
  }
  throw std::invalid_argument("database URL must be sqlite:PATH or postgresql://...");
}

void retry_transient(const std::function<void()>& attempt) {
  thread_local std::minstd_rand random{std::random_device{}()};
  for (int n = 1;; ++n) {
    try {
      attempt();
      return;
    } catch (const TransientError&) {
      if (n >= kTransientAttempts) throw;
    }
    // The other transaction of a deadlock goes on as soon as this one has rolled back; a pause
    // of a few milliseconds, random so that two retrying writers do not meet again, lets it end.
    std::uniform_int_distribution<int> pause(1, 5 * n);
    std::this_thread::sleep_for(std::chrono::milliseconds(pause(random)));
  }
}

std::string redact_url(std::string_view url) {
  // scheme://user:password@host → scheme://user:***@host
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  auto at = url.find('@', scheme + 3);
  if (at == std::string_view::npos) return std::string(url);
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

}  // namespace loket::db
