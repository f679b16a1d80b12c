// What happens to every request between the socket and a handler: trace context, routing,
// static files, errors as problem+json, security headers, metrics and the access log.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "http/error.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace loket::http {

struct PipelineOptions {
  std::string api_version;  // sent as API-Version on /api responses
  bool hsts = true;         // Strict-Transport-Security (browsers ignore it over plain HTTP)
  bool access_log = true;
  std::string metrics_path = "/metrics";  // Prometheus exposition of metrics()
  // Origins a form submission may be redirected to, besides our own: the login providers,
  // where logging out ends. Space-separated, for CSP form-action.
  std::string form_action_extra;
  // Bearer token that opens metrics_path on this pipeline; empty: metrics_path is 404 here
  // (operators scrape the metrics listener instead). An empty metrics_path serves no metrics.
  std::string metrics_token;
  // Renders an error for a browser that navigated to a page (is_page_navigation) in the
  // site's own style; nullopt or unset: problem+json as for every other client.
  std::function<std::optional<Response>(const Request&, const Error&)> error_page;
};

// True when a browser navigates to a page (Sec-Fetch-Mode: navigate, or without Fetch Metadata
// an Accept that names text/html) outside /api/ and /zgw/: such a request gets an HTML error
// page; API clients and scripts keep problem+json.
bool is_page_navigation(const Request& request);

class Pipeline {
 public:
  Pipeline(Router router, StaticFiles files, PipelineOptions options);

  // Never throws: every failure becomes a problem+json response.
  Response handle(Request& request);
  // The answer to a request the server refused after reading its head (a body over its limit):
  // for a browser navigating to a page the site's error page, else problem+json; the usual
  // headers either way. Never throws.
  Response refusal(Request head, const Error& error) const;

  Metrics& metrics() { return *metrics_; }
  const Router& router() const { return router_; }

 private:
  Response dispatch(Request& request, std::size_t& route_id);
  void decorate(const Request& request, Response& response) const;
  Response error_response(const Request& request, const Error& error) const;
  bool metrics_allowed(const Request& request) const;

  Router router_;
  StaticFiles files_;
  PipelineOptions options_;
  std::unique_ptr<Metrics> metrics_;
};

// The headers every response carries: CSP, HSTS, nosniff, referrer and permissions policies.
// `form_action_extra` names the other origins a form may end up at (e.g. "https://broker").
void add_security_headers(Headers& headers, bool hsts, std::string_view form_action_extra = {});

// The request target with the values of sensitive query parameters (BSNs, tokens, codes)
// replaced, for logs.
std::string redact_target(std::string_view target);

// Parses a W3C traceparent header; returns the trace id or an empty string when invalid.
std::string trace_id_from(std::string_view traceparent);

// New random ids of 16 and 8 bytes, hex-encoded.
std::string new_trace_id();
std::string new_span_id();

}  // namespace loket::http
