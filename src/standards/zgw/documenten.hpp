// The Documenten API (DRC 1.7.1): enkelvoudiginformatieobjecten over documents::DocumentService,
// gebruiksrechten, objectinformatieobjecten (the domain's document links).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "standards/zgw/api.hpp"
#include "standards/zgw/catalogi.hpp"
#include "standards/zgw/zaken.hpp"

namespace loket::zgw {

// The registered resources, for the Zaken API's zaakinformatieobjecten.
struct Documenten {
  const Resource* informatieobject = nullptr;
  const Resource* gebruiksrecht = nullptr;
  const Resource* objectinformatieobject = nullptr;
};

// enkelvoudiginformatieobjecten (documenten_eio.cpp), gebruiksrechten and
// objectinformatieobjecten (documenten_links.cpp).
Documenten add_documenten(Api& api, const Catalogi& catalogi, const Zaken& zaken);

// The uuid of one of our enkelvoudiginformatieobjecten a URL names (absolute or relative), or
// nullopt when the URL is not one of ours.
std::optional<std::string> informatieobject_uuid(Api& api, std::string_view url);

// A document another door linked to a case (a resident's upload sent with the application, a
// case worker's document) made visible to the Documenten and Zaken APIs, in the caller's
// transaction: its enkelvoudiginformatieobject (same uuid as the domain's document; its type the
// catalogus's informatieobjecttype named as the document asked for, or kStaffDocumentType) when
// it has none, and the zaakinformatieobject of the link when there is none. Nothing when the link
// is gone or no informatieobjecttype fits (logged).
struct ProjectedLink {
  bool informatieobject_created = false;
  std::optional<std::string> zaakinformatieobject;  // uuid, made now or before
};
ProjectedLink project_case_document(Api& api, db::Connection& c, const std::string& document_uuid,
                                    const std::string& case_id);

// zrc-007: how many of Loket's own documents linked to the zaak (relative URL) have no
// indicatieGebruiksrecht yet (null); closing the zaak is refused while any has none.
std::int64_t documents_without_usage_rights(db::Connection& c, std::string_view zaak_url);
// zrc-016: how many of Loket's own documents linked to the zaak are not `gearchiveerd`; an
// archiefstatus other than nog_te_archiveren is refused while any is not.
std::int64_t documents_not_archived(Api& api, std::string_view zaak_url);

}  // namespace loket::zgw
