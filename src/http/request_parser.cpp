// The request parser: Beast reads the syntax, this file adds what Beast lets through (framing
// that could smuggle a second request, Host, folded lines, text that is not UTF-8) and
// translates the result into our Request.
#include "http/request_parser.hpp"

#include <algorithm>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <limits>
#include <variant>

#include "http/text.hpp"

namespace loket::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

Method to_method(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get:
      return Method::Get;
    case bhttp::verb::head:
      return Method::Head;
    case bhttp::verb::post:
      return Method::Post;
    case bhttp::verb::put:
      return Method::Put;
    case bhttp::verb::patch:
      return Method::Patch;
    case bhttp::verb::delete_:
      return Method::Delete;
    case bhttp::verb::options:
      return Method::Options;
    default:
      return Method::Other;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The transfer codings of every Transfer-Encoding field, in order (RFC 9112 6.1: fields
// combine as one list).
std::vector<std::string_view> transfer_codings(const bhttp::request_header<>& req, bool& present) {
  std::vector<std::string_view> out;
  present = false;
  for (const auto& field : req) {
    if (field.name() != bhttp::field::transfer_encoding) continue;
    present = true;
    std::string_view rest = field.value();
    for (;;) {
      auto comma = rest.find(',');
      auto item = trim(rest.substr(0, comma));
      // A coding may carry parameters ("gzip;q=1"); only its name matters here.
      item = trim(item.substr(0, item.find(';')));
      out.push_back(item);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return out;
}

// Why a line of the head starts with whitespace: obsolete line folding (RFC 9112 5.2), which
// proxies unfold differently, so one message could mean two things.
bool has_folded_line(std::string_view head) {
  return head.find("\n ") != std::string_view::npos || head.find("\n\t") != std::string_view::npos;
}

InvalidParam text_param(std::string name) {
  return {std::move(name), "invalid", "Must be UTF-8 text without NUL characters."};
}

// Beast's string body, except that the bytes can be diverted to a sink once the head is read
// (RequestParser::divert_body): a large upload then never gathers in memory.
struct DivertibleBody {
  struct value_type {
    std::string text;
    BodySink sink;
    std::size_t size = 0;  // bytes taken, kept or diverted
    bool sink_failed = false;
  };

  class reader {
   public:
    template <bool isRequest, class Fields>
    reader(bhttp::header<isRequest, Fields>& /*head*/, value_type& body) : body_(body) {}

    void init(const boost::optional<std::uint64_t>& length, beast::error_code& ec) {
      // The length is within the request's limit here (accept_head refused any larger).
      if (length && !body_.sink) body_.text.reserve(static_cast<std::size_t>(*length));
      ec = {};
    }

    template <class ConstBufferSequence>
    std::size_t put(const ConstBufferSequence& buffers, beast::error_code& ec) {
      std::size_t n = 0;
      for (auto b : beast::buffers_range_ref(buffers)) {
        std::string_view bytes(static_cast<const char*>(b.data()), b.size());
        if (body_.sink) {
          if (!body_.sink(bytes)) {
            body_.sink_failed = true;
            ec = bhttp::error::body_limit;  // stops the parser; feed() tells the real reason
            return n;
          }
        } else {
          body_.text.append(bytes);
        }
        n += bytes.size();
      }
      body_.size += n;
      ec = {};
      return n;
    }

    void finish(beast::error_code& ec) { ec = {}; }

   private:
    value_type& body_;
  };
};

}  // namespace

struct RequestParser::Impl {
  bhttp::request_parser<DivertibleBody> parser;
};

RequestParser::RequestParser(ParserOptions options)
    : impl_(std::make_unique<Impl>()), options_(options) {
  auto& p = impl_->parser;
  p.header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(options.header_limit, std::numeric_limits<std::uint32_t>::max())));
  // Beast checks a Content-Length against its limit while it reads the head, before the route
  // is known: it gets none until accept_head() has the route and sets the route's (or refuses a
  // larger Content-Length itself, with the head known for the answer).
  limit_ = std::max(options.body_limit, options.large_body_limit);
  p.body_limit(boost::none);
}

RequestParser::~RequestParser() = default;

void RequestParser::refuse(int status, std::string code, std::string detail,
                           std::vector<InvalidParam> params) {
  state_ = State::Refused;
  refusal_ = Refusal{status, std::move(code), std::move(detail), std::move(params)};
}

std::size_t RequestParser::feed(std::string_view data) {
  if (state_ == State::Done || state_ == State::Refused) return 0;
  auto& p = impl_->parser;
  beast::error_code ec;
  std::size_t n = 0;
  try {
    n = p.put(boost::asio::const_buffer(data.data(), data.size()), ec);
  } catch (const std::exception&) {
    // The body container could not grow (out of memory); nothing else in put throws.
    refuse(413, "payload-too-large", "The body could not be stored.");
    return n;
  }
  if (ec == bhttp::error::need_more) ec = {};
  if (p.get().body().sink_failed) {
    refuse(503, "service-unavailable",
           "The server could not store the body just now. Try again in a few minutes.");
  } else if (ec == bhttp::error::header_limit) {
    refuse(
        431, "headers-too-large",
        "The request headers may be at most " + std::to_string(options_.header_limit) + " bytes.");
  } else if (ec == bhttp::error::body_limit) {
    refuse(413, "payload-too-large",
           "The body may be at most " + std::to_string(limit_) + " bytes.");
  } else if (ec == bhttp::error::bad_transfer_encoding || ec == bhttp::error::bad_content_length) {
    // Beast refuses Content-Length beside chunked, a second chunked, or a malformed length.
    refuse(400, "invalid-request",
           "The body's length is given twice or not as a number: send either Content-Length "
           "or Transfer-Encoding: chunked, once.");
  } else if (ec) {
    refuse(400, "invalid-request", "The request is not valid HTTP/1.1 (" + ec.message() + ").");
  }
  if (state_ == State::Refused) return n;

  if (state_ == State::Head) {
    // Beast takes the head in pieces (the request line, then whole fields), so look for a
    // folded line in each piece and across the seam between two.
    auto taken = data.substr(0, n);
    if (has_folded_line(taken) ||
        (after_line_end_ && !taken.empty() && (taken[0] == ' ' || taken[0] == '\t'))) {
      folded_ = true;
    }
    if (!taken.empty()) after_line_end_ = taken.back() == '\n';
    if (!p.is_header_done()) return n;
    accept_head();
    if (state_ == State::Refused) return n;
    state_ = State::Body;
    // From here on one call takes every body byte offered, not one chunk at a time.
    p.eager(true);
  }
  if (p.is_done()) state_ = State::Done;
  return n;
}

void RequestParser::accept_head() {
  auto& req = impl_->parser.get();
  if (folded_) {
    refuse(400, "invalid-request",
           "A header line starts with a space or tab (obsolete line folding); send each header "
           "on one line.");
    return;
  }

  bool has_te = false;
  auto codings = transfer_codings(req, has_te);
  if (has_te) {
    if (req.version() < 11) {
      refuse(400, "invalid-request", "Transfer-Encoding is not allowed in HTTP/1.0.");
      return;
    }
    if (req.count(bhttp::field::content_length) > 0) {
      refuse(400, "invalid-request",
             "Send either Content-Length or Transfer-Encoding, not both: together they leave the "
             "body's end in doubt.");
      return;
    }
    std::size_t chunked = 0;
    for (auto c : codings) chunked += beast::iequals(c, "chunked") ? 1 : 0;
    if (codings.empty() || !beast::iequals(codings.back(), "chunked") || chunked != 1) {
      refuse(400, "invalid-request",
             "The last transfer coding must be chunked, and only the last: otherwise the body's "
             "end is unknown.");
      return;
    }
    if (codings.size() != 1) {
      refuse(501, "unsupported-transfer-coding",
             "Only Transfer-Encoding: chunked is supported; send the body without other codings.");
      return;
    }
  }

  auto hosts = req.count(bhttp::field::host);
  if (hosts > 1) {
    refuse(400, "invalid-request", "The Host header is sent more than once; send it once.");
    return;
  }
  if (hosts == 0 && req.version() >= 11) {
    refuse(400, "invalid-request", "An HTTP/1.1 request needs a Host header.");
    return;
  }

  auto url = boost::urls::parse_origin_form(req.target());
  if (!url) {
    refuse(400, "invalid-request", "The address (request target) is not valid.");
    return;
  }
  std::vector<InvalidParam> bad;
  for (auto segment : url->encoded_segments()) {
    if (!is_clean_text(segment.decode())) bad.push_back(text_param(std::string(segment)));
  }
  if (!bad.empty() && options_.router) {
    auto match = options_.router->match(to_method(req.method()), url->path());
    if (auto* found = std::get_if<Router::Found>(&match)) {
      std::vector<InvalidParam> named;
      for (const auto& [name, value] : found->params) {
        if (!is_clean_text(value)) named.push_back(text_param(name));
      }
      std::sort(named.begin(), named.end(),
                [](const auto& a, const auto& b) { return a.name < b.name; });
      if (!named.empty()) bad = std::move(named);
    }
  }
  auto decoded = url->params();
  auto encoded = url->encoded_params();
  auto e = encoded.begin();
  for (auto it = decoded.begin(); it != decoded.end(); ++it, ++e) {
    auto param = *it;
    if (is_clean_text(param.key) && is_clean_text(param.value)) continue;
    // Name the parameter as decoded when that is text, else as sent (percent-encoded ASCII).
    bad.push_back(text_param(is_clean_text(param.key) ? param.key : std::string((*e).key)));
  }
  if (!bad.empty()) {
    refuse(400, "invalid-request",
           "The address holds a path segment or query parameter that is not UTF-8 text or "
           "contains a NUL character.",
           std::move(bad));
    return;
  }

  request_.method = to_method(req.method());
  request_.method_text = std::string(req.method_string());
  request_.target = std::string(req.target());
  request_.path = url->path();
  for (auto param : decoded) request_.query.emplace_back(param.key, param.value);
  for (const auto& field : req) request_.headers.add(field.name_string(), field.value());
  head_read_ = true;

  // The body's limit: the server's, or the larger one of a route that uploads files. Only a
  // body that could be larger looks for its route.
  limit_ = options_.body_limit;
  auto length = impl_->parser.content_length();
  bool large = impl_->parser.chunked() || (length && *length > options_.body_limit);
  if (large && options_.large_body_limit > options_.body_limit && options_.router) {
    auto match = options_.router->match(request_.method, request_.path);
    if (auto* found = std::get_if<Router::Found>(&match); found && found->route->body_limit > 0) {
      limit_ = found->route->body_limit;
    }
  }
  if (length && *length > limit_) {
    refuse(413, "payload-too-large",
           "The body may be at most " + std::to_string(limit_) + " bytes.");
    return;
  }
  impl_->parser.body_limit(limit_);
}

std::optional<std::uint64_t> RequestParser::content_length() const {
  auto n = impl_->parser.content_length();
  return n ? std::optional<std::uint64_t>(*n) : std::nullopt;
}

bool RequestParser::chunked() const { return impl_->parser.chunked(); }
bool RequestParser::keep_alive() const { return impl_->parser.keep_alive(); }
unsigned RequestParser::version() const { return impl_->parser.get().version(); }
bool RequestParser::expects_continue() const {
  return beast::iequals(impl_->parser.get()[bhttp::field::expect], "100-continue");
}
std::size_t RequestParser::body_size() const { return impl_->parser.get().body().size; }

void RequestParser::divert_body(BodySink sink) {
  auto& body = impl_->parser.get().body();
  if (state_ != State::Body || body.size > 0) return;
  body.sink = std::move(sink);
}

bool RequestParser::diverted() const { return static_cast<bool>(impl_->parser.get().body().sink); }

Request RequestParser::take() {
  request_.body = std::move(impl_->parser.get().body().text);
  return std::move(request_);
}

Parsed parse_request(std::string_view bytes, ParserOptions options) {
  RequestParser parser(options);
  Parsed out;
  for (;;) {
    auto n = parser.feed(bytes.substr(out.consumed));
    out.consumed += n;
    auto state = parser.state();
    if (state == RequestParser::State::Refused) {
      out.refusal = parser.refusal();
      return out;
    }
    if (state == RequestParser::State::Done) {
      out.request = parser.take();
      return out;
    }
    if (n == 0) return out;  // needs more bytes than there are
  }
}

}  // namespace loket::http
