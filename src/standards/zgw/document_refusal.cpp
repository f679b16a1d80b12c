// Refusals of the documents domain as the ZGW APIs answer them; see document_refusal.hpp.
#include "standards/zgw/document_refusal.hpp"

#include <string>
#include <vector>

namespace loket::zgw {

using documents::Refusal;

http::Error document_refusal_error(const Refusal& refusal) {
  auto field = [&](std::string code) {
    return std::vector<http::InvalidParam>{{refusal.field, std::move(code), refusal.detail}};
  };
  switch (refusal.kind) {
    case Refusal::Kind::TooLarge:
      return http::Error(413, "payload-too-large", refusal.detail, field("max-size"));
    case Refusal::Kind::CaseLimit:
      return http::Error(413, "payload-too-large", refusal.detail, field("case-max-size"));
    case Refusal::Kind::BadEncoding:
      return http::BadRequest(refusal.detail, field("invalid-base64"));
    case Refusal::Kind::TypeMismatch:
      return http::BadRequest(refusal.detail, field("media-type-mismatch"));
    case Refusal::Kind::TypeNotAllowed:
      return http::BadRequest(refusal.detail, field("media-type-not-allowed"));
    case Refusal::Kind::Infected:
      return http::BadRequest(refusal.detail, field("infected"));
    case Refusal::Kind::NotScanned:
      return http::Conflict(refusal.detail);
    case Refusal::Kind::NotFound:
      return http::NotFound(refusal.detail);
  }
  return http::BadRequest(refusal.detail);
}

}  // namespace loket::zgw
