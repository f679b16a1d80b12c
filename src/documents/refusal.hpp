// The expected ways a document operation is refused, as values the doors map to HTTP statuses.
#pragma once

#include <boost/system/result.hpp>
#include <stdexcept>
#include <string>
#include <utility>

namespace loket::documents {

struct Refusal {
  enum class Kind {
    TooLarge,        // past the per-file limit (413)
    CaseLimit,       // past the per-case limit (413)
    BadEncoding,     // inline content that is not valid base64 (400 naming the field)
    TypeNotAllowed,  // the detected type is not on the allow-list (400 naming the content)
    TypeMismatch,    // the declared type disagrees with the content (400 naming the field)
    Infected,        // the virus scanner found something; nothing is kept (400)
    NotScanned,      // not (yet) scanned clean: never served (409)
    NotFound,        // no such document or version (404)
  };
  Kind kind = Kind::NotFound;
  std::string field;   // the request field it is about, e.g. "content" or "mediaType"
  std::string detail;  // one sentence for people; never personal data

  // The HTTP status a door answers with; one place, so every door agrees.
  int status() const {
    switch (kind) {
      case Kind::TooLarge:
      case Kind::CaseLimit:
        return 413;
      case Kind::BadEncoding:
      case Kind::TypeNotAllowed:
      case Kind::TypeMismatch:
      case Kind::Infected:
        return 400;
      case Kind::NotScanned:
        return 409;
      case Kind::NotFound:
        return 404;
    }
    return 400;
  }
};

// Thrown only by Result::value() on a refusal, i.e. by a caller that did not check.
class Refused : public std::runtime_error {
 public:
  explicit Refused(Refusal r) : std::runtime_error(r.detail), refusal_(std::move(r)) {}
  const Refusal& refusal() const { return refusal_; }

 private:
  Refusal refusal_;
};

// Found by boost::system::result through argument-dependent lookup.
[[noreturn]] inline void throw_exception_from_error(const Refusal& r,
                                                    const boost::source_location&) {
  throw Refused(r);
}

template <class T>
using Result = boost::system::result<T, Refusal>;

inline Refusal refuse(Refusal::Kind kind, std::string field, std::string detail) {
  return Refusal{kind, std::move(field), std::move(detail)};
}

}  // namespace loket::documents
