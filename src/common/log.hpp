// Structured logging: one JSON object per line on stdout, never a BSN or a secret in a field.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

namespace loket::common::log {

enum class Level { Debug, Info, Warn, Error };

// Sets the lowest level written ("debug", "info", "warn", "error"); returns false on an unknown
// name.
bool set_level(std::string_view name);

void write(Level level, std::string_view message, boost::json::object fields = {});

inline void debug(std::string_view m, boost::json::object f = {}) {
  write(Level::Debug, m, std::move(f));
}
inline void info(std::string_view m, boost::json::object f = {}) {
  write(Level::Info, m, std::move(f));
}
inline void warn(std::string_view m, boost::json::object f = {}) {
  write(Level::Warn, m, std::move(f));
}
inline void error(std::string_view m, boost::json::object f = {}) {
  write(Level::Error, m, std::move(f));
}

bool enabled(Level level);

// Written whatever the level: lines that tools wait for, such as "listening".
void notice(std::string_view message, boost::json::object fields = {});

}  // namespace loket::common::log
