// The ZGW door's answer to a refused document operation: the documents domain says why as a
// value (documents::Refusal), this maps it to HTTP, so src/documents stays free of HTTP errors.
#pragma once

#include "documents/refusal.hpp"
#include "http/error.hpp"

namespace loket::zgw {

// The http::Error the ZGW APIs throw for a refusal: its status (413 past a limit, 400 for a
// wrong type or a virus, 409 while not scanned, 404), with invalidParams naming the field and a
// code such as "max-size", "media-type-mismatch", "media-type-not-allowed", "infected".
http::Error document_refusal_error(const documents::Refusal& refusal);

}  // namespace loket::zgw
