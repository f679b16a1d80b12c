// References: our own URLs made relative for storage and absolute for responses, and the
// resolution of a reference a client sent (ours looked up, other hosts fetched and cached);
// see api.hpp.
#include <algorithm>
#include <boost/url.hpp>

#include "common/uuid.hpp"
#include "http/client.hpp"
#include "standards/zgw/api.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

constexpr auto kFetchTtl = std::chrono::minutes(5);
constexpr std::size_t kFetchCacheMax = 1000;

}  // namespace

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
    // In place, in the value's own storage (a list's arena): no string made and copied over.
    auto& s = value.as_string();
    if (s.starts_with("/zgw/")) s.insert(0, settings_.base_url);
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
  if (!common::is_uuid(uuid)) return std::nullopt;
  return uuid;
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

std::string last_segment(std::string_view url) {
  auto slash = url.rfind('/');
  return std::string(slash == std::string_view::npos ? url : url.substr(slash + 1));
}

}  // namespace loket::zgw
