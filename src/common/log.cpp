// JSON-lines logger on top of spdlog's thread-safe stdout sink.
#include "common/log.hpp"

#include <fmt/chrono.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/json/serialize.hpp>
#include <chrono>

namespace loket::common::log {
namespace {

std::atomic<Level> g_level{Level::Info};

spdlog::logger& logger() {
  static auto instance = [] {
    auto l = std::make_shared<spdlog::logger>("loket",
                                              std::make_shared<spdlog::sinks::stdout_sink_mt>());
    l->set_pattern("%v");
    l->set_level(spdlog::level::trace);
    l->flush_on(spdlog::level::trace);
    return l;
  }();
  return *instance;
}

std::string_view name(Level level) {
  switch (level) {
    case Level::Debug:
      return "debug";
    case Level::Info:
      return "info";
    case Level::Warn:
      return "warn";
    case Level::Error:
      return "error";
  }
  return "info";
}

void emit(Level level, std::string_view message, boost::json::object fields) {
  auto now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  boost::json::object line;
  line["time"] = fmt::format("{:%FT%T}Z", now);
  line["level"] = name(level);
  line["msg"] = message;
  for (auto& kv : fields) line[kv.key()] = std::move(kv.value());
  logger().info(boost::json::serialize(line));
}

}  // namespace

bool set_level(std::string_view n) {
  for (auto l : {Level::Debug, Level::Info, Level::Warn, Level::Error}) {
    if (name(l) == n) {
      g_level = l;
      return true;
    }
  }
  return false;
}

bool enabled(Level level) { return level >= g_level.load(std::memory_order_relaxed); }

void notice(std::string_view message, boost::json::object fields) {
  emit(Level::Info, message, std::move(fields));
}

void write(Level level, std::string_view message, boost::json::object fields) {
  if (enabled(level)) emit(level, message, std::move(fields));
}

}  // namespace loket::common::log
