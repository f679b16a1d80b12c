// The request pipeline; the only place that catches handler exceptions.
#include "http/pipeline.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/url/parse.hpp>
#include <chrono>

#include "common/log.hpp"
#include "http/error.hpp"

namespace loket::http {
namespace {

std::string hex_random(std::size_t bytes) {
  unsigned char buf[32];
  randombytes_buf(buf, bytes);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(bytes * 2, '0');
  for (std::size_t i = 0; i < bytes; ++i) {
    out[2 * i] = kHex[buf[i] >> 4];
    out[2 * i + 1] = kHex[buf[i] & 0xf];
  }
  return out;
}

bool is_lower_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool sensitive(std::string_view name) {
  std::string n(name);
  std::transform(n.begin(), n.end(), n.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view word :
       {"bsn", "token", "code", "state", "password", "secret", "key", "kvk", "nonce"}) {
    if (n.find(word) != std::string::npos) return true;
  }
  return false;
}

std::string csp(std::string_view form_action_extra) {
  std::string out =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
      "form-action 'self'";
  if (!form_action_extra.empty()) out.append(" ").append(form_action_extra);
  out += "; frame-ancestors 'none'";
  return out;
}

}  // namespace

std::string new_trace_id() { return hex_random(16); }
std::string new_span_id() { return hex_random(8); }

std::string trace_id_from(std::string_view tp) {
  // version "-" trace-id "-" parent-id "-" flags: 2 + 1 + 32 + 1 + 16 + 1 + 2 = 55
  if (tp.size() < 55 || tp[2] != '-' || tp[35] != '-' || tp[52] != '-') return {};
  auto version = tp.substr(0, 2), trace = tp.substr(3, 32), parent = tp.substr(36, 16),
       flags = tp.substr(53, 2);
  if (!is_lower_hex(version) || version == "ff" || !is_lower_hex(trace) || !is_lower_hex(parent) ||
      !is_lower_hex(flags)) {
    return {};
  }
  if (version == "00" && tp.size() != 55) return {};
  if (trace == std::string(32, '0') || parent == std::string(16, '0')) return {};
  return std::string(trace);
}

std::string redact_target(std::string_view target) {
  auto q = target.find('?');
  if (q == std::string_view::npos) return std::string(target);
  std::string out(target.substr(0, q + 1));
  auto query = target.substr(q + 1);
  bool first = true;
  while (!query.empty()) {
    auto amp = query.find('&');
    auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (!first) out += '&';
    first = false;
    auto eq = pair.find('=');
    auto name = pair.substr(0, eq);
    if (eq != std::string_view::npos && sensitive(name)) {
      out += name;
      out += "=REDACTED";
    } else {
      out += pair;
    }
  }
  return out;
}

Pipeline::Pipeline(Router router, StaticFiles files, PipelineOptions options)
    : router_(std::move(router)), files_(std::move(files)), options_(std::move(options)) {
  std::vector<std::string> names;
  for (const auto& r : router_.routes()) names.push_back(r.pattern);
  metrics_ = std::make_unique<Metrics>(std::move(names));
}

Response Pipeline::dispatch(Request& request, std::size_t& route_id) {
  if (request.method == Method::Other) {
    throw Error(501, "not-implemented",
                "The method " + request.method_text + " is not supported by this server.");
  }
  if (!options_.metrics_path.empty() && request.path == options_.metrics_path &&
      metrics_allowed(request)) {
    if (request.method != Method::Get && request.method != Method::Head) {
      throw MethodNotAllowed("Use one of: GET, HEAD.", "GET, HEAD");
    }
    request.route = options_.metrics_path;
    return Response::text(200, metrics_->render(), std::string(kMetricsContentType));
  }
  auto match = router_.match(request.method, request.path);
  if (auto* found = std::get_if<Router::Found>(&match)) {
    route_id = found->route->id;
    request.route = found->route->pattern;
    request.params = std::move(found->params);
    return found->route->handler(request);
  }
  if (auto* wrong = std::get_if<Router::WrongMethod>(&match)) {
    throw MethodNotAllowed("Use one of: " + wrong->allow + ".", wrong->allow);
  }
  if ((request.method == Method::Get || request.method == Method::Head) &&
      !request.path.starts_with("/api/") && !request.path.starts_with("/zgw/")) {
    if (auto file = files_.serve(request)) {
      request.route = "static";
      return std::move(*file);
    }
  }
  throw NotFound("There is nothing at " + request.path + ". Check the address.");
}

void add_security_headers(Headers& h, bool hsts, std::string_view form_action_extra) {
  h.set("x-content-type-options", "nosniff");
  // Not "no-referrer": with it browsers send "Origin: null" on our own form posts, which the
  // CSRF check must then refuse. "same-origin" still gives other sites nothing.
  h.set("referrer-policy", "same-origin");
  h.set("x-frame-options", "DENY");
  h.set("content-security-policy", csp(form_action_extra));
  h.set("permissions-policy", "camera=(), microphone=(), geolocation=(self), payment=()");
  h.set("cross-origin-opener-policy", "same-origin");
  if (hsts) h.set("strict-transport-security", "max-age=63072000; includeSubDomains");
  // Anything not explicitly cacheable may hold personal data.
  if (!h.contains("cache-control")) h.set("cache-control", "no-store");
}

// Only whoever presents the metrics token: where the request comes from proves nothing, since
// behind a reverse proxy on the same machine every request comes from 127.0.0.1. Without a
// token the path is like any unknown one (404); operators use the metrics listener instead.
bool Pipeline::metrics_allowed(const Request& request) const {
  if (options_.metrics_token.empty()) return false;
  auto auth = request.header("authorization").value_or("");
  std::string expected = "Bearer " + options_.metrics_token;
  return auth.size() == expected.size() &&
         sodium_memcmp(auth.data(), expected.data(), expected.size()) == 0;
}

void Pipeline::decorate(const Request& request, Response& response) const {
  auto& h = response.headers;
  add_security_headers(h, options_.hsts, options_.form_action_extra);
  if (request.path.starts_with("/api/")) h.set("api-version", options_.api_version);
  h.set("traceparent", "00-" + request.trace_id + "-" + request.span_id + "-01");
}

bool is_page_navigation(const Request& request) {
  if (request.path.starts_with("/api/") || request.path.starts_with("/zgw/")) return false;
  if (auto mode = request.header("sec-fetch-mode")) return *mode == "navigate";
  auto accept = request.header("accept").value_or("");
  return accept.find("text/html") != std::string_view::npos;
}

Response Pipeline::error_response(const Request& request, const Error& error) const {
  if (options_.error_page && is_page_navigation(request)) {
    try {
      if (auto page = options_.error_page(request, error)) {
        for (const auto& [k, v] : error.headers().all()) page->headers.set(k, v);
        return std::move(*page);
      }
    } catch (const std::exception& e) {
      common::log::error("error page failed",
                         {{"trace_id", request.trace_id}, {"error", e.what()}});
    }
  }
  return problem_response(error, request.path, request.header("accept-language").value_or(""));
}

Response Pipeline::refusal(Request head, const Error& error) const {
  if (auto tp = head.header("traceparent")) head.trace_id = trace_id_from(*tp);
  if (head.trace_id.empty()) head.trace_id = new_trace_id();
  head.span_id = new_span_id();
  auto response = error_response(head, error);
  decorate(head, response);
  return response;
}

Response Pipeline::handle(Request& request) {
  auto start = std::chrono::steady_clock::now();
  if (auto tp = request.header("traceparent")) request.trace_id = trace_id_from(*tp);
  if (request.trace_id.empty()) request.trace_id = new_trace_id();
  request.span_id = new_span_id();

  std::size_t route_id = metrics_->unmatched_id();
  Response response;
  try {
    response = dispatch(request, route_id);
  } catch (const Error& e) {
    response = error_response(request, e);
  } catch (const std::exception& e) {
    common::log::error(
        "unhandled exception",
        {{"trace_id", request.trace_id}, {"route", request.route}, {"error", e.what()}});
    response = error_response(
        request, Error(500, "internal-error",
                       "Something went wrong on our side. Please try again later; quote trace id " +
                           request.trace_id + " if you contact us."));
  }
  decorate(request, response);
  auto elapsed = std::chrono::steady_clock::now() - start;
  metrics_->observe(route_id, to_string(request.method), response.status, elapsed);
  if (options_.access_log && common::log::enabled(common::log::Level::Info)) {
    common::log::info("request",
                      {{"trace_id", request.trace_id},
                       {"method", request.method_text},
                       {"target", redact_target(request.target)},
                       {"route", request.route},
                       {"status", response.status},
                       {"bytes", response.body.size()},
                       {"duration_ms", std::chrono::duration<double, std::milli>(elapsed).count()},
                       {"remote", request.remote_address}});
  }
  return response;
}

}  // namespace loket::http
